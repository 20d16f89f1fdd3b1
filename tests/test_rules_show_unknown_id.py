"""`pathfit rules show RULE_ID` with an id that names no rule: the command-line value is not
allowed (PF613, as `--why-not` with an outcome the policy does not give), located at the
argument, with the nearest id offered. It was `<rules>:0:0: PF205`, the code of an unknown
fact, at no place the author gave."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_an_unknown_rule_id_is_pf613_at_the_rule_id_argument():
    result = CliRunner().invoke(cli, ["rules", "show", "coaching.specific_gaol"])
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.split(": ", 2)[:2] == ["RULE_ID:0:0", "PF613"]
    assert "'coaching.specific_goal'" in line  # the did-you-mean
