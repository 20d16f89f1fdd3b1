"""`pathfit test` checked each rule a case names in `fired` or `not_fired` by looking for it in
the list of every rule id, built again for every case: the check grew as cases x names x rules,
about a second of 200 cases' loading at 1,000 rules, five at 3,000. A name is now looked up by
its hash in the ids, made once per rule set. Counted here (every comparison of a rule id with a
name), never timed: the comparisons per name stay the same from 300 to 1,000 rules, and an
unknown name is still PF802 with its hint."""
from __future__ import annotations

import pytest

from pathfit.engine.authoring.rule_tests import load_cases
from pathfit.engine.errors import PathfitError

from .helpers import synthetic_engines

COMPARED = [0]


class CountedId(str):
    """A rule id that counts each comparison made with it."""

    def __eq__(self, other: object) -> bool:
        COMPARED[0] += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


def _counted(engine):
    """The engine with rule ids that count their comparisons (the rules as they were otherwise)."""
    rs = engine.ruleset
    engine.ruleset = rs._replace(rules=tuple(r._replace(id=CountedId(r.id)) for r in rs.rules))
    return rs


def _compared(engine, tmp_path, name: str, cases: int = 20) -> int:
    """Comparisons of rule ids made loading `cases` cases, each naming the last five rules."""
    ids = [r.id for r in engine.ruleset.rules][-5:]
    text = "cases:\n" + "".join(f"  - name: c{i}\n    profile: {{}}\n    expect: {{outcome: undetermined, "
                                f"fired: [{', '.join(ids[:3])}], not_fired: [{', '.join(ids[3:])}]}}\n"
                                for i in range(cases))
    path = tmp_path / f"{name}.yaml"
    path.write_text(text)
    kept = _counted(engine)
    COMPARED[0] = 0
    try:
        assert len(load_cases([path], engine)) == cases
    finally:
        engine.ruleset = kept
    return COMPARED[0]


def test_a_name_costs_the_same_at_300_and_1000_rules(engines, tmp_path) -> None:
    small = _compared(engines(300, 11), tmp_path, "small")
    large = _compared(engines(1000, 11), tmp_path, "large")
    assert small == large
    assert small <= 2 * 20 * 5  # a few comparisons per name named, not one per rule


def test_an_unknown_name_is_still_reported_with_its_hint(engines, tmp_path) -> None:
    engine = engines(300, 11)
    known = engine.ruleset.rules[0].id
    path = tmp_path / "typo.yaml"
    path.write_text(f"cases:\n  - name: c\n    profile: {{}}\n    expect: {{outcome: undetermined, fired: [{known}x]}}\n")
    with pytest.raises(PathfitError) as err:
        load_cases([path], engine)
    assert [(p.code, p.pos.line) for p in err.value.problems] == [("PF802", 4)]
    assert repr(known) in err.value.problems[0].message or known in err.value.problems[0].message
