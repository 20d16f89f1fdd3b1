"""A decision's trace (docs/decision.md, "trace"): every firing, why each other rule did not
fire, what was derived, the scores and the deciding clause, with the open questions and
settledness worked out on the way (they share the explanation's statuses).

Built on first use of `Decision.trace` (or `to_dict`), not when a person is decided: a batch
that needs only the outcome, and `recommend`'s text, never import this module.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..pipeline.decide import tally
from ..pipeline.durable_adapter import DURABLE_VERSION
from ..pipeline.figures import JSON_PLACES, float_at
from ..pipeline.firings import firing_dicts, settled_dicts
from ..pipeline.model import RuleSet, kept_with
from ..pipeline.open_rules import presence_open
from ..pipeline.settle import is_settled
from .conditions import UNKNOWN
from .missing import missing_facts
from .why_not import explain

if TYPE_CHECKING:
    from ..api import Engine
    from ..pipeline.decide import Verdict
    from ..pipeline.firings import RunResult

TRACE_VERSION = 1

_INPUT_NAMES: dict[int, tuple] = {}  # id(rules) -> (rules, the input facts' names)


def _input_names(rs: RuleSet) -> frozenset:
    return kept_with(rs.rules, _INPUT_NAMES, lambda: frozenset(n for n, f in rs.facts.items() if f.kind == "input"))


def explained(engine: Engine, result: RunResult, verdict: Verdict, facts: dict,
              known: tuple = (None, None, None)) -> tuple[dict, tuple, bool]:
    """(the trace, the missing facts, settled) of the run `result` decided as `verdict`.
    `known`: (missing, settled, the firings' tally the verdict was decided from) as the decision
    has them, each None where not: kept, not worked out again (a batch row says whether it is
    settled before its record takes the trace, and proving that, like finding the missing facts,
    can cost more than the trace)."""
    ruleset = engine.ruleset
    not_fired, status = explain(ruleset, result)
    rules = ruleset.rules  # a rule waits only where the cross-check found it unknown
    pending = [rule for rule in map(rules.__getitem__, result.waiting) if status[rule.id][0] is UNKNOWN]
    missing, settled, t = known
    if pending:
        t = t if t is not None else tally(ruleset.policy, result.firings)  # shared by the two below
        missing = missing_facts(ruleset, result, status, t, pending) if missing is None else missing
        settled = is_settled(ruleset, result, pending, t) if settled is None else settled
    elif presence_open(ruleset, result.facts, result):  # nothing waits, but a test of being known can turn
        missing = missing_facts(ruleset, result, status, None, pending) if missing is None else missing
        settled = is_settled(ruleset, result, pending) if settled is None else settled
    else:  # nothing waits and nothing can turn: what the two give then, without asking each
        missing, settled = [], True
    trace = {
        "trace_version": TRACE_VERSION,
        "engine": {"durable_rules": DURABLE_VERSION},
        "ruleset": {"name": ruleset.name, "digest": ruleset.digest},
        "firings": firing_dicts(result.firings),
        "settled": settled_dicts(result.settled),
        "not_fired": not_fired,
        "derived": {"holds": sorted(result.holds), "fails": sorted(result.fails)},
        "scores": {o: float_at(s, JSON_PLACES) for o, s in verdict.score_ratios},
        "decision": {
            "clause": verdict.clause,
            "outcome": verdict.outcome,
            "baseline": float_at(verdict.baseline_ratio, JSON_PLACES),  # as `rounded` gives it
            "confidence": float_at(verdict.confidence_ratio, JSON_PLACES),
        },
        "unknown_inputs": sorted(_input_names(ruleset).difference(facts)),
    }
    return trace, tuple(missing), settled
