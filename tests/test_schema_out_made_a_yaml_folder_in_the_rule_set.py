"""`pathfit schema --out my-rules/schemas.yaml` made a folder named like a rule file in the rule
set's directory (or in its tests/), and every command then refused the rule set (PF100: not a
plain file but a directory). As `docs --out` refuses a catalogue the rule set would read as
its own, schema now refuses such a folder before anything is made: PF618 at --out, exit 2."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_schema_out_never_makes_a_folder_the_rule_set_would_read(tmp_path):
    runner = CliRunner(env={"PATHFIT_RULES": None})
    rules = tmp_path / "p"
    assert runner.invoke(cli, ["init", str(rules)]).exit_code == 0
    for out in (rules / "schemas.yaml", rules / "tests" / "s.yaml" / "deeper", rules / "new.yaml" / "x"):
        done = runner.invoke(cli, ["schema", "--rules", str(rules), "--out", str(out)])
        assert done.exit_code == 2 and done.stdout == ""
        assert [line.split(": ")[:2] for line in done.stderr.splitlines()] == [[f"{out}:0:0", "PF618"]]
    assert sorted(p.name for p in rules.iterdir()) == sorted(["knowledge_base.md", "policy.yaml", "rules.yaml",
                                                              "schema.yaml", "tests"])
    assert sorted(p.name for p in (rules / "tests").iterdir()) == ["cases.yaml"]
    assert runner.invoke(cli, ["lint", "--strict", str(rules)]).exit_code == 0
    assert runner.invoke(cli, ["schema", "--rules", str(rules), "--out", str(rules / ".schemas")]).exit_code == 0
