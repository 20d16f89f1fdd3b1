"""`pathfit audit show`: list the records of a log or record file, filter them, show one in full."""
from __future__ import annotations

import re
import sys
from datetime import date, datetime, timezone

import click

from pathfit.engine.counting import counted_of
from pathfit.engine.errors import PathfitError, Pos, fail
from pathfit.engine.audit.record_bytes import json_array
from pathfit.engine.program_json import json_on

from ..common import echo, fail_with, text_width
from .args import log_argument
from ..params import Choice, Command, FilePath, a_given_name, not_empty
from pathfit.engine.quote import quote


@click.command(cls=Command)
@log_argument
@click.option("--id", "record_id", metavar="ID", callback=not_empty, help="One record (a unique prefix will do), shown in full.")
@click.option("--rule", "rule_id", metavar="RULE_ID", callback=a_given_name, help="Records in which this rule fired.")
@click.option("--since", metavar="DATE", callback=not_empty, help="Records decided at or after DATE (2026-11-23 or 2026-11-23T09:00Z).")
@click.option("--outcome", metavar="OUTCOME", callback=a_given_name,
              help="Records with this recommendation (an outcome the recording policy declared).")
@click.option("--subject", metavar="ID", callback=not_empty, help="Records about this subject (sealed subjects need the audit key).")
@click.option("--operator", metavar="NAME", callback=not_empty, help="Records made by this operator.")
@click.option("--audit-key", type=FilePath(), metavar="FILE",
              help="The key the records were sealed with (default: $PATHFIT_AUDIT_KEY_FILE).")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
def show(log: str, record_id: str | None, rule_id: str | None, since: str | None, outcome: str | None,
         subject: str | None, operator: str | None, audit_key: str | None, fmt: str) -> None:
    """List the records of an audit log (or one record file), or show one in full.

    A log that does not verify (with the audit key, a seal that does not hold too) is still
    listed, with a warning on stderr.

    \b
    Examples:
      pathfit audit show audit.jsonl
      pathfit audit show audit.jsonl --rule refer.counselling --since 2026-11-01
      pathfit audit show audit.jsonl --id 3f1c2a --format json
    """
    from pathfit.engine.audit.read import entry_id
    from pathfit.engine.audit.stream import CheckedLog

    from ..audit_show import warn_unverified
    from .show_listing import Listing, write_lines
    from .show_survey import Wanted, refuses, survey

    try:
        from pathfit.engine.audit.masking import load_key

        cutoff = parse_since(since) if since else None
        if audit_key is not None:  # a key named on the command line is read now, as replay and report read it:
            load_key(audit_key)  # else a log with nothing sealed never read a mistyped one
        # the whole log verified, holding no record; with the key every seal too, as `audit verify` checks them
        checked = CheckedLog(log, key=lambda: load_key(audit_key))
    except PathfitError as err:
        fail_with(err)
    items, broken = checked.items, checked.problem
    wanted = Wanted(record_id, rule_id, cutoff, outcome, subject, operator)
    # a record's own seal (with the key) is said once: as that record's refusal where the survey
    # will refuse it for that, else first, as the log's, as every reader of a log says it
    try:
        refused = checked.seal is not None and refuses(checked, wanted, load_key(audit_key))
    except PathfitError as err:  # the log (or key) changed since it was read: said as after any problem
        warn_unverified(broken)
        fail_with(err)
    if not refused:
        warn_unverified(broken)
    for item in items:
        if item.problem is not None:
            echo(f"warning: skipped: {item.problem.format()}", err=True)
    listing = None
    if fmt != "json" and not record_id:  # its id column shortens each id among every id of the log
        listing = Listing((i.record["id"] for i in items if i.record is not None), text_width())
    try:  # each record read once more, and dropped: what is kept is the lines to show, a listing's rows
        found = survey(checked, wanted, audit_key, listing)
    except PathfitError as err:  # the record refused, or the log (or key) changed since it was read
        fail_with(err)
    if record_id and not found.lines:
        damaged = [i for i in items if i.record is None and (entry_id(i) or "").startswith(record_id)]
        if damaged:  # a damaged record is named with its own problem, not said not to exist
            fail_with(PathfitError([damaged[0].problem]))
        filters = [name for name, value in (("--rule", rule_id), ("--since", since), ("--outcome", outcome),
                                            ("--subject", subject), ("--operator", operator)) if value]
        if filters and any(i.record is not None and str(i.record.get("id", "")).startswith(record_id) for i in items):
            # the record is there: saying there is none sent the reader to look for a lost record
            fail_with(fail("PF616", f"the record with id {quote(record_id)} is not one that {' and '.join(filters)} "
                                    f"choose{'s' if len(filters) == 1 else ''}", Pos(log)))
        fail_with(fail("PF616", f"no record with id {quote(record_id)}", Pos(log)))
    try:
        if listing is not None:  # the rows the survey kept, packed: no record is read again
            write_lines(listing.lines())
        else:
            _shown(checked, found, fmt)
    except PathfitError as err:  # the log cut and written again since it was verified
        fail_with(err)
    echo(counted_of(len(found.lines), sum(i.record is not None for i in items), "record"), err=True)


def _shown(checked, found, fmt: str) -> None:
    """The records chosen, in full (`--id`) or as JSON, each read again, opened and shown as it is read."""
    from ..audit_show import detail
    from .show_survey import opened, subject_of

    chosen = ((i, subject_of(found.subject_key, i)) for i in
              (opened(found.key, i, warn=False, log=checked) for i in checked.records(found.lines)))
    if fmt == "json":
        for piece, last in json_array({"where": f"{i.where.file}:{i.where.line}" if i.where.line else i.where.file,
                                       "record": i.record, "subject": who,
                                       "entry": {k: v for k, v in i.entry.items() if k != "record"} if i.entry else None}
                                      for i, who in chosen):
            echo(json_on(sys.stdout, piece), nl=last)
        return
    for n, (i, who) in enumerate(chosen):
        echo(("\n\n" if n else "") + detail(i, who, text_width()), nl=False)
    echo("")


def parse_since(text: str) -> tuple[datetime, str]:
    """A date (midnight UTC) or an ISO 8601 time, every digit as written (show_survey.instant);
    a time without a zone is UTC."""
    from .show_survey import instant

    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            d = date.fromisoformat(text)
            return datetime(d.year, d.month, d.day, tzinfo=timezone.utc), ""
        return instant(text)
    except ValueError:
        raise fail("PF613", f"--since takes a date (2026-11-23) or a time (2026-11-23T09:00:00Z), not {quote(text)}",
                   Pos("--since")) from None

