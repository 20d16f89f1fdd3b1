"""`pathfit serve --host "[]"` (`--host "[$ADDR]"` with ADDR unset) is refused as an empty host.

Regression: the brackets a URL writes round an IPv6 address were taken off and what was left,
'', was used as the address: without a token it was refused with " is not a loopback address",
naming no address; with --token-file it was bound, and binding '' listens on every interface of
the machine, where the person meant one address. An empty `--host ""` was already PF613.
"""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli import serve as serve_module
from pathfit.cli.main import cli
from pathfit.engine.errors import Pos, fail


@pytest.fixture
def never_listens(monkeypatch):
    """Where `serve` would listen, kept instead of listening (PF910 then), so that a test cannot
    start a server: the hosts it was asked to bind."""
    asked: list[str] = []

    def listening(host: str, port: int):
        asked.append(host)
        raise fail("PF910", f"cannot listen on {host}:{port}: not in this test", Pos("--host"))

    monkeypatch.setattr(serve_module, "listening", listening)
    return asked


def test_empty_brackets_are_an_empty_host_without_a_token(never_listens):
    result = CliRunner().invoke(cli, ["serve", "--host", "[]", "--port", "0"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0].startswith("--host:0:0: PF613: ")
    assert "Traceback" not in result.output
    assert never_listens == []


def test_empty_brackets_with_a_token_are_never_bound_to_every_interface(never_listens, tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    monkeypatch.chdir(tmp_path)
    token = tmp_path / "token.txt"
    token.write_text("a-secret-of-enough-characters\n")
    os.chmod(token, 0o600)
    result = CliRunner().invoke(cli, ["serve", "--host", "[]", "--port", "0", "--token-file", str(token)])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines()[0].startswith("--host:0:0: PF613: ")
    assert never_listens == []


def test_a_bracketed_address_is_still_bound_without_its_brackets(never_listens):
    result = CliRunner().invoke(cli, ["serve", "--host", "[::1]", "--port", "0"])
    assert result.exit_code == 2, result.output  # PF910 from the stand-in: it was asked to listen
    assert never_listens == ["::1"]
