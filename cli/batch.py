"""`pathfit batch`: a whole cohort, one result per row, in input order.

The output file appears whole or not at all: results go to a temporary file
beside it (engine.files.Output), renamed into place only when every row is
done. Ctrl-C or SIGTERM removes the temporary file and says so. An output that
is a link, a device or the input itself is refused before any work.

With --audit-log, each decided row's record is committed to the log just before the
output is renamed into place (batch_audit.py); on a terminal a progress bar shows rows,
rate and time left (batch_progress.py).
"""
from __future__ import annotations

import csv
import io
import os
import signal
import sys
from collections import Counter
from pathlib import Path

import click

from pathfit.engine import PathfitError
from pathfit.engine.cohort.batch import can_fork, run_batch
from pathfit.engine.cohort.results import csv_columns
from pathfit.engine.cohort.rows import read_rows, sniff_kind
from pathfit.engine.counting import agreeing
from pathfit.engine.errors import Pos, Problem, counted
from pathfit.engine.files import APPENDED, Output, check_target, reason
from pathfit.engine.long_lived import set_apart
from pathfit.engine.pipeline.model import input_files
from pathfit.engine.quote import shown_path

from .batch_audit import Spool, finish, input_unchanged, interrupted, prepare_audit, restored, spool_write
from .batch_progress import ProgressBar
from .common import echo, fail_with, load_engine, rules_option
from .interrupts import INTERRUPTED, term_as_interrupt
from .number_params import IntRange
from .params import Choice, Command, FilePath, refuse_idle


@click.command(cls=Command)
@click.argument("input_path", metavar="INPUT", type=FilePath(dir_okay=False, checked=False))
@click.option("--out", "out_path", required=True, type=FilePath(dir_okay=False, checked=False),
              help="Results: .jsonl (default) or .csv (for spreadsheets: a cell that would open as a formula, "
                   "such as an id starting with =, starts with ', and one starting with ' gets another). "
                   "Replaced whole if it exists: results are made again from the input.")
@rules_option
@click.option("--jobs", type=IntRange(1, 256), default=None,
              help="Worker processes [default: the number of cores].")
@click.option("--input-format", type=Choice(["csv", "jsonl"]), default=None,
              help="Input format [default: by extension; .jsonl/.ndjson/.json are JSON Lines, else CSV].")
@click.option("--audit-log", "audit_log", type=FilePath(dir_okay=False, checked=False), metavar="FILE",
              help="Also append a decision record per decided row to the audit log FILE (appended to, never "
                   "replaced). See docs/audit.md in pathfit's source.")
@click.option("--operator", metavar="NAME",
              help="Who is running the batch (up to 256 characters), kept in every record of --audit-log "
                   "in clear.")
@click.option("--csv-bom", "csv_bom", is_flag=True,
              help="Start a .csv --out with a UTF-8 byte order mark (EF BB BF), so Excel, opening the file by a "
                   "double click, reads its non-ASCII text as UTF-8 rather than the system's code page. Off by "
                   "default: the bytes are otherwise the same, and pathfit and most tools read either.")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary.")
def batch(input_path: str, out_path: str, rules: str | None, jobs: int | None, input_format: str | None,
          audit_log: str | None, operator: str | None, csv_bom: bool, quiet: bool) -> None:
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
      pathfit batch cohort.csv --out results.csv --csv-bom
      pathfit batch cohort.csv --out results.jsonl --audit-log audit.jsonl
    """
    refuse_idle((operator is not None and not audit_log, "--operator",
                 "--operator is kept in the records of --audit-log only: give --audit-log, or leave it out"))
    if jobs and jobs > 1 and not can_fork():
        echo(f"warning: --jobs {jobs}: this system cannot fork worker processes; the batch runs in one", err=True)
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
    if csv_bom and out_kind != "csv":  # a mark before JSON Lines would break every reader of the first line
        fail_with(PathfitError([Problem("PF613", "--csv-bom applies to CSV results: --out names no .csv file",
                                        Pos(out_path))]))
    try:
        check_target(out, inputs=[input_path] + ([audit_log] if audit_log else []), what="--out")
    except PathfitError as err:
        fail_with(err)
    engine = load_engine(rules)
    try:  # nor any file the rule set was read from
        check_target(out, inputs=input_files(engine.ruleset), what="--out", rules=engine.ruleset.directory)
        if audit_log:
            check_target(audit_log, inputs=input_files(engine.ruleset), what="--audit-log", code="PF617",
                         fate=APPENDED, rules=engine.ruleset.directory)
    except PathfitError as err:
        fail_with(err)
    try:
        stream = open(input_path, "rb")
    except OSError as exc:
        from .problems import with_examples_hint

        fail_with(with_examples_hint(PathfitError([Problem("PF100", f"cannot read file: {exc.strerror}",
                                                           Pos(input_path))]), input_path))
    done = {"committed": None, "written": False}  # what the end of the run got to, for the interrupt message
    previous = term_as_interrupt()
    try:  # reading a committed batch's records back from a large log takes a while too
        audit, batch_id = prepare_audit(engine, audit_log, input_path, stream, out, kind, operator) if audit_log else (None, None)
    except BaseException as exc:  # the handler stays for the run that follows, restored below
        signal.signal(signal.SIGTERM, previous)
        stream.close()
        if not isinstance(exc, KeyboardInterrupt):
            raise
        echo(f"pathfit batch: interrupted; {interrupted(done, out_path, audit_log)}", err=True)
        sys.exit(INTERRUPTED)
    head = None
    counts: Counter = Counter()
    errors = 0
    first_errors: list = []  # the first SHOWN_ERRORS problems of rows, for the summary
    problems: Counter = Counter()  # every problem of every row by its code (a row may have several)
    progress = None if quiet or not sys.stderr.isatty() else ProgressBar(input_path, kind, engine.ruleset.facts)
    try:
        # what lives as long as the run, set apart from the collector (engine/long_lived.py); here,
        # in the command's own frame, so it is handed back as the run ends and never from a finalizer
        with stream, Output(out) as handle, Spool(out, audit) as records, \
                set_apart(engine, explaining=audit is not None):  # every audited row is explained
            if out_kind == "csv":
                handle.write(("\ufeff" if csv_bom else "") + render_header(audit is not None))
            # rows as read, each parsed where it is evaluated (cohort/batch.py)
            rows = read_rows(stream, input_path, kind, engine.ruleset.facts, parse=False)
            for chunk in run_batch(engine, rows, input_path, jobs, out_kind, audit):
                handle.write(chunk.text)
                if records:
                    spool_write(records, chunk.records, out_path)
                first_errors += chunk.errors[:SHOWN_ERRORS - len(first_errors)]
                problems.update(error[4] for error in chunk.errors)
                for outcome in chunk.outcomes:
                    if outcome:
                        counts[outcome] += 1
                    else:
                        errors += 1
                if progress:
                    progress.advance(len(chunk.outcomes))
            if audit is not None and audit.committed is not None and sum(counts.values()) != len(audit.committed):
                raise PathfitError([Problem("PF631", f"{counted(sum(counts.values()), 'row')} "
                                            f"{agreeing(sum(counts.values()), 'is', 'are')} decided now, but the "
                                            f"committed batch holds {counted(len(audit.committed), 'record')}; its "
                                            "output is not restored",
                                            Pos(input_path))])
            if batch_id is not None:
                input_unchanged(stream, input_path, engine, kind, batch_id)
            finish(handle, records, audit_log, out_path, batch_id, sum(counts.values()), done)
            head = done["committed"]
    except KeyboardInterrupt:
        echo(f"pathfit batch: interrupted; {interrupted(done, out_path, audit_log)}", err=True)
        sys.exit(INTERRUPTED)
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
        echo(f"{counted(total, 'row')}: {parts or 'no decisions'}; errors {errors}", err=True)
        for line in error_summary(input_path, first_errors, problems, out_path):
            echo(line, err=True)
        if audit is not None and audit.committed is not None:
            echo(restored(audit_log, batch_id, out_path), err=True)
        if head:
            echo(f"appended {counted(head[0], 'record')} to {shown_path(audit_log)} as batch {batch_id[:12]} (committed at seq "
                 f"{head[2]}); head {head[1]}", err=True)
    sys.exit(1 if errors else 0)


SHOWN_ERRORS = 5


def error_summary(label: str, shown: list, total: Counter, out_path: str) -> list[str]:
    """The first problems of rows, located (`file:line:col: code: message`) with the row's
    number and id, then how many more problems the output holds, of which codes (`total`,
    every row's problems by code): enough to see what went wrong without opening the output."""
    from pathfit.engine.quote import row_name
    from pathfit.engine.safe_text import one_line

    lines = []
    for row, row_id, line, col, code, message in shown:  # one line each: an id's newline starts none
        lines.append(f"  {shown_path(label)}:{line}:{col or 1}: {code}: {one_line(message)} ({row_name(row, row_id)})")
    rest = total - Counter(error[4] for error in shown)
    if rest:
        codes = ", ".join(f"{code} {n}" for code, n in sorted(rest.items()))
        lines.append(f"  and {rest.total()} more ({codes}); {shown_path(out_path)} has every row's error")
    return lines


def render_header(audited: bool) -> str:
    """The CSV output's header line, written before any row's result."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(csv_columns(audited))
    return buffer.getvalue()
