"""Which unknown input facts could still change a decision, most relevant first.

Its own module, apart from why-not's wording of failures: a decision asks it of the
rules that wait (explain/waiting.py, for `Decision.missing` and `settled`) without
explaining anything else, and the full explanation asks it too (api.Engine._explain).
"""
from __future__ import annotations

from ..pipeline.decide import Tally, outcome_with, tally
from ..pipeline.model import RuleSet, facts_in
from ..pipeline.policy import read_by_policy
from ..pipeline.firings import Firing, RunResult
from ..pipeline.settle import pivotal_rules, presence_missing
from .conditions import UNKNOWN


def missing_facts(rs: RuleSet, result: RunResult, status: dict, base_tally: Tally | None = None,
                  pending: list | None = None) -> list[str]:
    """Unknown input facts on which a rule waits whose firing could change the
    outcome (or the referral): checked by re-deciding with that rule's effects added,
    and for each of its effects (evidence, a referral, not now) beside any reachable
    state of the other pending rules' effects (settle.pivotal_rules).
    `base_tally`: the run's firings tallied, and `pending`: the rules whose status is
    unknown, when the caller has them already."""
    if pending is None:
        pending = [r for r in rs.rules if status[r.id][0] is UNKNOWN]
    if not pending:
        return presence_missing(rs, result.facts)  # nothing waits: only a test of being known can turn
    if base_tally is None:
        base_tally = tally(rs.policy, result.firings)  # once; each trial adds its rules to it
    base = outcome_with(rs.policy, base_tally, [])
    relevant: set[str] = set()
    for rule in pending:
        if not read_by_policy(rule):
            continue  # the policy reads no effect of this rule: re-deciding could not differ
        trial = [Firing(0, rule.id, (), (), rule.then.evidence, (), rule.then.refer, rule.then.not_now)]
        if outcome_with(rs.policy, base_tally, trial) != base:
            relevant.add(rule.id)
    # an effect can matter only beside other pending rules' effects, for any outcome (settle.py)
    relevant |= pivotal_rules(rs, result.firings, pending, base_tally)
    changed = True
    while changed:  # a pending rule matters if it derives something a relevant rule reads
        changed = False
        read = {c.fact for r in pending if r.id in relevant for c in facts_in(r.when)}
        for rule in pending:
            # ... that does not hold already: deriving it again changes nothing any rule reads
            if rule.id not in relevant and (set(rule.then.derive) - result.holds) & read:
                relevant.add(rule.id)
                changed = True
    counts: dict[str, int] = {}
    for rule in pending:
        if rule.id in relevant:
            for name in status[rule.id][1]:
                if rs.facts[name].kind == "input":
                    counts[name] = counts.get(name, 0) + 1
    found = sorted(counts, key=lambda n: (-counts[n], n))
    return found + [n for n in presence_missing(rs, result.facts) if n not in counts]
