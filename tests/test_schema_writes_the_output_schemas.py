"""`pathfit schema --kind KIND` writes the schema of each JSON output as the package keeps it
(engine/output_schemas), and `--kind outputs --out DIR` writes all of them, all or nothing, as
`--out` writes the editor's schemas; the output schemas read no rule set."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.output_schemas import KINDS, load

FILES = sorted(f"{kind}.schema.json" for kind in KINDS)


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_output_kind_is_printed_as_the_package_keeps_it(kind, tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_RULES", str(tmp_path / "no-rules-here"))  # none is read
    result = CliRunner().invoke(cli, ["schema", "--kind", kind])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == load(kind)


def test_every_output_schema_is_written_with_out(tmp_path: Path):
    out = tmp_path / "new" / "outputs"
    result = CliRunner().invoke(cli, ["schema", "--kind", "outputs", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == FILES
    for kind in KINDS:
        assert json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8")) == load(kind)


def test_one_refused_output_target_writes_none(tmp_path: Path):
    out = tmp_path / "outputs"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text("{}\n")
    (out / "replay.schema.json").symlink_to(elsewhere)
    result = CliRunner().invoke(cli, ["schema", "--kind", "outputs", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0].startswith(f"{out / 'replay.schema.json'}:0:0: PF618: ")
    assert [p.name for p in out.iterdir()] == ["replay.schema.json"] and elsewhere.read_text() == "{}\n"


def test_all_outputs_without_a_folder_is_refused_at_the_option(tmp_path: Path):
    result = CliRunner().invoke(cli, ["schema", "--kind", "outputs"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("--kind:0:0: PF613: ")
    assert "Traceback" not in result.output


def test_out_without_a_kind_still_writes_the_five_for_editors(tmp_path: Path):
    out = tmp_path / "schemas"
    result = CliRunner().invoke(cli, ["schema", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{k}.schema.json" for k in ("rules", "profile", "tests", "schema", "policy"))
