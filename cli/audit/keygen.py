"""`pathfit audit keygen`: a new audit key, or an Ed25519 signing key pair."""
from __future__ import annotations

import signal

import click

from pathfit.engine.errors import PathfitError, Pos, fail
from pathfit.engine.quote import shown_path

from ..common import echo, fail_with
from ..interrupts import term_as_interrupt
from ..params import Command, FilePath


@click.command(cls=Command)
@click.argument("file", required=False, type=FilePath(dir_okay=False, checked=False))
@click.option("--signing", "signing", metavar="FILE", type=FilePath(dir_okay=False, checked=False),
              help="Make an Ed25519 signing key instead: FILE (private) and FILE.pub (public), new files: "
                   "a key is never replaced.")
def keygen(file: str | None, signing: str | None) -> None:
    """Create a new random audit key in FILE (mode 600; never overwrites), or
    with --signing an Ed25519 key pair for signing the audit log. FILE's
    folder must exist: like every output, a key is never put in a missing one.

    Records seal sensitive facts with the audit key; replay needs it to re-run
    them. The signing key signs every entry appended while
    PATHFIT_SIGNING_KEY_FILE names it; auditors verify with FILE.pub. Keep both
    private keys apart from the records and logs, as you would a password.

    \b
    Examples:
      mkdir -p -m 700 ~/.config/pathfit
      pathfit audit keygen ~/.config/pathfit/audit.key
      export PATHFIT_AUDIT_KEY_FILE=~/.config/pathfit/audit.key
      pathfit audit keygen --signing ~/.config/pathfit/signing.key
      export PATHFIT_SIGNING_KEY_FILE=~/.config/pathfit/signing.key
    """
    from pathfit.engine.audit.masking import generate_key
    from pathfit.engine.audit.signing import generate_signing_key
    from pathfit.engine.quote import shell_word

    previous = term_as_interrupt()  # a supervisor's stop is Ctrl-C's: a key pair is written whole or not at all
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
    finally:
        signal.signal(signal.SIGTERM, previous)
    if signing is not None:  # each command quoted for the shell, so that it runs as shown
        echo(f"wrote a new signing key to {shown_path(signing)} and its public key to {shown_path(signing + '.pub')} (key id {signer.key_id}); "
             f"use it with: export PATHFIT_SIGNING_KEY_FILE={shell_word(signing)}; give auditors {shown_path(signing + '.pub')}",
             err=True)
        return
    echo(f"wrote a new audit key to {shown_path(file)} (key id {key.key_id}); use it with: export "
         f"PATHFIT_AUDIT_KEY_FILE={shell_word(file)}", err=True)

