"""`pathfit audit head`: a signed statement of a log's head and entry count.

The statement vouches for every entry up to the head it names, unsigned ones too
(`audit verify --head-statement` then accepts the unsigned stretch at the start of
the log). So the command, which holds the signing key, checks the signatures before
it signs: a forger without the key who rewrites an entry and strips the signatures
that no longer match must not get the key holder's word for the result.
"""
from __future__ import annotations

import json

import click

from pathfit.engine.errors import PathfitError, Pos, fail

from ..common import echo, fail_with
from ..params import Command, FilePath


@click.command(cls=Command)
@click.argument("log", metavar="LOG", type=FilePath())
@click.option("--signing-key", metavar="FILE", type=FilePath(),
              help="The signing key (default: PATHFIT_SIGNING_KEY_FILE).")
@click.option("--public-key", "public_keys", metavar="FILE.pub", multiple=True, type=FilePath(),
              help="A key the log was signed with before a rotation (repeat for each); the signing key's own "
                   "public half is always used.")
def head(log: str, signing_key: str | None, public_keys: tuple) -> None:
    """Print a signed statement of the log's current head and entry count.

    Keep it outside the log (a ticket, an email, another system). Later,
    `pathfit audit verify LOG --public-key FILE.pub --head-statement FILE`
    shows whether entries were cut off or the log rewritten since. The log must
    verify first, its signatures included (checked with the signing key's public
    half and any --public-key): an unsigned entry after a signed one (PF620), an
    entry signed by a key not given (PF621) or a signature that does not verify
    (PF622) is reported with its line and no statement is made (exit 1). Unsigned
    entries at the start of the log (appended before signing was switched on) are
    vouched for by the statement, and counted on stderr. Nothing is written.

    \b
    Example:
      pathfit audit head audit.jsonl > head-2026-11-23.json
    """
    from pathfit.engine.audit.log import read_lines
    from pathfit.engine.audit.signing import head_statement, load_public_keys, load_signer
    from pathfit.engine.audit.verify import verify_lines

    try:
        signer = load_signer(signing_key)
        if signer is None:
            raise fail("PF623", "no signing key: set PATHFIT_SIGNING_KEY_FILE or give --signing-key",
                       Pos("PATHFIT_SIGNING_KEY_FILE"))
        keys = {**load_public_keys(public_keys), signer.key_id: signer.private.public_key()}
        lines = read_lines(log, keep_records=False)
        verdict = verify_lines(lines, log, keys=keys, unsigned_start=True)
    except PathfitError as err:
        fail_with(err)
    if verdict.problem is not None:
        echo(verdict.problem.format())
        echo(f"{log}: NOT intact; no head statement made", err=True)
        raise SystemExit(1)
    import os.path

    statement = head_statement(signer, os.path.basename(log), verdict.head, verdict.entries)
    echo(json.dumps(statement, indent=2, sort_keys=True))
    unsigned = [ln.number for ln in lines if ln.entry is not None and "sig" not in ln.entry]
    if unsigned:  # all at the start: verify_lines refuses an unsigned entry after a signed one
        count = "1 entry" if len(unsigned) == 1 else f"{len(unsigned)} entries"
        echo(f"note: {count} at the start of the log (lines {unsigned[0]}-{unsigned[-1]}) are unsigned: this "
             "statement vouches for them, so check them by other means before keeping it", err=True)
