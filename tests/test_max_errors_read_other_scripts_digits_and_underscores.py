"""PATHFIT_MAX_ERRORS was read with Python's int(), so `1_0` set the limit to 10 and `٣`
(Arabic-Indic three) or `３` (fullwidth) to 3, where every other number pathfit reads (an
option's value, `--min-coverage`, `--fact`) takes ASCII digits only. A setting written any
other way is not a count, and a setting that is not a count hides nothing (README): every
problem is shown. ASCII digits, `+5` and spaces around them set the limit as before."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

LOCATED = re.compile(r"^(.+):(\d+):(\d+): (PF\d{3}): ")


def problems_shown(tmp_path, setting: str) -> list[str]:
    rules = tiny_copy(tmp_path)
    profile = tmp_path / "p.yaml"
    profile.write_text("goal: specific\nneeds:\n" + "".join(f"  - bogus_{i}\n" for i in range(30)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(profile)],
                                env={"PATHFIT_MAX_ERRORS": setting})
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    return [line for line in result.stderr.splitlines() if LOCATED.match(line)]


@pytest.mark.parametrize("setting", ["1_0", "\u0663", "\uff13", "1\u0660", "\u0967\u0966", "0x3", "3.0", "-3"])
def test_a_setting_not_written_in_ascii_digits_hides_nothing(tmp_path, setting):
    assert len(problems_shown(tmp_path, setting)) == 30


@pytest.mark.parametrize("setting, shown", [("10", 10), ("+5", 5), (" 7 ", 7), ("0", 30), ("30", 30), ("100", 30)])
def test_ascii_digits_set_the_limit(tmp_path, setting, shown):
    assert len(problems_shown(tmp_path, setting)) == shown
