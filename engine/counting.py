"""Counts said as English has them, beyond `errors.counted` (a count with its noun): a count out
of a total, and the verb after a count. Summaries print them on every run ('1 of 1 record',
'1 sealed record was searched'), so one place words them rather than each f-string."""
from __future__ import annotations

from .errors import counted


def counted_of(n: int, total: int, noun: str, nouns: str = "") -> str:
    """'1 of 1 record', '1 of 3 records', '0 of 1 record': the noun agrees with the total it
    counts, as `counted` has it; a verb after it agrees with `n` (`agreeing`)."""
    return f"{n} of {counted(total, noun, nouns)}"


def agreeing(n: int, one: str, many: str) -> str:
    """The verb of a count as English has it: 'opens' after 1 ('1 of 2 records opens'), 'open'
    after 0 or 2 or more. One helper, so that no summary writes '1 of 1 sealed record open'."""
    return one if n == 1 else many
