"""Lint across the whole rule set: facts, knowledge base and policy against what rules do.

These checks read the rule/fact dependency graph as a whole, so they are only
run on a rule set that validates: with a rule missing (because it has an
error) a fact would look unread or a section uncited when it is not.
"""
from __future__ import annotations

from ...errors import Collector, Pos
from .rules import Analysis
from ...pipeline.load import Map, Seq
from ...pipeline.model import Policy, Rule


def check_facts(rules: list[Rule], facts: dict, analysis: Analysis, out: Collector) -> None:
    """Derived facts nothing reads (PF706) or nothing derives (PF707); inputs nothing reads (PF708)."""
    readers = {name: [rules[i].id for i in ids] for name, ids in analysis.readers.items()}
    for name, fact in facts.items():
        if fact.kind == "input":
            if name not in readers:
                out.add("PF708", f"input fact {name!r} is read by no rule: it never changes a decision, and the "
                                 "interview never asks it", fact.pos, "warning")
            continue
        derivers = [rules[i].id for i in analysis.derivers.get(name, [])]
        if not derivers:
            tail = (f"; rules that need it to hold can never fire ({', '.join(sorted(set(readers[name])))})"
                    if name in readers else "")
            out.add("PF707", f"derived fact {name!r} is derived by no rule, so it is always false{tail}",
                    fact.pos, "warning")
        elif name not in readers:
            out.add("PF706", f"derived fact {name!r} is read by no rule: deriving it ({', '.join(derivers)}) "
                             "changes nothing", fact.pos, "warning")


def check_citations(rules: list[Rule], sections: dict, out: Collector) -> None:
    """Knowledge-base sections no rule cites (PF710); dangling citations are PF207 already."""
    cited = {c for rule in rules for c in rule.cites}
    for anchor, (title, pos) in sections.items():
        if anchor not in cited:
            out.add("PF710", f"knowledge-base section {anchor!r} ({title}) is cited by no rule", pos, "warning")


def check_policy(rules: list[Rule], analysis: Analysis, policy: Policy, doc, out: Collector) -> None:
    """Formats, referrals and evidence outcomes that no rule able to fire can produce (PF712),
    and `concluded` clauses that therefore never decide (PF713)."""
    if not isinstance(doc, Map):
        return
    live = [r for r, ok in zip(rules, analysis.live) if ok]
    suggested = {f for r in live for f in r.then.suggest}
    referred = {r.then.refer for r in live if r.then.refer}
    supported = {o for r in live for o, _ in r.then.evidence}
    formats = doc.get("formats")
    if isinstance(formats, Map):
        for name in formats:
            if name in dict(policy.formats) and name not in suggested:
                out.add("PF712", f"format {name!r} is suggested by no rule that can fire", formats.key_at(name), "warning")
    for key, produced, what in (("referrals", referred, "referral"), ("evidence_outcomes", supported, "evidence outcome")):
        items = doc.get(key)
        if isinstance(items, Seq):
            for i, name in enumerate(items):
                if isinstance(name, str) and name not in produced:
                    verb = "concludes" if key == "referrals" else "gives evidence for"
                    out.add("PF712", f"{what} {name!r}: no rule that can fire {verb} it", items.at(i), "warning")
    concluded = {"refer": bool(referred), "not_now": any(r.then.not_now for r in live)}
    for clause in policy.clauses:
        for test, arg in clause.tests:
            if test == "concluded" and arg in concluded and not concluded[arg]:
                out.add("PF713", f"decision clause {clause.outcome!r} never decides: no rule that can fire "
                                 f"concludes {arg}", clause.pos, "warning")


def check_clause_order(policy: Policy, out: Collector) -> None:
    """Clauses after an unconditional one, or repeating an earlier clause's tests, never decide (PF713)."""
    seen: dict[frozenset, Pos] = {}
    unconditional: Pos | None = None
    for clause in policy.clauses:
        tests = frozenset(clause.tests)
        if unconditional is not None:
            out.add("PF713", f"decision clause {clause.outcome!r} never decides: the clause at line "
                             f"{unconditional.line} has no tests and decides every case first", clause.pos, "warning")
        elif tests in seen:
            out.add("PF713", f"decision clause {clause.outcome!r} never decides: the clause at line "
                             f"{seen[tests].line} has the same tests and comes first", clause.pos, "warning")
        else:
            seen[tests] = clause.pos
        if not tests and unconditional is None:
            unconditional = clause.pos
