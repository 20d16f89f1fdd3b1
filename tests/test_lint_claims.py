"""Lint claims only what is certain: PF709's "same effects" only of rules whose effects
validated, and no PF709 beside a PF206 for one rule written twice. Codes and positions
are asserted; the words only where they are the claim itself."""
from __future__ import annotations

import shutil
from pathlib import Path

from pathfit.engine.authoring.lint.run import lint

from .helpers import tiny_copy

_TWINS = """\
rules:
  - id: w.one
    reason: r
    cites: [focus]
    when: {fact: goal, equals: emerging}
    then: {evidence: {mentoring: 1}}
  - id: w.two
    reason: r
    cites: [focus]
    when: {fact: goal, equals: emerging}
    then: {evidence: {mentoring: 1, coaching: 1e3}}
"""


def _found(rules: Path) -> list[tuple]:
    return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in lint(rules).problems]


def test_same_effects_is_not_claimed_of_a_rule_whose_then_was_refused(tmp_path: Path) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "w.yaml").write_text(_TWINS)
    report = lint(rules)
    twins = [p for p in report.problems if p.code == "PF709"]
    assert [(Path(p.pos.file).name, p.pos.line, p.pos.col) for p in twins] == [("w.yaml", 7, 5)]
    assert "same effects" not in twins[0].message  # coaching's weight was refused, not equal
    assert any(p.code == "PF211" and p.pos.line == 11 for p in report.errors)


def test_same_effects_is_still_claimed_when_both_validate(tmp_path: Path) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "w.yaml").write_text(_TWINS.replace(", coaching: 1e3", ""))
    twins = [p for p in lint(rules).problems if p.code == "PF709"]
    assert len(twins) == 1 and "same effects" in twins[0].message


def test_a_rule_file_written_twice_is_pf206_alone(tmp_path: Path) -> None:
    rules = tiny_copy(tmp_path)
    shutil.copy(rules / "rules.yaml", rules / "rules_copy.yaml")
    found = _found(rules)
    assert any(code == "PF206" for code, *_ in found)
    assert not any(code == "PF709" for code, *_ in found), found


def test_y_and_n_are_warned_of_as_booleans_to_yaml_11_as_values_and_as_keys(tmp_path: Path) -> None:
    rules = tiny_copy(tmp_path)
    schema = (rules / "schema.yaml").read_text()
    schema = schema.replace("values: [specific, emerging, undefined]",
                            "values: [specific, emerging, undefined, n]\n    labels: {specific: S, n: None}")
    (rules / "schema.yaml").write_text(schema)
    (rules / "n.yaml").write_text("rules:\n  - id: n.none\n    reason: r\n    cites: [focus]\n"
                                  "    when: {fact: goal, equals: n}\n    then: {evidence: {mentoring: 1}}\n")
    report = lint(rules)
    warned = [p for p in report.problems if p.code == "PF711"]
    at = sorted((Path(p.pos.file).name, p.pos.line, p.pos.col) for p in warned)
    line = schema.splitlines().index("    labels: {specific: S, n: None}") + 1
    assert at == [("n.yaml", 5, 32), ("schema.yaml", line - 1, 45), ("schema.yaml", line, 27)], at
    assert not report.errors
    for p in warned:  # the boolean YAML 1.1 makes of it, and the quoting that keeps the text
        assert "boolean false" in p.message and "'n'" in p.message and "leading zero" not in p.message


def test_an_error_at_a_y_or_n_does_not_say_yaml_read_it_otherwise(tmp_path: Path) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "n.yaml").write_text("rules:\n  - id: n.none\n    reason: r\n    cites: [focus]\n"
                                  "    when: {fact: goal, equals: n}\n    then: {evidence: {mentoring: 1}}\n")
    errors = [p for p in lint(rules).errors if p.code == "PF204"]
    assert [(p.pos.line, p.pos.col) for p in errors] == [(5, 32)]
    assert "YAML 1.1 reads" not in errors[0].message  # pathfit read the text 'n', as written


def test_a_duplicate_anchor_says_what_is_wrong(tmp_path: Path) -> None:
    from pathfit.engine import PathfitError
    from pathfit.engine.pipeline.load import parse_yaml

    try:
        parse_yaml("a: &c [1]\nb: &c [2]\n", "x.yaml")
    except PathfitError as err:
        (problem,) = err.problems
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF102", 2, 4)
    assert "&c" in problem.message and "line 1" in problem.message
