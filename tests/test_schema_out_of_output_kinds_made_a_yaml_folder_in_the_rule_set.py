"""`pathfit schema --kind outputs --out rules/out.yaml` (or any kind that reads no rule set:
`decision`, `profile`, ...) made a folder named like a rule file in the rule set's directory
(or in its tests/), and every command then refused the rule set (PF100: not a plain file but a
directory). Only the kinds generated from the rule set were checked for it; the rule set the
command names (--rules, $PATHFIT_RULES, ./rules) is now checked for every kind: PF618 at --out,
exit 2, nothing made."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_schema_out_of_a_fixed_kind_never_makes_a_folder_the_rule_set_would_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"PATHFIT_RULES": None})
    assert runner.invoke(cli, ["init", "rules"]).exit_code == 0
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    for args in (["--kind", "outputs", "--out", "rules/out.yaml"], ["--kind", "decision", "--out", "rules/tests/d.yaml"],
                 ["--rules", "rules", "--kind", "profile", "--out", "rules/p.yaml/deeper"]):
        done = runner.invoke(cli, ["schema", *args])
        assert done.exit_code == 2 and done.stdout == "", done.output
        assert [line.split(": ")[:2] for line in done.stderr.splitlines()] == [[f"{args[-1]}:0:0", "PF618"]]
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    assert runner.invoke(cli, ["schema", "--kind", "decision", "--out", "rules/.schemas"]).exit_code == 0
