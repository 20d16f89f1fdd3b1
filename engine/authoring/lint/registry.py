"""Every lint check, in the order lint runs them, as yamllint keeps its rules.

Each check module declares its `Check` records next to the code that implements
them; this module only collects them. `pathfit lint --list-checks`, the report's
`skipped` list and the documentation's code table all read CHECKS, so what lint
says it checks is what it runs. The one-line meaning of each code stays in
errors.CODES, with every other code: errors.py is imported by everything and must
not import lint.
"""
from __future__ import annotations

from . import (capacity, citations, clause_tests, facts, outcomes, policy, rules, subsumption, tables, unread_files,
               values, yaml_surprises)
from .check import PARSED, SCOPES, VALID, VALID_RULES, Check, Context
from ...errors import CODES

CHECKS: tuple[Check, ...] = (
    *rules.CHECKS,  # never-fires, dead-derivations, duplicates
    *subsumption.CHECKS,  # subsumed
    *facts.CHECKS,
    *citations.CHECKS,
    *policy.CHECKS,  # unproduced-policy, clause-order
    *clause_tests.CHECKS,
    *outcomes.CHECKS,  # unused-outcomes
    *tables.CHECKS,  # table-overlap, table-gaps
    *values.CHECKS,  # value-conflicts
    *capacity.CHECKS,
    *yaml_surprises.CHECKS,
    *unread_files.CHECKS,
)

__all__ = ["CHECKS", "PARSED", "SCOPES", "VALID", "VALID_RULES", "Check", "Context", "code_span", "describe", "explain", "skipped"]


def code_span(codes) -> str:
    """`PF706-PF708` for three or more consecutive codes, else the codes comma-separated."""
    codes = sorted(codes)
    numbers = [int(c[2:]) for c in codes]
    if len(codes) > 2 and numbers == list(range(numbers[0], numbers[0] + len(codes))):
        return f"{codes[0]}-{codes[-1]}"
    return ", ".join(codes)


def skipped(ctx: Context, checks: tuple[Check, ...] = CHECKS) -> tuple[str, ...]:
    """What the report lists as not checked: each check this rule set does not meet the needs of."""
    return tuple(f"{c.summary} ({code_span(c.codes)})" for c in checks if not c.runs_on(ctx))


def describe(checks: tuple[Check, ...] = CHECKS) -> list[str]:
    """The registry as text, for `pathfit lint --list-checks`: each check, its scope and codes."""
    lines = []
    for check in checks:
        lines.append(f"{check.name}: {check.summary}")
        lines.append(f"  {SCOPES[check.scope]}")
        for code in sorted(check.codes):
            lines.append(f"  {code}  {check.codes[code]:<7}  {CODES[code]}")
    return lines


def explain(code: str, checks: tuple[Check, ...] = CHECKS) -> list[str]:
    """One code, for `pathfit lint --explain`: its meaning and the checks that report it
    (with severity and scope). Codes from other stages give their meaning alone; an
    unknown code gives nothing."""
    if code not in CODES:
        return []
    lines = [f"{code}: {CODES[code]}"]
    for check in checks:
        if code in check.codes:
            lines.append(f"  {check.codes[code]}, reported by {check.name} ({check.summary}); {SCOPES[check.scope]}")
    if code == "PF799":
        lines.append("  error, reported by lint itself when a check raises: the other checks still run")
    return lines
