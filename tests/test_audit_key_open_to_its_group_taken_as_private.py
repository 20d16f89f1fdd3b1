"""An audit key any user but its owner may read or write is refused wherever it is named: on
`audit show` and `replay` given `--audit-key`, PF610 at it, exit status 2, nothing on stdout,
whatever the log holds. "Others" is everyone but the owner: a key its group may read (mode 640)
opens every sealed record to the group, as one the world may read does; the tests of this
promise tried mode 644 alone, so a check of the world's bits only would have passed them.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

COMMANDS = {"show": ["audit", "show", "log.jsonl"], "show-json": ["audit", "show", "log.jsonl", "--format", "json"],
            "replay": ["replay", "log.jsonl"]}


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    """A log of one unsealed record and a usable key, made once: the modes are set per test."""
    where = tmp_path_factory.mktemp("keys")
    here = os.getcwd()
    os.chdir(where)
    try:
        (where / "person.yaml").write_text("career_stage: senior_leader\ntrigger: new_role\n")
        env = {"PATHFIT_AUDIT_KEY_FILE": "", "PATHFIT_SIGNING_KEY_FILE": ""}
        made = CliRunner(env=env).invoke(cli, ["recommend", "--profile", "person.yaml", "--audit-log", "log.jsonl"])
        assert made.exit_code == 0, made.output
        assert CliRunner().invoke(cli, ["audit", "keygen", "audit.key"]).exit_code == 0
    finally:
        os.chdir(here)
    return where


def _with_key_mode(folder, monkeypatch, command: str, mode: int):
    """`command` run with --audit-key naming the folder's key, its mode set to `mode` meanwhile."""
    monkeypatch.chdir(folder)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    os.chmod("audit.key", mode)
    try:
        return CliRunner().invoke(cli, [*COMMANDS[command], "--audit-key", "audit.key"])
    finally:
        os.chmod("audit.key", 0o600)


@pytest.mark.parametrize("mode", [0o640, 0o660, 0o620, 0o610, 0o604, 0o602, 0o644, 0o666])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_audit_key_others_may_read_or_write_is_pf610(folder, monkeypatch, command, mode):
    result = _with_key_mode(folder, monkeypatch, command, mode)
    assert result.exit_code == 2, (oct(mode), result.output)
    assert result.stderr.startswith("audit.key:0:0: PF610: "), result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("mode", [0o600, 0o400])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_an_audit_key_only_its_owner_may_read_is_taken(folder, monkeypatch, command, mode):
    result = _with_key_mode(folder, monkeypatch, command, mode)
    assert result.exit_code == 0, (oct(mode), result.output)
