"""`pathfit serve`: the JSON API and the web form on a local address."""
from __future__ import annotations

import errno
import os
import signal
import socket
import stat
from contextlib import contextmanager
from typing import Iterator

import click

from pathfit.engine.errors import PathfitError, Pos, fail
from pathfit.engine.pipeline.value_text import BLANKS
from pathfit.engine.quote import quote

from .common import echo, fail_with, load_engine, rules_directory, rules_option
from .number_params import FloatRange, IntRange
from .params import Command, FilePath, not_empty, not_nan

MIN_TOKEN = 16
MAX_TOKEN = 4096
# read whole up to here (blank space around the token included): a token read in part is another token
MAX_TOKEN_FILE = 64 << 10


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True, callback=not_empty,
              help="Address to listen on. Anything but loopback needs --token-file.")
@click.option("--port", default=8000, show_default=True, type=IntRange(0, 65535))
@rules_option
@click.option("--audit-log", "audit_log", type=FilePath(dir_okay=False, checked=False), metavar="FILE",
              help="Append every decision made through the service to this hash-chained audit log.")
@click.option("--token-file", "token_file", type=FilePath(dir_okay=False), metavar="FILE",
              help=f"A file holding a secret of at least {MIN_TOKEN} printable ASCII characters (mode 600); "
                   "every request must then send Authorization: Bearer <secret>.")
@click.option("--timeout", default=10.0, show_default=True, type=FloatRange(0.1, 600), callback=not_nan,
              help="Seconds a request may take to arrive (then its connection is closed, a body cut short "
                   "answered 408) and to be answered (then it is answered with 503).")
# the default is engine.service.core.DEFAULT_QUEUE, written here so --help imports no engine (a test pins the two)
@click.option("--queue", default=64, show_default=True, type=IntRange(min=1),
              help="Evaluations (decisions, explanations) that may wait or run at once, and apart from them "
                   "reports and schema requests; one more is refused: 503 (PF911), nothing run.")
def serve(host: str, port: int, rules: str | None, audit_log: str | None, token_file: str | None,
          timeout: float, queue: int) -> None:
    """Serve the recommendation as a web page for HR staff (at /) and a JSON API
    for HR systems (/v1/decisions, /v1/explain, /v1/rules, /v1/schema,
    /healthz; described at /openapi.json). Stop it with Ctrl-C.

    \b
    Examples:
      pathfit serve
      pathfit serve --port 8080 --audit-log audit.jsonl
      pathfit serve --host 0.0.0.0 --token-file token.txt
    """
    from pathfit.engine.service.guard import is_loopback  # the Host check's own rule: the two cannot disagree

    if host.startswith("[") and host.endswith("]"):  # an IPv6 address as a URL writes it: bound without brackets
        host = host[1:-1]
        if not host:  # bound as given, '' is every interface: `--host "[$ADDR]"` with ADDR unset
            fail_with(fail("PF613", "--host is empty between its brackets; give an address", Pos("--host")))
    try:
        loopback = is_loopback(host)
        if not loopback and token_file is None:
            raise fail("PF901", f"{quote(host)} is not a loopback address as pathfit reads one (127.x.y.z, ::1 or "
                                "localhost, written so), so it may be reachable from other machines; give "
                                "--token-file so that only callers holding the token are answered", Pos("--host"))
        token = read_token(token_file) if token_file else None
        if audit_log is not None and os.path.isdir(audit_log):
            raise fail("PF617", "the audit log is a directory", Pos(audit_log))
    except PathfitError as err:
        fail_with(err)
    import uvicorn

    from pathfit.engine.long_lived import set_apart
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.connections import waiting_at_most
    from pathfit.engine.service.core import Service
    from pathfit.engine.service.stopping import Server

    # load_engine is handed the directory, so never announces it: no comparison with the bundled set
    with load_engine(rules_directory(rules)) as engine, set_apart(engine, explaining=True):  # every answer is explained
        service = Service(engine, audit_log, queue)
        app = create_app(service, token, loopback, timeout=timeout)
        server = Server(uvicorn.Config(app, log_level="warning", access_log=False, server_header=False,
                                               http=waiting_at_most(timeout)))  # a request arrives in --timeout
        with _stopped_by_signals(server):
            try:
                if audit_log is not None:
                    _can_record(engine, audit_log)
                sock = listening(host, port)
            except PathfitError as err:
                fail_with(err)
            try:
                shown = f"[{host}]" if ":" in host else host
                echo(f"pathfit serving on http://{shown}:{sock.getsockname()[1]}/ (API description: /openapi.json); "
                     "Ctrl-C stops it", err=True)
                server.run(sockets=[sock])
            finally:
                sock.close()
                # a second Ctrl-C skips the app's shutdown: the evaluations accepted still run, and are
                # recorded, before the engine closes (a caller answered 503 was told they would be)
                service.finish()


@contextmanager
def _stopped_by_signals(server) -> Iterator[None]:
    """Ctrl-C (or SIGTERM) from the moment the socket listens asks `server` to stop, never
    raises. Why: uvicorn handles them while it serves, but one that came as its event loop
    was being made interrupted the making, and the half-made loop printed a traceback as it
    was freed (a caller that connects as soon as the socket listens can stop it then). Asked
    before serving, the server starts, sees it should stop and shuts down cleanly; uvicorn
    sends the signals it handled on to this handler once done, which asks again, harmlessly."""
    def stop(signum: int, frame) -> None:
        server.should_exit = True

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _can_record(engine, audit_log: str) -> None:
    """What would make every recorded answer fail, refused before serving rather than
    answered with an error per request: an audit key named but unusable, or none for a
    rule set with sensitive facts (PF610, as `batch --audit-log` refuses it); a log that
    cannot be appended to, or whose last entry is signed with no signing key set (PF623)."""
    from pathfit.engine.audit.append import check_appendable
    from pathfit.engine.audit.masking import load_key, sensitive_domains

    check_appendable(audit_log)
    key = load_key()
    sensitive = sorted(sensitive_domains(engine.ruleset))
    if sensitive and key is None:
        raise fail("PF610", f"the rule set has sensitive facts ({', '.join(sensitive)}); set PATHFIT_AUDIT_KEY_FILE "
                   "to an audit key (create one with `pathfit audit keygen FILE`) so they can be sealed",
                   Pos("PATHFIT_AUDIT_KEY_FILE"))


def listening(host: str, port: int) -> socket.socket:
    """A socket bound to host:port and listening, made here so that an address in use or
    not this machine's is one located error (PF910) before anything is served, not the
    server's own message after the banner: at `--port` where the port is the fault, else
    at `--host`, so the option to change is the one named."""
    # the host quoted as given and the port apart: `fe80::1:8000` glued read as another address,
    # and a blank in a host ("127.0.0.1 x") could not be seen
    where = f"{quote(host)}, port {port}"
    try:
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # TCP named: asyncio turns Nagle off (TCP_NODELAY) only on connections of a socket that
        # names it, and with Nagle on an answer's body waits for the client's delayed ack (40 ms)
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    except OSError as exc:
        raise fail("PF910", f"cannot listen on {where}: {exc.strerror or exc}", Pos("--host")) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        # a port in use, or one reserved to the administrator, is the port's fault; anything else
        # (an address not this machine's, a name that resolves to none) is the address's
        blamed = "--port" if exc.errno in (errno.EADDRINUSE, errno.EACCES) else "--host"
        raise fail("PF910", f"cannot listen on {where}: {exc.strerror or exc}", Pos(blamed)) from None
    sock.set_inheritable(True)
    return sock


def read_token(path: str) -> str:
    """The secret in `path`: a regular file no one else can read, MIN_TOKEN to MAX_TOKEN printable
    ASCII characters without spaces, the spaces, tabs and line breaks around them left off (as
    around anything typed; another blank is kept, so refused). The file is read whole (up to
    MAX_TOKEN_FILE characters, past which it is refused): read only to MAX_TOKEN + 1
    characters, a token after a blank line was taken cut short and a second line never seen.
    ASCII only because a request's header is read as Latin-1 bytes and compared with the token's
    UTF-8: any other character could never be matched, and a service no caller can use is refused
    here rather than answering every request 401."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise fail("PF902", "token file is not a regular file", Pos(path))
        if info.st_mode & 0o077:
            from pathfit.engine.quote import shell_word  # for this refusal only

            raise fail("PF902", f"token file is readable or writable by others (mode {info.st_mode & 0o777:o}); "
                                f"run: chmod 600 {shell_word(path)}", Pos(path))
        with open(path, encoding="utf-8") as handle:
            text = handle.read(MAX_TOKEN_FILE + 1)
    except (OSError, UnicodeDecodeError) as exc:
        raise fail("PF902", f"cannot read token file: {getattr(exc, 'strerror', None) or exc}", Pos(path)) from None
    token = text.strip(BLANKS)  # as around anything typed: a no-break space is kept, and refused
    if len(text) > MAX_TOKEN_FILE or not MIN_TOKEN <= len(token) <= MAX_TOKEN \
            or any(not "!" <= c <= "~" for c in token):
        raise fail("PF902", f"a token is {MIN_TOKEN} to {MAX_TOKEN} printable ASCII characters without spaces "
                            "(letters, digits and punctuation, what an Authorization header carries)", Pos(path))
    return token
