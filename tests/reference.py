"""A plain-Python reference evaluator for pathfit rule sets, for differential tests.

Why it exists: the engine compiles three-valued conditions into durable-rules
joins (negation normal form, DNF, refutation rules, closure rules). That
machinery is intricate and can be wrong in ways no single example shows. This
module states the intended meaning directly -- Kleene three-valued logic
evaluated to a least fixpoint -- so that tests can compare the two on many
rule sets and profiles.

It is deliberately written without reading engine/pipeline/run.py, engine/pipeline/compile.py or
engine/explain/why_not.py: it imports only the model dataclasses, the rule-set reader
(so both sides see the same RuleSet), `decide` (the policy arithmetic is not
what is under test here) and the `Firing` record that `decide` consumes.

Semantics:
- Input facts are a dict of known values; a missing fact (or None) is UNKNOWN.
  A comparison on an unknown input is UNKNOWN; `is: known` / `is: unknown`
  is always TRUE or FALSE.
- A derived fact is TRUE once any rule deriving it has a TRUE condition,
  FALSE once every rule deriving it has a FALSE condition (so a derived fact
  no rule derives is FALSE), otherwise UNKNOWN. `equals: true/false` compares
  with that value; `is: known` is TRUE iff the fact is TRUE or FALSE, else
  UNKNOWN (never FALSE: the fact may still be settled).
- all / any / not are Kleene AND / OR / NOT. A rule fires iff its condition is
  TRUE. Iterate to a fixpoint; each rule fires at most once.
"""
from __future__ import annotations

from dataclasses import dataclass

from pathfit.engine.pipeline.decide import Verdict, decide
from pathfit.engine.pipeline.model import All, Any, Cmp, Cond, Not, Rule, RuleSet
from pathfit.engine.pipeline.run import Firing

TRUE: bool | None = True
FALSE: bool | None = False
UNKNOWN: bool | None = None


@dataclass(frozen=True)
class RefResult:
    """What the reference concludes for one profile."""

    fired: frozenset  # rule ids whose condition is TRUE
    holds: frozenset  # derived facts TRUE
    fails: frozenset  # derived facts FALSE (all of them, read or not)
    firings: tuple  # engine.run.Firing records in rule-id order
    verdict: Verdict


def canonical_facts(rs: RuleSet, profile: dict) -> dict:
    """Known input facts only: None and absent both mean unknown; sets become
    sorted tuples. Kept independent of engine.profile on purpose."""
    known: dict = {}
    for name, value in profile.items():
        if value is None:
            continue
        fact = rs.facts[name]
        if fact.type == "set":
            value = tuple(sorted(set(value)))
        known[name] = value
    return known


def evaluate(rs: RuleSet, profile: dict) -> RefResult:
    """Evaluate one profile to the least fixpoint and decide the outcome."""
    facts = canonical_facts(rs, profile)
    derivers: dict[str, list[Rule]] = {name: [] for name, f in rs.facts.items() if f.kind == "derived"}
    for rule in rs.rules:
        for name in rule.then.derive:
            derivers[name].append(rule)
    derived: dict[str, bool | None] = {name: (FALSE if not rules else UNKNOWN) for name, rules in derivers.items()}
    fired: set[str] = set()

    changed = True
    while changed:
        changed = False
        for rule in rs.rules:
            if rule.id in fired:
                continue
            if _eval(rule.when, rs, facts, derived) is TRUE:
                fired.add(rule.id)
                changed = True
                for name in rule.then.derive:
                    if derived[name] is not TRUE:
                        derived[name] = TRUE
        for name, rules in derivers.items():
            if derived[name] is UNKNOWN and all(_eval(r.when, rs, facts, derived) is FALSE for r in rules):
                derived[name] = FALSE
                changed = True

    firings = tuple(
        Firing(i + 1, r.id, (), r.then.derive, r.then.evidence, r.then.suggest, r.then.refer, r.then.not_now)
        for i, r in enumerate(r for r in rs.rules if r.id in fired)
    )
    return RefResult(
        fired=frozenset(fired),
        holds=frozenset(n for n, v in derived.items() if v is TRUE),
        fails=frozenset(n for n, v in derived.items() if v is FALSE),
        firings=firings,
        verdict=decide(rs.policy, list(firings)),
    )


def _eval(cond: Cond, rs: RuleSet, facts: dict, derived: dict) -> bool | None:
    if isinstance(cond, Cmp):
        return _cmp(cond, rs, facts, derived)
    if isinstance(cond, Not):
        v = _eval(cond.item, rs, facts, derived)
        return UNKNOWN if v is UNKNOWN else (not v)
    values = [_eval(item, rs, facts, derived) for item in cond.items]
    if isinstance(cond, All):
        if any(v is FALSE for v in values):
            return FALSE
        return TRUE if all(v is TRUE for v in values) else UNKNOWN
    assert isinstance(cond, Any)
    if any(v is TRUE for v in values):
        return TRUE
    return FALSE if all(v is FALSE for v in values) else UNKNOWN


def _cmp(c: Cmp, rs: RuleSet, facts: dict, derived: dict) -> bool | None:
    if rs.facts[c.fact].kind == "derived":
        value = derived[c.fact]
        if c.op == "is":  # only `is: known` is valid on a derived fact
            return TRUE if value is not UNKNOWN else UNKNOWN
        assert c.op == "equals", c
        return UNKNOWN if value is UNKNOWN else value == c.value
    if c.op == "is":
        return (c.fact in facts) == (c.value == "known")
    if c.fact not in facts:
        return UNKNOWN
    v = facts[c.fact]
    if c.op == "equals":
        return v == c.value
    if c.op == "one_of":
        return v in c.value
    if c.op == "not_one_of":
        return v not in c.value
    if c.op == "lt":
        return v < c.value
    if c.op == "lte":
        return v <= c.value
    if c.op == "gt":
        return v > c.value
    if c.op == "gte":
        return v >= c.value
    if c.op == "contains":
        return c.value in v
    raise ValueError(f"unknown operator {c.op!r}")


def failure_read(rs: RuleSet) -> frozenset:
    """Derived facts whose failure some rule needs, directly or to refute a
    deriver of such a fact.

    Why: an engine need only establish a derived fact's failure when something
    depends on it; the reference computes every FALSE. Differential tests
    compare failures on this set, and holds everywhere. A derived fact is read
    for failure when it is tested `equals: false` under an even number of
    `not`s, `equals: true` under an odd number, or `is: known`; and then, to
    refute each of its derivers, every derived fact that deriver reads
    positively is read for failure too (closed transitively).
    This is syntactic: it also counts reads inside alternatives that can never
    be TRUE (e.g. under `not (x or not x)`), so it over-approximates what an
    engine must settle.
    """
    def reads(cond: Cond, negated: bool, out: list) -> None:
        if isinstance(cond, Cmp):
            if rs.facts[cond.fact].kind == "derived":
                needs_false = True if cond.op == "is" else ((cond.value is False) != negated)
                out.append((cond.fact, needs_false))
        elif isinstance(cond, Not):
            reads(cond.item, not negated, out)
        else:
            for item in cond.items:
                reads(item, negated, out)

    derivers: dict[str, list[Rule]] = {}
    for rule in rs.rules:
        for name in rule.then.derive:
            derivers.setdefault(name, []).append(rule)
    need: set[str] = set()
    for rule in rs.rules:
        found: list = []
        reads(rule.when, False, found)
        need.update(name for name, neg in found if neg)
    todo = list(need)
    while todo:
        fact = todo.pop()
        for rule in derivers.get(fact, []):
            found = []
            reads(rule.when, True, found)  # what refuting this rule reads
            for name, neg in found:
                if neg and name not in need:
                    need.add(name)
                    todo.append(name)
    return frozenset(need)
