"""`pathfit audit head`: a signed statement of a log's head and entry count."""
from __future__ import annotations

import json

import click

from pathfit.engine.errors import PathfitError, Pos, fail

from ..common import echo, fail_with
from .args import log_argument
from ..params import Command, FilePath


@click.command(cls=Command)
@log_argument
@click.option("--signing-key", metavar="FILE", type=FilePath(dir_okay=False),
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
