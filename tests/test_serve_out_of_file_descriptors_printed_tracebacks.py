"""`pathfit serve` out of file descriptors (more connections open than the process may hold)
says so in one warning line a second and answers again once connections close. Regression:
asyncio printed "socket.accept() out of system resource" and a traceback for each connection
waiting, up to the listening backlog (2048) each second: thousands of tracebacks a second."""
from __future__ import annotations

import os
import resource
import socket
import subprocess
import sys
import time

from .serve_support import call, free_port

FILES = 48  # enough for the service itself; the connections below take the rest, and more


class _Service:
    def __init__(self, port: int):
        self.port = port


def _few_files() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILES, FILES))


def test_connections_it_cannot_accept_are_one_warning_a_second_not_a_traceback_each():
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "serve", "--port", str(port),
                             "--timeout", "1"], stderr=subprocess.PIPE, text=True, preexec_fn=_few_files,
                            env={**os.environ, "PATHFIT_CACHE": "0"})
    held = []
    try:
        assert proc.stderr.readline().startswith("pathfit serving on")
        held = [socket.create_connection(("127.0.0.1", port), timeout=5) for _ in range(FILES + 20)]
        time.sleep(2.5)  # silent: the service closes those it took after --timeout, then takes the rest
        for conn in held:
            conn.close()
        time.sleep(0.5)
        assert call(_Service(port), "GET", "/healthz").status == 200  # answering again
        proc.terminate()
        _, err = proc.communicate(timeout=30)
    finally:
        for conn in held:
            conn.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    lines = err.splitlines()
    assert lines, "the service never ran out of file descriptors"
    assert all(line.startswith("warning: cannot accept a connection: Too many open files;") for line in lines), err[:2000]
    assert len(lines) <= 4, lines  # one a second at most
