"""`pathfit audit show`: list the records of a log or record file, filter them, show one in full."""
from __future__ import annotations

import re
from datetime import date, datetime, timezone

import click

from pathfit.engine.audit.sealing import is_sealed_record
from pathfit.engine.canonical import same_text
from pathfit.engine.errors import PathfitError, Pos, counted, did_you_mean, fail

from ..common import echo, fail_with, json_array, text_width
from .args import log_argument
from ..params import Command, FilePath
from pathfit.engine.quote import quote


@click.command(cls=Command)
@log_argument
@click.option("--id", "record_id", metavar="ID", help="One record (a unique prefix will do), shown in full.")
@click.option("--rule", "rule_id", metavar="RULE_ID", help="Records in which this rule fired.")
@click.option("--since", metavar="DATE", help="Records decided at or after DATE (2026-11-23 or 2026-11-23T09:00Z).")
@click.option("--outcome", metavar="OUTCOME",
              help="Records with this recommendation (an outcome the recording policy declared).")
@click.option("--subject", metavar="ID", help="Records about this subject (sealed subjects need the audit key).")
@click.option("--operator", metavar="NAME", help="Records made by this operator.")
@click.option("--audit-key", type=FilePath(), metavar="FILE",
              help="The key the records were sealed with (default: $PATHFIT_AUDIT_KEY_FILE).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(log: str, record_id: str | None, rule_id: str | None, since: str | None, outcome: str | None,
         subject: str | None, operator: str | None, audit_key: str | None, fmt: str) -> None:
    """List the records of an audit log (or one record file), or show one in full.

    A log that does not verify is still listed, with a warning on stderr.

    \b
    Examples:
      pathfit audit show audit.jsonl
      pathfit audit show audit.jsonl --rule refer.counselling --since 2026-11-01
      pathfit audit show audit.jsonl --id 3f1c2a --format json
    """
    from pathfit.engine.audit.read import entry_id, read_items_checked

    from ..audit_show import detail, listing, warn_unverified

    try:
        cutoff = parse_since(since) if since else None
        # --id alone wants the records its prefix names: the others are held by their ids only
        items, broken, _ = read_items_checked(log, record_id=record_id if not (rule_id or outcome) else None)
    except PathfitError as err:
        fail_with(err)
    warn_unverified(broken)
    for item in items:
        if item.problem is not None:
            echo(f"warning: skipped: {item.problem.format()}", err=True)
    try:
        items = _opened(items, audit_key)
    except PathfitError as err:
        fail_with(err)
    chosen = [i for i in items if i.record is not None and _matches(i.record, record_id, rule_id, cutoff, outcome)]
    if outcome and not chosen:  # a misspelt outcome finds nothing: say so, with what the log's records decided
        seen = sorted({i.record["decision"].get("recommendation") for i in items if i.record is not None} - {None})
        if outcome not in seen:
            echo(f"note: no record decided {quote(outcome)}{did_you_mean(outcome, seen)}; the log's records decided "
                 f"{', '.join(seen) or 'nothing'}", err=True)
    shut = [i for i in items if i.record is not None and is_sealed_record(i.record) and "sealed" in i.record["decision"]]
    if rule_id and shut:
        echo(f"note: {len(shut)} sealed records were searched for {rule_id} in their clear part only (a rule that "
             "reads a sensitive fact is sealed); set PATHFIT_AUDIT_KEY_FILE to search them whole", err=True)
    try:
        subjects = _subjects(chosen, subject, log, audit_key)
    except PathfitError as err:
        fail_with(err)
    if subject is not None:
        chosen = [i for i in chosen if same_text(subjects[id(i)], subject)]
    if operator is not None:
        chosen = [i for i in chosen if same_text(i.record.get("operator"), operator)]
    if record_id and not chosen:
        damaged = [i for i in items if i.record is None and (entry_id(i) or "").startswith(record_id)]
        if damaged:  # a damaged record is named with its own problem, not said not to exist
            fail_with(PathfitError([damaged[0].problem]))
        fail_with(fail("PF616", f"no record with id {quote(record_id)}", Pos(log)))
    if fmt == "json":
        for piece, last in json_array({"where": f"{i.where.file}:{i.where.line}" if i.where.line else i.where.file,
                                       "record": i.record, "subject": subjects[id(i)],
                                       "entry": {k: v for k, v in i.entry.items() if k != "record"} if i.entry else None}
                                      for i in chosen):
            echo(piece, nl=last)
    elif record_id:
        echo("\n\n".join(detail(i, subjects[id(i)], text_width()) for i in chosen))
    else:
        echo(listing(chosen, text_width(), [i.record["id"] for i in items if i.record is not None]))
    echo(f"{len(chosen)} of {sum(i.record is not None for i in items)} records", err=True)


def _opened(items: list, audit_key: str | None = None) -> list:
    """Sealed records opened with the audit key (--audit-key, else $PATHFIT_AUDIT_KEY_FILE) when one is set; a record sealed
    with another key, or whose seal does not open, stays sealed, with a warning."""
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.sealing import open_record

    sealed = [i for i in items if i.record is not None and is_sealed_record(i.record)]
    key = load_key(audit_key) if sealed else None
    if key is None:
        return items
    out = []
    for i in items:
        if i.record is not None and is_sealed_record(i.record):
            try:
                i = i._replace(record=open_record(key, i.record, i.where, "showing it"))
            except PathfitError as err:
                echo(f"warning: left sealed: {err.problems[0].format()}", err=True)
        out.append(i)
    return out


def _subjects(items: list, wanted: str | None, log: str, audit_key: str | None = None) -> dict:
    """{id(item): the subject in clear, or None}: sealed subjects are opened with
    the audit key ($PATHFIT_AUDIT_KEY_FILE) when one is set; filtering on a
    subject with sealed subjects and no key is refused (PF610). A subject sealed
    with another key stays sealed, with a warning, as a facts box under another key
    does (`_opened`): the key given is not wrong for the records it did seal. A
    subject that does not open under its own key (PF609: altered, or moved from
    another record) is refused."""
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.subject import is_sealed, readable_subject

    sealed = [i for i in items if is_sealed(i.record.get("subject"))]
    key = load_key(audit_key) if sealed else None
    if sealed and key is None and wanted is not None:
        holds = "holds" if len(sealed) == 1 else "hold"
        raise fail("PF610", f"{counted(len(sealed), 'record')} {holds} a sealed subject; set PATHFIT_AUDIT_KEY_FILE to the audit "
                   "key to filter on --subject", Pos("PATHFIT_AUDIT_KEY_FILE"))
    out = {}
    for i in items:
        try:
            out[id(i)] = readable_subject(i.record, key, i.where)
        except PathfitError as err:
            if err.problems[0].code != "PF611":
                raise
            echo(f"warning: subject left sealed: {err.problems[0].format()}", err=True)
            out[id(i)] = None
    return out


def _matches(record: dict, record_id, rule_id, cutoff, outcome) -> bool:
    if record_id and not record["id"].startswith(record_id):
        return False
    if rule_id and rule_id not in record["decision"].get("fired", []):
        return False
    if outcome and record["decision"].get("recommendation") != outcome:
        return False
    if cutoff is not None:
        try:
            when = datetime.fromisoformat(record["timestamp"].replace("Z", "+00:00"))
        except ValueError:
            return False
        return when >= cutoff
    return True


def parse_since(text: str) -> datetime:
    """A date (midnight UTC) or an ISO 8601 time; a time without a zone is UTC."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            d = date.fromisoformat(text)
            return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
        when = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise fail("PF613", f"--since takes a date (2026-11-23) or a time (2026-11-23T09:00:00Z), not {quote(text)}",
                   Pos("--since")) from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)

