"""PF720 said a rule reading a derived fact as false (`not: {fact: broad, equals: true}`) was
redundant beside a more general rule, and that without it "every derived fact ... is the same".
But pathfit establishes that a derived fact fails only where some rule needs it to (the compiler
refutes a fact's derivers only then): with the rule gone, `broad` was left undecided for every
person for whom it had failed (at 1,000 generated rules, 166 of 400 people). Likewise a rule
deriving a fact that reads another: refuting it needs the fact it reads false. Such a rule is no
longer called redundant. Codes and positions, and the difference itself, on the lint test base."""
from __future__ import annotations

from pathlib import Path

from pathfit.engine import Engine
from pathfit.engine.authoring.lint.run import lint

from .test_lint import build


def _rule(rid: str, when: str, then: str) -> str:
    return f"  - id: {rid}\n    reason: r\n    cites: [focus]\n    when: {when}\n    then: {then}\n"


GENERAL = _rule("z.general", "{fact: ready, equals: true}", "{suggest: [peer_mentoring]}")
NOT_BROAD = _rule("z.not_broad", "{all: [{fact: ready, equals: true}, {not: {fact: broad, equals: true}}]}",
                  "{suggest: [peer_mentoring]}")
BROAD_KNOWN = _rule("z.broad_known", "{all: [{fact: ready, equals: true}, {fact: broad, is: known}]}",
                    "{suggest: [peer_mentoring]}")


def _pf720(rules: Path) -> list[tuple]:
    return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in lint(rules).problems if p.code == "PF720"]


def _fails(rules: Path, person: dict) -> set:
    with Engine.load(rules) as engine:
        return set(engine.evaluate(person)._result.fails)


def test_a_rule_needing_a_derived_fact_false_is_not_called_redundant(tmp_path: Path) -> None:
    rules = build({"files": {"zz.yaml": "rules:\n" + GENERAL + NOT_BROAD}}, tmp_path / "with")
    assert _pf720(rules) == []
    without = build({"files": {"zz.yaml": "rules:\n" + GENERAL}}, tmp_path / "without")
    person = {"ready": True, "needs": ["skill"]}
    assert "broad" in _fails(rules, person) and "broad" not in _fails(without, person)


def test_is_known_on_a_derived_fact_needs_it_false_too(tmp_path: Path) -> None:
    rules = build({"files": {"zz.yaml": "rules:\n" + GENERAL + BROAD_KNOWN}}, tmp_path)
    assert _pf720(rules) == []


def test_a_derivation_reading_a_fact_that_must_fail_is_not_called_redundant(tmp_path: Path) -> None:
    """z.narrow derives structured (read false by e.mentor), so refuting it needs broad false."""
    general = _rule("z.general", "{fact: ready, equals: true}", "{derive: [structured]}")
    narrow = _rule("z.narrow", "{all: [{fact: ready, equals: true}, {fact: broad, equals: true}]}",
                   "{derive: [structured]}")
    rules = build({"files": {"zz.yaml": "rules:\n" + general + narrow}}, tmp_path)
    assert _pf720(rules) == []


def test_a_rule_reading_derived_facts_as_holding_only_is_still_redundant(tmp_path: Path) -> None:
    narrow = _rule("z.narrow", "{all: [{fact: ready, equals: true}, {fact: broad, equals: true}]}",
                   "{suggest: [peer_mentoring]}")
    rules = build({"files": {"zz.yaml": "rules:\n" + GENERAL + narrow}}, tmp_path)
    assert _pf720(rules) == [("PF720", "zz.yaml", 7, 5)]
