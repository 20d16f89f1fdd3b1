"""Lint the schema against what rules do: facts that nothing reads or nothing derives.

Reads the rule/fact dependency graph as a whole, so it runs only on a rule set that
validates: with a rule missing (because it has an error) a fact would look unread
when it is not.
"""
from __future__ import annotations

from ...errors import Collector
from ...explain.labels import unlabelled
from .check import PARSED, VALID, Check, Context
from .rules import Analysis, analysis
from ...pipeline.model import Rule, valued_facts
from ...quote import quote


def check_facts(rules: list[Rule], facts: dict, analysis: Analysis, out: Collector) -> None:
    """Derived facts nothing reads (PF706) or nothing derives (PF707); inputs nothing reads (PF708)."""
    readers = {name: [rules[i].id for i in ids] for name, ids in analysis.readers.items()}
    valued = valued_facts(facts)
    read_valued = {name.split("=", 1)[0] for name in readers if "=" in name}
    for name, fact in facts.items():
        if "=" in name:  # one value of a valued derived fact: read if any of its values is
            _valued(name, valued, read_valued, [rules[i].id for i in analysis.derivers.get(name, [])], fact, out)
            continue
        if fact.kind == "input":
            if name not in readers:
                out.add("PF708", f"input fact {quote(name)} is read by no rule: it never changes a decision, and the "
                                 "interview never asks it", fact.pos, "warning")
            continue
        derivers = [rules[i].id for i in analysis.derivers.get(name, [])]
        if not derivers:
            # the rules that read it, not "can never fire": one may read it negated and fire
            seeing = sorted(set(readers.get(name, ())))
            tail = (f"; read by {', '.join(seeing)}, which {'sees' if len(seeing) == 1 else 'see'} it false"
                    if seeing else "")
            out.add("PF707", f"derived fact {quote(name)} is derived by no rule, so it is always false{tail}",
                    fact.pos, "warning")
        elif name not in readers:
            out.add("PF706", f"derived fact {quote(name)} is read by no rule: deriving it ({', '.join(derivers)}) "
                             "changes nothing", fact.pos, "warning")


def _valued(name: str, valued: dict, read: set, derivers: list, fact, out: Collector) -> None:
    parent, value = name.split("=", 1)
    if not derivers:
        out.add("PF707", f"derived fact {quote(parent)} is set to {value} by no rule, so {parent} is never {value}",
                fact.pos, "warning")
    elif parent not in read and value == min(valued[parent]):
        out.add("PF706", f"derived fact {quote(parent)} is read by no rule: setting it changes nothing", fact.pos, "warning")


def _unused_facts(ctx: Context, out: Collector) -> None:
    check_facts(ctx.rules, ctx.facts, analysis(ctx), out)


def _unlabelled_values(ctx: Context, out: Collector) -> None:
    """PF408: once a schema gives its values `labels`, every enum or set value HR staff
    read in the interview and the web form should have one; a value without falls back
    to its identifier's words, which may not say enough. A schema with no labels at all
    is left alone (its values are read as words throughout)."""
    if not any(getattr(f, "labels", ()) for f in ctx.facts.values()):
        return
    for fact in ctx.facts.values():
        missing = unlabelled(fact)
        if missing:
            out.add("PF408", f"fact {quote(fact.name)}: {', '.join(missing)} ha{'s' if len(missing) == 1 else 've'} no "
                    "label; HR staff would read the identifier's words (add them under `labels:`)",
                    fact.pos, "warning")


CHECKS = (Check("unused-facts", {"PF706": "warning", "PF707": "warning", "PF708": "warning"},
                "facts no rule reads or derives", VALID, _unused_facts),
          Check("unlabelled-values", {"PF408": "warning"}, "enum and set values HR staff read without a label",
                PARSED, _unlabelled_values))
