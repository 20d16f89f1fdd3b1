"""`pathfit audit`: verify an audit log's hash chain, show its records, make an audit key."""
from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone

import click

from pathfit.engine.errors import PathfitError, Pos, fail

from pathfit.engine.audit.sealing import is_sealed_record

from .common import echo, fail_with, text_width

log_argument = click.argument("log", metavar="LOG", type=click.Path(dir_okay=False))


@click.group()
def audit() -> None:
    """Audit logs: verify the chain, show records, make an audit key (docs/audit.md).

    \b
    Examples:
      pathfit audit verify audit.jsonl
      pathfit audit verify audit.jsonl --expect-head 3f1c...e9
      pathfit audit show audit.jsonl --since 2026-11-01 --outcome refer
      pathfit audit keygen ~/.config/pathfit/audit.key
    """


@audit.command()
@log_argument
@click.option("--expect-head", metavar="HASH", help="A head seen earlier: it must still be in the chain.")
@click.option("--public-key", "public_keys", metavar="FILE.pub", multiple=True, type=click.Path(dir_okay=False),
              help="Require every entry to be signed by this key (repeat for keys used before a rotation).")
@click.option("--head-statement", metavar="FILE", type=click.Path(dir_okay=False),
              help="A statement made earlier by `pathfit audit head`: its head and count must still be in the log.")
@click.option("--repair", is_flag=True,
              help="Set aside what an interrupted append left at the end: a partial line, an uncommitted batch.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def verify(log: str, expect_head: str | None, public_keys: tuple, head_statement: str | None, repair: bool,
           fmt: str) -> None:
    """Check the whole hash chain and report the first entry that was edited,
    removed, inserted or reordered, with its line; with --expect-head, also
    whether entries were cut off the end since that head was seen; with
    --public-key, also that every entry is signed by one of the keys given.

    Exit status: 0 intact, 1 not intact, 2 the log cannot be read or an option is wrong.

    \b
    Examples:
      pathfit audit verify audit.jsonl --public-key signing.key.pub
      pathfit audit verify audit.jsonl --public-key new.pub --public-key old.pub --head-statement head-0301.json
      pathfit audit verify audit.jsonl --expect-head 3f1c...e9
      pathfit audit verify audit.jsonl --repair
    """
    from pathfit.engine.audit.log import read_lines
    from pathfit.engine.audit.repair import repair as repair_tail
    from pathfit.engine.audit.signing import load_public_keys, read_head_statement
    from pathfit.engine.audit.verify import committed_end, verify_lines

    from pathfit.engine.audit.read import is_log

    try:
        if not is_log(log):
            if expect_head or public_keys or head_statement or repair:
                raise fail("PF613", "--expect-head, --public-key, --head-statement and --repair apply to an audit "
                           "log, not a record file", Pos(log))
            _verify_record_file(log, fmt)
        if expect_head is not None:
            expect_head = expect_head.strip().lower()
            if not re.fullmatch(r"[0-9a-f]{64}", expect_head):
                raise fail("PF613", "--expect-head takes a SHA-256 hash: 64 hex digits", Pos("--expect-head"))
        keys = load_public_keys(public_keys) if public_keys else None
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
            try:
                repaired = repair_tail(log, lambda lines: committed_end(lines, log))
            except PathfitError as err:
                if not err.codes or err.codes[0] in ("PF100", "PF617"):
                    raise
                echo(err.problems[0].format())
                echo(f"{log}: not repaired: the log has a problem besides an interrupted append at its end",
                     err=True)
                raise SystemExit(1)
        lines = read_lines(log, keep_records=False)
        verdict = verify_lines(lines, log, expect_head, keys, statement)
    except PathfitError as err:
        fail_with(err)
    signed = sum(1 for ln in lines if ln.entry is not None and "sig" in ln.entry)
    if fmt == "json":
        echo(json.dumps({"log": log, "intact": verdict.intact, "entries": verdict.entries, "head": verdict.head,
                         "signatures_checked": keys is not None, "signed_entries": signed,
                         "problem": verdict.problem.to_dict() if verdict.problem else None,
                         "expected_head_line": verdict.expected_at or None,
                         "repaired": dict(zip(("line", "bytes", "set_aside", "what"), repaired)) if repaired else None},
                        indent=2, sort_keys=True))
        raise SystemExit(0 if verdict.intact else 1)
    if repaired:
        echo(f"{log}: repaired: set aside {repaired[3]} from line {repaired[0]} on ({repaired[1]} bytes) "
             f"in {repaired[2]}; every committed entry was kept")
    if verdict.problem is not None:
        echo(verdict.problem.format())
        where = f"before line {verdict.problem.pos.line}" if verdict.problem.pos.line else "in the log"
        good = "1 entry" if verdict.entries == 1 else f"{verdict.entries} entries"
        echo(f"{log}: NOT intact; {good} verified {where} (head {verdict.head})", err=True)
        raise SystemExit(1)
    text = f"{log}: intact, {verdict.entries} entries, head {verdict.head}"
    if verdict.expected_at:
        since = verdict.entries - verdict.expected_at
        what = "the stated head" if statement is not None else "the expected head"
        text += f"; {what} is line {verdict.expected_at} ({since} entries appended since)"
    echo(text)
    echo(signature_note(verdict.entries, signed, keys, statement, verdict.expected_at), err=True)


def _verify_record_file(path: str, fmt: str) -> None:
    """A single record file: check its digests (shape, record_digest, facts_digest) and, for a
    sealed record with the audit key set, its seal's authentication tag; exit 0 or 1."""
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.read import read_record_file
    from pathfit.engine.audit.sealing import open_record

    try:
        record, problem = read_record_file(path), None
    except PathfitError as err:
        if err.codes and err.codes[0] == "PF100":
            raise
        record, problem = None, err.problems[0]
    sealed = record is not None and is_sealed_record(record)
    key = load_key() if sealed else None
    if sealed and key is not None:
        try:
            open_record(key, record, _line_of(path, record["masking"]["box"]), "checking its seal")
        except PathfitError as err:
            problem = err.problems[0]
    if fmt == "json":
        echo(json.dumps({"record": path, "id": record["id"] if record else None, "intact": problem is None,
                         "problem": problem.to_dict() if problem else None,
                         "seal_checked": sealed and key is not None}, indent=2, sort_keys=True))
    elif problem is not None:
        echo(problem.format())
        echo(f"{path}: NOT intact: the record's seal does not hold", err=True)
    else:
        tag = ("; sealed part opens with the audit key (authentication tag verified)" if sealed and key
               else "; sealed part NOT checked: its authentication tag needs the audit key (PATHFIT_AUDIT_KEY_FILE)"
               if sealed else "")
        echo(f"{path}: record {record['id']}: seal intact (record_digest and facts_digest match){tag}")
        echo("note: a record file alone shows accidental damage, not deliberate edits (anyone can reseal it); "
             "check it against the signed audit log", err=True)
    raise SystemExit(0 if problem is None else 1)


def _line_of(path: str, box: str) -> Pos:
    """Where a record file holds its sealed box (the line of masking.box), for located errors."""
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            if f'"box": "{box[:32]}' in line:
                return Pos(path, number, line.index('"box"') + 1)
    return Pos(path)


def signature_note(entries: int, signed: int, keys, statement, stated_line: int) -> str:
    """What the signatures do and do not vouch for in this run, in words."""
    if keys is None:
        if signed:
            return (f"signatures: {signed} of {entries} entries are signed, but not checked: give --public-key; "
                    "without it the chain shows accidents and edits, not a log rewritten by someone able to write it")
        return ("signatures: none (entries were appended without PATHFIT_SIGNING_KEY_FILE); the chain alone does not "
                "show a log rewritten by someone able to write it")
    unsigned = entries - signed
    text = f"signatures: checked with {len(keys)} key(s); {signed} of {entries} entries signed"
    if unsigned:
        text += f"; {unsigned} unsigned entries up to line {stated_line} are vouched for by the signed head statement"
    return text


@audit.command()
@log_argument
@click.option("--id", "record_id", metavar="ID", help="One record (a unique prefix will do), shown in full.")
@click.option("--rule", "rule_id", metavar="RULE_ID", help="Records in which this rule fired.")
@click.option("--since", metavar="DATE", help="Records decided at or after DATE (2026-11-23 or 2026-11-23T09:00Z).")
@click.option("--outcome", metavar="OUTCOME",
              help="Records with this recommendation (an outcome the recording policy declared).")
@click.option("--subject", metavar="ID", help="Records about this subject (sealed subjects need the audit key).")
@click.option("--operator", metavar="NAME", help="Records made by this operator.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(log: str, record_id: str | None, rule_id: str | None, since: str | None, outcome: str | None,
         subject: str | None, operator: str | None, fmt: str) -> None:
    """List the records of an audit log (or one record file), or show one in full.

    A log that does not verify is still listed, with a warning on stderr.

    \b
    Examples:
      pathfit audit show audit.jsonl
      pathfit audit show audit.jsonl --rule refer.counselling --since 2026-11-01
      pathfit audit show audit.jsonl --id 3f1c2a --format json
    """
    from pathfit.engine.audit.log import read_lines
    from pathfit.engine.audit.read import is_log, items_from_lines, read_items
    from pathfit.engine.audit.verify import verify_lines

    from .audit_show import detail, listing

    try:
        cutoff = parse_since(since) if since else None
        if is_log(log):
            lines = read_lines(log)
            verdict = verify_lines(lines, log)
            if verdict.problem is not None:
                echo(f"warning: the log does not verify: {verdict.problem.format()} "
                     "(run `pathfit audit verify`)", err=True)
            items = items_from_lines(lines, log)
        else:
            items = read_items(log)
    except PathfitError as err:
        fail_with(err)
    for item in items:
        if item.problem is not None:
            echo(f"warning: skipped: {item.problem.format()}", err=True)
    try:
        items = _opened(items)
    except PathfitError as err:
        fail_with(err)
    chosen = [i for i in items if i.record is not None and _matches(i.record, record_id, rule_id, cutoff, outcome)]
    shut = [i for i in items if i.record is not None and is_sealed_record(i.record) and "sealed" in i.record["decision"]]
    if rule_id and shut:
        echo(f"note: {len(shut)} sealed records were searched for {rule_id} in their clear part only (a rule that "
             "reads a sensitive fact is sealed); set PATHFIT_AUDIT_KEY_FILE to search them whole", err=True)
    try:
        subjects = _subjects(chosen, subject, log)
    except PathfitError as err:
        fail_with(err)
    if subject is not None:
        chosen = [i for i in chosen if subjects[id(i)] == subject]
    if operator is not None:
        chosen = [i for i in chosen if i.record.get("operator") == operator]
    if record_id and not chosen:
        fail_with(fail("PF616", f"no record with id {record_id!r}", Pos(log)))
    if fmt == "json":
        echo(json.dumps([{"where": f"{i.where.file}:{i.where.line}" if i.where.line else i.where.file,
                          "record": i.record, "subject": subjects[id(i)],
                          "entry": {k: v for k, v in i.entry.items() if k != "record"} if i.entry else None}
                         for i in chosen], indent=2, sort_keys=True, ensure_ascii=False))
    elif record_id:
        echo("\n\n".join(detail(i, subjects[id(i)], text_width()) for i in chosen))
    else:
        echo(listing(chosen, text_width(), [i.record["id"] for i in items if i.record is not None]))
    echo(f"{len(chosen)} of {sum(i.record is not None for i in items)} records", err=True)


def _opened(items: list) -> list:
    """Sealed records opened with $PATHFIT_AUDIT_KEY_FILE when it is set; a record sealed
    with another key, or whose seal does not open, stays sealed, with a warning."""
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.sealing import open_record

    sealed = [i for i in items if i.record is not None and is_sealed_record(i.record)]
    key = load_key() if sealed else None
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


def _subjects(items: list, wanted: str | None, log: str) -> dict:
    """{id(item): the subject in clear, or None}: sealed subjects are opened with
    the audit key ($PATHFIT_AUDIT_KEY_FILE) when one is set; filtering on a
    subject with sealed subjects and no key is refused (PF610)."""
    from pathfit.engine.audit.masking import load_key
    from pathfit.engine.audit.subject import is_sealed, readable_subject

    sealed = [i for i in items if is_sealed(i.record.get("subject"))]
    key = load_key() if sealed else None
    if sealed and key is None and wanted is not None:
        raise fail("PF610", f"{len(sealed)} records hold a sealed subject; set PATHFIT_AUDIT_KEY_FILE to the audit "
                   "key to filter on --subject", Pos("PATHFIT_AUDIT_KEY_FILE"))
    return {id(i): readable_subject(i.record, key, i.where) for i in items}


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
        raise fail("PF613", f"--since takes a date (2026-11-23) or a time (2026-11-23T09:00:00Z), not {text!r}",
                   Pos("--since")) from None
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


@audit.command()
@click.argument("file", required=False, type=click.Path(dir_okay=False))
@click.option("--signing", "signing", metavar="FILE", type=click.Path(dir_okay=False),
              help="Make an Ed25519 signing key instead: FILE (private) and FILE.pub (public).")
def keygen(file: str | None, signing: str | None) -> None:
    """Create a new random audit key in FILE (mode 600; never overwrites), or
    with --signing an Ed25519 key pair for signing the audit log.

    Records seal sensitive facts with the audit key; replay needs it to re-run
    them. The signing key signs every entry appended while
    PATHFIT_SIGNING_KEY_FILE names it; auditors verify with FILE.pub. Keep both
    private keys apart from the records and logs, as you would a password.

    \b
    Examples:
      pathfit audit keygen ~/.config/pathfit/audit.key
      export PATHFIT_AUDIT_KEY_FILE=~/.config/pathfit/audit.key
      pathfit audit keygen --signing ~/.config/pathfit/signing.key
      export PATHFIT_SIGNING_KEY_FILE=~/.config/pathfit/signing.key
    """
    from pathfit.engine.audit.masking import generate_key
    from pathfit.engine.audit.signing import generate_signing_key

    try:
        if (file is None) == (signing is None):
            raise fail("PF613", "give FILE for an audit key or --signing FILE for a signing key, one of them",
                       Pos("keygen"))
        if signing is not None:
            signer = generate_signing_key(signing)
        else:
            key = generate_key(file)
    except PathfitError as err:
        fail_with(err)
    if signing is not None:
        echo(f"wrote a new signing key to {signing} and its public key to {signing}.pub (key id {signer.key_id}); "
             f"use it with: export PATHFIT_SIGNING_KEY_FILE={signing}; give auditors {signing}.pub")
        return
    echo(f"wrote a new audit key to {file} (key id {key.key_id}); use it with: export PATHFIT_AUDIT_KEY_FILE={file}")


@audit.command()
@log_argument
@click.option("--signing-key", metavar="FILE", type=click.Path(dir_okay=False),
              help="The signing key (default: PATHFIT_SIGNING_KEY_FILE).")
def head(log: str, signing_key: str | None) -> None:
    """Print a signed statement of the log's current head and entry count.

    Keep it outside the log (a ticket, an email, another system). Later,
    `pathfit audit verify LOG --public-key FILE.pub --head-statement FILE`
    shows whether entries were cut off or the log rewritten since. The log must
    verify as a chain first; nothing is written.

    \b
    Example:
      pathfit audit head audit.jsonl > head-2026-11-23.json
    """
    from pathfit.engine.audit.log import read_lines
    from pathfit.engine.audit.signing import head_statement, load_signer
    from pathfit.engine.audit.verify import verify_lines

    try:
        signer = load_signer(signing_key)
        if signer is None:
            raise fail("PF623", "no signing key: set PATHFIT_SIGNING_KEY_FILE or give --signing-key",
                       Pos("PATHFIT_SIGNING_KEY_FILE"))
        verdict = verify_lines(read_lines(log, keep_records=False), log)
    except PathfitError as err:
        fail_with(err)
    if verdict.problem is not None:
        echo(verdict.problem.format())
        echo(f"{log}: NOT intact; no head statement made", err=True)
        raise SystemExit(1)
    import os.path

    statement = head_statement(signer, os.path.basename(log), verdict.head, verdict.entries)
    echo(json.dumps(statement, indent=2, sort_keys=True))
