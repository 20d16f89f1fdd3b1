"""A number pathfit reads from an option or a setting may have blanks around it (spaces, tabs,
line ends: value_text.BLANKS, as `--fact` and a CSV cell) and no other white space. PATHFIT_MAX_ERRORS
and `test --min-coverage` took any Unicode space off with str.strip(), so `\\u30005` (an
ideographic space before 5) set the limit to 5 and a minimum of 26 was read from `\\u300026`,
where `batch --jobs` and `--fact` refuse the same text. Now all read it alike: not a number (every
problem shown; PF600 at the option), and ASCII blanks around a number are taken off as before."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy
from .test_max_errors_read_other_scripts_digits_and_underscores import problems_shown as shown_under

SPACES = ["\u3000", "\u00a0", "\u2003", "\x0c", "\x0b"]


def problems_shown(tmp_path, setting: str) -> int:
    """How many located problems a profile of 30 bad items gets under PATHFIT_MAX_ERRORS=`setting`."""
    return len(shown_under(tmp_path, setting))


def test_the_blanks_are_those_every_typed_value_has_taken_off():
    from pathfit.cli.ascii_number import BLANKS
    from pathfit.engine.pipeline import value_text

    assert BLANKS == value_text.BLANKS


@pytest.mark.parametrize("space", SPACES)
def test_max_errors_with_another_space_around_is_no_count(tmp_path, space):
    before, after = tmp_path / "before", tmp_path / "after"
    before.mkdir(), after.mkdir()
    assert problems_shown(before, f"{space}5") == 30
    assert problems_shown(after, f"5{space}") == 30


def test_max_errors_with_ascii_blanks_around_is_read(tmp_path):
    assert problems_shown(tmp_path, " \t5\r\n") == 5


@pytest.mark.parametrize("space", SPACES)
def test_min_coverage_with_another_space_around_is_refused_at_the_option(tmp_path, space):
    rules = tiny_copy(tmp_path)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--min-coverage", f"{space}26"])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines()[0].startswith("--min-coverage:0:0: PF600: "), result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("space", SPACES)
def test_jobs_with_another_space_around_is_refused_at_the_option(tmp_path, space):
    cohort, out = tmp_path / "c.csv", tmp_path / "o.csv"
    cohort.write_text("id,goal_clarity\nr1,specific\n")
    result = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(out), "--jobs", f"{space}2"])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines()[0].startswith("--jobs:0:0: PF600: "), result.stderr
    assert not out.exists()
