"""`pathfit serve --host` on a loopback address other than 127.0.0.1 (127.0.0.2, ::1 spelt
out): the address the CLI accepts as loopback without a token is one the Host check answers,
with the Host a client sends for it; a foreign name is still refused (DNS rebinding). 127.0.0.1
mapped into IPv6 (`::ffff:127.0.0.1`) was loopback to Python 3.13's ipaddress and not to 3.11's,
so served without a token on one and refused (PF901) on the other: it is loopback on every one."""
from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time

import pytest

from .serve_support import START_TIMEOUT


def _get(host: str, port: int, headers: dict | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", "/healthz", headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@pytest.fixture(params=[("127.0.0.2", socket.AF_INET), ("0:0:0:0:0:0:0:1", socket.AF_INET6),
                        ("[::1]", socket.AF_INET6), ("::ffff:127.0.0.1", socket.AF_INET6)],
                ids=["127.0.0.2", "ipv6-loopback-spelt-out", "ipv6-bracketed-as-in-a-url",
                     "ipv4-loopback-mapped-into-ipv6"])
def served(request):
    given, family = request.param  # a bracketed address (as a URL writes it) was refused at bind (PF910)
    host = given.strip("[]")
    try:
        with socket.socket(family) as probe:
            probe.bind((host, 0))
            port = probe.getsockname()[1]
    except OSError as exc:
        raise RuntimeError(f"this machine cannot bind {host}: {exc}") from None
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "serve", "--host", given, "--port", str(port)],
                            env={**os.environ, "PATHFIT_CACHE": "0"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + START_TIMEOUT
    try:
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"pathfit serve exited {proc.returncode}: {proc.stderr.read()}")
            try:
                socket.create_connection((host, port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError("pathfit serve did not listen in time") from None
                time.sleep(0.1)
        yield host, port
    finally:
        proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()


def test_serving_on_another_loopback_address_answers_its_own_host_and_refuses_a_foreign_one(served):
    """Regression: `--host 127.0.0.2` started without a token as loopback, then every request
    (Host `127.0.0.2:P`) was refused 403 PF908 as not this machine's loopback address."""
    host, port = served
    status, body = _get(host, port)  # http.client sends the Host it connected to: 127.0.0.2:P, [0:0:...:1]:P
    assert status == 200, body
    shown = f"[{host}]" if ":" in host else host
    assert _get(host, port, {"Host": f"{shown}:{port}"})[0] == 200
    assert _get(host, port, {"Host": shown})[0] == 200  # no port: the default one
    status, body = _get(host, port, {"Host": f"attacker.example:{port}"})
    assert status == 403 and b'"code":"PF908"' in body, body
    status, body = _get(host, port, {"Host": f"{host}.attacker.example:{port}"})
    assert status == 403 and b'"code":"PF908"' in body, body


@pytest.mark.parametrize("host, loopback", [("::ffff:127.0.0.1", True), ("[::ffff:127.1.2.3]", True),
                                            ("::ffff:10.0.0.1", False), ("::ffff:0.0.0.0", False),
                                            ("::127.0.0.1", False), ("localhost", True), ("127.0.0.1.", False)])
def test_loopback_is_one_rule_whatever_python_reads_of_a_mapped_address(host: str, loopback: bool):
    from pathfit.engine.service.guard import is_loopback

    assert is_loopback(host) is loopback
