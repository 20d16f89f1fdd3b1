"""A set given over several `--fact`s, one of them empty (`--fact needs=`, no items), and then
left unknown (PF613) was named with a stray comma, as no one typed it: "as ',skill' and
'unknown'", "as 'skill,' and 'unknown'". Now the items given are named, joined as typed."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE


@pytest.mark.parametrize("given", [("needs=", "needs=skill"), ("needs=skill", "needs="),
                                   ("needs=", "needs=skill", "needs= ", "needs=network")])
def test_an_empty_set_adds_no_comma(given: tuple):
    args = ["recommend", "--rules", str(HERE / "fixtures" / "tiny")]
    for item in given + ("needs=unknown",):
        args += ["--fact", item]
    out = CliRunner().invoke(cli, args)
    assert out.exit_code == 2
    said = "skill,network" if "needs=network" in given else "skill"
    assert f"--fact:0:0: PF613: --fact needs given twice, as '{said}' and 'unknown'; give one" \
        in out.output + out.stderr, out.output + out.stderr
