"""Lint the decision policy's clause tests: a test, or two together, that no scores can meet.

Under `combine: sum` a score is a sum of weights above 0, so every score is at least 0 and
any scores at all can be reached by some rule set. A clause whose tests no scores at or above 0
meet can never decide, whatever the rules: `strongest_below: 0`, `ratio_at_most: 0.99`
(the largest score over the smallest is never below 1), `each_at_least: 4` beside
`strongest_below: 3`. This is claimed only where it is exactly so (policy.holds is the
meaning, and tests/test_clause_tests_never_hold.py holds the claims to it over generated
scores, both ways): the tests below are every way a clause's evidence tests can exclude
each other. `leads: O` needs O strictly above the others and nothing more, so beside any
tests that every outcome can meet at once it can still hold, O a little above the rest;
only `ratio_at_most: 1` (every score equal) leaves it no room. Under `combine: certainty`
the tests that add or divide scores are PF222 errors, and `leads` and `certainty_at_least`
(0 < X <= 1) can always hold together, so nothing is claimed there.
"""
from __future__ import annotations

from ...errors import Collector, Pos
from .check import PARSED, Check, Context
from ...pipeline.load import Map, Seq
from ...pipeline.model import Clause, Policy
from ...pipeline.policy import scope_of
from ...pipeline.rationals import ratio
from ...pipeline.ruleset import POLICY_FILE
from ...pipeline.validate_policy import parse_policy
from ...quote import quote
from ...reports.numbers import number_text

Where = tuple  # ("ratio_at_most",) or ("below", outcome): the test, or the entry of `below`, a finding is at


def _at_least(a, b) -> bool:
    """a >= b, exactly, on the numbers as written."""
    (n1, d1), (n2, d2) = ratio(a), ratio(b)
    return n1 * d2 >= n2 * d1


def never_holds(tests: tuple, outcomes: int) -> list[tuple[Where, Where | None, str]]:
    """(where, the other test it conflicts with or None, why) for each test of a clause under
    `combine: sum`, or pair of its tests, that no scores meet; `outcomes` is how many
    outcomes the clause weighs (1 or more). Why these and no others: with `each_at_least: M`
    the lowest every score can be is M, so a clause can be met unless a score's upper bound
    (`strongest_below`, its `below`) is not above M, or `total_below` is not above M times the
    number of outcomes, or a bound of 0 is below every score, or a ratio below 1 or, beside a
    lead, of exactly 1 is asked for."""
    found: list[tuple[Where, Where | None, str]] = []
    given = dict(tests)
    for test in ("total_below", "strongest_below"):
        if test in given and ratio(given[test])[0] == 0:
            found.append(((test,), None, f"`{test}: 0` can never hold: no score is below 0"))
    for outcome, limit in given.get("below", ()):
        if ratio(limit)[0] == 0:
            found.append((("below", outcome), None, f"`below: {{{outcome}: 0}}` can never hold: no score is below 0"))
    if "ratio_at_most" in given and outcomes > 1:  # over one outcome it is PF204 already
        r = given["ratio_at_most"]
        if not _at_least(r, 1):
            found.append((("ratio_at_most",), None, f"`ratio_at_most: {number_text(r)}` can never hold: the "
                                                    "largest score over the smallest is never below 1"))
        elif "leads" in given and _at_least(1, r):
            found.append((("ratio_at_most",), ("leads",), f"`ratio_at_most: 1` holds only when every score is the "
                                                          f"same, and then `leads: {given['leads']}` does not"))
    if "each_at_least" in given:
        least = given["each_at_least"]
        shown = f"`each_at_least: {number_text(least)}`"
        top = given.get("strongest_below")
        if top is not None and ratio(top)[0] and _at_least(least, top):
            found.append((("strongest_below",), ("each_at_least",), f"{shown} and `strongest_below: "
                          f"{number_text(top)}` can never both hold: no score is at least {number_text(least)} "
                          f"and below {number_text(top)}"))
        for outcome, limit in given.get("below", ()):
            if ratio(limit)[0] and _at_least(least, limit):
                found.append((("below", outcome), ("each_at_least",), f"{shown} and `below: {{{outcome}: "
                              f"{number_text(limit)}}}` can never both hold: {outcome}'s score is not at least "
                              f"{number_text(least)} and below {number_text(limit)}"))
        total = given.get("total_below")
        if total is not None and ratio(total)[0]:
            n, d = ratio(least)
            t_n, t_d = ratio(total)
            if outcomes * n * t_d >= t_n * d:
                found.append((("total_below",), ("each_at_least",), f"{shown} over {outcomes} outcome"
                              f"{'s' if outcomes > 1 else ''} makes a total of at least {outcomes} x "
                              f"{number_text(least)}, never below `total_below: {number_text(total)}`"))
    return found


def check_clause_tests(policy: Policy, doc, out: Collector, unsure: frozenset = frozenset()) -> None:
    """PF716 at each finding of never_holds, at the later written of its tests (naming the
    other's line when it is on another). A clause in `unsure` has a test that did not validate, and one that
    weighs evidence outcomes not all known (a misspelt `evidence_outcomes` entry) weighs
    an unknown number: neither is judged."""
    if policy.combine != "sum" or not isinstance(doc, Map) or not isinstance(doc.get("decision"), Seq):
        return
    bodies = {doc["decision"].at(i): body for i, body in enumerate(doc["decision"])}
    for clause in policy.clauses:
        body = bodies.get(clause.pos)
        if clause.pos in unsure or not isinstance(body, Map) or not isinstance(body.get("when"), Map):
            continue
        if scope_of(clause.tests) is None and getattr(policy.evidence_outcomes, "unsure", ()):
            continue
        among = scope_of(clause.tests)
        outcomes = len(among) if among is not None else len(policy.evidence_outcomes)
        if not outcomes:
            continue
        for where, other, why in never_holds(clause.tests, outcomes):
            _report(clause, body["when"], where, other, why, out)


def _report(clause: Clause, when: Map, where: Where, other: Where | None, why: str, out: Collector) -> None:
    pos = _position(when, where)
    if other is not None:
        other_pos = _position(when, other)
        if (other_pos.line, other_pos.col) > (pos.line, pos.col):
            pos, other_pos = other_pos, pos
        if other_pos.line != pos.line:
            why = f"{why} (line {other_pos.line})"
    out.add("PF716", f"decision clause {quote(clause.outcome)} never decides: {why}", pos, "warning")


def _position(when: Map, where: Where) -> Pos:
    """Where a test's value is written; for `below`, its entry's."""
    return when["below"].at(where[1]) if where[0] == "below" else when.at(where[0])


def _clause_tests(ctx: Context, out: Collector) -> None:
    if ctx.policy is None:  # a policy that does not parse was reported by validation
        return
    doc = ctx.docs.get(str(ctx.directory / POLICY_FILE))
    unsure: set = set()
    if not ctx.valid:  # the clauses whose tests did not validate, read again as validation read them
        parse_policy(doc, Collector(), unsure)
    check_clause_tests(ctx.policy, doc, out, frozenset(unsure))


CHECKS = (Check("clause-tests", {"PF716": "warning"}, "decision clause tests no scores can meet", PARSED,
                _clause_tests),)
