"""The commands pathfit prints for a key or a log (`export VAR=FILE`, `chmod 600 FILE`) run as shown.

Regression: `audit keygen` said "use it with: export PATHFIT_AUDIT_KEY_FILE=my keys/audit.key",
and a key or log open to others "run: chmod 600 my keys/audit.key", the path printed bare: pasted
into a shell, the export set the variable to `my` (and failed on the rest), the chmod changed
files named `my` and `keys/audit.key`, and a name holding `$(...)` ran what it held. Each path in
a printed command is now quoted as one shell word, so the command does what it says.
"""
from __future__ import annotations

import os
import subprocess

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

NAMES = ["my keys/audit key", "it's.key", "$(touch ran).key", "plain.key"]


def _shell(command: str, folder) -> str:
    return subprocess.run(["sh", "-c", command], cwd=folder, capture_output=True, text=True, check=True).stdout


def _command(stderr: str, after: str, until: str | None = None) -> str:
    text = stderr[stderr.index(after) + len(after):].rstrip("\n")
    return text[:text.index(until)] if until else text


@pytest.mark.parametrize("name", NAMES)
def test_keygen_export_commands_set_the_variable_to_the_file_written(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my keys").mkdir()
    made = CliRunner().invoke(cli, ["audit", "keygen", name])
    assert made.exit_code == 0, made.output
    export = _command(made.stderr, "use it with: ")
    assert _shell(f'{export}; printf %s "$PATHFIT_AUDIT_KEY_FILE"', tmp_path) == name
    signing = CliRunner().invoke(cli, ["audit", "keygen", "--signing", name + ".s"])
    assert signing.exit_code == 0, signing.output
    export = _command(signing.stderr, "use it with: ", "; give auditors")
    assert _shell(f'{export}; printf %s "$PATHFIT_SIGNING_KEY_FILE"', tmp_path) == name + ".s"
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("name", NAMES)
def test_chmod_commands_make_the_key_or_log_private(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my keys").mkdir()
    assert CliRunner().invoke(cli, ["audit", "keygen", name]).exit_code == 0
    assert CliRunner().invoke(cli, ["audit", "keygen", "--signing", name + ".s"]).exit_code == 0
    (tmp_path / "person.yaml").write_text("career_stage: senior_leader\ntrigger: new_role\n")
    log = name + ".jsonl"
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    assert CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--audit-log", log]).exit_code == 0
    for path in (name, name + ".s", log):
        os.chmod(tmp_path / path, 0o644)
    refused = [CliRunner().invoke(cli, ["audit", "verify", "--audit-key", name, log]),
               CliRunner().invoke(cli, ["audit", "head", "--signing-key", name + ".s", log])]
    for result, code in zip(refused, ("PF610", "PF623")):
        assert result.exit_code == 2 and f": {code}: " in result.stderr, result.output
        _shell(_command(result.stderr, "run: "), tmp_path)
    warned = CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--audit-log", log])
    assert warned.exit_code == 0, warned.output
    _shell(_command(warned.stderr.splitlines()[0], "run: "), tmp_path)
    for path in (name, name + ".s", log):
        assert (tmp_path / path).stat().st_mode & 0o777 == 0o600, path
    assert not (tmp_path / "ran").exists()


@pytest.mark.parametrize("name", NAMES)
def test_serves_chmod_command_makes_the_token_file_private(tmp_path, monkeypatch, name):
    import pathfit.cli.serve as serve

    monkeypatch.chdir(tmp_path)
    (tmp_path / "my keys").mkdir()
    (tmp_path / name).write_text("t" * 40 + "\n")
    os.chmod(tmp_path / name, 0o644)
    monkeypatch.setattr(serve, "listening", lambda *a, **k: (_ for _ in ()).throw(AssertionError("served")))
    result = CliRunner().invoke(cli, ["serve", "--token-file", name])
    assert result.exit_code == 2 and ": PF902: " in result.stderr, result.output
    _shell(_command(result.stderr, "run: "), tmp_path)
    assert (tmp_path / name).stat().st_mode & 0o777 == 0o600
    assert not (tmp_path / "ran").exists()
