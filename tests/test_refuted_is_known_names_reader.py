"""PF210 for `is: known` on a derived fact that has to be refuted: a rule deriving d2 on
`d1 is known` is fine alone, but once another rule needs d2 false, d2 must be able to fail,
so that rule must be refuted, and `not d1 is known` cannot be decided. The problem stays at
the `is: known` test, and its message names the rule (id and place) that needs d2 false,
the first in rule order, since that is a rule the author may have to change: it once named
no other rule and advised `equals: false` there."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import HERE
from .derived_layers import POLICY  # coaching where it leads, else undetermined

SCHEMA = """ruleset: fz
knowledge_base: kb.md
facts:
  b1: {type: bool, question: B1?}
derived:
  d1: {description: d one}
  d2: {description: d two}
  d3: {description: d three}
"""
RULE = "  - id: {}\n    reason: R.\n    cites: [goals]\n    when: {}\n    then: {}\n"
DERIVE_D2 = [("r.d1", "{fact: b1, equals: true}", "{derive: [d1]}"),
             ("r.d2", "{fact: d1, is: known}", "{derive: [d2]}")]  # its test at line 10, column 11


def _problem(tmp_path: Path, rules: list[tuple]) -> object:
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "kb.md").write_text("# KB\n\n## Goals <a id=\"goals\"></a>\n\nText.\n", encoding="utf-8")
    (tmp_path / "rules.yaml").write_text("rules:\n" + "".join(RULE.format(*r) for r in rules), encoding="utf-8")
    with pytest.raises(PathfitError) as err:
        Engine.load(tmp_path)
    [problem] = err.value.problems
    return problem


def test_the_rule_that_needs_the_derived_fact_false_is_named(tmp_path):
    problem = _problem(tmp_path, DERIVE_D2 + [
        ("r.t", "{fact: d2, equals: true}", "{evidence: {mentoring: 1}}"),
        ("r.f", "{fact: d2, equals: false}", "{evidence: {coaching: 1}}"),   # its test at line 20
        ("r.g", "{not: {fact: d2, equals: true}}", "{evidence: {coaching: 1}}")])
    assert (problem.code, Path(problem.pos.file).name, problem.pos.line, problem.pos.col) == \
        ("PF210", "rules.yaml", 10, 11)
    assert "'r.f' (line 20)" in problem.message and "'r.g'" not in problem.message


def test_a_rule_refuted_in_turn_is_named_when_its_refutation_needs_the_fact_false(tmp_path):
    problem = _problem(tmp_path, DERIVE_D2 + [
        ("r.d3", "{fact: d2, equals: true}", "{derive: [d3]}"),   # its test at line 15
        ("r.f", "{fact: d3, equals: false}", "{evidence: {coaching: 1}}")])
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF210", 10, 11)
    assert "'r.d3' (line 15)" in problem.message and "'r.f'" not in problem.message


def test_a_rule_in_another_file_is_named_by_file_line_and_column(tmp_path):
    rules = tmp_path / "tiny"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)  # e.mentor tests structured false at rules.yaml:20:11
    known = RULE.format("x.known", "{fact: broad, is: known}", "{derive: [structured]}").replace("goals", "focus")
    (rules / "a_known.yaml").write_text("rules:\n" + known, encoding="utf-8")
    with pytest.raises(PathfitError) as err:
        Engine.load(rules)
    [problem] = err.value.problems
    assert (problem.code, Path(problem.pos.file).name, problem.pos.line, problem.pos.col) == \
        ("PF210", "a_known.yaml", 5, 11)
    assert f"'e.mentor' ({rules / 'rules.yaml'}:20:11)" in problem.message
