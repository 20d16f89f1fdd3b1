"""`pathfit audit verify`: the hash chain, signatures and head statements of a log, or one record file's seal."""
from __future__ import annotations

import json
import re

import click

from pathfit.engine.audit.sealing import is_sealed_record
from pathfit.engine.counting import agreeing, counted_of
from pathfit.engine.errors import PathfitError, Pos, Problem, counted, fail
from pathfit.engine.quote import shown_path

from ..common import echo, fail_with
from .args import log_argument
from ..params import Choice, Command, FilePath


@click.command(cls=Command)
@log_argument
@click.option("--expect-head", metavar="HASH", help="A head seen earlier: it must still be in the chain.")
@click.option("--public-key", "public_keys", metavar="FILE.pub", multiple=True, type=FilePath(),
              help="Require every entry to be signed by this key (repeat for keys used before a rotation).")
@click.option("--head-statement", metavar="FILE", type=FilePath(),
              help="A statement made earlier by `pathfit audit head`: its head and count must still be in the log.")
@click.option("--audit-key", metavar="FILE", type=FilePath(),
              help="Also check every sealed record's seal with this audit key (default: PATHFIT_AUDIT_KEY_FILE).")
@click.option("--repair", is_flag=True,
              help="Set aside a partial last line or an uncommitted batch at the end (what an interrupted append "
                   "leaves); with --expect-head or --head-statement, only if that head is in what is kept.")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
def verify(log: str, expect_head: str | None, public_keys: tuple, head_statement: str | None,
           audit_key: str | None, repair: bool, fmt: str) -> None:
    """Check the whole hash chain and report the first entry that was edited,
    removed, inserted or reordered, with its line; with --expect-head, also
    whether entries were cut off the end since that head was seen; with
    --public-key, also that every entry is signed by one of the keys given;
    with the audit key (--audit-key or PATHFIT_AUDIT_KEY_FILE), also that every
    sealed record opens under its id and rule-set digest and its clear part
    agrees with it (PF630). Without the key, the sealed records not checked are
    counted and said so.

    Exit status: 0 intact, 1 not intact, 2 the log cannot be read or an option is wrong.

    \b
    Examples:
      pathfit audit verify audit.jsonl --public-key signing.key.pub
      pathfit audit verify audit.jsonl --public-key new.pub --public-key old.pub --head-statement head-0301.json
      pathfit audit verify audit.jsonl --expect-head 3f1c...e9
      pathfit audit verify audit.jsonl --audit-key audit.key
      pathfit audit verify audit.jsonl --repair
    """
    from pathfit.engine.audit.log import read_lines
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.seal_check import SealCheck
    from pathfit.engine.audit.repair import repair as repair_tail
    from pathfit.engine.audit.signing import load_public_keys, read_head_statement
    from pathfit.engine.audit.verify import verify_lines

    from pathfit.engine.audit.read import is_log

    try:
        if not is_log(log):
            if expect_head or public_keys or head_statement or repair:
                raise fail("PF613", "--expect-head, --public-key, --head-statement and --repair apply to an audit "
                           "log, not a record file", Pos(log))
            _verify_record_file(log, fmt, audit_key)
        if expect_head is not None:
            expect_head = expect_head.strip().lower()
            if not re.fullmatch(r"[0-9a-f]{64}", expect_head):
                raise fail("PF613", "--expect-head takes a SHA-256 hash: 64 hex digits", Pos("--expect-head"))
        keys = load_public_keys(public_keys) if public_keys else None
        seals = SealCheck(load_key(audit_key))
        statement = None
        if head_statement is not None:
            if keys is None:
                raise fail("PF613", "--head-statement needs --public-key: the statement's signature is checked "
                           "with it", Pos("--head-statement"))
            if expect_head is not None:
                raise fail("PF613", "give --expect-head or --head-statement, not both", Pos("--head-statement"))
            statement = read_head_statement(head_statement, keys)
        repaired = None
        if repair:
            kept_head = statement["head"] if statement is not None else expect_head
            try:
                repaired = repair_tail(log, lambda lines: _cut_from(lines, log, kept_head, statement, keys),
                                       SealCheck(seals.key))  # its own counts: the log is read again below
            except PathfitError as err:
                if not err.codes or err.codes[0] in ("PF100", "PF617"):
                    raise
                if err.codes[0] in ("PF607", "PF624"):  # the head kept earlier, checked before anything is cut
                    echo(err.problems[0].format(), err=True)
                    echo(f"{shown_path(log)}: not repaired: the head given is not in what a repair would keep; nothing was set "
                         "aside or cut", err=True)
                    raise SystemExit(2)
                if fmt != "json":  # with --format json the verdict below reports it, as for any log
                    echo(err.problems[0].format())
                echo(f"{shown_path(log)}: not repaired: the log has a problem besides a partial line or an uncommitted batch at "
                     "its end", err=True)
                if fmt != "json":
                    raise SystemExit(1)
        lines = read_lines(log, keep_records=False, inspect=seals, packed=True)
        verdict = verify_lines(lines, log, expect_head, keys, statement)
    except PathfitError as err:
        fail_with(err)
    signed = sum(1 for ln in lines if ln.entry is not None and "sig" in ln.entry)
    if fmt == "json":
        # "intact" means what the text's first line means: nothing found AND every sealed record's seal
        # checked; "chain_intact" is the text's "chain intact": nothing found in what could be checked
        echo(json.dumps({"log": log, "intact": verdict.intact and not seals.unchecked,
                         "chain_intact": verdict.intact, "entries": verdict.entries, "head": verdict.head,
                         "signatures_checked": keys is not None, "signed_entries": signed,
                         "seals": {"sealed_records": seals.sealed, "checked": seals.checked,
                                   # as the text: a seal tried and found not to hold was checked, and failed
                                   "not_checked": seals.unchecked - seals.failed, "other_keys": sorted(seals.other_keys),
                                   "checked_in_part": seals.partly, "masked_records": seals.masked},
                         "problem": verdict.problem.to_dict() if verdict.problem else None,
                         "expected_head_line": verdict.expected_at or None, "in_doubt": _in_doubt(verdict),
                         "repaired": dict(zip(("line", "bytes", "set_aside", "what"), repaired)) if repaired else None},
                        indent=2, sort_keys=True))
        raise SystemExit(0 if verdict.intact else 1)
    if repaired:
        echo(f"{shown_path(log)}: repaired: set aside {repaired[3]} from line {repaired[0]} on ({repaired[1]} bytes) "
             f"in {shown_path(repaired[2])}; every line before it was kept")
    if verdict.problem is not None:
        echo(verdict.problem.format())
        where = f"before line {verdict.entries + 1}" if verdict.problem.pos.line else "in the log"
        good = counted(verdict.entries, "entry", "entries")
        doubt = _in_doubt(verdict)
        span = doubt and (f"line {doubt['first']} is" if doubt["first"] == doubt["last"]
                          else f"lines {doubt['first']}-{doubt['last']} are")
        echo(f"{shown_path(log)}: NOT intact; {good} verified {where} (head {verdict.head})"
             + (f"; {span} in doubt too" if span else ""), err=True)
        if seals.failed:  # a seal that does not hold: how many opened, and how many did not
            echo(seals.note(), err=True)
        raise SystemExit(1)
    text = f"{shown_path(log)}: intact, {counted(verdict.entries, 'entry', 'entries')}, head {verdict.head}"
    if seals.unchecked:  # the chain holds; the seals it cannot vouch for are said before anything else
        text = (f"{shown_path(log)}: chain intact, {counted(verdict.entries, 'entry', 'entries')}, head {verdict.head}; "
                f"{seals.counted(seals.unchecked)} NOT checked")
    if verdict.expected_at:
        since = verdict.entries - verdict.expected_at
        what = "the stated head" if statement is not None else "the expected head"
        text += f"; {what} is line {verdict.expected_at} ({counted(since, 'entry', 'entries')} appended since)"
    echo(text)
    echo(signature_note(verdict.entries, signed, keys, statement, verdict.expected_at), err=True)
    if seals.sealed:
        echo(seals.note(), err=True)


def _in_doubt(verdict) -> dict | None:
    """The lines before the problem's own that the log does not vouch for either ({first,
    last}), or None: the lines a branch skips, and those of a batch unit the problem falls
    inside or whose commit marker is among them (engine.audit.verify, `_vouched`)."""
    line = verdict.problem.pos.line if verdict.problem is not None else 0
    return {"first": verdict.entries + 1, "last": line - 1} if line > verdict.entries + 1 else None


def _cut_from(lines: list, log: str, head: str | None, statement: dict | None, keys: dict | None) -> int | None:
    """For repair, under its lock: where an uncommitted batch at the end begins (None: none),
    once the head given (--expect-head, --head-statement) is found in the log as it is and before
    that point. A batch whose commit marker was cut off the end looks uncommitted, and nothing
    else in the log tells it from an interrupted run: the head is what can."""
    from pathfit.engine.audit.verify import committed_end, head_problem

    if head is not None:
        problem = head_problem(lines, log, head, statement)[0]
        if problem is not None:
            raise PathfitError([problem])
    begin = committed_end(lines, log, keys, statement)
    if head is not None and begin is not None:
        problem = head_problem(lines, log, head, statement, keep=begin)[0]
        if problem is not None:
            raise PathfitError([problem])
    return begin


def _verify_record_file(path: str, fmt: str, audit_key: str | None = None) -> None:
    """A single record file: check its digests (shape, record_digest, facts_digest) and, for a
    sealed record or subject with the audit key set, the seals' authentication tags; exit 0 or 1."""
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.read import record_file_item
    from pathfit.engine.audit.seal_check import SealCheck
    from pathfit.engine.audit.subject import is_sealed
    from pathfit.engine.audit.masking import is_masked_record

    try:
        item = record_file_item(path)
        record, problem = item.record, None
    except PathfitError as err:
        if err.codes and err.codes[0] == "PF100":
            raise
        record, problem = None, err.problems[0]
    box = record is not None and is_sealed_record(record)
    subject = record is not None and is_sealed(record.get("subject"))
    masked = record is not None and is_masked_record(record)
    sealed = box or subject or masked
    key = load_key(audit_key) if sealed else None
    seals = SealCheck(key)  # as a log's records are checked, each part located at its own line
    if sealed and key is not None:
        at = item.seal_where if box or masked else item.subject_where
        problem = seals(record, at, item.subject_where)
        if problem is None and seals.other_keys:  # a log counts these; a record file's one seal is not checked
            how = "masked" if masked and not box else "sealed"
            problem = Problem("PF611", f"record {record['id']} was {how} with key "
                              f"{', '.join(sorted(seals.other_keys))}, not {key.key_id} ({shown_path(key.path)})", at)
    # a seal the key given cannot try (another key's, or masks of too many values) was not checked
    checked = sealed and key is not None and not seals.untried and not seals.other_keys
    if fmt == "json":
        # as for a log: "intact" only with the sealed or masked part checked too; "digests_intact" is what
        # the text says without the key ("seal intact (record_digest and facts_digest match)")
        echo(json.dumps({"record": path, "id": record["id"] if record else None,
                         "intact": problem is None and (checked or not sealed),
                         # a seal that fails (PF630) or another key's (PF611) is found only once the digests held
                         "digests_intact": problem is None or (record is not None
                                                               and problem.code in ("PF630", "PF611")),
                         "problem": problem.to_dict() if problem else None,
                         "seal_checked": checked,
                         "checked_in_part": seals.partly > 0},
                        indent=2, sort_keys=True))
    elif problem is not None:
        echo(problem.format())
        unread = record is None and problem.code == "PF608"  # not a record's shape at all, or not one
        why = ("it does not read as a decision record (damaged, or not a record)" if unread
               else "the record's seal was NOT checked: it is another audit key's" if seals.other_keys
               else "the record's seal does not hold")
        echo(f"{shown_path(path)}: NOT intact: {why}", err=True)
    else:
        echo(f"{shown_path(path)}: record {record['id']}: seal intact (record_digest and facts_digest match)"
             + _parts_said(box, subject, masked, key is not None, bool(seals.untried)))
        if seals.partly or seals.masks_checked or seals.untried:
            echo(seals.note(), err=True)
        echo("note: a record file alone shows accidental damage, not deliberate edits (anyone can reseal it); "
             "check it against the signed audit log", err=True)
    raise SystemExit(0 if problem is None else 1)


def _parts_said(box: bool, subject: bool, masked: bool, keyed: bool, untried: bool) -> str:
    """What a record file's sealed box, sealed subject and masks were checked for, each named for
    what it is: a version 1 record's subject tag is not its masks' check, nor is a masked record sealed."""
    if not (box or subject or masked):
        return ""
    if not keyed and not masked:
        return "; sealed part NOT checked: its authentication tag needs the audit key (PATHFIT_AUDIT_KEY_FILE)"
    if not keyed:
        return (f"; {'sealed subject and masked values' if subject else 'masked values'} NOT checked: they need "
                "the audit key (PATHFIT_AUDIT_KEY_FILE)")
    said = ["sealed part opens with the audit key (authentication tag verified)"] if box else []
    if subject and not box:
        said.append("sealed subject opens with the audit key (its authentication tag verified)")
    if masked:
        said.append("masked values NOT checked: a masked fact takes more values than the key can try" if untried
                    else "masked values agree with the audit key (observed values of rules that did not fire: "
                    "only replay checks them)")
    return "; " + "; ".join(said)


def signature_note(entries: int, signed: int, keys, statement, stated_line: int) -> str:
    """What the signatures do and do not vouch for in this run, in words."""
    if keys is None:
        if not entries:  # nothing was appended, with a key or without one
            return "signatures: none, as the log has no entries"
        if signed:
            return (f"signatures: {counted_of(signed, entries, 'entry', 'entries')} {agreeing(signed, 'is', 'are')} "
                    "signed, but not checked: give --public-key; "
                    "without it the chain shows accidents and edits, not a log rewritten by someone able to write it")
        return ("signatures: none (entries were appended without PATHFIT_SIGNING_KEY_FILE); the chain alone does not "
                "show a log rewritten by someone able to write it")
    unsigned = entries - signed
    text = (f"signatures: checked with {counted(len(keys), 'public key')} ({', '.join(sorted(keys))}); "
            f"{counted_of(signed, entries, 'entry', 'entries')} signed")
    if unsigned:
        text += (f"; {counted(unsigned, 'unsigned entry', 'unsigned entries')} up to line {stated_line} "
                 f"{'is' if unsigned == 1 else 'are'} vouched for by the signed head statement")
    return text

