"""What every lint check shares: the `Check` record, the two scopes, and the context it reads.

Kept apart from registry.py so that a check module can declare its `Check` next to
its code without importing the registry that imports it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, NamedTuple

from ...errors import Collector, Problem
from ...pipeline.model import FactDef, Policy, Rule, RuleSet

PARSED = "parsed"  # runs on what parses, even while the rule set has validation errors
VALID = "valid"  # reads the whole dependency graph: needs a rule set that validates
VALID_RULES = "valid rules"  # what it finds only grows with more rules: runs on the rules that validate

SCOPES = {
    PARSED: "runs on every rule and file that parses, even while the rule set has errors",
    VALID: "needs a rule set without errors (a missing rule would make it guess)",
    VALID_RULES: "runs on the rules that validate, even while others have errors (what it finds there "
                 "stays true when they are fixed)",
}


@dataclass
class Context:
    """Everything a check may read. `ruleset` is None when validation failed; then
    `rules`, `facts` and `policy` are the parts that parsed."""

    directory: Path
    docs: dict[str, Any]  # file label -> loaded document, for every *.yaml file that loads
    found: list[Problem]  # what validation reported
    ruleset: RuleSet | None
    rules: list[Rule]
    facts: dict[str, FactDef]
    policy: Policy | None
    cache: dict[str, Any] = field(default_factory=dict)
    subset: RuleSet | None = None  # when validation failed: the rules that validate, as a rule set

    @property
    def valid(self) -> bool:
        return self.ruleset is not None


class Check(NamedTuple):
    """One lint check: what it is called, which codes it reports and how severe each is,
    one line saying what it finds, which scope it needs, and the function that runs it.
    The codes' own summaries live in errors.CODES, with every other code."""

    name: str
    codes: dict[str, str]  # code -> "error" | "warning"
    summary: str
    scope: str  # PARSED or VALID
    function: Callable[[Context, Collector], None]

    def runs_on(self, ctx: Context) -> bool:
        return self.scope == PARSED or ctx.valid or (self.scope == VALID_RULES and ctx.subset is not None)


class Unavailable(Exception):
    """A prerequisite shared by several checks failed; the first check that needed it
    already reported PF799, so the others stay silent instead of repeating it."""


_FAILED = object()


def shared(ctx: Context, key: str, make: Callable[[], Any]) -> Any:
    """`make()` once per lint run, for work several checks read (the rule analysis):
    computed by the first check that needs it, and a failure is reported only once."""
    value = ctx.cache.get(key)
    if value is _FAILED:
        raise Unavailable(key)
    if key not in ctx.cache:
        ctx.cache[key] = _FAILED
        value = ctx.cache[key] = make()
    return value
