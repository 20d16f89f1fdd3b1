"""Lint the decision policy: entries no rule produces, and clauses that never decide.

Two checks with different needs. What no rule can produce reads every rule, so it
runs only on a rule set that validates; clause order reads the policy alone, so it
runs whenever the policy parses. Both report PF713 (a clause that never decides),
for different causes.
"""
from __future__ import annotations

from ...errors import Collector, Pos
from .check import PARSED, VALID, Check, Context
from .rules import Analysis, analysis
from ...pipeline.load import Map, Seq
from ...pipeline.model import Policy, Rule
from ...pipeline.policy import SCOPE
from ...pipeline.ruleset import POLICY_FILE
from ...pipeline.validate_policy import parse_policy
from ...quote import quote


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
                out.add("PF712", f"format {quote(name)} is suggested by no rule that can fire", formats.key_at(name), "warning")
    for key, produced, what in (("referrals", referred, "referral"), ("evidence_outcomes", supported, "evidence outcome")):
        items = doc.get(key)
        if isinstance(items, Seq):
            for i, name in enumerate(items):
                at = items.at(i)
                if isinstance(name, Map):  # a worded referral, {name, label}: reported at its name
                    name, at = name.get("name"), name.at("name") if "name" in name else at
                if isinstance(name, str) and name not in produced:
                    verb = "concludes" if key == "referrals" else "gives evidence for"
                    out.add("PF712", f"{what} {quote(name)}: no rule that can fire {verb} it", at, "warning")
    concluded = {"refer": bool(referred), "not_now": any(r.then.not_now for r in live)}
    for clause in policy.clauses:
        for test, arg in clause.tests:
            if test == "concluded" and arg in concluded and not concluded[arg]:
                out.add("PF713", f"decision clause {quote(clause.outcome)} never decides: no rule that can fire "
                                 f"concludes {arg}", clause.pos, "warning")


def check_clause_order(policy: Policy, out: Collector, unsure: frozenset = frozenset()) -> None:
    """Clauses after one that always holds, or having every test of an earlier clause, never
    decide (PF713). A clause always holds when it has no tests, or only `among`: `among` is
    the clause's scope, which outcomes its tests and confidence weigh, not a condition, so
    alone it holds for every case as `{}` does. A clause with every test of an earlier one
    under the same `among` (the same tests, or those and more) holds only where the earlier
    one holds, and the first clause that holds decides: a stricter clause written after a
    looser one is dead. Under another `among` the same test reads other scores, so nothing
    is claimed. A clause at a position in `unsure` has a test that did not validate: what it
    tests is not known, so it neither hides a later clause nor is hidden by an earlier one's
    tests (only a clause that always holds before it hides it for certain)."""
    seen: list[tuple[frozenset, Pos]] = []  # the earlier clauses' tests, in order
    always: tuple[Pos, str] | None = None  # the first clause that always holds, and why
    for clause in policy.clauses:
        tests = _meaning(clause.tests, policy.evidence_outcomes)
        broken = clause.pos in unsure
        hider = None if always is not None or broken else _hidden_by(tests, seen)
        if always is not None:
            out.add("PF713", f"decision clause {quote(clause.outcome)} never decides: the clause at line "
                             f"{always[0].line} {always[1]} and decides every case first", clause.pos, "warning")
        elif broken:
            continue
        elif hider is not None:
            earlier, pos = hider
            why = ("has the same tests and comes first" if earlier == tests else
                   f"has only tests this clause has too ({_names(earlier)}) and comes first, so it decides "
                   "every case this one would")
            out.add("PF713", f"decision clause {quote(clause.outcome)} never decides: the clause at line "
                             f"{pos.line} {why}", clause.pos, "warning")
        else:
            seen.append((tests, clause.pos))
        if always is None and not broken and all(test == SCOPE for test, _ in clause.tests):
            why = "has only `among`, a scope that always holds," if clause.tests else "has no tests"
            always = (clause.pos, why)


def _meaning(tests: tuple, evidence_outcomes: tuple) -> frozenset:
    """A clause's tests as what they mean, not as written: `among` names a set of outcomes,
    so its order is no part of it, and an `among` naming every evidence outcome weighs what
    a clause without one weighs (only where every evidence outcome validated: otherwise
    "every" is not known); `below: {O: N, ...}` is one test per entry, each outcome's own
    score below its N, so its order is no part of it either, and a clause with an earlier
    clause's entries and more has that clause's tests and more."""
    every = None if getattr(evidence_outcomes, "unsure", ()) else frozenset(evidence_outcomes)
    found = set()
    for test, arg in tests:
        if test == SCOPE and arg is not None:
            if frozenset(arg) != every:
                found.add((SCOPE, frozenset(arg)))
        elif test == "below" and arg is not None:
            found.update(("below", entry) for entry in arg)
        else:
            found.add((test, arg))
    return frozenset(found)


def _hidden_by(tests: frozenset, seen: list) -> tuple[frozenset, Pos] | None:
    """The first earlier clause whose tests are all among `tests`, under the same `among`."""
    scope = dict(tests).get(SCOPE)
    return next(((t, pos) for t, pos in seen if t <= tests and dict(t).get(SCOPE) == scope), None)


def _names(tests: frozenset) -> str:
    """The names of a clause's tests, `among` aside, in alphabetical order."""
    return ", ".join(f"`{name}`" for name in sorted({test for test, _ in tests if test != SCOPE}))


def _unproduced_policy(ctx: Context, out: Collector) -> None:
    doc = ctx.docs.get(str(ctx.directory / POLICY_FILE))
    check_policy(ctx.rules, analysis(ctx), ctx.policy, doc, out)


def _clause_order(ctx: Context, out: Collector) -> None:
    if ctx.policy is None:  # a policy that does not parse was reported by validation
        return
    unsure: set = set()
    if not ctx.valid:  # the clauses whose tests did not validate, read again as validation read them
        parse_policy(ctx.docs.get(str(ctx.directory / POLICY_FILE)), Collector(), unsure)
    check_clause_order(ctx.policy, out, frozenset(unsure))


UNPRODUCED = Check("unproduced-policy", {"PF712": "warning", "PF713": "warning"},
                   "policy entries no rule produces", VALID, _unproduced_policy)
CLAUSE_ORDER = Check("clause-order", {"PF713": "warning"},
                     "decision clauses hidden by an earlier clause", PARSED, _clause_order)
CHECKS = (UNPRODUCED, CLAUSE_ORDER)
