"""`pathfit test --min-coverage ٢٦` (Arabic-Indic digits) or `２６` (fullwidth) was taken as 26:
the check read `\\d`, which is every script's decimal digit, and Decimal reads them all. Every
other way a number comes into pathfit refuses other scripts' digits (`--fact`, a profile, the
interview), docs/authoring.md says N is a decimal number and anything else is bad input, and the
JSON report's `min_coverage`, said to keep every digit as given, printed 26.0 for it. Now only
ASCII digits are read: anything else is PF600 at the option, exit status 2, nothing on stdout."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import write_project


@pytest.mark.parametrize("minimum", ["\u0662\u0666", "\uff12\uff16", "2\u0666", "\u0967\u0966e1", "1e\u0661"])
def test_a_minimum_in_another_scripts_digits_is_refused_at_the_option(tmp_path, minimum):
    rules = tmp_path / "p"
    write_project(str(rules))
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--min-coverage", minimum])
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert result.stderr.splitlines()[0].startswith("--min-coverage:0:0: PF600: "), result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("minimum, shown", [("26", "26.0"), ("2.6e1", "26.0"), ("+26.50", "26.5")])
def test_a_minimum_in_ascii_digits_is_still_read(tmp_path, minimum, shown):
    rules = tmp_path / "p"
    write_project(str(rules))
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--min-coverage", minimum, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    assert f'"min_coverage": {shown},' in result.stdout
    assert json.loads(result.stdout)["coverage"]["min_coverage"] == float(shown)
