"""`batch --audit-log` naming a key file the environment names (the audit key, the signing key,
its `.pub`), by its name or through a hard link, is refused before any work (PF617) saying what
the run would do to it: append its records. Regression: it was refused as a damaged audit log
(PF601, "run `pathfit audit verify`"), or, once checked as an output, as a file that "would
be replaced", which an audit log never is."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.masking import generate_key
from pathfit.engine.audit.signing import generate_signing_key


@pytest.fixture
def place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    generate_key(str(tmp_path / "audit.key"))
    generate_signing_key(str(tmp_path / "sign.key"))
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(tmp_path / "audit.key"))
    monkeypatch.setenv("PATHFIT_SIGNING_KEY_FILE", str(tmp_path / "sign.key"))
    (tmp_path / "in.csv").write_text("id,needs\nr1,performance\n", encoding="utf-8")
    os.link(tmp_path / "audit.key", tmp_path / "linked.jsonl")
    return tmp_path


def _bytes(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("log, key", [("audit.key", "audit.key"), ("sign.key", "sign.key"),
                                      ("sign.key.pub", "sign.key.pub"), ("linked.jsonl", "audit.key")])
def test_batch_audit_log_never_names_a_key_file(place, log, key):
    before = _bytes(place)
    result = CliRunner().invoke(cli, ["batch", "in.csv", "--out", "out.jsonl", "--audit-log", log, "--jobs", "1"])
    assert result.exit_code == 2, result.output
    assert result.output.splitlines() == [
        f"{log}:0:0: PF617: --audit-log is the same file as {place / key}; the records would be appended to it"]
    assert _bytes(place) == before
