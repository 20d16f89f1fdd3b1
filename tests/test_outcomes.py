"""Outcomes declared by the policy: a rule set whose outcomes are animals loads,
lints, tests and decides; every view shows the policy's label; an undeclared
outcome named anywhere is a located error with a did-you-mean."""
from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.authoring.catalogue import render as catalogue
from pathfit.engine.pipeline.policy import CLASSIC

OUTCOMES = tuple(o.name for o in CLASSIC)  # the vocabulary a policy without `outcomes:` declares
from pathfit.engine.pipeline.policy import CLASSIC, declared, label
from pathfit.engine.reports.html import render as html_report

from .helpers import HERE, ROOT

ANIMALS = HERE / "fixtures" / "animals"
ZEBRA = {"diet": "plants", "coat": "stripes", "neck": "ordinary", "speed_kmh": 60}


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_animal_rule_set_lints_and_its_tests_cover_every_rule():
    lint = run("lint", "--rules", ANIMALS)
    assert lint.exit_code == 0, lint.output
    tested = run("test", ANIMALS, "--min-coverage", "100")
    assert tested.exit_code == 0, tested.output
    assert "outcomes: cheetah 1, giraffe 1, tiger 1, unknown_animal 1, zebra 1" in tested.output


def test_animal_decision_is_shown_in_the_policys_words():
    text = run("recommend", "--rules", ANIMALS, *[f"--fact={k}={v}" for k, v in ZEBRA.items()])
    assert text.exit_code == 0, text.output
    assert text.output.startswith("Recommendation: Zebra\nConfidence: 0.83\n")  # (2 + 1/2) / 3
    assert "takes away its weight for the others" in text.output  # four evidence outcomes, not two
    md = run("recommend", "--rules", ANIMALS, "--format", "markdown", *[f"--fact={k}={v}" for k, v in ZEBRA.items()])
    assert md.output.startswith("# Recommendation: Zebra\n")
    out = json.loads(run("recommend", "--rules", ANIMALS, "--format", "json",
                         *[f"--fact={k}={v}" for k, v in ZEBRA.items()]).output)
    assert (out["recommendation"], out["label"]) == ("zebra", "Zebra")


def test_why_not_and_what_if_carry_the_labels():
    with Engine.load(ANIMALS) as engine:
        decision = engine.evaluate(ZEBRA)
        from pathfit.engine.explain.result import explanation

        why = explanation(engine, decision, "giraffe")
        assert (why["label"], why["decided_label"]) == ("Giraffe", "Zebra")
        what = explanation(engine, decision, what_if_search=True)
        assert what["label"] == "Zebra"
        assert {a["outcome"]: a["label"] for a in what["alternatives"]}["giraffe"] == "Giraffe"


def test_html_report_shows_the_recorded_label_and_an_old_record_its_identifier():
    with Engine.load(ANIMALS) as engine:
        record = build_record(engine, engine.evaluate(ZEBRA), None, record_id="r1")
    assert record["decision"]["label"] == "Zebra"
    assert "Recommendation: <bdi>Zebra</bdi> &middot;" in html_report(record)
    del record["decision"]["label"]  # a record made before outcomes had labels
    assert "Recommendation: <bdi>zebra</bdi> &middot;" in html_report(record)


def test_catalogue_lists_rules_for_outcomes_beyond_coaching_and_mentoring():
    """Regression: the catalogue's headings were fixed to coaching and mentoring, so
    rules giving evidence for any other outcome were left out of it."""
    with Engine.load(ANIMALS) as engine:
        text = catalogue(engine.ruleset, "kb.md")
    for rule in engine.ruleset.rules:
        assert f"### `{rule.id}`" in text
    assert "## Evidence for giraffe" in text
    assert "| `unknown_animal` | Not sure which animal | Too little to go on. |" in text


def test_bundled_policy_declares_the_classic_outcomes():
    """The bundled policy writes out what a policy without `outcomes:` means, word for word,
    and adds sponsorship (knowledge base: sponsorship-outcome)."""
    with Engine.load(ROOT / "rules") as engine:
        classic = tuple(o for o in engine.ruleset.policy.outcomes if o.name != "sponsorship")
        assert classic == tuple(o._replace(pos=p.pos) for o, p in zip(CLASSIC, classic))
        assert tuple(o.name for o in declared(engine.ruleset.policy) if o.name != "sponsorship") == OUTCOMES
        assert label(engine.ruleset.policy, "sponsorship") == "A sponsor"
        assert label(engine.ruleset.policy, "blended") == "A blend of coaching and mentoring"


class _Firing:
    def __init__(self, rule: str, evidence: dict):
        self.rule, self.evidence = rule, tuple(evidence.items())
        self.refer, self.not_now, self.suggest = None, False, ()


def test_three_outcome_balance_is_n_times_the_least_over_the_total():
    """The balance figure generalises 2 min / total: each outcome's weight is counted
    in the proportion least / its own score, so the reasons add up to n min / total."""
    from pathfit.engine.pipeline.decide import decide

    with Engine.load(ANIMALS) as engine:
        policy = engine.ruleset.policy
    firings = [_Firing("a", {"cheetah": 2, "tiger": 1}), _Firing("b", {"zebra": 2, "giraffe": 2}),
               _Firing("c", {"tiger": 1.5, "cheetah": 0.5})]
    v = decide(policy, firings)
    # scores cheetah 5/2, tiger 5/2, zebra 2, giraffe 2: nobody leads, the last clause (balance) decides
    assert (v.outcome, policy.clauses[v.clause].confidence) == ("unknown_animal", "balance")
    total = 9
    assert v.confidence == Fraction(4 * 2, total)
    scale = Fraction(2, Fraction(5, 2))  # least (giraffe, by name among the two at 2) / 5/2
    a = (2 * scale + 1 * scale) / total
    b = Fraction(2 + 2, total)
    c = (Fraction(3, 2) * scale + Fraction(1, 2) * scale) / total
    assert v.contributions == (("a", a), ("b", b), ("c", c)) and a + b + c == v.confidence


def _animals(tmp: Path) -> Path:
    shutil.copytree(ANIMALS, tmp / "rules")
    return tmp / "rules"


UNDECLARED = [
    ("policy.yaml", "{outcome: giraffe, when: {leads: giraffe}", "{outcome: girafe, when: {leads: giraffe}",
     "PF213", "outcome 'girafe' is not declared", "did you mean 'giraffe'?"),
    ("policy.yaml", "{outcome: giraffe, when: {leads: giraffe}", "{outcome: giraffe, when: {leads: girafe}",
     "PF213", "'leads' takes one of the evidence outcomes", "did you mean 'giraffe'?"),
    ("policy.yaml", "[cheetah, tiger, zebra, giraffe]", "[cheetah, tigger, zebra, giraffe]",
     "PF213", "'tigger' is not one of", "did you mean 'tiger'?"),
    ("rules.yaml", "{evidence: {giraffe: 2}}", "{evidence: {girafe: 2}}",
     "PF213", "evidence for 'girafe'", "did you mean 'giraffe'?"),
]


@pytest.mark.parametrize("file,old,new,code,message,hint", UNDECLARED, ids=[u[4] for u in UNDECLARED])
def test_undeclared_outcome_is_a_located_error(tmp_path, file, old, new, code, message, hint):
    rules = _animals(tmp_path)
    path = rules / file
    assert old in path.read_text()
    path.write_text(path.read_text().replace(old, new, 1))
    line = next(i for i, text in enumerate(path.read_text().splitlines(), 1) if new in text)
    result = run("lint", "--rules", rules)
    assert result.exit_code != 0
    located = [x for x in result.output.splitlines() if f": {code}: " in x and message in x]
    assert located and located[0].startswith(f"{path}:{line}:") and hint in located[0], result.output


def test_undeclared_outcome_in_a_rule_test_and_a_format(tmp_path):
    rules = _animals(tmp_path)
    cases = rules / "tests" / "animals.yaml"
    cases.write_text(cases.read_text().replace("expect: {outcome: giraffe", "expect: {outcome: girafe"))
    result = run("test", rules)
    assert result.exit_code == 2
    assert "PF803: outcome 'girafe' is not one of the policy's outcomes" in result.output
    assert "did you mean 'giraffe'?" in result.output
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text() + "formats:\n  binoculars: {for: [girafe]}\n")
    result = run("lint", "--rules", rules)
    assert "PF213: 'girafe' is not one of" in result.output and "did you mean 'giraffe'?" in result.output


def test_a_conclusion_is_not_an_evidence_outcome(tmp_path):
    rules = _animals(tmp_path)
    policy = rules / "policy.yaml"
    text = policy.read_text().replace("  - {name: cheetah,", "  - {name: refer, label: Refer}\n  - {name: cheetah,")
    policy.write_text(text.replace("[cheetah, tiger, zebra, giraffe]", "[cheetah, tiger, zebra, giraffe, refer]"))
    result = run("lint", "--rules", rules)
    assert result.exit_code != 0
    assert "PF220: 'refer' is concluded by a rule's effect" in result.output, result.output
