"""The ASGI layer around the service's Starlette app: what holds for every request whatever
its route, and for the server's start and stop.

Guards: with a token, every request must carry it, as `Authorization: Bearer <token>` or, from
a browser, as the password of Basic credentials (any user name); on a
loopback address, a Host header that is not a loopback name or address is refused (a web
page elsewhere cannot reach the service by rebinding its own name to 127.0.0.1), and so is
a form posted from another origin. Every response, the guards' refusals included, forbids
framing, sniffing and caching.

Stopping: the lifespan is answered here, not by Starlette, and a request still waiting when
the server stops without waiting for its callers (a second Ctrl-C) is answered 503 PF907
here. Why: the server then cancels what is still waiting (stopping.py), and a
cancelled request was answered uvicorn's plain-text 500 "Internal Server Error", without the
headers above, and its traceback printed, as was the lifespan's, though nothing had failed:
the decision it had queued still runs to its end, and is recorded, before pathfit exits (an
explanation or a report, which records nothing, is given up: app.py).
"""
from __future__ import annotations

import asyncio
import base64
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
UNAUTHORIZED = ("send Authorization: Bearer <token>, or from a browser any user name with the token as its password "
                "(the --token-file's token)")
SENT_AGAIN = "the Authorization header is sent once, not {} times; " + UNAUTHORIZED
# Two challenges (RFC 7235): Bearer for programs, Basic so that a browser asks for the token
CHALLENGES = [("WWW-Authenticate", "Bearer"), ("WWW-Authenticate", 'Basic realm="pathfit", charset="UTF-8"')]
STOPPED = ("the service was stopped before this request was answered; a decision it had accepted is still made "
           "and, with an audit log, recorded before the service exits: look in the audit log before asking again "
           "(anything else, recording nothing, was given up)")


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

        # sent as every other answer is, with the same headers
        refusal = self._refuse(scope, headers, _every(scope, b"authorization"), _every(scope, b"origin"))
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

    def _refuse(self, scope, headers: dict, authorization: list[str], origins: list[str]) -> Response | None:
        """The guards' refusal, or None. A header sent more than once is read at every line, so
        no answer hangs on their order: Authorization (one value) is refused, and a post is
        refused if any Origin is another site's."""
        if self.token is not None:
            if len(authorization) > 1:
                return error_response(401, "PF903", SENT_AGAIN.format(len(authorization)), CHALLENGES)
            offered = offered_token(authorization[0] if authorization else "")
            if offered is None or not hmac.compare_digest(offered, self.token.encode()):
                return error_response(401, "PF903", UNAUTHORIZED, CHALLENGES)
        if self.loopback:
            host = headers.get("host", "")
            name = host_name(host)
            if name is None or not is_loopback(name):
                return error_response(403, "PF908", f"Host {quote(host)} is not this machine's loopback address")
        own = headers.get("host")
        if scope["method"] == "POST" and any(o == "null" or o and urlsplit(o).netloc != own for o in origins):
            return error_response(403, "PF908", "a form or request posted from another site is refused")
        return None


def _every(scope, name: bytes) -> list[str]:
    """Every line of header `name` (lower case) the request sent, in order."""
    return [v.decode("latin-1") for k, v in scope["headers"] if k.lower() == name]


def offered_token(authorization: str) -> bytes | None:
    """The token an Authorization header offers, for a constant-time comparison with the
    --token-file's: a Bearer token, or the password of Basic credentials (any user name: a
    browser, which can send no Bearer token, asks a person for both). None where the header
    offers none: another scheme, or Basic credentials that are not base64, not UTF-8 (the
    charset the challenge names) or have no colon; a header is never a 500."""
    scheme, _, value = authorization.partition(" ")
    if scheme.lower() == "bearer":
        return value.strip().encode()
    if scheme.lower() != "basic":
        return None
    try:  # binascii.Error, and UnicodeDecodeError for a user name or password not UTF-8, are ValueErrors
        credentials = base64.b64decode(value.strip(), validate=True)
        credentials.decode("utf-8")
    except ValueError:
        return None
    _, colon, password = credentials.partition(b":")  # a user name has no colon (RFC 7617); a password may
    return password if colon else None


def error_response(status: int, code: str, message: str, headers: dict | list | None = None) -> Response:
    """One refusal, written as every ServiceError is (compact JSON, `fact` null). `headers` a list of
    (name, value): a header sent more than once (the 401's two challenges)."""
    response = JSONResponse(bad(status, code, message).to_dict(), status_code=status,
                            headers=headers if isinstance(headers, dict) else None)
    for name, value in headers if isinstance(headers, list) else ():
        response.raw_headers.append((name.lower().encode("latin-1"), value.encode("latin-1")))
    return response
