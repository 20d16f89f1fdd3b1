"""One row's result in a batch: the row evaluated (or its problems, each at its cell or key),
and results as the output's text, JSON Lines or CSV.

Why apart from the pool that runs them (batch.py): what a result holds and how it is
written is the output's format, the same whichever process makes it and however rows are
shared out.
"""
from __future__ import annotations

import csv
import io
import json

from ..api import Decision, Engine
from ..errors import PathfitError
from ..safe_text import escape_controls
from .locate import at_input, relocated
from .rows import Row


# the keys of a result in the JSON Lines output (with an audit log, AUDIT_COLUMN too)
RESULT_KEYS = ("row", "id", "outcome", "confidence", "settled", "referral", "formats", "fired", "error", "errors")


def evaluate_row(engine: Engine, row: Row, label: str) -> tuple[dict, Decision | None]:
    """-> (the row's result, its Decision or None for a row error)."""
    out = {"row": row.number, "id": row.id, "outcome": None, "confidence": None, "settled": None, "referral": None,
           "formats": [], "fired": [], "error": None, "errors": []}
    problems = [row.error, *row.more] if row.error is not None else []
    if row.profile is not None:  # a row refused for its id keeps its facts: they are checked too, not decided
        try:
            d = engine.evaluate(row.profile, label) if not problems else engine.check(row.profile, label)
        except PathfitError as err:
            # every one (a row with three bad values is fixed in one pass), each at its cell or key,
            # one found at a rule at the row's start
            problems += relocated(engine, row, label, at_input(err.problems, label))
            if row.error is not None:  # the reader's with the check's, in order of place
                problems.sort(key=lambda p: (p.pos.line or row.line, p.pos.col or 1, p.code, p.message))
        else:
            if not problems:
                # settled beside the confidence: a provisional decision's figure says nothing of the advice
                out.update(outcome=d.outcome, confidence=d.confidence, settled=d.settled, referral=d.referral,
                           formats=list(d.formats), fired=list(d.fired))
                return out, d
    # located as the summary on stderr locates them: a problem with no column of its own is at the row's start
    out["errors"] = [{"code": p.code, "message": p.message, "line": p.pos.line or row.line, "col": p.pos.col or 1}
                     for p in problems]
    out["error"] = out["errors"][0]  # the first, where one cell or key is wanted
    return out, None


CSV_COLUMNS = ["row", "id", "outcome", "confidence", "settled", "referral", "formats", "fired", "error_code", "error"]
AUDIT_COLUMN = "record_id"  # appended, with an audit log, so each result names its record


def csv_columns(audited: bool) -> list[str]:
    """The CSV output's header: with an audit log, each result names its record."""
    return CSV_COLUMNS + [AUDIT_COLUMN] if audited else CSV_COLUMNS


def render(results: list[dict], kind: str) -> str:
    """Results as output text, made where they are computed (in the worker), so
    the parent process only writes: on two cores it must not become the bottleneck."""
    if kind == "jsonl":  # json escapes C0 itself; DEL, C1 and bidi overrides become \u escapes too
        return escape_controls("".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in results))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for r in results:
        error = r["error"] or {}
        problems = r.get("errors") or ([error] if error else [])
        cells = [r["row"], r["id"] or "", r["outcome"] or "", "" if r["confidence"] is None else r["confidence"],
                 "" if r["settled"] is None else "true" if r["settled"] else "false", r["referral"] or "",
                 ";".join(r["formats"]), ";".join(r["fired"]), ";".join(p["code"] for p in problems), _messages(problems)]
        if AUDIT_COLUMN in r:
            cells.append(r[AUDIT_COLUMN] or "")
        writer.writerow([_cell(c) if isinstance(c, str) else c for c in cells])
    return buffer.getvalue()


# OWASP's CSV-injection leads (a CR never leads here: escape_controls writes it `\u000d`), and
# the quote itself, so that one leading `'` taken off a cell always gives back its text
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r", "'")


def _cell(text: str) -> str:
    """A text cell as a spreadsheet will open it: control characters escaped, and a cell that
    a spreadsheet would run as a formula (one starting `=`, `+`, `-`, `@` or a tab: an id such
    as `=HYPERLINK(...)` or `-2+3`) opened with a `'`, so it is read as text and runs nothing.
    A cell already starting with `'` gets one more, so a program reading the CSV gets each text
    back (control characters escaped) by taking the first `'` off a cell that starts with one.
    Only text is touched: the row number and the confidence are written as numbers, a negative
    figure included. The JSON Lines output, for programs, keeps the text as given."""
    text = escape_controls(text)
    return "'" + text if text.startswith(_FORMULA_LEADS) else text


def _messages(problems: list[dict]) -> str:
    """The error cell: each problem with its `line:col:` and code, as stderr gives them, one
    or several (codes in error_code, `;`-separated): a row's number is not the line it starts
    on where a cell spans lines, so the cell says where to look."""
    return "; ".join(f"{p['line']}:{p['col'] or 1}: {p['code']}: {p['message']}" for p in problems)
