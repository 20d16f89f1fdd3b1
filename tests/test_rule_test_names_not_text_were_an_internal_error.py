"""A rule-test case's `fired` or `not_fired` naming something that is no text (a mapping, a
list: `fired: [{a: 1}]`) was an internal error (TypeError: unhashable), where it had been an
unknown rule, PF802 at the item, as every other name that is no rule's id: the names came to be
looked up in a dict of the rule ids, which a mapping or list cannot be a key of."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring import rule_tests as ruletest

from .helpers import tiny_copy


@pytest.mark.parametrize("key", ["fired", "not_fired"])
@pytest.mark.parametrize("item", ["{a: 1}", "[e.coach]", "{e.coach: 1}"])
def test_a_rule_name_that_is_no_text_is_an_unknown_rule(tmp_path: Path, key: str, item: str) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    head = f"    expect: {{outcome: coaching, {key}: ["
    (rules / "tests" / "bad.yaml").write_text(f"cases:\n  - name: x\n    profile: {{}}\n{head}{item}]}}\n")
    with Engine.load(rules) as engine:
        with pytest.raises(PathfitError) as info:
            ruletest.load_cases(ruletest.case_files(rules, []), engine)
    problem = info.value.problems[0]
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF802", 4, len(head) + 1)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)], catch_exceptions=False)
    assert result.exit_code == 2 and "PF802" in result.stderr and "internal error" not in result.stderr
