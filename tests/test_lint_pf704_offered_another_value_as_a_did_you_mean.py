"""PF704 for one value of a valued derived fact no rule derives (`pace equals slow`, no rule
deriving pace=slow) offered another value as a did-you-mean ("did you mean 'pace=fast'?"): no
misspelling (the value is one the schema declares), and not how a rule names it. Another
derived fact of a close name is still offered, by the name a rule writes."""
from __future__ import annotations

import re

from pathfit.engine.authoring.lint.run import lint

from .helpers import fixture_copy


RULE = "  - id: x.odd\n    reason: r\n    cites: [focus]\n    when: {{fact: {fact}, equals: true}}\n" \
       "    then: {{evidence: {{mentoring: 1}}}}\n"


def test_pf704_for_a_value_no_rule_derives_offers_no_other_value(tmp_path):
    rules = fixture_copy(tmp_path, "valued")
    text = (rules / "rules.yaml").read_text()
    (rules / "rules.yaml").write_text(re.sub(r"then: \{derive: \{pace: slow\}\}", "then: {evidence: {mentoring: 1}}",
                                             text))
    dead = [p for p in lint(rules).problems if p.code == "PF704"]
    assert [p.message for p in dead if "pace=slow" in p.message] and not any("did you mean" in p.message for p in dead)


def test_pf704_still_offers_a_derived_fact_of_a_close_name(tmp_path):
    rules = fixture_copy(tmp_path, "tiny")
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("\nderived:\n", "\nderived:\n  structure:\n    description: s\n"))
    text = (rules / "rules.yaml").read_text()
    (rules / "rules.yaml").write_text(text + RULE.format(fact="structure"))
    dead = [p for p in lint(rules).problems if p.code == "PF704"]
    assert [p.message for p in dead] and all(p.message.endswith("(did you mean 'structured'?)") for p in dead), dead
