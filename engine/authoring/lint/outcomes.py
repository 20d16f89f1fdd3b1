"""Lint the policy's declared outcomes: one that no decision clause gives.

A policy's `outcomes:` list is its vocabulary; its clauses say what can actually
be decided. An outcome declared but given by no clause can never be decided,
though the vocabulary names it: usually a clause was forgotten or removed.
`refer` and `not_now` are left out: a rule's effect concludes them, and a policy
may declare them for its vocabulary while deciding neither.
"""
from __future__ import annotations

from ...errors import Collector
from ...pipeline.model import CONCLUSIONS, Policy
from .check import PARSED, Check, Context
from ...quote import quote


def check_declared_outcomes(policy: Policy, out: Collector) -> None:
    """PF715 at each outcome of `outcomes:` (the policy's own list only, never the classic
    defaults of a policy that declares none) that no clause gives."""
    given = {clause.outcome for clause in policy.clauses}
    for outcome in policy.outcomes:
        if outcome.name not in given and outcome.name not in CONCLUSIONS:
            out.add("PF715", f"outcome {quote(outcome.name)} is declared but no decision clause gives it: add a clause "
                             "that decides it, or remove it from `outcomes`", outcome.pos, "warning")


def _declared_outcomes(ctx: Context, out: Collector) -> None:
    if ctx.policy is not None:  # a policy that does not parse was reported by validation
        check_declared_outcomes(ctx.policy, out)


CHECKS = (Check("unused-outcomes", {"PF715": "warning"}, "declared outcomes no decision clause gives", PARSED,
                _declared_outcomes),)
