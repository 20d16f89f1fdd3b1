"""`pathfit report`: one decision record as a self-contained HTML page."""
from __future__ import annotations

import click

from pathfit.engine.errors import PathfitError
from pathfit.engine.files import check_target, write_atomic
from pathfit.engine.quote import shown_path

from .common import echo, fail_with
from .params import Command, FilePath, not_empty


@click.command(cls=Command)
@click.argument("source", metavar="RECORD", type=FilePath())
@click.option("--out", required=True, type=FilePath(), metavar="FILE.html",
              help="Where to write the page (replaced whole if it exists: it is made again from the record).")
@click.option("--id", "record_id", metavar="ID", callback=not_empty, help="With an audit log: which record (a unique prefix will do).")
@click.option("--audit-key", type=FilePath(), metavar="FILE",
              help="The key the record was sealed with (default: $PATHFIT_AUDIT_KEY_FILE).")
def report(source: str, out: str, record_id: str | None, audit_key: str | None) -> None:
    """Write a decision record (a record file, or one record of an audit log)
    as one HTML page an auditor can open offline: the outcome, the inputs
    (a sealed record needs the audit key, and is drawn opened), the rules that fired in order with their reasons
    and citations, and the derivation drawn as a graph. The page loads nothing.

    A log that does not verify (anything `audit verify` finds, with the audit key a seal that
    does not hold too) is warned about on stderr, as
    `audit show` and `replay` warn. Its chain vouches only for the committed entries before the
    first problem (before the lines it skips, when a line branches off an earlier one and the
    chain cannot tell which side was inserted; before the begin of a batch the problem falls
    inside, or whose commit marker is among those lines): the entries `audit verify` counts as
    verified. A record among them is drawn (exit 0); any other is not, since the page would
    show it as a log entry, and nothing is written (exit 1). A damaged record is named with
    its own problem (exit 2).

    \b
    Examples:
      pathfit report decision.json --out decision.html
      pathfit report audit.jsonl --id 3f1c2a --out decision.html
    """
    from pathfit.engine.audit.read import select, unverified_entry
    from pathfit.engine.audit.stream import CheckedLog
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.sealing import values_hidden
    from pathfit.engine.reports.html import render

    from .audit_show import warn_unverified

    broken = seal = None
    try:
        check_target(out, inputs=[source], what="--out")
        key = load_key(audit_key)
        # the whole log verified (with the key, every seal too, as `audit verify` checks them), holding
        # no record; the one drawn read again
        checked = CheckedLog(source, key=lambda: key)
        broken, seal = checked.problem, checked.seal
        item = select(checked.items, record_id, source)
        if unverified_entry(item, broken, checked.unvouched_from, seal):
            warn_unverified(broken)
            echo(f"{shown_path(source)}: no page written: record {item.record['id']} (line {item.where.line}) is not among "
                 f"the entries the log vouches for ({_vouched(broken.pos.line, checked.unvouched_from)}); the "
                 "page would show it as an audit log entry", err=True)
            raise SystemExit(1)
        item = checked.whole(item)
        # checked as `audit verify` checks it with the key, once: as the log was, or now
        record, masks = checked.drawn(item, key, "drawing its report")
        record = values_hidden(record)
        html = render(record, item.entry, masks)
        write_atomic(out, html)
    except PathfitError as err:
        if err.problems[0] != seal:  # the record's own seal: said once, as its own problem
            warn_unverified(broken)
        fail_with(err)
    warn_unverified(broken)  # the record is among the entries the log vouches for
    echo(f"wrote {shown_path(out)}: decision {item.record['id']} ({item.record['decision']['recommendation']})", err=True)


def _vouched(line: int, unvouched_from: int) -> str:
    """Which entries the chain vouches for, and why no more, in words: before the first problem's
    line, or before the lines it leaves in doubt too (a branch's skipped lines, a batch unit it
    falls inside); "none" when not one line before them is."""
    which = f"those before line {unvouched_from}" if unvouched_from > 1 else "none"
    if not line:
        return f"{which}: the first problem concerns the log as a whole"
    if unvouched_from < line:
        span = f"line {unvouched_from}" if unvouched_from == line - 1 else f"lines {unvouched_from}-{line - 1}"
        return f"{which}: the first problem, at line {line}, leaves {span} in doubt too"
    return f"{which}: the first problem is at line {line}"
