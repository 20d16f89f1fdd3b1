"""Regression: `pathfit audit keygen DIR`, `audit keygen --signing DIR` and `serve --audit-log
DIR` were click's usage error (PF600 at `FILE:0:0`, `--signing:0:0`, `--audit-log:0:0`, with the
usage), where a path of the wrong kind is located bad input at the path, as `--record DIR` and
`batch --audit-log DIR` are; serve's own PF617 for a directory was never reached. An existing
file that cannot be read, given to keygen, was PF600 "is not readable" rather than what it is:
a file that exists, which a key never replaces (PF612)."""
from __future__ import annotations

import os

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def _run(args: list[str]):
    return CliRunner().invoke(cli, args)


def test_keygen_given_a_directory_is_located_at_it_with_nothing_written(tmp_path):
    folder = tmp_path / "keys"
    folder.mkdir()
    for args, code in ((["audit", "keygen", str(folder)], "PF617"),
                       (["audit", "keygen", "--signing", str(folder)], "PF623")):
        result = _run(args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"{folder}:0:0: {code}: "), result.output
        assert "PF600" not in result.output and "Usage:" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keys"] and not list(folder.iterdir())


def test_keygen_signing_whose_public_half_is_a_directory_is_located_at_it(tmp_path):
    (tmp_path / "s.pub").mkdir()
    result = _run(["audit", "keygen", "--signing", str(tmp_path / "s")])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{tmp_path / 's.pub'}:0:0: PF623: "), result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.pub"]


def test_keygen_given_an_existing_file_it_cannot_read_says_it_exists(tmp_path, monkeypatch):
    key = tmp_path / "k"
    key.write_text("mine\n")
    real = os.access
    monkeypatch.setattr(os, "access", lambda path, mode, *a, **k: False if os.fspath(path) == str(key)
                        else real(path, mode, *a, **k))  # as for a user who may not read it (the tests run as root)
    result = _run(["audit", "keygen", str(key)])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{key}:0:0: PF612: "), result.output
    assert key.read_text() == "mine\n"


def test_serve_audit_log_given_a_directory_is_its_own_pf617_before_serving(tmp_path):
    folder = tmp_path / "log"
    folder.mkdir()
    result = _run(["serve", "--rules", TINY, "--audit-log", str(folder), "--port", "1"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"{folder}:0:0: PF617: "), result.output
    assert "Usage:" not in result.output and not list(folder.iterdir())
