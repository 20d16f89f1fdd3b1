"""A whole number typed at a number question past what a float holds (over 308 digits, fewer
than the 640 read as one number) was made a float to check its range, which raised
OverflowError: `pathfit: internal error`, exit status 2, the answers given lost. It is out of
range, said so by its count of digits as `--fact` says it, and the question is asked again."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .test_interview_took_two_to_the_53_plus_one_as_two_to_the_53 import wide_rules

HUGE = "1" + "0" * 400


@pytest.mark.parametrize("typed", [HUGE, "-" + HUGE])
def test_an_answer_past_a_floats_range_is_asked_again(tmp_path: Path, typed: str):
    rules = wide_rules(tmp_path)
    fact = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", f"x={typed}"])
    assert fact.exit_code == 2 and "PF404" in fact.output  # the other ways in refuse it as out of range
    out = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--format", "json"], input=f"{typed}\n7\n")
    assert out.exception is None or isinstance(out.exception, SystemExit), out.exception
    assert out.exit_code == 0, out.output
    assert "internal error" not in out.output
    assert "whole number of 401 digits is out of range" in out.stderr + out.stdout
    decision = json.loads(out.stdout[out.stdout.index("{"):])
    assert decision["facts"] == {"x": 7}
