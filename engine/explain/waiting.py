"""Which rules wait, and on which unknown input facts: what `Decision.missing` and
`Decision.settled` need of the explanation, and no more.

The cross-check hands every run the rules whose condition is unknown on the derived
facts the engine established (`RunResult.waiting`). The rules the explanation
(why_not.explain) finds waiting are among them: every other rule has a known value
there, and reading more derived facts as settled (derived_state.DerivedState reads one as false
once every rule that could derive it fails) cannot take a known Kleene value back. So
the explanation's statuses of the waiting rules are found by evaluating only these
rules, with the explanation's own evaluator (conditions.compile_condition) over its own
derived-fact state (derived_state.DerivedState): no failure is worded, no trace entry made, no
plan of kept answers built, and only the rules evaluated (and the derivers of the
derived facts they read) have their conditions compiled. tests/test_waiting.py holds
this to the full explanation.
"""
from __future__ import annotations

from ..pipeline.model import Rule, RuleSet
from ..pipeline.firings import RunResult
from .conditions import UNKNOWN, evaluators as compiled
from .derived_state import DerivedState


def waiting(rs: RuleSet, result: RunResult) -> tuple[dict, list[Rule]]:
    """-> ({rule id: (UNKNOWN, the unknown input facts underneath)}, those rules in rule
    order) for the rules that wait on this run: the statuses why_not.explain gives them,
    in the form missing_facts reads."""
    if not result.waiting:
        return {}, []
    evaluators = compiled(rs)
    # no answers kept across people (by_fact empty): each derived fact is worked out here
    state = DerivedState(rs, result, evaluators, {}.get, {}, None)
    status, pending = {}, []
    for index in result.waiting:
        value, _, waits = evaluators[index](result.facts, state)
        if value is UNKNOWN:
            rule = rs.rules[index]
            status[rule.id] = (UNKNOWN, frozenset(waits))
            pending.append(rule)
    state.done()
    return status, pending
