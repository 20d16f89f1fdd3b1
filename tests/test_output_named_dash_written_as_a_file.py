"""Regression: `-` given as an output (`report --out -`, `docs --out -`, `batch --out -`,
`recommend --record -`, `--audit-log -`, `interview --save -`, `audit keygen -`) was written as a
file called `-` in the working folder, with "wrote -" said, where the user meant standard
output. It is now refused before any work, with the output's code at `-`, exit status 2 and
nothing written; `./-` still names a file called -."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

EXAMPLE = str(HERE.parent / "examples" / "new-vp-wants-structure.yaml")


def _key(where: Path) -> str:
    key = where / "audit.key"
    assert CliRunner().invoke(cli, ["audit", "keygen", str(key)]).exit_code == 0
    return str(key)


def _record(where: Path) -> str:
    record = where / "r.json"
    done = CliRunner().invoke(cli, ["recommend", "--profile", EXAMPLE, "--record", str(record)])
    assert done.exit_code == 0, done.output
    return str(record)


def _rows(where: Path) -> str:
    rows = where / "rows.jsonl"
    rows.write_text('{"id": "a", "goal_clarity": "specific"}\n')
    return str(rows)


CASES = {
    "report --out": (lambda w: ["report", _record(w), "--out", "-"], "PF618"),
    "docs --out": (lambda w: ["docs", "--out", "-"], "PF618"),
    "batch --out": (lambda w: ["batch", _rows(w), "--out", "-"], "PF618"),
    "batch --audit-log": (lambda w: ["batch", _rows(w), "--out", str(w / "o.jsonl"), "--audit-log", "-"], "PF617"),
    "recommend --record": (lambda w: ["recommend", "--profile", EXAMPLE, "--record", "-"], "PF617"),
    "recommend --audit-log": (lambda w: ["recommend", "--profile", EXAMPLE, "--audit-log", "-"], "PF617"),
    "interview --save": (lambda w: ["interview", "--profile", EXAMPLE, "--save", "-"], "PF618"),
    "audit keygen": (lambda w: ["audit", "keygen", "-"], "PF617"),
    "audit keygen --signing": (lambda w: ["audit", "keygen", "--signing", "-"], "PF623"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_dash_as_an_output_is_refused_and_no_file_called_dash_is_written(name, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", _key(tmp_path))
    args, code = CASES[name]
    args = args(tmp_path)
    before = sorted(os.listdir(tmp_path))
    done = CliRunner().invoke(cli, args, input="")
    assert done.exit_code == 2, (name, done.output)
    assert f"-:0:0: {code}:" in done.output, (name, done.output)
    assert "Traceback" not in done.output
    assert sorted(os.listdir(tmp_path)) == before, name  # nothing written, no file called -


def test_dot_slash_dash_still_names_a_file_called_dash(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(cli, ["docs", "--out", "./-"])
    assert done.exit_code == 0, done.output
    assert (tmp_path / "-").read_text().startswith("#")
