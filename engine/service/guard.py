"""The ASGI layer around the service's Starlette app: what holds for every request whatever
its route, and for the server's start and stop.

Guards: with a token, every request must carry `Authorization: Bearer <token>`; on a
loopback address, a Host header that is not a loopback name or address is refused (a web
page elsewhere cannot reach the service by rebinding its own name to 127.0.0.1), and so is
a form posted from another origin. Every response, the guards' refusals included, forbids
framing, sniffing and caching.

Stopping: the lifespan is answered here, not by Starlette, and a request still waiting when
the server stops without waiting for its callers (a second Ctrl-C) is answered 503 PF907
here. Why: the server then cancels what is still waiting (stopping.py), and a
cancelled request was answered uvicorn's plain-text 500 "Internal Server Error", without the
headers above, and its traceback printed, as was the lifespan's, though nothing had failed:
the evaluation it had queued still runs to its end, and is recorded, before pathfit exits.
"""
from __future__ import annotations

import asyncio
import hmac
import ipaddress
import re
from typing import Awaitable, Callable
from urllib.parse import urlsplit

from starlette.responses import JSONResponse, Response

from ..quote import quote
from .request import bad

EVERY_RESPONSE = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                  (b"referrer-policy", b"same-origin"), (b"cache-control", b"no-store")]
_PORT = re.compile(r"(:[0-9]*)?")
STOPPED = ("the service was stopped before this request was answered; an evaluation it had accepted still runs "
           "to its end and, if it records a decision, is recorded before the service exits: look in the audit "
           "log before asking again")


def is_loopback(host: str) -> bool:
    """Whether `host` is this machine's loopback: `localhost` or a loopback address in any spelling
    (127.0.0.2, ::1, 0:0:0:0:0:0:0:1, ::ffff:127.0.0.1, bracketed or not). The one rule for both
    `pathfit serve --host` (loopback needs no token) and the Host check (a loopback service answers
    only such Hosts), so an address served without a token is always one its callers can name. A
    name other than localhost is never loopback: DNS may point it anywhere, as a rebinding page does."""
    if host.lower() == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host[1:-1] if host.startswith("[") and host.endswith("]") else host)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # loopback to Python 3.13's ipaddress, not to 3.11's
    return address.is_loopback or mapped is not None and mapped.is_loopback


def host_name(header: str) -> str | None:
    """The name or address in a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`), else None."""
    if header.startswith("["):
        end = header.find("]")
        name, rest = (header[:end + 1], header[end + 1:]) if end > 0 else (None, "")
    else:
        name, sep, port = header.partition(":")
        rest = sep + port
    return name if name and _PORT.fullmatch(rest) else None


class Guard:
    """Token, Host and origin checks, the headers every response carries, and the lifespan
    (pure ASGI). `on_startup`: called as the server starts, on its event loop; `on_shutdown`:
    awaited at a graceful shutdown, before it is said complete."""

    def __init__(self, app, token: str | None, loopback: bool,
                 on_shutdown: Callable[[], Awaitable[None]] | None = None,
                 on_startup: Callable[[], None] | None = None):
        self.app, self.token, self.loopback = app, token, loopback
        self.on_shutdown, self.on_startup = on_shutdown, on_startup

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            return await self._lifespan(receive, send)
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        started = False

        async def send_with_headers(message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + EVERY_RESPONSE
                started = True
            await send(message)

        refusal = self._refuse(scope, headers)  # sent as every other answer is, with the same headers
        try:
            await (refusal if refusal is not None else self.app)(scope, receive, send_with_headers)
        except asyncio.CancelledError:
            # the server stopped without waiting for this caller: told so, never a 500; not raised
            # again, so the server has no failure to print (the event loop is ending anyway)
            if not started:
                await error_response(503, "PF907", STOPPED)(scope, receive, send_with_headers)

    async def _lifespan(self, receive, send) -> None:
        """The ASGI lifespan: started at once; at a graceful shutdown, `on_shutdown` first. A
        server stopped without one (a second Ctrl-C) cancels this as its loop ends: nothing to
        say then, since cli/serve.py still waits for every evaluation accepted."""
        try:
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    if self.on_startup is not None:
                        self.on_startup()
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    if self.on_shutdown is not None:
                        await self.on_shutdown()
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        except asyncio.CancelledError:
            return

    def _refuse(self, scope, headers: dict) -> Response | None:
        if self.token is not None:
            given = headers.get("authorization", "")
            scheme, _, value = given.partition(" ")
            if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), self.token.encode()):
                return error_response(401, "PF903", "send Authorization: Bearer <token> (the --token-file's token)",
                                      {"WWW-Authenticate": "Bearer"})
        if self.loopback:
            host = headers.get("host", "")
            name = host_name(host)
            if name is None or not is_loopback(name):
                return error_response(403, "PF908", f"Host {quote(host)} is not this machine's loopback address")
        origin = headers.get("origin")
        if scope["method"] == "POST" and origin and origin != "null":
            if urlsplit(origin).netloc != headers.get("host"):
                return error_response(403, "PF908", "a form or request posted from another site is refused")
        elif scope["method"] == "POST" and origin == "null":
            return error_response(403, "PF908", "a form or request posted from another site is refused")
        return None


def error_response(status: int, code: str, message: str, headers: dict | None = None) -> Response:
    """One refusal, written as every ServiceError is (compact JSON, `fact` null)."""
    return JSONResponse(bad(status, code, message).to_dict(), status_code=status, headers=headers)
