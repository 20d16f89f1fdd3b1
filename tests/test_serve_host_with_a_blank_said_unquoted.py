"""`serve --host "127.0.0.1 "` (a blank pasted after the address) was refused with "127.0.0.1
is not a loopback address", which reads as a false claim: the blank that makes it no address
pathfit reads as loopback could not be seen. The refusal (PF901 at --host, exit status 2,
nothing served) now quotes the host as given, blanks and all."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

import pathfit.cli.serve as serve_module
from pathfit.cli.main import cli
from pathfit.engine.errors import Pos, fail


@pytest.fixture(autouse=True)
def never_listens(monkeypatch):
    """A refusal that did not come would listen: PF910 at --port instead, no server started."""
    def listening(host: str, port: int):
        raise fail("PF910", "not in this test", Pos("--port"))
    monkeypatch.setattr(serve_module, "listening", listening)


@pytest.mark.parametrize("host", ["127.0.0.1 ", " localhost", "127.1", "example.org"])
def test_a_host_not_read_as_loopback_is_quoted_as_given(host: str) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", host, "--port", "0"])
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()
    where, code, message = line.split(": ", 2)
    assert (where, code) == ("--host:0:0", "PF901")
    assert message.startswith(f"'{host}' is not a loopback address"), message
