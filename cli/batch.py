"""`pathfit batch`: a whole cohort, one result per row, in input order.

The output file appears whole or not at all: results go to a temporary file
beside it (engine.files.Output), renamed into place only when every row is
done. Ctrl-C or SIGTERM removes the temporary file and says so. An output that
is a link, a device or the input itself is refused before any work.

With --audit-log, records are spooled beside the output while rows run, then
appended to the log in input order under one lock, as one unit between begin
and commit markers (engine.audit.commit), just before the output is renamed
into place: an output file always has its records committed in the log. A kill
during the append leaves an uncommitted tail that counts for nothing (verify
reports it, --repair sets it aside); SIGTERM and Ctrl-C are held off from the
append to the rename, so the message after one says exactly what was committed.
The batch id (input bytes, rule set digest, input format) is refused if already
committed, so re-running after a crash never logs a row twice; when the
committed batch has no output file (a hard kill between the commit and the
rename), the re-run writes the output instead: the same rows run again without
appending, each decision checked against its committed record (PF631 if one
differs) and given that record's id.
"""
from __future__ import annotations

import csv
import io
import os
import signal
import stat
import sys
import time
from collections import Counter
from pathlib import Path

import click

from pathfit.engine import PathfitError
from pathfit.engine.cohort.batch import Audit, csv_columns, run_batch
from pathfit.engine.errors import Pos, Problem
from pathfit.engine.cohort.rows import read_rows, sniff_kind
from pathfit.engine.files import Output, check_target, reason, spool
from pathfit.engine.long_lived import set_apart

from .common import echo, fail_with, load_engine, rules_option
from .params import Command, FilePath



@click.command(cls=Command)
@click.argument("input_path", metavar="INPUT", type=FilePath(dir_okay=False))
@click.option("--out", "out_path", required=True, type=FilePath(dir_okay=False),
              help="Results: .jsonl (default) or .csv.")
@rules_option
@click.option("--jobs", type=click.IntRange(1, 256), default=None,
              help="Worker processes [default: the number of cores].")
@click.option("--input-format", type=click.Choice(["csv", "jsonl"]), default=None,
              help="Input format [default: by extension; .jsonl/.ndjson/.json are JSON Lines, else CSV].")
@click.option("--audit-log", "audit_log", type=FilePath(dir_okay=False), metavar="FILE",
              help="Also append a decision record per decided row to the audit log FILE. See docs/audit.md.")
@click.option("--operator", metavar="NAME",
              help="Who is running the batch (up to 256 characters), kept in every record in clear.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary.")
def batch(input_path: str, out_path: str, rules: str | None, jobs: int | None, input_format: str | None,
          audit_log: str | None, operator: str | None, quiet: bool) -> None:
    """Evaluate every row of a CSV or JSON Lines cohort.

    Each result gives the row's outcome, confidence, whether it is settled (false:
    provisional, some answer to a fact the row leaves unknown could change it, so its
    confidence is not yet a statement about the advice), referral, formats and the
    rules fired. A bad row becomes an error result for that row and the run goes on;
    the exit status is 1 if any row failed. CSV: a header of fact names (and optionally
    `id` and `subject`, whom the row is about, kept in its record); empty cells
    are unknown; sets as `;`- or `,`-separated lists. JSON Lines: `id` and
    `subject` keys likewise.

    \b
    Examples:
      pathfit batch cohort.csv --out results.jsonl
      pathfit batch cohort.jsonl --out results.csv --jobs 2
      pathfit batch cohort.csv --out results.jsonl --audit-log audit.jsonl
    """
    jobs = jobs or os.cpu_count() or 1
    if operator is not None:
        from pathfit.engine.audit.subject import check_who

        try:
            operator = check_who(operator, "--operator", Pos("--operator"))
        except PathfitError as err:
            fail_with(err)
    out = Path(out_path)
    kind = sniff_kind(input_path, input_format)
    out_kind = "csv" if out.suffix.lower() == ".csv" else "jsonl"
    try:
        check_target(out, inputs=[input_path] + ([audit_log] if audit_log else []), what="--out")
    except PathfitError as err:
        fail_with(err)
    engine = load_engine(rules)
    try:
        stream = open(input_path, "rb")
    except OSError as exc:
        fail_with(PathfitError([Problem("PF100", f"cannot read file: {exc.strerror}", Pos(input_path))]))
    audit, batch_id = _audit(engine, audit_log, input_path, out, kind, operator) if audit_log else (None, None)
    head = None
    done = {"committed": None, "written": False}  # what the end of the run got to, for the interrupt message
    counts: Counter = Counter()
    errors = 0
    first_errors: list = []  # the first SHOWN_ERRORS problems of rows, for the summary
    problems = 0  # every problem of every row (a row may have several)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    progress = None if quiet or not sys.stderr.isatty() else _progress(input_path)
    try:
        # what lives as long as the run, set apart from the collector (engine/long_lived.py); here,
        # in the command's own frame, so it is handed back as the run ends and never from a finalizer
        with stream, Output(out) as handle, _spool(out, audit) as records, \
                set_apart(engine, explaining=audit is not None):  # every audited row is explained
            if out_kind == "csv":
                handle.write(render_header(audit is not None))
            # rows as read, each parsed where it is evaluated (cohort/batch.py)
            rows = read_rows(stream, input_path, kind, engine.ruleset.facts, parse=False)
            for chunk in run_batch(engine, rows, input_path, jobs, out_kind, audit):
                handle.write(chunk.text)
                if records:
                    _spool_write(records, chunk.records, out_path)
                first_errors += chunk.errors[:SHOWN_ERRORS - len(first_errors)]
                problems += len(chunk.errors)
                for outcome in chunk.outcomes:
                    if outcome:
                        counts[outcome] += 1
                    else:
                        errors += 1
                if progress:
                    progress.advance(len(chunk.outcomes))
            if audit is not None and audit.committed is not None and sum(counts.values()) != len(audit.committed):
                raise PathfitError([Problem("PF631", f"{sum(counts.values())} rows are decided now, but the committed "
                                            f"batch holds {len(audit.committed)} records; its output is not restored",
                                            Pos(input_path))])
            _finish(handle, records, audit_log, out_path, batch_id, sum(counts.values()), done)
            head = done["committed"]
    except KeyboardInterrupt:
        echo(f"pathfit batch: interrupted; {_interrupted(done, out_path, audit_log)}", err=True)
        sys.exit(130)
    except PathfitError as err:
        fail_with(err)
    except OSError as exc:  # reading the input (writes are located by Output and the spool)
        fail_with(PathfitError([Problem("PF100", f"cannot read file: {reason(exc)}", Pos(input_path))]))
    finally:
        if progress:
            progress.stop()
        signal.signal(signal.SIGTERM, previous)
        engine.close()
    if not quiet:
        total = sum(counts.values()) + errors
        parts = ", ".join(f"{o} {n}" for o, n in sorted(counts.items()))
        echo(f"{total} rows: {parts or 'no decisions'}; errors {errors}", err=True)
        for line in error_summary(input_path, first_errors, problems, out_path):
            echo(line, err=True)
        if audit is not None and audit.committed is not None:
            echo(_restored(audit_log, batch_id, out_path), err=True)
        if head:
            echo(f"appended {head[0]} records to {audit_log} as batch {batch_id[:12]} (committed at seq "
                 f"{head[2]}); head {head[1]}", err=True)
    sys.exit(1 if errors else 0)


SHOWN_ERRORS = 5


def error_summary(label: str, shown: list, total: int, out_path: str) -> list[str]:
    """The first problems of rows, located (`file:line:col: code: message`) with the row's
    number and id, then how many more problems the output holds (`total`): enough to see
    what went wrong without opening the output."""
    from pathfit.engine.safe_text import one_line

    lines = []
    for row, row_id, line, col, code, message in shown:  # one line each: an id's newline starts none
        who = f"row {row}" + (f", id {one_line(row_id)}" if row_id is not None else ", no id")
        lines.append(f"  {one_line(label)}:{line}:{col or 1}: {code}: {one_line(message)} ({who})")
    if total > len(shown):
        lines.append(f"  and {total - len(shown)} more; {out_path} has every row's error")
    return lines


def _finish(handle, records, audit_log: str | None, out_path: str, batch_id: str | None, decided: int,
            done: dict) -> None:
    """Commit the records, then rename the output, with SIGTERM and Ctrl-C held off in between.

    Every output byte is written and fsynced first (Output.prepare), so only the
    rename can fail after the commit; if it does, the error says the records were
    committed. A signal that arrives meanwhile is taken after both, and `done` says
    what was finished."""
    handle.prepare()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        if records:
            done["committed"] = _append_spooled(records, audit_log, out_path, batch_id, decided)
        try:
            handle.commit()
        except PathfitError as err:
            if done["committed"]:
                problem = err.problems[0]
                raise PathfitError([problem._replace(message=f"{problem.message}; {_committed(done, audit_log)}")]) \
                    from None
            raise
        done["written"] = True
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _committed(done: dict, audit_log: str) -> str:
    count, _, seq = done["committed"]
    return (f"but the batch's {count} records were committed to {audit_log} (commit at seq {seq}): running "
            "the same batch again writes the output from them and appends nothing, so no row is logged twice")


def _restored(audit_log: str, batch_id: str, out_path: str) -> str:
    from pathfit.engine.audit.commit import find_committed

    commit = find_committed(audit_log, batch_id) or {"batch": {"records": "?"}, "seq": "?", "time": "?"}
    # pathfit cannot tell which run wrote where: the log names no output, so this says only what it knows
    return (f"batch {batch_id[:12]} was already committed to {audit_log} ({commit['batch']['records']} records, "
            f"commit at seq {commit['seq']}, {commit['time']}), and {out_path} did not exist (the run that committed "
            "it was stopped before renaming its output into place, or wrote it elsewhere). Wrote it by running the "
            "same rows again, each decision's outcome and referral checked against its committed record and given "
            "that record's id; nothing was appended")


def _interrupted(done: dict, out_path: str, audit_log: str | None) -> str:
    """The truth about an interrupted run, from what the end of the run got to."""
    if done["written"]:
        return (f"after the run had finished: output written to {out_path}"
                + (f" and its records committed to {audit_log}" if done["committed"] else ""))
    if done["committed"]:
        return f"no output written to {out_path}, {_committed(done, audit_log)}"
    return f"no output written to {out_path}" + (f" and nothing appended to {audit_log}" if audit_log else "")


def _audit(engine, audit_log: str, input_path: str, out: Path, kind: str, operator: str | None
           ) -> tuple[Audit, str]:
    """Everything that could stop the audit, checked before the first row runs;
    -> (what workers need, the batch id)."""
    from pathfit.engine.audit.commit import batch_id, committed_rows, file_digest, find_committed
    from pathfit.engine.audit.log import check_appendable
    from pathfit.engine.audit.masking import load_key, sensitive_domains

    if os.path.abspath(audit_log) in (os.path.abspath(out), os.path.abspath(input_path)):
        fail_with(PathfitError([Problem("PF613", "--audit-log names the input or the output file", Pos(audit_log))]))
    try:
        check_target(audit_log, inputs=[input_path], what="--audit-log", code="PF617")
        key = load_key()
        sensitive = sorted(sensitive_domains(engine.ruleset))
        if sensitive and key is None:
            raise PathfitError([Problem("PF610", f"the rule set has sensitive facts ({', '.join(sensitive)}); set "
                                        "PATHFIT_AUDIT_KEY_FILE to an audit key (create one with `pathfit audit "
                                        "keygen FILE`) so they can be sealed", Pos("PATHFIT_AUDIT_KEY_FILE"))])
        try:
            if not stat.S_ISREG(os.stat(input_path).st_mode):  # a pipe would be read up by its digest
                raise PathfitError([Problem("PF100", "with --audit-log the input must be a regular file: its digest "
                                            "names the batch, and a pipe or a device cannot be read twice",
                                            Pos(input_path))])
            digest = file_digest(input_path)
        except OSError as exc:
            raise PathfitError([Problem("PF100", f"cannot read file: {reason(exc)}", Pos(input_path))]) from None
        batch = batch_id(digest, engine.ruleset.digest, {"input_format": kind})
        commit = find_committed(audit_log, batch) if not out.exists() and not out.is_symlink() else None
        if commit is not None:  # committed, yet no output: a run stopped between its commit and the rename
            return Audit(key, Path(input_path).name, operator, committed_rows(audit_log, commit)), batch
        check_appendable(audit_log, batch)
    except PathfitError as err:
        fail_with(err)
    return Audit(key, Path(input_path).name, operator), batch


class _spool:
    """The records while rows run, only with an audit log: a scratch file with no
    name (engine.files.spool), so nobody else reads it and no kill leaves it behind."""

    def __init__(self, out: Path, audit: Audit | None):
        self._out, self._on, self._f = out, audit is not None and audit.committed is None, None

    def __enter__(self):
        if self._on:
            self._f = spool(self._out)
        return self._f

    def __exit__(self, *exc) -> None:
        if self._f:
            try:
                self._f.close()
            except OSError:
                pass


def _spool_write(records, data: bytes, out_path: str) -> None:
    try:
        records.write(data)
    except OSError as exc:
        raise PathfitError([Problem("PF619", f"cannot write the records' scratch file beside it: {reason(exc)}; "
                                    "nothing was written or appended", Pos(out_path))]) from None


def _append_spooled(records, audit_log: str, out_path: str, batch_id: str, decided: int) -> tuple[int, str, int]:
    """Append the spooled records as one committed batch; -> (records, head, seq of the commit)."""
    from pathfit.engine.audit.commit import Batch
    from pathfit.engine.audit.log import append_lines

    try:
        records.flush()
        records.seek(0)
    except OSError as exc:
        raise PathfitError([Problem("PF619", f"cannot write the records' scratch file beside it: {reason(exc)}; "
                                    "nothing was written or appended", Pos(out_path))]) from None
    lines = (memoryview(line)[:-1] for line in records)  # each line without its newline, not copied to cut it
    count, last = append_lines(audit_log, lines, batch=Batch(batch_id, decided))
    return count, last["hash"], last["seq"]


def _raise_interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def render_header(audited: bool) -> str:
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_columns(audited))
    return buffer.getvalue()


class _progress:
    """A rich progress bar on stderr: rows, rate, time left (imported only on a terminal).

    Drawn only from this process, when rows arrive, never by rich's refresh
    thread: batch workers are forked, and a fork taken while another thread
    holds a lock (the console's, the allocator's) leaves the child that lock
    forever held."""

    REDRAW_SECONDS = 0.1

    def __init__(self, input_path: str):
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn)

        total = _count_lines(input_path)
        self._bar = Progress(TextColumn("rows"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                             transient=True, auto_refresh=False, console=Console(stderr=True))
        self._task = self._bar.add_task("rows", total=total, rate="")
        self._bar.start()
        self._bar.refresh()
        self._drawn = time.monotonic()

    def advance(self, rows: int) -> None:
        self._bar.advance(self._task, rows)
        now = time.monotonic()
        if now - self._drawn >= self.REDRAW_SECONDS:
            task = self._bar.tasks[0]
            if task.speed:
                self._bar.update(self._task, rate=f"{task.speed:,.0f}/s")
            self._bar.refresh()
            self._drawn = now

    def stop(self) -> None:
        self._bar.stop()


def _count_lines(path: str) -> int | None:
    try:
        with open(path, "rb") as f:
            return max(sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) - 1, 0)
    except OSError:
        return None
