"""How many more questions the interview can still ask: an upper bound, exactly true.

The interview asks only facts in `Decision.missing`: unknown inputs that a rule
still waiting (neither fired nor failed) reads, directly or through the derived
facts it needs, where that rule can still change the outcome, and unknown inputs
a rule tests with `is` (answering one turns the test over). Which rules still
wait depends on answers not yet given, so the count of today's missing facts
is no bound on tomorrow's. This module over-approximates instead, in
three-valued logic: a rule is *final* when its condition holds, or fails,
whatever the open questions are answered (an open question is neither
answered nor left unknown by the person; `is known` on it is undecided too).
A final rule stays final as answers come in, so every fact the interview can
still ask is an open input read by a rule that is not final and whose effects
the policy reads, or that derives a fact such a rule reads.
"""
from __future__ import annotations

from ..pipeline.model import All, Cmp, Not, RuleSet, facts_in
from ..pipeline.policy import read_by_policy

UNKNOWN = None


def askable(rs: RuleSet, facts: dict, skipped: set) -> set[str]:
    """Every input fact the interview could still ask, now or after any answers to the
    others (while no answer is taken back): a superset of each later `missing`."""
    values: dict[str, object] = {}

    def derived(name: str):
        if name not in values:
            values[name] = UNKNOWN  # rule sets are acyclic (validate); a guard all the same
            results = [evaluate(rule.when) for rule in rs.deriving(name)]
            values[name] = True if True in results else False if all(r is False for r in results) else UNKNOWN
        return values[name]

    def evaluate(cond):
        if isinstance(cond, Cmp):
            return compare(cond)
        if isinstance(cond, Not):
            inner = evaluate(cond.item)
            return UNKNOWN if inner is UNKNOWN else not inner
        results = [evaluate(item) for item in cond.items]
        if isinstance(cond, All):
            return False if False in results else UNKNOWN if UNKNOWN in results else True
        return True if True in results else UNKNOWN if UNKNOWN in results else False

    def compare(c: Cmp):
        fact = rs.facts[c.fact]
        if fact.kind == "derived":
            value = derived(c.fact)
            return UNKNOWN if value is UNKNOWN else True if c.op == "is" else value == c.value
        if c.op == "is":
            if c.fact in facts:
                return c.value == "known"
            return (c.value == "unknown") if c.fact in skipped else UNKNOWN
        if c.fact not in facts:
            return UNKNOWN
        v = facts[c.fact]
        return {
            "equals": lambda: v == c.value, "one_of": lambda: v in c.value, "not_one_of": lambda: v not in c.value,
            "lt": lambda: v < c.value, "lte": lambda: v <= c.value, "gt": lambda: v > c.value,
            "gte": lambda: v >= c.value, "contains": lambda: c.value in v,
        }[c.op]()

    open_inputs = {f.name for f in rs.inputs if f.name not in facts and f.name not in skipped}
    found: set[str] = set()
    for rule in _relevant(rs):
        if evaluate(rule.when) is UNKNOWN:
            # a fact tested with `is` counts too: `missing` lists it while it is unknown
            found |= {c.fact for c in facts_in(rule.when) if c.fact in open_inputs}
    return found


def _relevant(rs: RuleSet) -> list:
    """Rules whose effects the policy reads, and the rules deriving what they read, transitively."""
    chosen = {r.id for r in rs.rules if read_by_policy(r)}
    changed = True
    while changed:
        read = {c.fact for r in rs.rules if r.id in chosen for c in facts_in(r.when)}
        more = {r.id for r in rs.rules if r.id not in chosen and set(r.then.derive) & read}
        chosen |= more
        changed = bool(more)
    return [r for r in rs.rules if r.id in chosen]


def progress_line(number: int, more: int) -> str:
    """'question 3, at most 9 more', for the person answering."""
    if more == 0:
        return f"question {number}, the last"
    return f"question {number}, at most {more} more"
