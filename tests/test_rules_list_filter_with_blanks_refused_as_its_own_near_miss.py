"""Regression: `rules list --reads " hours_per_month"` (and `--gives " coaching"`, `--cites
" goals"`) was refused, PF634, status 2, told "did you mean 'hours_per_month'?", the very name
typed, where the one rule for blanks around a typed name (README) takes them off, as
`rules show` and `--why-not` do: no fact, outcome or section has them at its ends. Now the
filters take spaces, tabs and line breaks off and list what the plain name lists; any other
character (a no-break space) is still part of the name, refused PF634 at the option."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

NBSP = "\u00a0"


def _run(*args: str):
    return CliRunner().invoke(cli, ["rules", "list", *args, "--format", "json"])


@pytest.mark.parametrize("option, name", [("--reads", "hours_per_month"), ("--gives", "coaching"),
                                          ("--cites", "blend")])
@pytest.mark.parametrize("pad", [" {}", "{} ", "\t{}\n"])
def test_a_filter_takes_the_blanks_off_the_name(option, name, pad):
    plain = _run(option, name)
    padded = _run(option, pad.format(name))
    assert plain.exit_code == 0, plain.output
    assert (padded.exit_code, padded.stdout) == (0, plain.stdout), padded.output


@pytest.mark.parametrize("option, name", [("--reads", "hours_per_month"), ("--gives", "coaching")])
def test_a_no_break_space_is_part_of_the_name(option, name):
    got = _run(option, name + NBSP)
    assert got.exit_code == 2
    assert got.output.startswith(f"{option}:0:0: PF634: "), got.output
