"""Which unknown input facts could still change a decision, most relevant first.

Its own module, apart from why-not's wording of failures: a decision asks it of the
rules that wait (explain/waiting.py, for `Decision.missing` and `settled`) without
explaining anything else, and the full explanation asks it too (api.Engine._explain).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..pipeline.decide import Tally, outcome_with, tally
from ..pipeline.model import RuleSet, facts_in
from ..pipeline.open_rules import Open, presence_open, undecided
from ..pipeline.policy import read_by_policy
from ..pipeline.firings import Firing, RunResult
from ..pipeline.settle import pivotal_rules
from .conditions import UNKNOWN

if TYPE_CHECKING:
    from typing import Callable, Iterator

    from ..pipeline.model import Rule


def missing_facts(rs: RuleSet, result: RunResult, status: dict, base_tally: Tally | None = None,
                  pending: list | None = None) -> list[str]:
    """Unknown input facts on which a rule waits whose firing could change the
    outcome (or the referral): checked by re-deciding with that rule's effects added,
    and for each of its effects (evidence, a referral, not now) beside any reachable
    state of the other pending rules' effects (settle.pivotal_rules); then the facts
    open_rules.presence_open gives (a test of being known on one could move a rule that
    matters). `status`: {rule id: (UNKNOWN, the unknown inputs it waits
    on)} for the rules that wait, `base_tally`: the run's firings tallied, and `pending`:
    the rules whose status is unknown, when the caller has them already.

    Where a test of whether an unknown fact is known could turn over, a rule that fired
    may fire no longer and one that failed may fire: the rules that wait, beside what
    fired, no longer bound what answers can reach. The rules are then read with every
    unknown fact open instead (`past_presence`)."""
    reading = _reader(rs, result)  # one reading of the derived facts for both below, if either needs one
    presence = presence_open(rs, result.facts, result, reading=reading)
    firings, pending, status, holds, base_tally = _read_over(rs, result, status, base_tally, pending, presence, reading)
    found = _waited_on(rs, firings, pending, status, holds, base_tally)
    return found + [n for n in presence if n not in found]


def missing_beyond(rs: RuleSet, result: RunResult, skipped: set, waiting: Callable[[], tuple]) -> bool:
    """Whether `missing_facts` would list a fact not in `skipped`, found without listing them
    all: the interview asks this of every answer it tries once a question was left
    unknown, and most of those answers leave some other question open, which the first
    test of being known that could turn over on it, or the first relevant rule waiting on
    it, shows. `waiting`: gives (status, pending, tally) as `missing_facts` takes them, asked
    only where no such test could turn over (otherwise the rules are read past it, and the
    rules that wait, the costliest part of the answer, are not needed)."""
    reading = _reader(rs, result)
    presence = presence_open(rs, result.facts, result, beyond=skipped, reading=reading)  # whole unless one is beyond
    if any(name not in skipped for name in presence):
        return True
    status, pending, base_tally = ({}, None, None) if presence else waiting()
    firings, pending, status, holds, base_tally = _read_over(rs, result, status, base_tally, pending, presence, reading)
    for rule in _relevant(rs, firings, pending, holds, base_tally):
        if any(name not in skipped and rs.facts[name].kind == "input" for name in status[rule.id][1]):
            return True
    return False


def _reader(rs: RuleSet, result: RunResult) -> Callable[[], Open]:
    """The run's facts read as `Open` reads them, made when first asked for and then shared:
    most decisions need none (no test of being known can turn over), and making one works
    out, once a process, what lies beneath each derived fact (a CLI command's start pays it)."""
    made: list[Open] = []

    def reading() -> Open:
        if not made:
            made.append(Open(rs, result.facts, result))
        return made[0]
    return reading


def _read_over(rs: RuleSet, result: RunResult, status: dict, base_tally, pending, presence,
               reading: Callable[[], Open]) -> tuple:
    """(firings, pending, status, holds, tally) the relevant rules are found over: the run's,
    or where a test of being known could turn over, those no answers can take back (read
    with `reading`, `_reader`'s)."""
    if presence:
        return (*past_presence(rs, result, reading), None)
    if pending is None:
        pending = [r for r in rs.rules if status[r.id][0] is UNKNOWN]
    return result.firings, pending, status, result.holds, base_tally


def past_presence(rs: RuleSet, result: RunResult,
                  reading: Callable[[], Open] | None = None) -> tuple[list, list, dict, frozenset]:
    """(firings, pending, status, derived facts that hold) as no answers can take back: the
    firings of the rules every completion fires, the rules of the cone undecided with every
    unknown fact open (each with the unknown inputs it rests on), and the derived facts every
    completion holds. Under any answers the rules of the cone that fire are the former plus
    some of the latter, so what is relevant among them is what matters."""
    open_rules, reading = undecided(rs, result.facts, result, reading)
    variable = {rs.rules[i].id for i in open_rules}
    firings = [f for f in result.firings if f.rule not in variable]
    pending = [rs.rules[i] for i in open_rules]
    status = _Waits({rs.rules[i].id: rests for i, rests in open_rules.items()})
    holds = frozenset(name for r in pending for name in r.then.derive if reading.derived(name)[0] is True)
    return firings, pending, status, holds


class _Waits(dict):
    """{rule id: (UNKNOWN, the unknown inputs it rests on)}, each made from the rule's open tests
    when first read: of the rules the cone leaves undecided only the relevant ones are read."""

    def __init__(self, rests: dict):
        super().__init__()
        self._rests = rests

    def __missing__(self, rule_id: str) -> tuple:
        got = self[rule_id] = (UNKNOWN, frozenset(name for name, _ in self._rests[rule_id]))
        return got


def _waited_on(rs: RuleSet, firings: list, pending: list, status: dict, holds, base_tally: Tally | None) -> list[str]:
    """The unknown inputs the relevant rules of `pending` wait on, most relevant first."""
    relevant = {rule.id for rule in _relevant(rs, firings, pending, holds, base_tally)}
    counts: dict[str, int] = {}
    for rule in pending:
        if rule.id in relevant:
            for name in status[rule.id][1]:
                if rs.facts[name].kind == "input":
                    counts[name] = counts.get(name, 0) + 1
    return sorted(counts, key=lambda n: (-counts[n], n))


def _relevant(rs: RuleSet, firings: list, pending: list, holds, base_tally: Tally | None) -> Iterator[Rule]:
    """The relevant rules of `pending`, each once, as they are found: a rule is relevant when
    its firing beside `firings` could change the outcome or the referral, or it derives a
    fact a relevant rule reads that does not hold already. One at a time, so a caller
    asking whether any waits on some fact stops at the first that does."""
    if not pending:
        return
    if base_tally is None:
        base_tally = tally(rs.policy, firings)  # once; each trial adds its rules to it
    base = outcome_with(rs.policy, base_tally, [])
    relevant: dict[str, Rule] = {}  # id -> rule, in the order found
    moved: dict[tuple, bool] = {}  # re-decided once per effects: many rules give the same
    for rule in pending:
        if not read_by_policy(rule):
            continue  # the policy reads no effect of this rule: re-deciding could not differ
        then = rule.then  # all outcome_with reads of a firing (each weight's type kept apart)
        key = (tuple((o, w, type(w)) for o, w in then.evidence), then.refer, then.not_now)
        if key not in moved:
            trial = [Firing(0, rule.id, (), (), then.evidence, (), then.refer, then.not_now)]
            moved[key] = outcome_with(rs.policy, base_tally, trial) != base
        if moved[key]:
            relevant[rule.id] = rule
            yield rule
    # an effect can matter only beside other pending rules' effects, for any outcome (settle.py)
    pivotal = pivotal_rules(rs, firings, pending, base_tally)
    for rule in pending:
        if rule.id in pivotal and rule.id not in relevant:
            relevant[rule.id] = rule
            yield rule
    # a pending rule matters if it derives something a relevant rule reads that does not hold
    # already (deriving it again changes nothing any rule reads): in passes, each reading what
    # the relevant rules read as the pass starts, that grown by the rules the pass before added
    read: set[str] = set()
    deriving = [(rule, fresh) for rule in pending if (fresh := set(rule.then.derive) - holds)]
    added = list(relevant.values())
    while added:
        for rule in added:
            read.update(c.fact for c in facts_in(rule.when))
        added = []
        for rule, fresh in deriving:
            if rule.id not in relevant and fresh & read:
                relevant[rule.id] = rule
                added.append(rule)
                yield rule
