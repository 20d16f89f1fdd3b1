"""How `pathfit serve` stops: Ctrl-C or SIGTERM at any moment once it listens ends it
cleanly (exit status 0, nothing on stderr but its banner), never with a traceback."""
from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# `pathfit serve --port 0` with a signal sent to itself as uvicorn makes its event loop: the
# first socket pair a process makes is the loop's own (its self-pipe), made after the
# service's socket listens and before the loop runs
_AS_THE_LOOP_IS_MADE = """
import runpy, signal, socket, sys
real, sent = socket.socketpair, []
def socketpair(*args, **kwargs):
    if not sent:
        sent.append(1)
        print("signal sent", file=sys.stderr, flush=True)
        signal.raise_signal(signal.{name})
    return real(*args, **kwargs)
socket.socketpair = socketpair
sys.argv = ["pathfit", "serve", "--port", "0"]
runpy.run_module("pathfit.cli.main", run_name="__main__")
"""


def _serve_with_signal_as_the_loop_is_made(name: str) -> tuple[int, list[str]]:
    proc = subprocess.run([sys.executable, "-c", _AS_THE_LOOP_IS_MADE.format(name=name)], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    return proc.returncode, proc.stderr.splitlines()


def test_ctrl_c_as_the_event_loop_is_made_stops_the_service_without_a_traceback():
    """Regression: Ctrl-C that came while uvicorn made its event loop (a caller connecting as
    soon as the socket listened, then interrupting) printed the half-made loop's traceback
    and a coroutine never awaited."""
    code, lines = _serve_with_signal_as_the_loop_is_made("SIGINT")
    assert code == 0, lines
    assert lines[0].startswith("pathfit serving on http://127.0.0.1:"), lines
    assert lines[1:] == ["signal sent"], lines


def test_sigterm_as_the_event_loop_is_made_stops_the_service_cleanly():
    code, lines = _serve_with_signal_as_the_loop_is_made("SIGTERM")
    assert code == 0, lines
    assert lines[1:] == ["signal sent"], lines


def test_sigterm_while_serving_shuts_down_cleanly():
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "serve", "--port", "0"], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    try:
        banner = proc.stderr.readline()
        port = int(banner.split("127.0.0.1:")[1].split("/")[0])
        for _ in range(100):  # answering: stopped while serving
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
                    conn.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    if conn.recv(64).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise AssertionError("the service never answered")
        proc.send_signal(signal.SIGTERM)
        _, rest = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0 and rest == "", rest
