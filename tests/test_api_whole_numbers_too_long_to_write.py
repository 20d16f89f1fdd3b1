"""Whole numbers of any size handed to the Python API are refused as located problems.

Regression: `Engine.evaluate` and `Engine.check` raised Python's bare ValueError ("Exceeds the
limit (4300 digits) for integer string conversion") for an int of more than 4,300 digits, as a
number, an enum's value, a set's member or a fact's name: the messages wrote the value with
str(). Every other bad value is a PathfitError with a code, and the CLI gives PF402 for the same
digits written out. A number of 401 digits out of range was written out digit by digit.
"""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError

HUGE = 10 ** 5000
HUGE_WRITTEN = "1" + "0" * 5000  # str(HUGE) itself is refused past 4,300 digits


@pytest.fixture(scope="module")
def rules():
    with Engine.load() as engine:
        yield engine


def _codes(call, profile: dict) -> list[tuple[str, str]]:
    with pytest.raises(PathfitError) as refused:
        call(profile)
    return [(p.code, p.pos.file) for p in refused.value.problems]


def _cli_codes(fact: str, text: str) -> list[str]:
    result = CliRunner().invoke(cli, ["recommend", "--fact", f"{fact}={text}"])
    assert result.exit_code == 2, result.output
    return re.findall(r": (PF\d{3}): ", result.stderr)


@pytest.mark.parametrize("method", ["evaluate", "check"])
@pytest.mark.parametrize("profile, code", [
    ({"hours_per_month": HUGE}, "PF402"),
    ({"hours_per_month": -HUGE}, "PF402"),
    ({"goal_clarity": HUGE}, "PF403"),
    ({"needs": [HUGE]}, "PF403"),
    ({"needs": ["performance", HUGE, 2]}, "PF403"),
    ({"ready_for_change": HUGE}, "PF402"),
    ({"goal_clarity": [HUGE]}, "PF403"),
    ({HUGE: 1}, "PF401"),
    ({HUGE: 1, "goal_clarity": "specific", (HUGE,): 2}, "PF401"),
], ids=["number", "negative", "enum", "set", "set-among-others", "flag", "enum-list", "name", "names"])
def test_an_int_too_long_to_write_is_a_located_problem(rules, method, profile, code):
    problems = _codes(getattr(rules, method), profile)
    assert problems and {c for c, _ in problems} == {code}
    assert {f for _, f in problems} == {"<profile>"}


@pytest.mark.parametrize("fact", ["hours_per_month", "goal_clarity", "needs"])
def test_the_api_gives_the_code_the_cli_gives_for_the_same_digits(rules, fact):
    profile = {fact: [HUGE] if fact == "needs" else HUGE}
    assert [c for c, _ in _codes(rules.check, profile)] == _cli_codes(fact, HUGE_WRITTEN) == \
        [{"hours_per_month": "PF402"}.get(fact, "PF403")]


@pytest.mark.parametrize("value", [10 ** 400, -10 ** 400, 10 ** 4299], ids=["401", "-401", "4300"])
def test_a_long_number_out_of_range_is_pf404_and_never_written_out(rules, value):
    """The wording is the defect here: a message says how many digits, never hundreds of them."""
    with pytest.raises(PathfitError) as refused:
        rules.check({"hours_per_month": value})
    (problem,) = refused.value.problems
    assert problem.code == "PF404"
    digits = len(str(abs(value)))
    assert f"whole number of {digits:,} digits" in problem.message
    assert not re.search(r"\d{21}", problem.message)
    assert _cli_codes("hours_per_month", str(value)) == ["PF404"]
