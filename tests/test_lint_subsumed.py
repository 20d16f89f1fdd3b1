"""PF720 is claimed only where it is true and said once: a rule adding evidence beside a more
general one is a way to weigh a case more, not a redundant rule; a rule deriving a fact is
redundant only if the general rule is false wherever it is (else the fact would fail for
more people without it); two rules covering each other give one warning, at the later; two
rows of one `unique` table are PF228's, while rows of a `collect` table are judged as rules.
Codes and positions, on the lint test base (tests/lint_cases/base)."""
from __future__ import annotations

from pathlib import Path

from pathfit.engine.authoring.lint.run import lint

from .test_lint import build


def _found(files: dict, tmp: Path, codes=("PF720",)) -> list[tuple]:
    report = lint(build({"files": files}, tmp))
    return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in report.problems if p.code in codes]


def _rule(rid: str, when: str, then: str) -> str:
    return f"  - id: {rid}\n    reason: r\n    cites: [focus]\n    when: {when}\n    then: {then}\n"


def test_evidence_beside_a_more_general_rule_is_not_redundant(tmp_path: Path):
    rules = "rules:\n" + _rule("z.ready_coach", "{all: [{fact: structured, equals: true}, {fact: needs, contains: skill},"
                                                " {fact: ready, equals: true}]}",
                               "{evidence: {coaching: 1}, suggest: [external_coach]}")
    assert _found({"zz.yaml": rules}, tmp_path) == []


def test_a_derivation_is_redundant_only_where_the_general_rule_is_false_wherever_it_is(tmp_path: Path):
    """`ready is known` covers `ready is true or ready is false` where they fire, but while
    ready is unknown it is false and the other undecided: without the other rule, broad
    would fail for people it now leaves undecided. A suggestion has no such second side."""
    both = "{any: [{fact: ready, equals: true}, {not: {fact: ready, equals: true}}]}"
    derive = "rules:\n" + _rule("z.known", "{fact: ready, is: known}", "{derive: [broad]}") + \
        _rule("z.either", both, "{derive: [broad]}")
    assert _found({"zz.yaml": derive}, tmp_path / "derive") == []
    suggest = derive.replace("{derive: [broad]}", "{suggest: [peer_mentoring]}")
    assert _found({"zz.yaml": suggest}, tmp_path / "suggest") == [("PF720", "zz.yaml", 7, 5)]


def test_is_known_on_a_derived_fact_is_never_false(tmp_path: Path):
    """`is: known` on an undecided derived fact is undecided, never false, so `structured is
    known` gives the narrower rule no way to be false: with `ready` unknown and structured true
    the general rule is false and the narrower one undecided, and without it broad would fail
    there. Read as taking any value, its negation made the claim."""
    either = "{all: [{any: [{fact: ready, equals: true}, {not: {fact: ready, equals: true}}]}, " \
             "{fact: structured, is: known}]}"
    general = "{any: [{fact: ready, is: known}, {fact: structured, equals: false}]}"
    rules = "rules:\n" + _rule("z.general", general, "{derive: [broad]}") + \
        _rule("z.either", either, "{derive: [broad]}")
    assert _found({"zz.yaml": rules}, tmp_path) == []


def test_two_rules_covering_each_other_give_one_warning_at_the_later(tmp_path: Path):
    """`structured` true, and `structured` true and known, fire for the same people, though
    PF709's normal forms differ: each covers the other, and only the later is reported."""
    true = _rule("z.true", "{fact: structured, equals: true}", "{suggest: [peer_mentoring]}")
    known = _rule("z.known", "{all: [{fact: structured, equals: true}, {fact: structured, is: known}]}",
                  "{suggest: [peer_mentoring]}")
    assert _found({"zz.yaml": "rules:\n" + true + known}, tmp_path / "a") == [("PF720", "zz.yaml", 7, 5)]
    assert _found({"zz.yaml": "rules:\n" + known + true}, tmp_path / "b") == [("PF720", "zz.yaml", 7, 5)]


TABLE = """tables:
  - id: t
    hit: {hit}
    reason: r
    cites: [focus]
    inputs: [{{fact: goal}}, {{fact: ready}}]
    rows:
      - {{id: wide, when: [specific, "-"], then: {{suggest: [external_coach]}}}}
      - {{id: narrow, when: [specific, true], then: {{suggest: [external_coach]}}}}
"""


def test_rows_of_a_unique_table_are_left_to_its_overlap_check(tmp_path: Path):
    found = _found({"table.yaml": TABLE.format(hit="unique")}, tmp_path, ("PF228", "PF720"))
    assert found == [("PF228", "table.yaml", 9, 9)]


def test_rows_of_an_any_table_with_equal_results_are_what_the_policy_allows(tmp_path: Path):
    assert _found({"table.yaml": TABLE.format(hit="any")}, tmp_path, ("PF229", "PF720")) == []


def test_rows_of_a_collect_table_are_judged_as_rules_are(tmp_path: Path):
    assert _found({"table.yaml": TABLE.format(hit="collect")}, tmp_path) == [("PF720", "table.yaml", 9, 9)]


def test_a_row_covered_by_a_rule_outside_its_table_is_reported(tmp_path: Path):
    rules = "rules:\n" + _rule("z.specific", "{fact: goal, equals: specific}", "{suggest: [external_coach]}")
    table = TABLE.format(hit="unique").replace("      - {id: narrow", "      - {id: other, when: [emerging, \"-\"], "
                                               "then: {evidence: {mentoring: 1}}}\n      - {id: narrow")
    found = _found({"table.yaml": table, "zz.yaml": rules}, tmp_path, ("PF228", "PF720"))
    assert ("PF720", "table.yaml", 10, 9) in found, found


FIRST = """tables:
  - id: t
    hit: first
    reason: r
    cites: [focus]
    inputs: [{fact: goal}, {fact: ready}]
    rows:
      - {id: narrow, when: [specific, true], then: {suggest: [external_coach]}}
      - {id: wide, when: [specific, "-"], then: {evidence: {coaching: 1}}}
      - {id: last, when: [emerging, true], then: {suggest: [external_coach]}}
"""


def test_a_row_of_a_first_table_before_its_last_is_not_called_redundant(tmp_path: Path):
    """t.narrow fires only where z.goal fires and suggests what it suggests, but without it
    t.wide would match `specific, true` too and add evidence there; the last row has no row
    after it to change."""
    rules = "rules:\n" + _rule("z.goal", "{fact: goal, one_of: [specific, emerging]}", "{suggest: [external_coach]}")
    found = _found({"table.yaml": FIRST, "zz.yaml": rules}, tmp_path)
    assert found == [("PF720", "table.yaml", 10, 9)], found


COMPLETE = """tables:
  - id: t
    hit: unique
    complete: true
    reason: r
    cites: [focus]
    inputs: [{fact: goal}, {fact: ready}]
    rows:
      - {id: specific, when: [specific, true], then: {suggest: [external_coach]}}
      - {id: unready, when: [specific, false], then: {evidence: {coaching: 1}}}
      - {id: other, when: [emerging, "-"], then: {evidence: {mentoring: 1}}}
      - {id: undefined, when: [undefined, "-"], then: {evidence: {coaching: 1}}}
"""


def test_a_row_of_a_complete_table_covered_from_outside_it_is_not_called_redundant(tmp_path: Path):
    """Without t.specific every decision is the same (z.specific suggests the same for the same
    people), but the table would leave `specific` to no row, which PF230 refuses: the warning
    would send its reader to an error. Covered by another row of its own table, a row can go."""
    rules = "rules:\n" + _rule("z.specific", "{fact: goal, equals: specific}", "{suggest: [external_coach]}")
    found = _found({"table.yaml": COMPLETE, "zz.yaml": rules}, tmp_path, ("PF230", "PF720"))
    assert found == [], found
    gone = COMPLETE.replace("      - {id: specific, when: [specific, true], then: {suggest: [external_coach]}}\n", "")
    without = _found({"table.yaml": gone, "zz.yaml": rules}, tmp_path / "without", ("PF230",))
    assert [code for code, *_ in without] == ["PF230"], without
