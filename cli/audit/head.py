"""`pathfit audit head`: a signed statement of a log's head and entry count.

The statement vouches for every entry up to the head it names, unsigned ones too
(`audit verify --head-statement` then accepts the unsigned stretch at the start of
the log). So the command, which holds the signing key, checks the signatures before
it signs: a forger without the key who rewrites an entry and strips the signatures
that no longer match must not get the key holder's word for the result. Nor must one
who strips every signature, leaving what looks like a log begun before signing: the
key holder says how many unsigned entries to expect (`--unsigned`, none by default).
"""
from __future__ import annotations

import json

import click

from pathfit.engine.errors import PathfitError, Pos, fail
from pathfit.engine.quote import shown_path

from ..common import echo, fail_with
from ..number_params import IntRange
from ..params import Command, FilePath


@click.command(cls=Command)
@click.argument("log", metavar="LOG", type=FilePath())
@click.option("--signing-key", metavar="FILE", type=FilePath(),
              help="The signing key (default: PATHFIT_SIGNING_KEY_FILE).")
@click.option("--public-key", "public_keys", metavar="FILE.pub", multiple=True, type=FilePath(),
              help="A key the log was signed with before a rotation (repeat for each); the signing key's own "
                   "public half is always used.")
@click.option("--unsigned", metavar="N", type=IntRange(min=0), default=0, show_default=True,
              help="How many entries at the start of the log were appended before signing was switched on, "
                   "checked by other means: the statement vouches for exactly these.")
def head(log: str, signing_key: str | None, public_keys: tuple, unsigned: int) -> None:
    """Print a signed statement of the log's current head and entry count.

    Keep it outside the log (a ticket, an email, another system). Later,
    `pathfit audit verify LOG --public-key FILE.pub --head-statement FILE`
    shows whether entries were cut off or the log rewritten since. The log must
    verify first, its signatures included (checked with the signing key's public
    half and any --public-key): an unsigned entry after a signed one (PF620), an
    entry signed by a key not given (PF621) or a signature that does not verify
    (PF622) is reported with its line and no statement is made (exit 1). Unsigned
    entries at the start of the log (appended before signing was switched on) are
    vouched for only as many as --unsigned gives: one more is PF620, fewer is
    PF633 (a log whose every signature was stripped looks like one made before
    signing, so only the key holder's own count tells them apart). Nothing is
    written.

    \b
    Examples:
      pathfit audit head audit.jsonl > head-2026-11-23.json
      pathfit audit head --unsigned 12 old-audit.jsonl > head-2026-11-23.json
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
        lines = read_lines(log, keep_records=False, packed=True)
        verdict = verify_lines(lines, log, keys=keys, unsigned_start=unsigned)
    except PathfitError as err:
        fail_with(err)
    if verdict.problem is not None:
        echo(verdict.problem.format(), err=True)
        echo(f"{shown_path(log)}: NOT intact; no head statement made", err=True)
        at = verdict.problem.pos.line
        if verdict.problem.code == "PF620" and not unsigned and not any(
                ln.entry is not None and "sig" in ln.entry for ln in lines if ln.number < at):
            echo("if entries at the start of the log were appended before signing was switched on, check them by "
                 "other means and give their number with --unsigned", err=True)
        raise SystemExit(1)
    import os.path

    statement = head_statement(signer, os.path.basename(log), verdict.head, verdict.entries)
    echo(json.dumps(statement, indent=2, sort_keys=True))
    stretch = [ln.number for ln in lines if ln.entry is not None and "sig" not in ln.entry]
    if stretch:  # all at the start, as many as --unsigned: verify_lines refuses any other
        count = "1 entry" if len(stretch) == 1 else f"{len(stretch)} entries"
        echo(f"note: {count} at the start of the log (lines {stretch[0]}-{stretch[-1]}) are unsigned, as "
             "--unsigned says: this statement vouches for them", err=True)
