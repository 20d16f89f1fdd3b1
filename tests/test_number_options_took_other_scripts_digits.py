"""`batch --jobs ٢` ran two workers and `--jobs 1_0` ten, and `serve --port`, `--queue` and
`--timeout` read a value the same way: click reads an option's number with Python's int() and
float(), which take any script's digits and `_` between them. Every other number pathfit reads
(`--fact`, a profile, `--min-coverage`, PATHFIT_MAX_ERRORS) is written in ASCII digits. Such a
value is now PF600 at its option, exit status 2, nothing written; an ASCII number reads as before."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("value", ["\u0662", "\uff12", "1_0", "1\u0660", " \u0662 "])
def test_batch_jobs_in_another_scripts_digits_is_refused_at_the_option(tmp_path, value):
    cohort, out = tmp_path / "c.csv", tmp_path / "o.csv"
    cohort.write_text("id,goal_clarity\nr1,specific\n")
    result = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(out), "--jobs", value])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines()[0].startswith("--jobs:0:0: PF600: "), result.stderr
    assert not out.exists()


@pytest.mark.parametrize("option, value", [("--port", "\u0668\u0660\u0668\u0660"), ("--port", "8_080"),
                                           ("--queue", "\u0664"), ("--timeout", "\u0665"), ("--timeout", "1_0.5")])
def test_serve_numbers_in_another_scripts_digits_are_refused_before_serving(option, value):
    # an out-of-range --port after it stops a serve that took the value before it serves (click
    # converts options in the order typed): the error must be the value's, at its option
    guard = ["--queue", "0"] if option == "--port" else ["--port", "99999"]
    result = CliRunner().invoke(cli, ["serve", option, value, *guard])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines()[0].startswith(f"{option}:0:0: PF600: "), result.stderr


@pytest.mark.parametrize("value", ["2", " 2 ", "+2"])
def test_batch_jobs_in_ascii_digits_reads_as_before(tmp_path, value):
    cohort, out = tmp_path / "c.csv", tmp_path / "o.csv"
    cohort.write_text("id,goal_clarity\nr1,specific\n")
    result = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(out), "--jobs", value])
    assert result.exit_code == 0, result.output
