"""`pathfit rules list --reads ""` (as `--reads "$FACT"` gives with FACT unset) was PF634, "the
rule set has no fact ''", where README says every option's empty text is PF613 at the option,
as `rules show ""` and `explain --why-not ""` are. `--gives` and `--cites` were alike."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("option", ["--reads", "--gives", "--cites"])
@pytest.mark.parametrize("value", ["", " \t"])
def test_an_empty_name_is_pf613_at_the_option(option, value):
    result = CliRunner().invoke(cli, ["rules", "list", option, value])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{option}:0:0: PF613: "), result.stderr
    assert "Traceback" not in result.output


def test_an_empty_name_beside_a_known_one_is_pf613_too():
    result = CliRunner().invoke(cli, ["rules", "list", "--gives", "coaching", "--gives", ""])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("--gives:0:0: PF613: "), result.stderr
