"""How many more questions the interview can still ask: an upper bound, exactly true.

The interview asks only facts in `Decision.missing` that the person has not skipped.
Which facts that lists depends on answers not yet given, so the count of today's missing
facts is no bound on tomorrow's. This module over-approximates instead, reading the
rules as `missing` itself reads them where a test of being known could turn
(pipeline/open_rules.py): every unknown input fact open, `is: known` / `is: unknown` on
one undecided as a comparison is. A rule of the cone decided there stays so whatever is
answered; an undecided one rests on some open tests, and whatever is answered it rests
later on some of those only. Every fact a later `missing` lists is one such a rule rests
on: one a relevant rule waits on (a rule that waits is undecided there too, and rests on
no more), one an undecided relevant rule rests on, or one tested with `is` in an undecided
part of a rule of the cone.
"""
from __future__ import annotations

from ..pipeline.model import RuleSet
from ..pipeline.open_rules import undecided


def askable(rs: RuleSet, facts: dict, skipped: set) -> set[str]:
    """Every input fact the interview could still ask, now or after any answers to the
    others (while no answer is taken back): a superset of each later `missing`, less the
    facts skipped. A skipped fact is read as open all the same: `missing` does not know it
    was skipped, and lists what answering it could bring in."""
    rests, _ = undecided(rs, facts)
    return {name for tests in rests.values() for name, _ in tests}.difference(skipped)


def progress_line(number: int, more: int) -> str:
    """'question 3, at most 9 more', for the person answering."""
    if more == 0:
        return f"question {number}, the last"
    return f"question {number}, at most {more} more"
