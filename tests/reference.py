"""A plain-Python reference evaluator for pathfit rule sets, for differential tests.

Why it exists: the engine compiles three-valued conditions into durable-rules
joins (negation normal form, DNF, refutation rules, closure rules). That
machinery is intricate and can be wrong in ways no single example shows. This
module states the intended meaning directly -- Kleene three-valued logic
evaluated to a least fixpoint -- so that tests can compare the two on many
rule sets and profiles.

It is deliberately written without reading engine/pipeline/run.py, engine/pipeline/compile.py,
engine/pipeline/decide.py, engine/pipeline/tables.py or engine/explain/why_not.py: it imports only
the model dataclasses and the rule-set reader (so both sides see the same RuleSet); decision
tables it reads from the YAML itself and evaluates row by row (load_tables, _table_units). The
policy arithmetic (`ref_decide`) is restated here from docs/decision.md, with
exact fractions, so a test can compare it with the engine's.

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
from fractions import Fraction
from pathlib import Path
from typing import Callable, NamedTuple

import yaml

from pathfit.engine.pipeline.model import All, Any, Cmp, Cond, Effects, Not, Policy, Rule, RuleSet

TRUE: bool | None = True
FALSE: bool | None = False
UNKNOWN: bool | None = None


@dataclass(frozen=True)
class RefResult:
    """What the reference concludes for one profile."""

    fired: frozenset  # rule ids whose condition is TRUE
    holds: frozenset  # derived facts TRUE
    fails: frozenset  # derived facts FALSE (all of them, read or not)
    verdict: "RefVerdict"
    conflicts: frozenset = frozenset()  # valued derived facts set to two values (the engine must refuse: PF231)


@dataclass(frozen=True)
class RefVerdict:
    """The decision, exactly: confidence = baseline + sum(contributions)."""

    outcome: str
    referral: str | None
    confidence: Fraction
    baseline: Fraction
    contributions: dict  # rule id -> Fraction
    scores: dict  # outcome -> Fraction
    formats: tuple


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


def evaluate(rs: RuleSet, profile: dict, tables: list | None = None) -> RefResult:
    """Evaluate one profile to the least fixpoint and decide the outcome.

    `tables` are the rule set's decision tables as the YAML reads (load_tables):
    their rows are evaluated here from the cells (see _row_value), and the rules
    the rule set holds for them are left aside, so the compiled form is never used."""
    facts = canonical_facts(rs, profile)
    units = _table_units(rs, facts, tables or [])
    row_ids = {u.id for u in units}
    units = [_Unit(r.id, r.then, (lambda derived, r=r: _eval(r.when, rs, facts, derived)))
             for r in rs.rules if r.id not in row_ids] + units
    derivers: dict[str, list] = {name: [] for name, f in rs.facts.items() if f.kind == "derived"}
    for unit in units:
        for name in unit.then.derive:
            derivers[name].append(unit)
    derived: dict[str, bool | None] = {name: (FALSE if not rules else UNKNOWN) for name, rules in derivers.items()}
    fired: set[str] = set()
    # A unit's condition reads the input facts, fixed, and some derived facts; so it is evaluated
    # again only after a derived fact it read got a value (`got`: when, counted in `changes`), and
    # never once TRUE or FALSE: derived facts only go from UNKNOWN to a value, and Kleene AND / OR /
    # NOT never take a value back when an UNKNOWN operand gets one.
    got: dict[str, int] = {}
    seen: dict[str, tuple] = {}  # unit id -> (its value, `changes` when evaluated, the derived facts read)
    changes = 0

    def holds(unit: _Unit) -> bool | None:
        value, at, read = seen.get(unit.id, (UNKNOWN, -1, ()))
        if value is UNKNOWN and (at < 0 or any(got[name] > at for name in read if name in got)):
            reading = _Reading(derived)
            value = unit.holds(reading)
            seen[unit.id] = (value, changes, reading.names)
        return value

    changed = True
    while changed:
        changed = False
        for unit in units:
            if unit.id in fired:
                continue
            if holds(unit) is TRUE:
                fired.add(unit.id)
                changed = True
                for name in unit.then.derive:
                    if derived[name] is not TRUE:
                        derived[name] = TRUE
                        changes += 1
                        got[name] = changes
        for name, rules in derivers.items():
            if derived[name] is UNKNOWN and all(holds(u) is FALSE for u in rules):
                derived[name] = FALSE
                changes += 1
                got[name] = changes
                changed = True

    return RefResult(
        fired=frozenset(fired),
        holds=frozenset(n for n, v in derived.items() if v is TRUE),
        fails=frozenset(n for n, v in derived.items() if v is FALSE),
        verdict=_decided(rs.policy, [u for u in units if u.id in fired]),
        conflicts=_conflicts(derived),
    )


# ref_decide reads of the rules fired only their ids and effects, and of nothing else but the
# policy: every profile of a rule set firing the same rules has the same verdict. Brute-force
# tests decide hundreds of profiles per rule set with few distinct sets of rules fired, so each
# is decided once: keyed by the rules' ids and effects as values (effects are tuples of plain
# values, and a table row's are made again for every person), for the last policy only (a rule
# set's profiles come together; the policy is kept here, so that its id is never another
# object's), and by the ref_decide in use (a test may put another in its place for a while).
_DECIDED: dict = {}  # ((rule id, effects), ...) -> the verdict
_DECIDED_FOR: list = [None, None]  # the policy and the ref_decide _DECIDED holds verdicts of


def _decided(policy: Policy, fired: list) -> RefVerdict:
    """ref_decide(policy, fired), each distinct set of fired rules (the same ids and effects, in
    the same order) of one policy decided once; the verdict's dicts the caller's own, as ref_decide's."""
    decide = ref_decide  # the module's own, or what a test put in its place
    if _DECIDED_FOR[0] is not policy or _DECIDED_FOR[1] is not decide:
        _DECIDED.clear()
        _DECIDED_FOR[:] = [policy, decide]
    key = tuple((u.id, u.then) for u in fired)
    if key not in _DECIDED:
        _DECIDED[key] = decide(policy, fired)
    v = _DECIDED[key]
    if not isinstance(v, RefVerdict):  # a stand-in's answer, as it gave it
        return v
    return RefVerdict(v.outcome, v.referral, v.confidence, v.baseline, dict(v.contributions), dict(v.scores),
                      v.formats)


def _conflicts(derived: dict) -> frozenset:
    """docs/rule-language.md: a valued derived fact `f` runs as one derived fact `f=v` per value,
    and its values exclude each other: two of them TRUE for one person is a conflict."""
    values: dict[str, int] = {}
    for name, value in derived.items():
        if "=" in name and value is TRUE:
            fact = name.split("=", 1)[0]
            values[fact] = values.get(fact, 0) + 1
    return frozenset(f for f, n in values.items() if n > 1)


class _Reading:
    """The derived facts as a unit's condition reads them, noting which it read."""

    def __init__(self, derived: dict):
        self.derived, self.names = derived, set()

    def __getitem__(self, name: str) -> bool | None:
        self.names.add(name)
        return self.derived[name]


class _Unit(NamedTuple):
    """A rule, or a decision-table row: what it concludes and whether it holds now."""

    id: str
    then: Effects
    holds: Callable


def load_tables(directory) -> list:
    """Every decision table in a rule-set directory, as plain YAML (no positions, no checks)."""
    found = []
    for path in sorted(Path(directory).glob("*.yaml")):
        if path.name not in ("schema.yaml", "policy.yaml"):
            found.extend((yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("tables", []))
    return found


def _table_units(rs: RuleSet, facts: dict, tables: list) -> list:
    """docs/rule-language.md's decision tables, restated: a row matches when every cell
    that is not `-` holds (Kleene AND); under `first` it fires when it matches and every
    earlier row does not match (is FALSE); otherwise when it matches."""
    units = []
    for table in tables:
        for n, row in enumerate(table["rows"], start=1):
            then = row["then"]
            effects = Effects(tuple(then.get("derive", ())), tuple(sorted(then.get("evidence", {}).items())),
                              tuple(then.get("suggest", ())), then.get("refer"), bool(then.get("not_now")))
            earlier = table["rows"][: n - 1] if table["hit"] == "first" else []

            def holds(derived, row=row, earlier=earlier, table=table):
                values = [_row_value(rs, facts, derived, table, row)]
                for other in earlier:  # and not (that row matches)
                    v = _row_value(rs, facts, derived, table, other)
                    values.append(UNKNOWN if v is UNKNOWN else not v)
                return _and(values)

            units.append(_Unit(f"{table['id']}.{row.get('id', n)}", effects, holds))
    return units


def _row_value(rs: RuleSet, facts: dict, derived: dict, table: dict, row: dict) -> bool | None:
    values = []
    for column, cell in zip(table["inputs"], row["when"]):
        if cell == "-":
            continue
        test = column.get("test", "equals")
        if test in ("one_of", "not_one_of") and not isinstance(cell, list):
            cell = [cell]
        if column["fact"] not in rs.facts:  # a valued derived fact: one per-value fact per value
            values.append(_valued_test(derived, column["fact"], test, cell))
            continue
        values.append(_cmp(Cmp(column["fact"], test, tuple(cell) if isinstance(cell, list) else cell),
                           rs, facts, derived))
    return _and(values)


def _valued_test(derived: dict, fact: str, test: str, cell) -> bool | None:
    """docs/rule-language.md, valued derived facts: `equals v` is the value fact `fact=v`;
    `one_of` is Kleene OR over the listed values; `not_one_of` is its negation."""
    listed = [derived[f"{fact}={v}"] for v in (cell if isinstance(cell, list) else [cell])]
    found = TRUE if any(v is TRUE for v in listed) else FALSE if all(v is FALSE for v in listed) else UNKNOWN
    if test != "not_one_of":
        return found
    return UNKNOWN if found is UNKNOWN else not found


def _and(values: list) -> bool | None:
    """Kleene AND (TRUE for no values: a row of `-` matches everything)."""
    if any(v is FALSE for v in values):
        return FALSE
    return TRUE if all(v is TRUE for v in values) else UNKNOWN


def _q(number) -> Fraction:
    """A weight or threshold as the decimal written in the YAML."""
    return Fraction(number) if isinstance(number, int) else Fraction(str(number))


def ref_holds(test: str, arg, scores: dict, referral: str | None, not_now: bool, lead: str | None = None) -> bool:
    """One clause test, restated from docs/decision.md: `scores` are the exact scores of the
    outcomes the clause weighs (its `among`), `referral` the referral concluded (or None),
    `not_now` whether a rule concluded not now, `lead` the outcome the clause tests with `leads`
    (`certainty_at_least` beside it is that outcome's own certainty; alone, the highest)."""
    if test == "certainty_at_least":
        return (scores[lead] if lead is not None else max(scores.values())) >= _q(arg)
    total = sum(scores.values(), Fraction(0))
    if test == "among":  # a scope, not a condition
        return True
    if test == "concluded":
        return referral is not None if arg == "refer" else not_now
    if test == "total_below":
        return total < _q(arg)
    if test == "strongest_below":  # no outcome's own evidence reaches N
        return max(scores.values()) < _q(arg)
    if test == "below":  # each named outcome's own evidence below its N
        return all(scores[o] < _q(n) for o, n in arg)
    if test == "each_at_least":
        return min(scores.values()) >= _q(arg)
    if test == "ratio_at_most":
        return min(scores.values()) > 0 and max(scores.values()) / min(scores.values()) <= _q(arg)
    assert test == "leads", test
    return all(scores[arg] > scores[o] for o in scores if o != arg)


def ref_certainty(factors: list) -> Fraction:
    """Certainty factors combined (docs/rule-language.md, "Combining certainty factors"):
    positives together (x + y - xy), negatives together (x + y + xy), then the two once
    with (x + y) / (1 - min(|x|, |y|))."""
    positive = negative = Fraction(0)
    for f in factors:
        if f > 0:
            positive = positive + f - positive * f
        else:
            negative = negative + f + negative * f
    if not positive or not negative:
        return positive + negative
    return (positive + negative) / (1 - min(positive, -negative))


def ref_decide(policy: Policy, fired: list[Rule]) -> RefVerdict:
    """docs/decision.md, restated: the first clause whose tests hold decides;
    confidence per its method. Order of `fired` must not matter: it is only summed."""
    outcomes = policy.evidence_outcomes
    own = {r.id: {o: sum((_q(w) for oo, w in r.then.evidence if oo == o), Fraction(0)) for o in outcomes}
           for r in fired if r.then.evidence}
    scores = {o: sum((w[o] for w in own.values()), Fraction(0)) for o in outcomes}
    total = sum(scores.values(), Fraction(0))
    refs = {r.then.refer for r in fired if r.then.refer}
    referral = next((x for x in policy.referrals if x in refs), None)
    now_not = [r.id for r in fired if r.then.not_now]

    def weighed(clause) -> tuple:
        """`among` narrows what a clause weighs to the outcomes it names."""
        return tuple(o for o in outcomes if o in dict(clause.tests).get("among", outcomes))

    def holds_all(clause) -> bool:
        mine = {o: all_scores[o] for o in weighed(clause)}
        lead = dict(clause.tests).get("leads")
        return all(ref_holds(t, a, mine, referral, bool(now_not), lead) for t, a in clause.tests)

    if policy.combine == "certainty":  # each outcome's factors combined (docs/rule-language.md)
        scores = {o: ref_certainty([w[o] for w in own.values() if w[o]]) for o in outcomes}
    all_scores = scores
    clause = next(c for c in policy.clauses if holds_all(c))
    if policy.combine == "certainty":  # the outcome and the clause only: confidence is not restated here
        return RefVerdict(clause.outcome, referral if clause.outcome == "refer" else None, None, None, {},
                          all_scores, ())
    tests = dict(clause.tests)
    outcomes = weighed(clause)
    scores = {o: all_scores[o] for o in outcomes}
    total = sum(scores.values(), Fraction(0))
    # a rule weighs in when it gives evidence for an outcome the clause weighs
    weighing = {r.id for r in fired for o, _ in r.then.evidence if o in outcomes}
    own = {r: {o: w[o] for o in outcomes} for r, w in own.items() if r in weighing}
    if clause.confidence == "certain":  # the rules that met the clause's `concluded` test; evidence is none
        who = ([r.id for r in fired if r.then.refer == referral] if tests.get("concluded") == "refer" and referral
               else now_not if tests.get("concluded") == "not_now" else [])
        conf, base = Fraction(1), (Fraction(0) if who else Fraction(1))
        contrib = {r: Fraction(1, len(who)) for r in who}
    elif clause.confidence == "shortfall" and "strongest_below" in tests:
        # how far the strongest side is from N; only its evidence counts, and
        # when k outcomes tie for strongest, each counts 1/k
        n = _q(tests["strongest_below"])
        best = max(scores.values())
        tied = [o for o in outcomes if scores[o] == best]
        conf, base = (n - best) / n, Fraction(1)
        contrib = {r: -sum(w[o] for o in tied) / (len(tied) * n) for r, w in own.items()}
    elif clause.confidence == "shortfall":
        n = _q(tests["total_below"])
        conf, base = (n - total) / n, Fraction(1)
        contrib = {r: -sum(w.values()) / n for r, w in own.items()}
    elif total == 0:
        conf, base, contrib = Fraction(0), Fraction(0), {}
    elif clause.confidence == "share":
        lead = tests["leads"]
        conf, base = scores[lead] / total, Fraction(1, 2)
        contrib = {r: (w[lead] - sum(v for o, v in w.items() if o != lead)) / (2 * total) for r, w in own.items()}
    else:  # balance: the share of all evidence matched by evidence for the other outcome
        low, high = sorted(outcomes, key=lambda o: (scores[o], o))[0], sorted(outcomes, key=lambda o: (scores[o], o))[-1]
        conf, base = (2 * scores[low] / total if low != high else Fraction(1)), Fraction(0)
        contrib = {r: (w[low] + (w[high] * scores[low] / scores[high] if high != low else 0)) / total
                   for r, w in own.items()}
    suggested = {f for r in fired for f in r.then.suggest}
    formats = tuple(f for f, fits in policy.formats if f in suggested and clause.outcome in fits)
    return RefVerdict(clause.outcome, referral if clause.outcome == "refer" else None, conf, base,
                      contrib, all_scores, formats)


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
