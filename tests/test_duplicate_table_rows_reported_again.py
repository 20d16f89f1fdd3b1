"""A decision table whose id another table has is one mistake, reported once, at its id.

Regression: docs/rule-language.md and docs/authoring.md say the rows of a second table with a
used id "are not reported again", yet only their clashes with the first table's rows were left
out: a row of the copy was still PF206 against a rule of the same id elsewhere (`fit.loose`,
whose id exists only because the copy took the id `fit`), and lint still warned PF709 of rows
of the copy having the same conditions as other rules, a cascade from the one mistake. Now the
copy's rows are checked against the rest of the rule set only once its id is its own; what is
wrong inside the copy, and every clash among the other rules, is still reported.
"""
from __future__ import annotations

import shutil

import pytest

from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring.lint.run import lint

from .helpers import HERE

FIRST = """tables:
  - id: fit
    hit: unique
    reason: Goal fit.
    cites: [focus]
    inputs:
      - {fact: goal}
    rows:
      - {id: sharp, when: [specific], then: {evidence: {coaching: 1}}}
"""
# the copy: `fit` again (line 2, col 9); its rows fit.keen (line 9) and fit.loose (line 10)
COPY = """tables:
  - id: fit
    hit: unique
    reason: Goal fit again.
    cites: [focus]
    inputs:
      - {fact: goal}
    rows:
      - {id: keen, when: [specific], then: {evidence: {coaching: 2}}}
      - {id: loose, when: [undefined], then: {evidence: {mentoring: 1}}}
"""
# a rule with the id of a row of the copy (line 2), one with the conditions of another (line 7)
RULES = """rules:
  - id: fit.loose
    reason: An emerging goal.
    cites: [focus]
    when: {fact: goal, equals: emerging}
    then: {evidence: {mentoring: 1}}
  - id: other.loose
    reason: No goal at all.
    cites: [focus]
    when: {fact: goal, equals: undefined}
    then: {evidence: {mentoring: 2}}
"""
# what is reported whatever the copy: a rule clashing with the first table's row (line 2), and
# a rule with the same conditions as another rule outside the copy (line 7, against c.yaml:7)
REAL = """rules:
  - id: fit.sharp
    reason: A specific goal, twice.
    cites: [focus]
    when: {fact: goal, equals: specific}
    then: {evidence: {coaching: 1}}
  - id: again.loose
    reason: No goal at all, again.
    cites: [focus]
    when: {fact: goal, equals: undefined}
    then: {evidence: {mentoring: 3}}
"""


def _rules(tmp_path, files: dict[str, str]):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    for name, text in files.items():
        (rules / name).write_text(text, encoding="utf-8")
    return rules


def _found(rules, report) -> list[tuple[str, str, int, int]]:
    return [(p.code, p.pos.file.removeprefix(f"{rules}/"), p.pos.line, p.pos.col) for p in report.problems
            if p.code in ("PF206", "PF709")]


def _load_problems(rules) -> list[tuple[str, str, int, int]]:
    with pytest.raises(PathfitError) as err:
        Engine.load(rules)
    return [(p.code, p.pos.file.removeprefix(f"{rules}/"), p.pos.line, p.pos.col) for p in err.value.problems]


def test_a_copied_tables_rows_are_not_reported_against_other_rules(tmp_path):
    rules = _rules(tmp_path, {"a.yaml": FIRST, "b.yaml": COPY, "c.yaml": RULES})
    assert _found(rules, lint(rules)) == [("PF206", "b.yaml", 2, 9)]
    assert _load_problems(rules) == [("PF206", "b.yaml", 2, 9)]


def test_the_same_rows_under_an_id_of_their_own_are_reported(tmp_path):
    """The reference: the copy renamed, its rows' clash and overlap are the rule set's own."""
    rules = _rules(tmp_path, {"a.yaml": FIRST, "b.yaml": COPY.replace("  - id: fit\n", "  - id: fit2\n"),
                              "c.yaml": RULES.replace("fit.loose", "fit2.loose")})
    assert _found(rules, lint(rules)) == [("PF709", "b.yaml", 9, 9),  # fit2.keen is fit.sharp's conditions
                                          ("PF206", "c.yaml", 2, 9),  # fit2.loose is a row's id
                                          ("PF709", "c.yaml", 7, 5)]  # other.loose is that row's conditions


def test_clashes_outside_the_copy_and_inside_it_are_still_reported(tmp_path):
    inside = COPY.replace("{id: loose, when: [undefined]", "{id: keen, when: [undefined]")
    rules = _rules(tmp_path, {"a.yaml": FIRST, "b.yaml": inside, "c.yaml": RULES, "d.yaml": REAL})
    found = _found(rules, lint(rules))
    assert found == [("PF206", "b.yaml", 2, 9),  # the copy's id
                     ("PF206", "b.yaml", 10, 14),  # two rows of the copy with one id
                     ("PF206", "d.yaml", 2, 9),  # a rule with the first table's row's id
                     ("PF709", "d.yaml", 7, 5)]  # two rules outside the copy alike
    assert _load_problems(rules) == [p for p in found if p[0] == "PF206"]
