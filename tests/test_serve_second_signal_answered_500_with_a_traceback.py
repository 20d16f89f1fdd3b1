"""A second signal while requests wait for their evaluations (SIGTERM, then Ctrl-C) stops
waiting for the callers, as docs/serve.md says, and nothing else: each caller still waiting
is told, in the service's own JSON with its headers, that its evaluation goes on and is
recorded (503 PF907), never 500 "Internal Server Error"; stderr holds only the banner, the
exit status is 0, and every decision accepted is in the audit log when it exits."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

from .audit_support import make_key
from .serve_support import free_port

EXPLAINS, DECISIONS = 6, 4


def _request(port: int, path: str, body: dict, sent: threading.Semaphore, replies: dict, key: str) -> None:
    data = json.dumps(body).encode()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=60) as conn:
            conn.sendall(b"POST " + path.encode() + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                         b"Content-Length: " + str(len(data)).encode() + b"\r\nConnection: close\r\n\r\n" + data)
            sent.release()
            received = b""
            while chunk := conn.recv(65536):
                received += chunk
        replies[key] = received
    except OSError as exc:
        replies[key] = exc


def test_a_second_signal_tells_the_waiting_callers_503_and_prints_no_traceback(tmp_path):
    stopped_twice_while_callers_wait(tmp_path, [sys.executable, "-m", "pathfit.cli.main"])


def stopped_twice_while_callers_wait(tmp_path, pathfit: list[str]) -> None:
    """`pathfit serve`, run by the command `pathfit`, stopped by SIGTERM then SIGINT while six
    explanations and four decisions wait: the checks above, and at least one decision cut off."""
    log = tmp_path / "audit.jsonl"
    port = free_port()
    proc = subprocess.Popen([*pathfit, "serve", "--port", str(port),
                             "--audit-log", str(log)], stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PATHFIT_CACHE": "0",
                                 "PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))})
    try:
        banner = proc.stderr.readline()
        assert banner.startswith("pathfit serving on"), banner
        sent, replies = threading.Semaphore(0), {}
        asked = [("/v1/explain", {"facts": {"hours_per_month": i}, "what_if": True}, f"explain-{i}")
                 for i in range(EXPLAINS)]  # slow: the decisions wait behind them
        asked += [("/v1/decisions", {"facts": {"hours_per_month": i}, "operator": f"op-{i}"}, f"op-{i}")
                  for i in range(DECISIONS)]
        callers = []
        for path, body, key in asked:  # in this order on the evaluation thread
            callers.append(threading.Thread(target=_request, args=(port, path, body, sent, replies, key)))
            callers[-1].start()
            assert sent.acquire(timeout=30)
            time.sleep(0.02)
        time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        proc.send_signal(signal.SIGINT)  # the second: stop waiting for the callers
        _, err = proc.communicate(timeout=120)
        for caller in callers:
            caller.join(60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 0
    assert err == "", err
    answered = {key: reply for key, reply in replies.items() if isinstance(reply, bytes) and reply}
    cut_off = []
    for key, reply in answered.items():
        head, _, body = reply.partition(b"\r\n\r\n")
        status = int(head.split()[1])
        assert b"x-content-type-options: nosniff" in head.lower(), reply
        if status == 503:
            assert [e["code"] for e in json.loads(body)["errors"]] == ["PF907"], reply
            cut_off.append(key)
        else:
            assert status == 200, reply
    assert any(key.startswith("op-") for key in cut_off), replies  # the second signal came while they waited
    recorded = sorted(json.loads(line)["record"]["operator"] for line in log.read_text().splitlines())
    assert recorded == [f"op-{i}" for i in range(DECISIONS)]  # each accepted: run and recorded before the exit
