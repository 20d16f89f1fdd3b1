"""`pathfit docs` headed its outcomes table "What the policy can recommend", listing every
outcome the policy declares: for `pathfit init`'s policy, which declares the six classic
outcomes but has no clause giving `blended`, the catalogue said the policy can recommend a
blend it never gives. The table now says what it is: the outcomes the policy declares."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_the_outcomes_table_claims_no_outcome_the_policy_cannot_give(tmp_path):
    runner = CliRunner(env={"PATHFIT_RULES": None})
    assert runner.invoke(cli, ["init", str(tmp_path / "p")]).exit_code == 0
    done = runner.invoke(cli, ["docs", "--rules", str(tmp_path / "p")])
    assert done.exit_code == 0
    lines = done.stdout.splitlines()
    table = lines.index("## Outcomes")
    assert "| `blended` |" in "\n".join(lines[table:table + 12])  # declared, and never given by a clause
    assert "can recommend" not in lines[table + 2]
