"""`pathfit serve` refused an address it could not listen on (PF910) as "cannot listen on
fe80::1234:8765": an IPv6 address glued to its port reads as another address, and a `--host`
with a blank in it ("127.0.0.1 x") was said unquoted, so the part at fault could not be seen.
The refusal (PF910, at `--host` or `--port` as before, exit status 2) now quotes the host as
given and names the port apart from it."""
from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .serve_support import listen_refusal


@pytest.mark.parametrize("host", ["fe80::1234", "192.0.2.1", "127.0.0.1 x", "no-such-host.invalid"])
def test_an_address_refused_is_quoted_as_given_with_its_port_apart(host: str) -> None:
    problem = listen_refusal(host, 8765)
    assert (problem.code, problem.pos.file) == ("PF910", "--host"), problem
    assert problem.message.startswith(f"cannot listen on {host!r}, port 8765: "), problem.message


def test_a_port_in_use_is_named_apart_from_its_address() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        problem = listen_refusal("127.0.0.1", port)
    assert (problem.code, problem.pos.file) == ("PF910", "--port"), problem
    assert problem.message.startswith(f"cannot listen on '127.0.0.1', port {port}: "), problem.message


def test_the_command_line_says_it_so(tmp_path) -> None:
    token = tmp_path / "token"
    token.write_text("s3cret-token-for-tests-only-0123456789\n")
    token.chmod(0o600)
    result = CliRunner().invoke(cli, ["serve", "--host", "fe80::1234", "--port", "8765", "--token-file", str(token)])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("--host:0:0: PF910: cannot listen on 'fe80::1234', port 8765: "), line
    assert "Traceback" not in result.output
