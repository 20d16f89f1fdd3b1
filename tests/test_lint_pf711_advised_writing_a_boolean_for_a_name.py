"""With schema.yaml's `facts:` refused (a misspelt key), the rules are not checked against the
facts, so a rule's `fact: no` (YAML 1.1 reads the plain `no` as false) was lint's PF711 warning,
whose advice ended "or write false": a fact's name is never a boolean (nor `012` a number).
Where only a name is legal (`fact`, `id`, `cites`, `derive`, `suggest`, `refer`, a test's
`fired`) the advice is to quote it, and nothing else."""
from __future__ import annotations

import pytest

from pathfit.engine.authoring.lint.run import lint

from .helpers import fixture_copy


RULE = "  - id: x.odd\n    reason: r\n    cites: [focus]\n    when: {{fact: {fact}, equals: true}}\n" \
       "    then: {{evidence: {{mentoring: 1}}}}\n"


@pytest.mark.parametrize("written, read", [("no", "false"), ("off", "false"), ("yes", "true"), ("012", "10")])
def test_a_fact_name_yaml_reads_otherwise_is_advised_to_be_quoted_only(tmp_path, written, read):
    rules = fixture_copy(tmp_path, "tiny")
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("\nfacts:\n", "\nfactz:\n"))
    text = (rules / "rules.yaml").read_text()
    line = text.count("\n") + 4
    (rules / "rules.yaml").write_text(text + RULE.format(fact=written))
    at = [p for p in lint(rules).problems if (p.pos.file.endswith("rules.yaml"), p.pos.line, p.pos.col)
          == (True, line, 18)]
    assert [(p.code, p.severity) for p in at] == [("PF711", "warning")], at
    assert f"write {read}" not in at[0].message and "without a leading zero" not in at[0].message, at[0].message
    assert at[0].message.endswith("quote it"), at[0].message
