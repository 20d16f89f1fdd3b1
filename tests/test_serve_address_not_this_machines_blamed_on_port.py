"""Regression: `pathfit serve --host ADDRESS` with an address that is not this machine's (or a
name that resolves to none) was refused as PF910 located at `--port`, as a port in use is, so
one changed the port and was refused again. The address is what cannot be listened on: it is
now located at `--host`; a port in use, or one the user may not take, is still at `--port`."""
from __future__ import annotations

import socket

from click.testing import CliRunner

from pathfit.cli.main import cli

from .serve_support import listen_refusal

NOT_OURS = "192.0.2.1"  # TEST-NET-1 (RFC 5737): documentation only, assigned to no machine


def test_an_address_not_this_machines_is_located_at_host():
    problem = listen_refusal(NOT_OURS, 0)
    assert (problem.code, problem.pos.file) == ("PF910", "--host"), problem


def test_a_port_in_use_is_still_located_at_port():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        problem = listen_refusal("127.0.0.1", taken.getsockname()[1])
    assert (problem.code, problem.pos.file) == ("PF910", "--port"), problem


def test_the_command_line_names_host(tmp_path, monkeypatch):
    import uvicorn

    def never(*args, **kwargs):  # listened after all: fail here rather than serve for ever
        raise AssertionError("pathfit serve listened")

    monkeypatch.setattr(uvicorn.Server, "run", never)
    token = tmp_path / "token"
    token.write_text("s3cret-token-for-tests-only-0123456789\n")
    token.chmod(0o600)
    result = CliRunner().invoke(cli, ["serve", "--host", NOT_OURS, "--port", "0", "--token-file", str(token)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"--host:0:0: PF910: cannot listen on '{NOT_OURS}', port 0: "), result.stderr
    assert "Traceback" not in result.output
