"""`audit show --audit-key FILE` reads the key it is given, whatever the log holds.

Regression: `audit show` read the audit key only when a record needed it, so on a log with
nothing sealed a mistyped or unusable `--audit-key` went unnoticed (exit status 0), where
`replay`, `report` and `audit verify` given the same key said PF610: a script checking its key
path against one log would learn nothing until a log with a sealed record came.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.fixture
def plain_log(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    (tmp_path / "person.yaml").write_text("career_stage: senior_leader\ntrigger: new_role\n")
    made = CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--audit-log", "log.jsonl"])
    assert made.exit_code == 0, made.output
    return tmp_path


def _bad_keys(folder):
    open_key = folder / "open.key"
    assert CliRunner().invoke(cli, ["audit", "keygen", str(open_key)]).exit_code == 0
    os.chmod(open_key, 0o644)
    (folder / "not-a-key.key").write_text("hello\n")
    os.chmod(folder / "not-a-key.key", 0o600)
    return ["missing.key", "open.key", "not-a-key.key"]


@pytest.mark.parametrize("command", [["audit", "show", "log.jsonl"], ["audit", "show", "log.jsonl", "--format", "json"],
                                     ["replay", "log.jsonl"]], ids=["show", "show-json", "replay"])
def test_an_unusable_audit_key_given_is_pf610_on_a_log_with_nothing_sealed(plain_log, command):
    for bad in _bad_keys(plain_log):
        result = CliRunner().invoke(cli, [*command, "--audit-key", bad])
        assert result.exit_code == 2, (bad, result.output)
        assert result.stderr.startswith(f"{bad}:0:0: PF610: "), result.stderr
        assert result.stdout == ""


def test_a_usable_audit_key_changes_nothing_on_a_log_with_nothing_sealed(plain_log):
    assert CliRunner().invoke(cli, ["audit", "keygen", "good.key"]).exit_code == 0
    without = CliRunner().invoke(cli, ["audit", "show", "log.jsonl", "--format", "json"])
    with_key = CliRunner().invoke(cli, ["audit", "show", "log.jsonl", "--format", "json", "--audit-key", "good.key"])
    assert without.exit_code == with_key.exit_code == 0, with_key.output
    assert with_key.stdout == without.stdout
