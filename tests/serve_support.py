"""A real `pathfit serve` for tests: started as its own process on a free loopback
port, waited for on /healthz, stopped at the end; and a small HTTP client
(the standard library's http.client, one connection per call unless given one)."""
from __future__ import annotations

import asyncio
import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, *args: str, env: dict | None = None, auth: dict | None = None):
        self.auth = auth or {}
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pathfit.cli.main", "serve", "--port", str(self.port), *args],
            env={**os.environ, "PATHFIT_CACHE": "0", **(env or {})},
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"pathfit serve exited {self.proc.returncode}: {self.proc.stderr.read()}")
            try:
                call(self, "GET", "/healthz", headers=self.auth)
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("pathfit serve did not answer /healthz in time")
                time.sleep(0.1)

    def stop(self) -> str:
        self.proc.terminate()
        try:
            _, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _, err = self.proc.communicate()
        return err


def recording_server(directory: Path) -> Server:
    """A service keeping an audit log (`.log`) with a new audit key in `directory`: the page asks
    for a subject and an operator, and a decision takes them, only where a record keeps them."""
    from .audit_support import make_key

    srv = Server("--audit-log", str(directory / "audit.jsonl"),
                 env={"PATHFIT_AUDIT_KEY_FILE": str(make_key(directory))})
    srv.log = directory / "audit.jsonl"
    return srv


def token_server(directory: Path, token: str) -> Server:
    """A service on the bundled rules guarded by `token`, read from a --token-file (mode 600) in
    `directory`; its own calls carry the token as a Bearer token."""
    path = directory / "token"
    path.write_text(token + "\n")
    path.chmod(0o600)
    return Server("--token-file", str(path), auth={"Authorization": f"Bearer {token}"})


class Reply:
    def __init__(self, status: int, headers: dict, body: bytes):
        self.status, self.headers, self.body = status, headers, body

    @property
    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def call(server, method: str, path: str, body=None, headers: dict | None = None,
         conn: http.client.HTTPConnection | None = None, raw: bytes | None = None) -> Reply:
    """One request. `body` is sent as JSON; `raw` as given."""
    own = conn is None
    conn = conn or http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    sent = {**({"Content-Type": "application/json"} if body is not None else {}), **(headers or {})}
    data = json.dumps(body).encode() if body is not None else raw
    try:
        conn.request(method, path, body=data, headers=sent)
        response = conn.getresponse()
        said: dict = {}
        for name, value in response.getheaders():  # a header sent twice (a 401's challenges) joined, as HTTP allows
            said[name.lower()] = f"{said[name.lower()]}, {value}" if name.lower() in said else value
        return Reply(response.status, said, response.read())
    finally:
        if own:
            conn.close()


async def asgi_call(app, method: str, path: str, body=None, parts: list[bytes] | None = None,
                    headers: dict | None = None, disconnect: bool = False, repeated: tuple = ()) -> Reply:
    """One request driven through an ASGI app in this process, with no socket, so a test
    decides exactly what the server receives and when. `path` may end in a query string
    (`?...`). `body` is sent as JSON, or `parts`
    as the pieces the body arrives in; `disconnect`: the client goes away after them,
    before the body's end (as a closed connection reaches the app); `repeated`: (name, value)
    pairs sent after `headers`, so that a header can be sent more than once."""
    pieces = parts if parts is not None else [json.dumps(body).encode() if body is not None else b""]
    sent = {"host": "127.0.0.1", **({"content-type": "application/json"} if body is not None else {}),
            **{k.lower(): v for k, v in (headers or {}).items()}}
    messages = [{"type": "http.request", "body": piece, "more_body": disconnect or i < len(pieces) - 1}
                for i, piece in enumerate(pieces)] + ([{"type": "http.disconnect"}] if disconnect else [])
    path, _, query = path.partition("?")  # a query string, as a server splits it off the path
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": method,
             "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": [(k.encode("latin-1"), str(v).encode("latin-1")) for k, v in [*sent.items(), *repeated]],
             "client": ("127.0.0.1", 40000), "server": ("127.0.0.1", 8000)}
    started: dict = {}
    received = bytearray()

    async def receive() -> dict:
        if messages:
            return messages.pop(0)
        await asyncio.Event().wait()  # a client still connected, sending nothing more
        return {}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            started.update(message)
        else:
            received.extend(message.get("body", b""))

    await app(scope, receive, send)
    return Reply(started["status"], {k.decode().lower(): v.decode() for k, v in started.get("headers", [])},
                 bytes(received))


async def asgi_lifespan(app) -> None:
    """An ASGI server's start and graceful shutdown of `app` (uvicorn's lifespan protocol)."""
    messages = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    said: list = []

    async def receive() -> dict:
        return messages.pop(0)

    async def send(message: dict) -> None:
        said.append(message["type"])

    await app({"type": "lifespan", "asgi": {"version": "3.0"}}, receive, send)
    assert said == ["lifespan.startup.complete", "lifespan.shutdown.complete"], said


def shut_down(app) -> None:
    """What an ASGI server's graceful shutdown does to an app run in this process: its lifespan
    ends, so its read threads stop (waited for here) and every evaluation accepted finishes
    (Service.finish). Without it those threads outlived the test, and every fork the suite made
    afterwards, a `--jobs` batch's, forked beside them (warned of from Python 3.12)."""
    asyncio.run(asgi_lifespan(app))
    for thread in threading.enumerate():
        if thread.name.startswith("pathfit-read"):
            thread.join(10)
            assert not thread.is_alive(), thread.name


def report_reply(log: Path, key_file: str, record_id: str):
    """The bundled rules served in this process over `log` with the audit key in `key_file`, the
    cache off: the reply to `GET /report/record_id`, the service shut down after it."""
    from pathfit.engine import Engine
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_AUDIT_KEY_FILE", key_file)
        mp.setenv("PATHFIT_CACHE", "0")
        engine = Engine.load()
        app = create_app(Service(engine, str(log)))
        try:
            return asyncio.run(asgi_call(app, "GET", f"/report/{record_id}"))
        finally:
            shut_down(app)
            engine.close()


def example_facts(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]


def form_body(facts: dict) -> bytes:
    """The form post a browser makes for `facts` on the page (tests/test_serve_browser.py
    checks chromium's own encoding gives the same decisions)."""
    from urllib.parse import urlencode

    pairs = []
    for name, value in facts.items():
        if value is None:
            continue
        if isinstance(value, list):
            pairs += [(name, item) for item in value or [":none"]]
        elif isinstance(value, bool):
            pairs.append((name, "yes" if value else "no"))
        else:
            pairs.append((name, str(value)))
    return urlencode(pairs).encode()


@pytest.fixture(scope="module")
def server():
    """One plain service (the bundled rules, no audit log) for a test module's tests."""
    srv = Server()
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def bundled_app():
    """The service's ASGI app on the bundled rules (loaded fresh, not from the user's cache), in
    this process, for a test module's tests; shut down at the end (`shut_down`)."""
    from pathfit.engine import Engine
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        with Engine.load() as engine:
            service = Service(engine)
            app = create_app(service)
            yield app
            shut_down(app)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    """One service on the bundled rules with an audit log (`.log`) and its key, for a test
    module's tests."""
    from .audit_support import make_key

    tmp = tmp_path_factory.mktemp("audited-service")
    srv = Server("--audit-log", str(tmp / "audit.jsonl"), env={"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp))})
    srv.log = tmp / "audit.jsonl"
    yield srv
    srv.stop()


@contextmanager
def slowed_service(method: str, delay: float = 1.5, timeout: float = 0.3) -> Iterator:
    """The bundled rules served in this process with `--timeout` `timeout`, the Service's
    `method` held up `delay` seconds first, so every answer is cut off; -> a target for
    `call`. At the end every held-up evaluation is let finish before the engine closes:
    waited for as it finishes, not for a whole `delay` more."""
    import uvicorn

    from pathfit.engine import Engine
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    with Engine.load() as engine:
        service = Service(engine)
        original = getattr(service, method)
        running = [0]
        settled = threading.Condition()

        def held_up(*args):
            with settled:
                running[0] += 1
            try:
                time.sleep(delay)
                return original(*args)
            finally:
                with settled:
                    running[0] -= 1
                    settled.notify_all()

        setattr(service, method, held_up)
        config = uvicorn.Config(create_app(service, timeout=timeout), host="127.0.0.1", port=free_port(),
                                log_level="error")
        srv = uvicorn.Server(config)
        thread = threading.Thread(target=srv.run, daemon=True)
        thread.start()
        try:
            while not srv.started:
                time.sleep(0.02)
            yield type("S", (), {"port": config.port})
        finally:
            srv.should_exit = True
            thread.join(10)
            with settled:
                assert settled.wait_for(lambda: running[0] == 0, timeout=delay + 30), "a held-up evaluation never ended"


def listen_refusal(host: str, port: int):
    """The problem `pathfit serve` reports when it cannot listen on host:port (fails the test if it can)."""
    import pytest

    from pathfit.cli.serve import listening
    from pathfit.engine.errors import PathfitError

    try:
        sock = listening(host, port)
    except PathfitError as err:
        return err.problems[0]
    sock.close()
    pytest.fail(f"{host!r}:{port} was listened on")
