"""A rule test's `derived` naming a value its valued derived fact does not take gets the
same did-you-mean lint gives for that typo (PF801, at the value)."""
from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

VALUED = Path(__file__).parent / "fixtures" / "valued"


def test_a_misspelt_value_is_suggested(tmp_path: Path) -> None:
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    (rules / "tests" / "pace.yaml").write_text(
        "cases:\n  - name: typo\n    profile: {hours: 9, ready: true}\n"
        "    expect: {outcome: coaching, derived: {pace: fst}}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["test", str(rules)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{rules}/tests/pace.yaml:4:49: PF801: 'fst' is not a value of pace (fast, slow, steady) " \
           "(did you mean 'fast'?)" in result.stderr, result.output
