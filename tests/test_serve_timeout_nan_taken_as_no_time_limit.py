"""Regression: `pathfit serve --timeout nan` was taken (click's float range compares NaN with
neither end, so never refuses it), and the service then answered 503 PF907, "no answer within
nan s", to any decision not ready at once, with no wait at all, and /openapi.json said an
evaluation that takes "longer than nan s" is answered 503. NaN is no number of seconds: it is
refused before anything is served, PF613 at --timeout, exit status 2, as the command line's
other refusals are."""
from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("given", ["nan", "NaN", "-nan", " nan "])
def test_nan_is_refused_at_timeout(given):
    with socket.socket() as taken:  # were it taken, serve stops at this port in use (PF910) instead of serving
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--timeout", given])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("--timeout:0:0: PF613: "), result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_a_number_of_seconds_is_still_taken():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--timeout", "2.5"])
    assert result.exit_code == 2 and result.stderr.startswith("--port:0:0: PF910: "), result.stderr
