"""A head seen earlier (`audit verify --expect-head`, `--head-statement`, and a repair given
either) checked against the log as it is: whether an entry still holds it, and, for a log that
ends with a partial line or an uncommitted batch, whether it is among the entries a repair would
keep. Those two endings look the same whether an append was cut off or the log was cut short
after entries it had acknowledged; only a head kept earlier tells them apart."""
from __future__ import annotations

from collections.abc import Sequence

from .log import GENESIS, Line
from .packed import first_with
from ..errors import Pos, Problem, counted

_TAIL = {"PF606": "a partial line at line", "PF625": "an uncommitted batch begun at line"}  # the endings a repair sets aside


def head_problem(lines: Sequence[Line], label: str, expect_head: str, statement: dict | None = None,
                 keep: int | None = None) -> tuple[Problem | None, int]:
    """Whether the log still holds a head seen earlier (`expect_head`, or a checked head
    `statement`'s) -> (None, the line holding it; 0 for the genesis hash, which every log
    starts from), or (PF607 if no entry holds it, PF624 if the statement counts it as another
    entry than it is, 0). With `keep` (before a repair: how many lines the repair keeps) it
    must be in those lines, since a batch whose commit marker was cut off the end looks
    uncommitted, and repairing it would set aside the very entries the head vouches for."""
    if expect_head == GENESIS:
        return None, 0
    at = first_with(lines, "hash", expect_head)
    if at is None:
        return Problem("PF607", f"the head {expect_head} seen earlier is in no entry: the log was cut short or "
                       "rewritten since", Pos(label)), 0
    seq = lines[at].entry["seq"]
    if statement is not None and seq != statement["entries"]:
        n = statement["entries"]
        return Problem("PF624", f"the head statement says {counted(n, 'entry', 'entries')} {'ends' if n == 1 else 'end'} "
                       f"at its head, but that head is entry seq {seq}", Pos(label)), 0
    if keep is not None and at >= keep:
        return Problem("PF607", f"the head {expect_head} seen earlier is entry seq {seq} (line {lines[at].number}), "
                       "inside the uncommitted batch at the end, which a repair would set aside", Pos(label)), 0
    return None, lines[at].number


def cut_after_head(lines: Sequence[Line], label: str, expect_head: str | None, statement: dict | None,
                   tail: Problem, good: int, head: str) -> Problem:
    """The finding for a log whose chain holds up to a partial last line or an uncommitted batch
    (`tail`, PF606 or PF625; `good` entries before it, the last `head`): with a head kept earlier
    that is not among those entries, the log was cut short after it (PF607, PF624), which is what
    a repair given that head refuses for; else `tail`, which cannot tell a crash from a cut."""
    if expect_head is None or tail.code not in _TAIL:
        return tail
    problem = head_problem(lines, label, expect_head, statement, keep=good)[0]
    if problem is None:
        return tail
    return problem._replace(message=f"{problem.message} (it now has {counted(good, 'entry', 'entries')}, head {head}, "
                            f"and ends with {_TAIL[tail.code]} {tail.pos.line})")
