"""`pathfit schema --out DIR` checks every target before writing any: one refused
target (a symbolic link, a hard link to a rule-set file) means exit 2 and nothing
written; every refusal is reported."""
from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def test_one_refused_target_writes_nothing(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "policy.schema.json").symlink_to(rules / "policy.yaml")
    os.link(rules / "schema.yaml", out / "tests.schema.json")
    policy, schema = (rules / "policy.yaml").read_bytes(), (rules / "schema.yaml").read_bytes()
    result = CliRunner().invoke(cli, ["schema", "--rules", str(rules), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"{out / 'policy.schema.json'}:0:0: PF618: --out is a symbolic link; name the file itself "
        "(links are never written through)",
        f"{out / 'tests.schema.json'}:0:0: PF618: --out is the same file as {rules / 'schema.yaml'}; "
        "it would be replaced",
    ]
    assert sorted(p.name for p in out.iterdir()) == ["policy.schema.json", "tests.schema.json"]
    assert (rules / "policy.yaml").read_bytes() == policy and (rules / "schema.yaml").read_bytes() == schema


def test_all_written_when_none_is_refused(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    out = tmp_path / "new" / "schemas"
    result = CliRunner().invoke(cli, ["schema", "--rules", str(rules), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{k}.schema.json" for k in ("rules", "profile", "tests", "schema", "policy"))
