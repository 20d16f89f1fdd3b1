"""`pathfit report`: one decision record as a self-contained HTML page."""
from __future__ import annotations

import click

from pathfit.engine.errors import PathfitError
from pathfit.engine.files import check_target, write_atomic

from .common import echo, fail_with
from .params import Command, FilePath


@click.command(cls=Command)
@click.argument("source", metavar="RECORD", type=FilePath(dir_okay=False))
@click.option("--out", required=True, type=FilePath(dir_okay=False), metavar="FILE.html",
              help="Where to write the page (replaced whole if it exists).")
@click.option("--id", "record_id", metavar="ID", help="With an audit log: which record (a unique prefix will do).")
@click.option("--audit-key", type=FilePath(dir_okay=False), metavar="FILE",
              help="The key the record was sealed with (default: $PATHFIT_AUDIT_KEY_FILE).")
def report(source: str, out: str, record_id: str | None, audit_key: str | None) -> None:
    """Write a decision record (a record file, or one record of an audit log)
    as one HTML page an auditor can open offline: the outcome, the inputs
    (a sealed record needs the audit key, and is drawn opened), the rules that fired in order with their reasons
    and citations, and the derivation drawn as a graph. The page loads nothing.

    \b
    Examples:
      pathfit report decision.json --out decision.html
      pathfit report audit.jsonl --id 3f1c2a --out decision.html
    """
    from pathfit.engine.audit.read import read_items, select
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.sealing import open_record, values_hidden
    from pathfit.engine.reports.html import render

    try:
        check_target(out, inputs=[source], what="--out")
        items = read_items(source)
        item = select(items, record_id, source)
        record = values_hidden(open_record(load_key(audit_key), item.record, item.where, "drawing its report"))
        html = render(record, item.entry)
        write_atomic(out, html)
    except PathfitError as err:
        fail_with(err)
    echo(f"wrote {out}: decision {item.record['id']} ({item.record['decision']['recommendation']})", err=True)
