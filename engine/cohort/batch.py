"""Batch evaluation: rows -> one result per row, in input order, on N processes.

durable-rules holds the GIL in every C call, so parallelism means processes,
each with its own copy of the engine, forked once it is loaded. Work goes out in chunks
with a bounded number in flight, so memory stays flat on any input length,
and results come back in submission order, so the output is identical for
any number of workers.

Each worker parses its rows (rows.py) and makes each row's result and the output's
text (results.py). With an audit log, each worker also seals a decision record per
decided row (engine.audit.record) and hands back their canonical bytes; the parent
spools them and appends them to the log in input order, under one lock (cli/batch_audit.py).
"""
from __future__ import annotations

import itertools
import os
import signal
import time
from typing import Iterable, Iterator, NamedTuple

from ..api import Decision, Engine
from ..audit.masking import AuditKey
from ..audit.record import build_record_line, utc_now
from ..errors import Pos, fail
from ..long_lived import Sweeper
from ..pipeline.profile import profile_subject
from .results import AUDIT_COLUMN, evaluate_row, render
from .rows import Row, Unparsed, parsed
from .held import STOP_SIGNALS
from .workers import NotStarted, WorkerGone, Workers

CHUNK = 64  # rows in a chunk until a worker has timed one, and the fewest after
MAX_CHUNK = 1024
# a chunk is sized to take about this long in a worker: handing a chunk out and its
# result back costs the one process that reads and writes time taken from the workers on
# a machine with as many cores as workers (about a millisecond when measured, with
# multiprocessing.Pool's threads woken both ways); a longer chunk makes the wait for the
# last one longer
CHUNK_SECONDS = 0.04
CHUNK_TEXT = 4 << 20  # characters of row text in a chunk at most (a chunk holds at least one row)
IN_FLIGHT_PER_WORKER = 4

_worker_engine: Engine | None = None
_sweeper = Sweeper()  # each worker has its own copy, forked with it


class Audit(NamedTuple):
    """What a worker needs to seal records: the audit key (None when the rule
    set has no sensitive facts) and the input's name, kept in each record's source."""

    key: AuditKey | None
    input_name: str
    operator: str | None = None  # --operator, in every record of the run
    committed: dict | None = None  # restoring a committed run's output: row -> (record id, outcome, referral)


class Chunk(NamedTuple):
    """One chunk's results: outcome per row (False for a row error), output
    text, and the canonical records, one per line (b"" without an audit log)."""

    outcomes: list
    text: str
    records: bytes
    errors: tuple = ()  # (row, id, line, col, code, message) of each row's problems, for the summary on stderr
    seconds: float = 0.0  # how long the worker took, for the size of the chunks that follow


def _worker_signals() -> None:
    """Workers leave interrupts to the parent, which ends them (workers.Workers.stop); SIGTERM
    sent to the whole process group ends a worker at once. They are forked with both signals
    blocked (workers.Workers), so the parent's handlers never run in a worker: the worker's
    own are set before unblocking."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def _work(chunk: list[Row | Unparsed], label: str, kind: str, audit: Audit | None) -> Chunk:
    _sweeper.sweep()  # the last chunk's objects gone: see long_lived.Sweeper
    started = time.perf_counter()
    results, decided = [], []
    facts = _worker_engine.ruleset.facts
    for row in chunk:
        # parsed here, in the worker: the process that reads hands out rows as read (rows.Unparsed)
        row = parsed(row, label, facts)
        out, decision = evaluate_row(_worker_engine, row, label)
        results.append(out)
        if audit is not None:  # stamped as decided: its record is made once the chunk is decided
            decided.append((row, out, decision, utc_now()))
    records = _records(decided, audit, label) if audit is not None else ()
    errors = tuple((r["row"], r["id"], e["line"], e["col"], e["code"], e["message"]) for r in results for e in r["errors"])
    seconds = time.perf_counter() - started
    _sweeper.worked(seconds)
    return Chunk([r["error"] is None and r["outcome"] for r in results], render(results, kind), b"".join(records),
                 errors, seconds)


def _records(decided: list, audit: Audit, label: str) -> list:
    """Each decided row's record (or, restoring a committed run, its record's id) put in its
    result, and the records' lines. Made after every row of the chunk is decided, not
    row by row: a record's trace, canonical bytes and digest fill the processor's caches
    with what the next person's evaluation then has to bring back: interleaved, a decision
    took 10-14% longer and its record 6-7% (30 and 1,000 rules, one process), 7-10% of an
    audited row. Each decision, with the trace its record made, is let go once its record
    is made."""
    records: list = []
    decided.reverse()
    while decided:
        row, out, decision, stamp = decided.pop()
        out[AUDIT_COLUMN] = None
        if decision is not None and audit.committed is not None:
            out[AUDIT_COLUMN] = committed_id(audit.committed, row, decision, label)
        elif decision is not None:
            subject = profile_subject(_worker_engine.ruleset, row.profile, label)  # checked by evaluate
            record, line = build_record_line(_worker_engine, decision, audit.key, timestamp=stamp,
                                             source={"input": audit.input_name, "row": row.number, "id": row.id},
                                             subject=subject, operator=audit.operator)
            out[AUDIT_COLUMN] = record["id"]
            records += (line, b"\n")
    return records


def committed_id(committed: dict, row: Row, decision: Decision, label: str) -> str:
    """The id of the committed record of `row`, once the re-run's decision is checked against
    it; PF631, located at the row, if it has none or it decided otherwise (then no output is
    restored)."""
    from ..safe_text import one_line

    where = Pos(label, row.line, 1)
    if row.number not in committed:
        raise fail("PF631", f"row {row.number} is decided now but has no record in the committed batch; the "
                   "output is not restored", where)
    record_id, outcome, referral = committed[row.number]
    if (outcome, referral) != (decision.outcome, decision.referral):
        def said(o, r):
            return o + (f" ({r})" if r else "")

        raise fail("PF631", f"row {row.number} now decides {said(decision.outcome, decision.referral)}, but its "
                   f"committed record {one_line(str(record_id))} says {one_line(said(str(outcome), referral and str(referral)))}; "
                   "the output is not restored", where)
    return record_id


class ChunkSize:
    """How many rows the next chunk holds: CHUNK until a chunk has been timed, then as
    many as take about CHUNK_SECONDS at the rate the last chunk ran, between CHUNK and
    MAX_CHUNK. Which rows share a chunk never changes a row's result or where it is
    written, only how often work changes hands."""

    def __init__(self) -> None:
        self.rows = CHUNK

    def timed(self, chunk: Chunk) -> None:
        done = len(chunk.outcomes)
        if done and chunk.seconds > 0:
            self.rows = max(CHUNK, min(MAX_CHUNK, int(CHUNK_SECONDS * done / chunk.seconds)))


def _chunks(rows: Iterable[Row | Unparsed], size: ChunkSize) -> Iterator[list[Row | Unparsed]]:
    chunk: list = []
    held = 0
    for row in rows:
        chunk.append(row)
        if type(row) is Unparsed:
            held += len(row.content) if type(row.content) is str else sum(map(len, row.content))
        if len(chunk) >= size.rows or held >= CHUNK_TEXT:
            yield chunk
            chunk, held = [], 0
    if chunk:
        yield chunk


def can_fork() -> bool:
    """Whether workers can be forked here: not on Windows, whose processes start empty and
    would each load and compile the rule set again; there a batch runs in one process."""
    return hasattr(os, "fork")


def run_batch(engine: Engine, rows: Iterable[Row | Unparsed], label: str, jobs: int, kind: str,
              audit: Audit | None = None) -> Iterator[Chunk]:
    """Yield a Chunk per chunk of rows, in input order. Workers are forked from this process and inherit its
    loaded engine (each child gets its own copy of the C core's state), so a
    large rule set is compiled once, not once per worker."""
    global _worker_engine
    _worker_engine = engine
    size = ChunkSize()
    chunks = _chunks(rows, size)
    first = list(itertools.islice(chunks, 2))
    if jobs <= 1 or len(first) < 2 or not can_fork():  # no worker is started for what one chunk holds
        for chunk in itertools.chain(first, chunks):
            yield _work(chunk, label, kind, audit)
        return
    # what every chunk shares is forked with the workers, not sent with each chunk (a restored
    # run's committed rows are a dict of every row)
    workers = Workers(lambda chunk: _work(chunk, label, kind, audit), _worker_signals)
    try:
        workers.start(jobs)
        tasks = ((chunk,) for chunk in itertools.chain(first, chunks))
        for done in workers.results(tasks, jobs * IN_FLIGHT_PER_WORKER):
            size.timed(done)
            yield done
    except NotStarted as exc:
        reason = exc.args[0].strerror or str(exc.args[0])
        raise fail("PF635", f"cannot start {jobs} worker processes: {reason}; the batch is stopped before any row "
                   "is decided (fewer --jobs may run)", Pos(label)) from None
    except WorkerGone:
        raise fail("PF632", "a worker process ended before handing back its rows (killed, for instance "
                   "when memory ran out, or crashed: the batch cannot tell which); the batch is stopped",
                   Pos(label)) from None
    finally:
        workers.stop()
