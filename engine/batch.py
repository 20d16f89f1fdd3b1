"""Batch evaluation: rows -> one result per row, in input order, on N processes.

durable-rules holds the GIL in every C call, so parallelism means processes,
each with its own engine (loaded once per worker). Work goes out in chunks
with a bounded number in flight, so memory stays flat on any input length,
and results come back in submission order, so the output is identical for
any number of workers.
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing as mp
import signal
from collections import deque
from typing import Iterable, Iterator

from .api import Engine
from .errors import PathfitError
from .rows import Row

CHUNK = 64
IN_FLIGHT_PER_WORKER = 4

_worker_engine: Engine | None = None


def evaluate_row(engine: Engine, row: Row, label: str) -> dict:
    out = {"row": row.number, "id": row.id, "outcome": None, "confidence": None, "referral": None,
           "formats": [], "fired": [], "error": None}
    problem = row.error
    if problem is None:
        try:
            d = engine.evaluate(row.profile, label)
        except PathfitError as err:
            problem = err.problems[0]
            if len(err.problems) > 1:
                problem = type(problem)(problem.code, f"{problem.message} (and {len(err.problems) - 1} more)",
                                        problem.pos, problem.severity)
        else:
            out.update(outcome=d.outcome, confidence=d.confidence, referral=d.referral,
                       formats=list(d.formats), fired=list(d.fired))
            return out
    line = problem.pos.line or row.line
    out["error"] = {"code": problem.code, "message": problem.message, "line": line, "col": problem.pos.col}
    return out


def _worker_signals() -> None:
    """Workers leave interrupts to the parent, which stops them with SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


CSV_COLUMNS = ["row", "id", "outcome", "confidence", "referral", "formats", "fired", "error_code", "error"]


def render(results: list[dict], kind: str) -> str:
    """Results as output text, made where they are computed (in the worker), so
    the parent process only writes: on two cores it must not become the bottleneck."""
    if kind == "jsonl":
        return "".join(json.dumps(r, sort_keys=True, ensure_ascii=False) + "\n" for r in results)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for r in results:
        error = r["error"] or {}
        writer.writerow([r["row"], r["id"] or "", r["outcome"] or "", "" if r["confidence"] is None else r["confidence"],
                         r["referral"] or "", ";".join(r["formats"]), ";".join(r["fired"]), error.get("code", ""),
                         error.get("message", "")])
    return buffer.getvalue()


def _work(chunk: list[Row], label: str, kind: str) -> tuple[list, str]:
    results = [evaluate_row(_worker_engine, row, label) for row in chunk]
    return [r["error"] is None and r["outcome"] for r in results], render(results, kind)


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    chunk: list[Row] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_batch(engine: Engine, rows: Iterable[Row], label: str, jobs: int, kind: str) -> Iterator[tuple[list, str]]:
    """Yield (outcome per row, or False for a row error; output text) per chunk of
    rows, in input order. Workers are forked from this process and inherit its
    loaded engine (each child gets its own copy of the C core's state), so a
    large rule set is compiled once, not once per worker."""
    global _worker_engine
    _worker_engine = engine
    if jobs <= 1:
        for chunk in _chunks(rows, CHUNK):
            yield _work(chunk, label, kind)
        return
    ctx = mp.get_context("fork")
    with ctx.Pool(jobs, initializer=_worker_signals) as pool:
        pending: deque = deque()
        try:
            for chunk in _chunks(rows, CHUNK):
                pending.append(pool.apply_async(_work, (chunk, label, kind)))
                while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().get()
            while pending:
                yield pending.popleft().get()
        except BaseException:
            pool.terminate()
            raise
