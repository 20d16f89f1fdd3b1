"""`audit show`'s pass over a log's records, one at a time: which records are shown.

The log's records are read once each (engine.audit.stream) and dropped: what is kept is what the output
needs before its first line (the line numbers of the records to show, read again as they are shown by
`--id` and `--format json`; for a listing its columns' widths and its rows' text, packed, from which it
is printed: cli.audit.show_listing), the outcomes seen, and the warnings the subjects give, said after the
notes about the whole log, as reading every record first said them. Everything said on stderr is said in
the order, and with the words, of a reading that holds every record."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from pathfit.engine.audit.masking import is_masked_record
from pathfit.engine.audit.sealing import is_sealed_record
from pathfit.engine.canonical import same_text
from pathfit.engine.counting import agreeing
from pathfit.engine.errors import PathfitError, Pos, Problem, counted, did_you_mean, fail
from pathfit.engine.quote import quote

from ..common import echo

if TYPE_CHECKING:
    from pathfit.engine.audit.masking import AuditKey
    from pathfit.engine.audit.read import Item

    from .show_listing import Listing


@dataclass
class Wanted:
    """What `audit show` was asked for."""

    record_id: str | None
    rule_id: str | None
    cutoff: tuple[datetime, str] | None  # an `instant`
    outcome: str | None
    subject: str | None
    operator: str | None


class Lines:
    """The line numbers of the records chosen, a bit each (0 for a record file's one record):
    a listing or JSON of every record of a year's log held a million numbers, and a set of them."""

    def __init__(self) -> None:
        self._bits, self._count = bytearray(), 0

    def add(self, line: int | None) -> None:
        n = line or 0
        if n // 8 >= len(self._bits):
            self._bits += bytes(n // 8 + 1 - len(self._bits))
        if not self._bits[n // 8] & 1 << n % 8:
            self._bits[n // 8] |= 1 << n % 8
            self._count += 1

    def __contains__(self, line: object) -> bool:
        n = line or 0
        return isinstance(n, int) and 0 <= n < 8 * len(self._bits) and bool(self._bits[n // 8] & 1 << n % 8)

    def __len__(self) -> int:
        return self._count


@dataclass
class Found:
    """The records chosen (their line numbers); the keys used."""

    lines: Lines = field(default_factory=Lines)
    key: object = None  # the audit key the records were opened with, if one was
    subject_key: object = None  # the audit key sealed subjects were read with, if one was


class _Keys:
    """The audit key, loaded when a record first needs it: a key file that cannot be used is an error only then."""

    def __init__(self, audit_key: str | None) -> None:
        self.path, self.loaded = audit_key, False
        self.key: AuditKey | None = None

    def get(self) -> AuditKey | None:
        from pathfit.engine.audit.masking import load_key

        if not self.loaded:
            self.key, self.loaded = load_key(self.path), True
        return self.key


def opened(key: AuditKey | None, item: Item, warn: bool = True, log=None) -> Item:
    """`item` opened with `key` (`opening`); left sealed, with a warning if `warn`, where it does not open."""
    item, problem, _ = opening(key, item, log)
    if warn and problem is not None:
        echo(f"warning: left sealed: {problem.format()}", err=True)
    return item


def opening(key: AuditKey | None, item: Item, log=None) -> tuple[Item, Problem | None, bool]:
    """(`item`, its sealed record opened with `key` or left sealed; why left sealed, in `audit verify`'s
    words, or None; whether that is its sealed subject: seal_check.box_problem). `log`: the
    engine.audit.stream.CheckedLog it was read from, which opens it knowing what verifying found."""
    from pathfit.engine.audit.seal_check import box_problem
    from pathfit.engine.audit.sealing import open_record

    if key is None or item.record is None or not is_sealed_record(item.record):
        return item, None, False
    try:
        return (log.opened(item, key, "showing it") if log is not None else
                item._replace(record=open_record(key, item.record, item.seal_where, "showing it"))), None, False
    except PathfitError as err:
        return (item, *box_problem(key, item.record, err, item.subject_where))


def masks_said(key: AuditKey | None, item: Item) -> None:
    """A warning for a version 1 record whose masks do not hold under `key`, its own, or that
    name another key id but hold under `key` (PF630, as `audit verify` with the key says): the
    record is listed, as one left sealed is, but not as if nothing were wrong with it. Masks of
    another key, or with no key, are not looked at here."""
    from pathfit.engine.audit.masking import mask_problem
    from pathfit.engine.audit.seal_check import masks_key_id_altered

    if key is None:
        return
    if item.record["masking"].get("key_id") != key.key_id:
        problem = masks_key_id_altered(key, item.record, item.seal_where)
    else:
        problem, _ = mask_problem(key, item.record, item.seal_where)
    if problem is not None:
        echo(f"warning: {problem.format()}", err=True)


def subject_of(key: AuditKey | None, item: Item, warnings: list | None = None) -> str | None:
    """The record's subject in clear, or None; PF611 (another key) leaves it sealed, with a
    warning kept in `warnings` (None: not kept); PF630 is raised."""
    from pathfit.engine.audit.subject import readable_subject

    try:
        return readable_subject(item.record, key, item.subject_where)
    except PathfitError as err:
        if err.problems[0].code != "PF611":
            raise
        if warnings is not None:
            warnings.append(f"warning: subject left sealed: {err.problems[0].format()}")
        return None


def refuses(log, wanted: Wanted, key: AuditKey | None) -> bool:
    """Whether `survey` will refuse the record whose own seal is `log`'s problem (CheckedLog.seal)
    for that very problem: it chooses the record, and its sealed subject does not open. Known
    before the survey, so that `audit show` gives the log's warning first, as every reader of a log
    does, where the refusal will not say it, and never says it twice. Only that record is read
    again, opened as the survey opens it; no record before it holds a seal that fails (its seal
    would be the log's first problem)."""
    problem = log.seal
    if problem is None or not problem.pos.line:
        return False
    for item in log.records({problem.pos.line}):
        if item.record is None or not _matches(item.record, wanted):
            return False
        if is_sealed_record(item.record):
            item = opened(key, item, warn=False, log=log)
        try:
            subject_of(key, item)
        except PathfitError as err:
            return err.problems[0] == problem
    return False


def survey(log, wanted: Wanted, audit_key: str | None, listing: Listing | None = None) -> Found:
    """Read every record of `log` (engine.audit.stream.CheckedLog) once: open it, test it, and
    keep what the output needs (each record chosen given to `listing`, if any). Says on stderr what reading every
    record first said before the output: a record left sealed, a misspelt outcome, the sealed
    records searched in their clear part only, a subject left sealed; raises as it raised."""
    found, keys, seen, shut = Found(), _Keys(audit_key), set(), 0
    fired: set[str] = set()
    operators: set[str] = set()
    subject_keys = _Keys(audit_key)
    subject_warnings: list[str] = []
    sealed_subjects, subject_error, load_error, chosen = 0, None, None, 0
    only = None
    if wanted.record_id and not (wanted.rule_id or wanted.outcome):  # only the records the prefix names
        only = {i.where.line for i in log.items
                if i.record is not None and str(i.record.get("id", "")).startswith(wanted.record_id)}
    for item in log.records(only):
        if item.record is None:
            continue
        if is_sealed_record(item.record):
            item, left, by_subject = opening(keys.get(), item, log)
            refused = by_subject and not (load_error or subject_error) and _matches(item.record, wanted)
            if left is not None and not refused:  # else its subject, read below, refuses it, and says it
                echo(f"warning: left sealed: {left.format()}", err=True)
        elif is_masked_record(item.record):
            masks_said(keys.get(), item)
        d = item.record["decision"]
        seen.add(d.get("recommendation"))
        if wanted.rule_id and wanted.rule_id not in fired:  # the rule ids fired, for a misspelt --rule's note
            fired.update(r for r in d.get("fired", ()) if isinstance(r, str))
        if wanted.operator is not None and isinstance(item.record.get("operator"), str):  # and a misspelt --operator's
            operators.add(item.record["operator"])
        shut += is_sealed_record(item.record) and "sealed" in d
        if not _matches(item.record, wanted):
            continue
        chosen += 1
        if isinstance(item.record.get("subject"), dict):
            sealed_subjects += 1
            if load_error is None and not subject_keys.loaded:
                try:
                    subject_keys.get()
                except PathfitError as err:
                    load_error = err
        if load_error is not None or subject_error is not None:
            continue
        try:
            subject = subject_of(subject_keys.key, item, subject_warnings)
        except PathfitError as err:
            subject_error = err
            continue
        if wanted.subject is not None and not same_text(subject, wanted.subject):
            continue
        if wanted.operator is not None and not same_text(item.record.get("operator"), wanted.operator):
            continue
        found.lines.add(item.where.line)
        if listing is not None:
            listing.add(item)
    _notes(wanted, chosen, seen, shut, fired, operators if only is None else None, keys.key is not None)  # of every record
    if load_error is not None:  # the key, loaded before any subject was read
        raise load_error
    _subject_problems(wanted, subject_keys, sealed_subjects, subject_warnings, subject_error)
    found.key, found.subject_key = keys.key, subject_keys.key
    return found


def _notes(wanted: Wanted, chosen: int, seen: set, shut: int, fired: set, operators: set | None, keyed: bool) -> None:
    """The notes on the whole log: a misspelt outcome, rule id or operator, sealed records searched in part
    (`keyed`: with the key, those that did not open). A filter that finds nothing is no error (a rule may have
    fired for nobody), but a typo must not read as an answer: a name the records never gave gets a hint."""
    if wanted.outcome and not chosen:  # a misspelt outcome finds nothing: say so, with what the log's records decided
        decided = sorted(seen - {None})
        if wanted.outcome not in decided:
            echo(f"note: no record decided {quote(wanted.outcome)}{did_you_mean(wanted.outcome, decided)}; the log's "
                 f"records decided {', '.join(decided) or 'nothing'}", err=True)
    if wanted.rule_id and not chosen and wanted.rule_id not in fired:
        rule, hint = quote(wanted.rule_id), did_you_mean(wanted.rule_id, fired)
        said = f"no record's clear part names {rule} as fired" if shut else f"no record fired {rule}"  # sealed firings unread
        echo(f"note: {said}{hint}", err=True)
    made_by = operators is not None and any(same_text(o, wanted.operator) for o in operators)
    if wanted.operator is not None and operators is not None and not made_by:
        echo(f"note: no record was made by operator {quote(wanted.operator)}{did_you_mean(wanted.operator, operators)}",
             err=True)
    if wanted.rule_id and shut:
        echo(f"note: {counted(shut, 'sealed record')} {agreeing(shut, 'was', 'were')} searched for {wanted.rule_id} in "
             f"{agreeing(shut, 'its', 'their')} clear part only (a rule that reads a sensitive fact is sealed); " + (
                 f"{agreeing(shut, 'it', 'they')} did not open with the audit key" if keyed else
                 f"set PATHFIT_AUDIT_KEY_FILE to search {agreeing(shut, 'it', 'them')} whole"), err=True)


def _subject_problems(wanted: Wanted, keys: _Keys, sealed: int, warnings: list, error) -> None:
    """What reading the subjects found, in the order reading them all first found it: a filter on
    sealed subjects without the key (PF610), each subject left sealed, then the first subject that
    does not open (PF630)."""
    if sealed and keys.loaded and keys.key is None and wanted.subject is not None:
        holds = "holds" if sealed == 1 else "hold"
        raise fail("PF610", f"{counted(sealed, 'record')} {holds} a sealed subject; set PATHFIT_AUDIT_KEY_FILE to the "
                   "audit key to filter on --subject", Pos("PATHFIT_AUDIT_KEY_FILE"))
    for text in warnings:
        echo(text, err=True)
    if error is not None:
        raise error


def _matches(record: dict, wanted: Wanted) -> bool:
    if wanted.record_id and not record["id"].startswith(wanted.record_id):
        return False
    if wanted.rule_id and wanted.rule_id not in record["decision"].get("fired", []):
        return False
    if wanted.outcome and record["decision"].get("recommendation") != wanted.outcome:
        return False
    if wanted.cutoff is not None:
        try:
            return instant(record["timestamp"]) >= wanted.cutoff
        except ValueError:
            return False
    return True


def instant(text: str) -> tuple[datetime, str]:
    """An ISO 8601 time, exactly: (the time to the microsecond, the digits after the second's
    point past the sixth, trailing zeros dropped), which compare as the times do. Python reads a
    time to the microsecond and drops the digits after, so `--since 12:00:00.0000001Z` took in a
    record decided at 12:00:00.000000. A time without a zone is UTC, as a time `--since` is given
    without one is, and as the listing heads it. ValueError for text that is no such time."""
    when = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    point = _FRACTION.search(text)
    return (when if when.tzinfo else when.replace(tzinfo=timezone.utc),
            point.group(1)[6:].rstrip("0") if point else "")


_FRACTION = re.compile(r":[0-9]{2}[.,]([0-9]+)")  # the second's digits after the point, the zone's never
