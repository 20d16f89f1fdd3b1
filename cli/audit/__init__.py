"""`pathfit audit`: verify an audit log's hash chain, show its records, make an audit key.

One module per subcommand (verify, show, keygen, head), as cli/ has one module per
command; this module holds the group and registers them."""
from __future__ import annotations

import click

from .head import head
from .keygen import keygen
from .show import show
from .verify import verify
from ..params import Group


@click.group(cls=Group)
def audit() -> None:
    """Audit logs: verify the chain, show records, make an audit key (docs/audit.md, in
    pathfit's source).

    \b
    Examples:
      pathfit audit verify audit.jsonl
      pathfit audit verify audit.jsonl --expect-head 3f1c...e9
      pathfit audit show audit.jsonl --since 2026-11-01 --outcome refer
      mkdir -p -m 700 ~/.config/pathfit && pathfit audit keygen ~/.config/pathfit/audit.key
    """


for _command in (verify, show, keygen, head):
    audit.add_command(_command)
