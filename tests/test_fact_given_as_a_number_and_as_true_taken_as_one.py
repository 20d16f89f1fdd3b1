"""`--fact NAME=VALUE` given twice with two different values is refused (PF613); but two
values were compared as Python compares them, where `True == 1` and `False == 0.0`. So
`--fact hours=1 --fact hours=true` was taken for hours 1 without a word, though `--fact
hours=true` alone is refused (PF402: a number, not true), and `--fact ready=yes --fact
ready=1.0` for yes, though `ready=1.0` alone is refused; the other order was refused, so
what was accepted hung on the order typed. A yes/no answer and a number are now two values
whatever they compare equal to, named as typed; the same number written twice (`1` and
`1.0`) and the same answer in two of its words (`yes` and `1`) are still one value."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


@pytest.mark.parametrize("first,second", [
    ("hours=1", "hours=true"),
    ("hours=0", "hours=false"),
    ("hours=1.0", "hours=true"),
    ("ready=yes", "ready=1.0"),
    ("ready=no", "ready=0.0"),
    ("ready=no", "ready=-0"),
])
def test_a_number_and_a_yes_no_answer_are_two_values(first: str, second: str):
    for one, other in ((first, second), (second, first)):
        out = CliRunner().invoke(cli, ["recommend", "--rules", TINY, "--fact", one, "--fact", other,
                                       "--format", "json"])
        assert out.exit_code == 2, out.output
        name = one.partition("=")[0]
        said = f"as '{one.partition('=')[2]}' and '{other.partition('=')[2]}'"
        assert f"--fact:0:0: PF613: --fact {name} given twice, {said}; give one" in out.stderr, out.stderr
        assert out.stdout == ""


@pytest.mark.parametrize("first,second", [
    ("hours=1", "hours=1.0"),
    ("hours=0", "hours=-0"),
    ("ready=yes", "ready=1"),
    ("ready=no", "ready=false"),
])
def test_one_value_written_twice_is_still_one_value(first: str, second: str):
    out = CliRunner().invoke(cli, ["recommend", "--rules", TINY, "--fact", first, "--fact", second,
                                   "--format", "json"])
    assert out.exit_code == 0, out.output + out.stderr
