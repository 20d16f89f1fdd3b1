"""Lint the schema against what rules do: facts that nothing reads or nothing derives.

Reads the rule/fact dependency graph as a whole, so it runs only on a rule set that
validates: with a rule missing (because it has an error) a fact would look unread
when it is not.
"""
from __future__ import annotations

from ...errors import Collector, closest
from ...explain.labels import unlabelled
from .check import PARSED, VALID, Check, Context
from .rules import Analysis, analysis
from ...pipeline.bundled import SCHEMA_FILE
from ...pipeline.load import Map
from ...pipeline.model import Rule, valued_facts
from ...pipeline.validate_schema import INPUT_KEYS
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
    written = _written_labels(ctx)
    for fact in ctx.facts.values():
        said = written.get(fact.name, set())
        missing = [v for v in unlabelled(fact) if v not in said] if said is not None else []
        if missing:
            out.add("PF408", f"fact {quote(fact.name)}: {', '.join(missing)} ha{'s' if len(missing) == 1 else 've'} no "
                    "label; HR staff would read the identifier's words (add them under `labels:`)",
                    fact.pos, "warning")


KEYS = INPUT_KEYS[0] + INPUT_KEYS[1]


def _written_labels(ctx: Context) -> dict:
    """{input fact: the values schema.yaml writes a label for, taken or refused}, None for a
    fact whose `labels` are there but refused whole (no mapping, or the key misspelt
    `labls:`). A label validation refused has its own error, which is the one message: the
    value is not also said to have no label, nor the author told to write what they wrote."""
    doc = ctx.docs.get(str(ctx.directory / SCHEMA_FILE))
    facts = doc.get("facts") if isinstance(doc, Map) else None
    written: dict = {}
    for name, body in facts.items() if isinstance(facts, Map) else ():
        if not isinstance(body, Map):
            continue
        near = [k for k in body if k not in KEYS and isinstance(k, str) and closest(k, KEYS) == "labels"]
        labels = body.get("labels")
        written[name] = None if near or "labels" in body and not isinstance(labels, Map) else \
            set(labels or ())
    return written


CHECKS = (Check("unused-facts", {"PF706": "warning", "PF707": "warning", "PF708": "warning"},
                "facts no rule reads or derives", VALID, _unused_facts),
          Check("unlabelled-values", {"PF408": "warning"}, "enum and set values HR staff read without a label",
                PARSED, _unlabelled_values))
