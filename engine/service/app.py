"""The ASGI application (Starlette): routes, limits and guards around core.Service.

Limits: a request body over `max_body` bytes is refused (413) before it is
read further, and one not whole within `timeout` seconds (408, the connection closed:
connections.py bounds the wait for a request's head); an evaluation that has not answered within `timeout` seconds is
answered 503: a decision runs on to its end on the service's evaluation thread (recorded,
with an audit log), as the 503 says, and an explanation, which records nothing, is given up
(never begun, or a what-if stopped before its next re-run), so that it holds up no evaluation
queued behind it; one that finds the service's queue full is
refused at once (503 PF911, Retry-After), never queued, so it promises nothing; a
graceful shutdown (the ASGI lifespan's) waits for every evaluation queued. Reads that
record nothing (a report, the schema) run on threads of their own, beside evaluations,
and one cut off is dropped: never started, or, a report already reading the audit log,
stopped at its next line. The token, Host and origin guards, the headers every
response carries and the lifespan are guard.py's; pages carry the CSP. A path is served only as routed: no
redirect adds or drops a trailing slash (`/healthz/` is 404, PF909).
"""
from __future__ import annotations

import asyncio
import os
import threading

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from . import form, page
from ..errors import PathfitError, Problem
from .core import QueueFull, Service
from .guard import Guard, error_response
from .request import (MAX_BODY_BYTES, ServiceError, bad, last_segment_as_sent, no_query, not_coded,
                      parse_json_body, printed_json, problem_dict)
from .openapi import describe
from .reads import Reads
from .sent import AGAIN, Answer, Sent, digest, key_of
from .waiting import answer

DEFAULT_TIMEOUT = 10.0
RETRY_AFTER = 1  # seconds, a full queue's Retry-After: a hint, no room is held for the caller


def create_app(service: Service, token: str | None = None, loopback: bool = True,
               max_body: int = MAX_BODY_BYTES, timeout: float = DEFAULT_TIMEOUT) -> Starlette:
    """The app for one loaded rule set. `loopback` turns on the Host check."""
    from ..program_json import for_many

    for_many()  # it answers many requests: JSON written by orjson where it writes json's bytes
    rs = service.engine.ruleset
    with service.lock:
        from ..explain.interview import ranked_questions

        order, _ = ranked_questions(service.engine, {}, set())

    reads = Reads(service.queue)
    kept = service.audit_log is not None  # a subject and operator are asked for only where a record keeps them
    sent = Sent()  # requests answered, by key: one sent again is answered again, not decided twice (sent.py)

    async def evaluated(fn, *args, stop: threading.Event | None = None):
        """fn(*args) queued on the service's evaluation thread: a decision runs to its end whatever
        the wait. Given `stop` (fn records nothing and watches it), it is given up once its caller
        is answered: never begun, or stopped at its next safe point. With the queue full it is
        refused at once, queued nowhere: it never runs."""
        try:
            job = service.submit(fn, *args)
        except QueueFull as full:
            raise bad(503, "PF911", f"the service is busy: as many evaluations as it takes at once ({full.limit}) "
                      "are already waiting or running; this request was refused before it was accepted, so "
                      "nothing was run or recorded: send it again in a moment", headers={
                          "Retry-After": str(RETRY_AFTER)}) from None
        try:
            return await answer(job, timeout, drop=stop is not None, stop=stop)
        except TimeoutError:
            if stop is not None:
                raise bad(503, "PF907", f"no answer within {timeout:g} s; an explanation records nothing, so this one "
                          "was given up: ask again (a what-if on a large rule set can take longer than that)") from None
            raise bad(503, "PF907", f"no answer within {timeout:g} s; the request goes on in the background and, if "
                      "it records a decision, is recorded when it ends: look in the audit log before asking again") from None

    async def read(fn, *args, stop: threading.Event | None = None):
        """fn(*args), which records nothing, beside the evaluations: a report never holds a decision up.
        Given up, it is dropped: `stop` (which fn watches) is set, so it ends early if already running.
        With as many reads waiting or running as evaluations may be, it is refused at once."""
        try:
            job = reads.submit(fn, *args)
        except QueueFull as full:
            raise bad(503, "PF911", f"the service is busy: as many reports and schema requests as it takes at once "
                      f"({full.limit}) are already waiting or running; nothing of this one was run: send it again "
                      "in a moment", headers={"Retry-After": str(RETRY_AFTER)}) from None
        try:
            return await answer(job, timeout, drop=True, stop=stop)
        except TimeoutError:
            raise bad(503, "PF907", f"no answer within {timeout:g} s; this request records nothing: ask again") from None

    async def shutdown() -> None:  # the lifespan's end (guard.Guard answers the lifespan)
        reads.shutdown()
        await asyncio.to_thread(service.finish)  # every evaluation accepted runs, and is recorded, before the end

    async def body_of(request: Request) -> bytes:
        not_coded(request.headers.getlist("content-encoding"))
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > max_body):
            raise bad(413, "PF904", f"the request body is larger than {max_body} bytes")
        data = bytearray()

        async def whole() -> None:
            async for chunk in request.stream():
                data.extend(chunk)
                if len(data) > max_body:
                    raise bad(413, "PF904", f"the request body is larger than {max_body} bytes")

        try:
            await asyncio.wait_for(whole(), timeout)  # a client sending half a body and waiting is not waited for
        except ClientDisconnect:  # answered as any bad body is, to no one: nothing for the server to print
            raise bad(400, "PF905", "the request body was cut off: the connection closed before its end") from None
        except TimeoutError:  # the rest of it, if it comes, is not read: the connection is closed
            raise bad(408, "PF905", f"the request body did not arrive whole within {timeout:g} s; send it again",
                      headers={"Connection": "close"}) from None
        return bytes(data)

    async def json_bytes(request: Request) -> bytes:
        no_query(request.scope)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/json":
            raise bad(415, "PF905", "send the request body as application/json")
        return await body_of(request)

    async def json_body(request: Request) -> dict:
        return parse_json_body(await json_bytes(request), "subject" in rs.facts)

    async def decisions(request: Request) -> Response:
        key = key_of(request.headers)
        data = await json_bytes(request)
        answer, again = await evaluated(_decision, parse_json_body(data, "subject" in rs.facts), key, digest(data))
        headers = {**answer.extra, **({"Idempotent-Replayed": "true"} if again else {})}
        return Response(answer.body, media_type="application/json", headers=headers)

    def _decision(body: dict, key: str | None, request_digest: str) -> tuple[Answer, bool]:
        found = None if key is None else sent.find(("key", key), request_digest)
        if found is not None:
            return found, True
        decision, entry = service.decide(body)
        headers = {"X-Pathfit-Audit-Seq": str(entry["seq"]), "X-Pathfit-Audit-Hash": entry["hash"]} if entry else {}
        answer = Answer(printed_json(decision), headers, request_digest)
        if key is not None:
            sent.keep(("key", key), answer)
        return answer, False

    async def explain(request: Request) -> Response:
        stop = threading.Event()  # a what-if cut off stops at its next re-run, freeing the engine
        return _printed(await evaluated(service.explain, await json_body(request), stop, stop=stop))

    listing: list[bytes] = []  # /v1/rules: the rules served never change, so written once, when first asked

    async def rules(request: Request) -> Response:
        if not listing:
            listing.append(JSONResponse(service.rules()).body)
        return Response(listing[0], media_type="application/json")

    async def schema(request: Request) -> Response:
        return JSONResponse(await read(service.schema))

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "ruleset": {"name": rs.name, "digest": rs.digest}})

    async def openapi(request: Request) -> Response:
        return JSONResponse(describe(rs, await read(service.schema), max_body, timeout, token is not None,
                                     service.queue, kept))

    async def index(request: Request) -> Response:
        return _html(page.page(rs, order, kept=kept))

    async def decide_form(request: Request) -> Response:
        no_query(request.scope)
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if kind != "application/x-www-form-urlencoded":  # anything else would be read as an empty form
            raise bad(415, "PF905", "post the page's form (application/x-www-form-urlencoded); programs use "
                      "/v1/decisions")
        data = await body_of(request)
        facts, person = form.read_form(rs, data)
        posted = person.pop("sent", None)  # the page's token: without an audit log, passed over
        twice = form.sent_twice(person)  # a box sent with two values; without a log, refused as kept nowhere instead
        page_token = posted if kept else None
        key = ("form", digest(data)) if page_token else None
        values = {**facts, **{":" + k: v for k, v in person.items()}}
        try:
            answer, again = await evaluated(_form_decision, facts, person, key, twice if kept else [])
        except ServiceError as err:
            # where: subject, operator; located: a rule file's line and column, for whoever runs pathfit
            shown = [{**problem_dict(p), "where": p.pos.file,
                      "located": f"{p.pos.file}:{p.pos.line}:{p.pos.col}" if p.pos.line else None}
                     for p in err.problems]
            return _html(page.page(rs, order, values, form.errors(shown, rs, facts),
                                   form.field_problems(shown, rs, facts), refused=True, kept=kept,
                                   token=page_token), err.status,
                         err.headers)
        return _html(page.page(rs, order, values, (AGAIN if again else "") + answer.body, wanted=answer.extra,
                               kept=kept))

    def _form_decision(facts: dict, person: dict, key: tuple[str, str] | None, twice: list) -> tuple[Answer, bool]:
        found = None if key is None else sent.find(key, key[1])
        if found is not None:
            return found, True
        # the form's subject box only; without an audit log, none, and one posted anyway refused
        subject, operator = service.people(facts, person, facts_subject=False, problems=twice, kept=kept)
        decision, record, _ = service.decide_facts(facts, subject, operator)
        answer = Answer(page.result(rs, decision, record), tuple(page.open_questions(rs, decision)), "")
        if key is not None:
            sent.keep(key, answer._replace(digest=key[1]))
        return answer, False

    async def report(request: Request) -> Response:
        if service.audit_log is None:  # no record is kept, so no id names one: as an unknown id with a log
            raise bad(404, "PF616", "no records are kept: start pathfit serve with --audit-log to keep them, each "
                      "with its printable report")
        stop = threading.Event()
        record_id = last_segment_as_sent(request.scope, request.path_params["record_id"])  # quoted as sent
        return _html(await read(_report, record_id, stop, stop=stop))

    def _report(record_id: str, stop: threading.Event) -> str:
        from ..audit.masking import load_key
        from ..audit.read import select, unverified_entry
        from ..audit.stream import CheckedLog
        from ..audit.sealing import values_hidden
        from ..reports.html import render

        # no evaluation lock: the log is read as appends leave it (engine.audit.log.read_lines)
        broken = seal = None
        try:
            if not os.path.lexists(service.audit_log):  # made at the first decision: until then, no record is kept
                select((), record_id, service.audit_log, whole=True)  # PF616, as for an id no record has
            key = load_key()
            # Stopped: no one to tell; with the key every seal checked as `audit verify` checks it; the record read again
            checked = CheckedLog(service.audit_log, stop, key=lambda: key)
            broken, seal = checked.problem, checked.seal
            item = select(checked.items, record_id, service.audit_log, whole=True)  # the id the page gave
            if unverified_entry(item, broken, checked.unvouched_from, seal):  # only entries the log vouches for are drawn
                raise PathfitError([broken._replace(message=(
                    f"the audit log does not verify ({broken.message}); record {item.record['id']} is not "
                    "among the entries it vouches for, so no page shows it as a log entry"))])
            item = checked.whole(item)
            record, masks = checked.drawn(item, key, "drawing its report")  # refused as `audit verify` refuses it
            record = values_hidden(record)
        except PathfitError as err:  # no such record, the log cannot be read, or a seal that cannot be opened
            told = broken is None or err.problems[0].message.startswith("the audit log does not verify") \
                or err.problems[0] == seal  # its own seal
            damage = [] if told else [broken._replace(message=f"the audit log does not verify: {_said(broken)}")]
            raise ServiceError(404, list(err.problems) + damage) from None
        return render(record, item.entry, masks, "" if broken is None else f"{broken.code}: {_said(broken)}")

    def _said(broken: Problem) -> str:
        """A log's first problem as `pathfit report` warns of it, its line in the words (the service
        names no file)."""
        return (f"line {broken.pos.line}: " if broken.pos.line else "") + broken.message

    async def service_error(request: Request, exc: ServiceError) -> Response:
        return JSONResponse(exc.to_dict(), status_code=exc.status, headers=exc.headers or None)

    async def no_route(request: Request, exc: HTTPException) -> Response:
        """A path not served, or a method not taken there (405: Allow names those it takes), said as
        sent, %-escapes kept (decoded, a byte not UTF-8 was U+FFFD, sent by no one), as JSON errors."""
        headers = dict(exc.headers or {})
        path = request.scope.get("raw_path", b"").decode("ascii", "backslashreplace") or request.url.path
        if exc.status_code == 405:  # Starlette lists them from a set: sorted, so the answer never varies
            allowed = headers["Allow"] = ", ".join(sorted(m.strip() for m in headers.get("Allow", "").split(",")))
            message = f"{request.method} is not taken at {path}; use {allowed}"
        else:
            message = f"no such path: {path} (see /openapi.json)"
        return error_response(exc.status_code, "PF909", message, headers)

    routes = [Route("/", index, methods=["GET"]), Route("/decide", decide_form, methods=["POST"]),
              Route("/report/{record_id}", report, methods=["GET"]),
              Route("/v1/decisions", decisions, methods=["POST"]), Route("/v1/explain", explain, methods=["POST"]),
              Route("/v1/rules", rules, methods=["GET"]), Route("/v1/schema", schema, methods=["GET"]),
              Route("/healthz", healthz, methods=["GET"]), Route("/openapi.json", openapi, methods=["GET"])]
    app = Starlette(routes=routes, exception_handlers={ServiceError: service_error, HTTPException: no_route})
    app.router.redirect_slashes = False  # docs/serve.md: a path not served is 404 PF909, never a redirect
    def startup() -> None:  # connections the loop cannot accept are said in a line, never a traceback each
        from .connections import say_accept_failures_once_a_second

        say_accept_failures_once_a_second(asyncio.get_running_loop(), timeout)

    return Guard(app, token, loopback, shutdown, startup)


def _html(text: str, status: int = 200, headers: dict | None = None) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers={"Content-Security-Policy": page.CSP, **(headers or {})})


def _printed(obj) -> Response:
    """An explanation, as the bytes the CLI's --format json prints."""
    return Response(printed_json(obj), media_type="application/json")
