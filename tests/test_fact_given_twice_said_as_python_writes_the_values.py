"""`--fact NAME=VALUE` given twice with two different values is refused (PF613), naming both:
it named them as Python writes the values read, not as they were typed. `--fact ready=no
--fact ready=yes` was "given twice, as False and True", `--fact hours=0.00001` was "1e-05" (a
form YAML reads as text), and a set left unknown beside items was "['skill']". Now each is
named as typed, quoted."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE


@pytest.mark.parametrize("first,second,said", [
    ("ready=no", "ready=yes", "as 'no' and 'yes'"),
    ("hours=0.00001", "hours=1", "as '0.00001' and '1'"),
    ("needs=unknown", "needs=skill", "as 'unknown' and 'skill'"),
    ("needs=skill", "needs=unknown", "as 'skill' and 'unknown'"),
    ("goal=specific", "goal=emerging", "as 'specific' and 'emerging'"),
])
def test_a_fact_given_twice_is_named_as_typed(first: str, second: str, said: str):
    out = CliRunner().invoke(cli, ["recommend", "--rules", str(HERE / "fixtures" / "tiny"), "--fact", first,
                                   "--fact", second])
    assert out.exit_code == 2
    name = first.partition("=")[0]
    assert f"--fact:0:0: PF613: --fact {name} given twice, {said}; give one" in out.output + out.stderr, out.output


def test_a_set_given_over_several_facts_is_named_whole():
    out = CliRunner().invoke(cli, ["recommend", "--rules", str(HERE / "fixtures" / "tiny"), "--fact", "needs=skill",
                                   "--fact", "needs=network", "--fact", "needs=unknown"])
    assert out.exit_code == 2
    assert "PF613: --fact needs given twice, as 'skill,network' and 'unknown'; give one" in out.output + out.stderr
