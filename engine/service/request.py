"""What a request to the web service says, read strictly, and the problems sent back.

Apart from what the service does with a request (core.py): the body's JSON, the subject and
operator, the facts located at `facts.NAME`, and the error type with its HTTP status change
with the HTTP contract, not with deciding or recording.
"""
from __future__ import annotations

import json
from urllib.parse import unquote_to_bytes

from ..errors import PathfitError, Pos, Problem
from ..audit.subject import MAX_WHO
from ..cohort.rows import MAX_DEPTH, json_depth_problem
from ..surrogates import LONE_SURROGATE, lone_surrogate, lone_surrogate_column
from ..pipeline.load import Map
from ..pipeline.profile import SUBJECT
from ..pipeline.scalars import json_float, json_int
from ..pipeline.value_problems import JSON_READ
from ..quote import quote

MAX_BODY_BYTES = 64 * 1024
MAX_PERSON_TEXT = MAX_WHO  # subject and operator: what the CLI's --subject and --operator take
FACT_PREFIX = "facts."
CALLER_PF6 = frozenset({"PF613", "PF628"})  # PF6xx codes earned by what a request says, not the server's state
_PERSON = frozenset({"subject", "operator"})  # checked by person_text, with the CLI's code for them (PF628)


class ServiceError(Exception):
    """Problems to send back with an HTTP status (400 malformed, 422 invalid, ...) and any
    headers the status needs (Retry-After with a 503 for a full queue), on the JSON and the page
    alike."""

    def __init__(self, status: int, problems: list[Problem], headers: dict[str, str] | None = None):
        # the facts' (`facts.NAME`) by name first, then the request's keys, whatever their names
        problems = sorted(problems, key=lambda p: (not p.pos.file.startswith(FACT_PREFIX), p.sort_key()))
        super().__init__("; ".join(p.message for p in problems))
        self.status, self.problems, self.headers = status, problems, dict(headers or {})

    def to_dict(self) -> dict:
        return {"errors": [problem_dict(p) for p in self.problems]}


def problem_dict(p: Problem) -> dict:
    """One error: its code, the message the CLI would print, and the fact it is about (or null)."""
    where = p.pos.file
    return {"code": p.code, "message": p.message,
            "fact": where[len(FACT_PREFIX):] if where.startswith(FACT_PREFIX) else None}


def bad(status: int, code: str, message: str, where: str = "<request>",
        headers: dict[str, str] | None = None) -> ServiceError:
    return ServiceError(status, [Problem(code, message, Pos(where))], headers)


def printed_json(obj) -> bytes:
    """`obj` as `pathfit recommend --format json` and `pathfit explain --format json` print it
    (program_json.json_for_programs, then cli.common.echo's escape_controls
    and its newline): an HR system gets the CLI's bytes, not only an equal object, so "the same
    rules and facts give the same bytes" (docs/decision.md) holds across the two."""
    from ..program_json import json_for_programs
    from ..safe_text import escape_controls

    return (escape_controls(json_for_programs(obj)) + "\n").encode("utf-8")


def parse_json_body(raw: bytes, subject_is_fact: bool = False) -> dict:
    """A JSON object, strictly: UTF-8 (a byte order mark passed over), no duplicate keys (the CLI refuses them too), no NaN.
    A lone surrogate in the subject or operator, at the top or as `facts.subject`, is left to
    their own check (PF628, 422), as the CLI's; `subject_is_fact`: the rule set has a fact of
    that name, so `facts.subject` is a fact's value and is refused here like any other."""
    def pairs(items):
        seen = {}
        for key, value in items:
            if key in seen:
                raise bad(400, "PF905", f"duplicate key {quote(key)} in the request body")
            seen[key] = value
        return seen

    def constant(name):
        raise bad(400, "PF905", f"{name} is not a JSON number")

    try:  # a UTF-8 byte order mark is no part of the text, as in every JSON file pathfit reads (RFC 8259 allows it)
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        raise bad(400, "PF905", "the request body is not UTF-8") from None
    deep = json_depth_problem(text, "<request>", 1)  # the decoder recurses: bounded before it runs, as a row is
    if deep is not None:
        raise bad(400, deep.code, f"the request body is nested deeper than {MAX_DEPTH} levels")
    try:
        doc = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=json_float,
                         parse_int=json_int)
    except ValueError as exc:
        raise bad(400, "PF905", f"the request body is not JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise bad(400, "PF905", "the request body must be a JSON object")
    facts = doc.get("facts")
    probe = doc if subject_is_fact or not isinstance(facts, dict) or SUBJECT not in facts else \
        {**doc, "facts": {k: v for k, v in facts.items() if k != SUBJECT}}
    if lone_surrogate(probe, text, spared=_PERSON):  # no answer, record or message could be written of it
        raise bad(400, "PF905", f"the request body holds {LONE_SURROGATE} at character {lone_surrogate_column(text)}")
    return doc


def last_segment_as_sent(scope: dict, decoded: str) -> str:
    """The path's last segment (a route's last parameter) as the client sent it: %-escapes undone,
    a byte that is not UTF-8 kept as a lone surrogate (U+DCFF for 0xFF), as a command line and the
    page's form keep it, where the HTTP server's decoding makes it U+FFFD, a character no one
    sent, which a refusal would then quote. `decoded`: the server's, for a scope without a raw path."""
    raw = scope.get("raw_path")
    if not raw:
        return decoded
    return unquote_to_bytes(raw.rpartition(b"/")[2]).decode("utf-8", "surrogateescape")


def no_query(scope: dict) -> None:
    """Refuse a query string on a path that is posted to (400 PF905): everything such a path takes
    comes in the body, so a query's words (`?why_not=mentoring`) would be passed over in silence,
    and the answer be to a question the client did not ask. A bare `?` says nothing."""
    query = scope.get("query_string", b"")
    if query:
        raise bad(400, "PF905", f"{scope['path']} takes no query string, not "
                  f"{quote(query.decode('ascii', 'backslashreplace'))}: send what it takes in the request body")


def not_coded(codings: list[str]) -> None:
    """Refuse a body sent with a Content-Encoding (`codings`: each line of that header) other than
    `identity` (415 PF905, as HTTP says): the service reads none, and a gzip body read as plain
    would be a form of no answers, decided, or JSON refused as "not UTF-8"."""
    coded = [c.strip() for line in codings for c in line.split(",") if c.strip().lower() not in ("", "identity")]
    if coded:
        raise bad(415, "PF905", f"the request body is sent as it is, without a Content-Encoding; not "
                  f"{quote(', '.join(coded))}")


def person_text(body: dict, key: str) -> str | None:
    """`subject` or `operator`: absent/null, or what `--subject` and `--operator` take, refused
    with their code (PF628) and words: engine.audit.subject.check_who owns the rule, so the
    service cannot drift from the CLI and a batch."""
    value = body.get(key)
    if value is None:
        return None
    from ..audit.subject import check_who

    try:
        return check_who(value, key, Pos(key))
    except PathfitError as err:
        raise ServiceError(422, err.problems) from None


def facts_map(facts) -> Map | dict:
    """The request's facts, each located at `facts.NAME` so every problem names its fact."""
    if not isinstance(facts, dict):
        raise bad(422, "PF406", "facts maps fact names to values", "facts")
    located = Map(facts)
    located.label, located.line, located.col = "facts", 0, 0
    located.marks = {name: Pos(FACT_PREFIX + name) for name in facts}
    located.surprises, located.as_written = {}, {}
    located.source = JSON_READ  # a str among them is a JSON string: text to every reader
    return located
