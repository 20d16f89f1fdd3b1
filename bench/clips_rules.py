"""The same rule base in CLIPS (through clipspy: the `bench` and `test` extras).

tests/test_clips_agreement.py holds this encoding to pathfit's decisions in CI.

What CLIPS is given, chosen to be its fastest honest encoding:
- one template fact per person, `(p (enum_0 v1) (num_0 7) (set_0__m2 TRUE) ...)`,
  one slot per input fact and per set member, asserted with one call;
- one `defrule` per pathfit rule; its condition in two-valued disjunctive normal
  form, one `(and ...)` branch of slot constraints per alternative (merged per
  slot: an enum's allowed values, a number's predicates joined by `&`), derived
  facts as `(d name)` / `(not (d name))`;
- actions that only assert derived facts, add evidence to one global per outcome
  the policy weighs and record the rule's index, each at most once per person (a
  global flag per rule: a rule with several matching alternatives is activated
  once per alternative); evidence as whole numbers of one unit (the least common
  denominator of the rule set's weights), so CLIPS's sums are exact;
- salience by stratum (a rule runs after every rule deriving a fact it reads),
  since CLIPS's `not` is not retracted when the fact appears later;
- per person: `(reset)`, one template assert, one `(run)`, the fired rules' list and
  each outcome's total read.

"Unknown is not false" has no CLIPS counterpart here, so CLIPS is compared only
on complete profiles (every input fact known), where pathfit's three-valued
logic and this closed-world encoding must agree; the bench checks that they do,
person by person (fired rules and evidence totals; the outcome is the policy
applied to CLIPS's fired rules). Only a policy that sums its evidence (`combine:
sum`) is expressed.
"""
from __future__ import annotations

import math
from fractions import Fraction

from pathfit.engine.pipeline.model import All, Any, Cmp, Not, RuleSet

MAX_TERMS = 256


class Unsupported(ValueError):
    """A condition this converter cannot express (the bench then skips CLIPS)."""


def _dnf(cond, neg: bool, rs: RuleSet) -> list[tuple]:
    """-> list of conjunctions of literals; a literal is (kind, key, test)."""
    if isinstance(cond, Not):
        return _dnf(cond.item, not neg, rs)
    if isinstance(cond, (All, Any)):
        parts = [_dnf(c, neg, rs) for c in cond.items]
        if isinstance(cond, All) != neg:  # conjunction
            out = [()]
            for p in parts:
                out = [a + b for a in out for b in p]
                if len(out) > MAX_TERMS:
                    raise Unsupported("condition too large")
            return out
        return [t for p in parts for t in p]
    return _literal(cond, neg, rs)


def _literal(c: Cmp, neg: bool, rs: RuleSet) -> list[tuple]:
    fact = rs.facts[c.fact]
    if fact.kind == "derived":
        if c.op == "is":  # complete profiles: every derived fact a rule reads is settled
            return [] if neg else [()]
        return [(("d", c.fact, bool(c.value) != neg),)]
    if c.op == "is":  # complete profiles: every input is known
        return [()] if (c.value == "known") != neg else []
    if fact.type == "set":
        return [(("slot", f"{c.fact}__{c.value}", ("in", frozenset({not neg}))),)]
    if fact.type in ("enum", "bool"):
        domain = frozenset(fact.values) if fact.type == "enum" else frozenset({True, False})
        if c.op == "equals":
            allowed = frozenset({c.value})
        elif c.op == "one_of":
            allowed = frozenset(c.value)
        elif c.op == "not_one_of":
            allowed = domain - frozenset(c.value)
        else:
            raise Unsupported(f"{c.op} on {fact.type}")
        return [(("slot", c.fact, ("in", domain - allowed if neg else allowed)),)]
    ops = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "equals": "="}
    flip = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "<>"}
    if c.op in ("one_of", "not_one_of"):
        inside = (c.op == "one_of") != neg
        tests = tuple(("pred", "=" if inside else "<>", v) for v in c.value)
        if inside:
            return [(("slot", c.fact, t),) for t in tests]
        return [tuple(("slot", c.fact, t) for t in tests)]
    op = flip[ops[c.op]] if neg else ops[c.op]
    return [(("slot", c.fact, ("pred", op, c.value)),)]


def _atom(value) -> str:
    if value is True:
        return "TRUE"
    if value is False:
        return "FALSE"
    if isinstance(value, str):
        return value
    return repr(value)


def _pattern(term: tuple) -> list[str] | None:
    """CLIPS patterns for one conjunction; None when it contradicts itself."""
    slots: dict = {}
    derived: dict = {}
    for kind, key, test in term:
        if kind == "d":
            if derived.setdefault(key, test) != test:
                return None
        else:
            slots.setdefault(key, []).append(test)
    parts = []
    for n, (slot, tests) in enumerate(sorted(slots.items())):
        allowed = None
        preds = []
        for t in tests:
            if t[0] == "in":
                allowed = t[1] if allowed is None else allowed & t[1]
            else:
                preds.append(t)
        if allowed is not None and not allowed:
            return None
        if allowed is not None and preds:
            raise Unsupported("set and predicate on one slot")
        if allowed is not None:
            parts.append(f"({slot} {'|'.join(sorted(map(_atom, allowed)))})")
        else:
            var = f"?x{n}"
            parts.append(f"({slot} {var}" + "".join(f"&:({op} {var} {_atom(v)})" for _, op, v in preds) + ")")
    patterns = [f"(p {' '.join(parts)})"]
    for name, holds in sorted(derived.items()):
        patterns.append(f"(d {name})" if holds else f"(not (d {name}))")
    return patterns


def strata(rs: RuleSet) -> list[int]:
    """stratum(rule) = 1 + the highest stratum of any rule deriving a fact it reads."""
    memo: dict[int, int] = {}

    def stratum(idx: int, seen: frozenset) -> int:
        if idx in memo:
            return memo[idx]
        if idx in seen:
            raise Unsupported("cyclic derivation")
        deriving = [j for c in _facts(rs.rules[idx].when) for j in rs.derivers.get(c, ())]
        memo[idx] = 1 + max((stratum(j, seen | {idx}) for j in deriving), default=-1)
        return memo[idx]

    return [stratum(i, frozenset()) for i in range(len(rs.rules))]


def _facts(cond) -> list[str]:
    if isinstance(cond, Cmp):
        return [cond.fact]
    if isinstance(cond, Not):
        return _facts(cond.item)
    return [f for c in cond.items for f in _facts(c)]


def constructs(rs: RuleSet) -> list[str]:
    """Every CLIPS construct for the rule set, in build order."""
    slots = []
    for f in rs.inputs:
        if f.type == "set":
            slots += [f"{f.name}__{m}" for m in f.values]
        else:
            slots.append(f.name)
    if rs.policy.combine != "sum":
        raise Unsupported(f"combine: {rs.policy.combine}")
    outcomes = rs.policy.evidence_outcomes
    unit = evidence_unit(rs)
    out = ["(deftemplate p " + " ".join(f"(slot {s})" for s in slots) + ")",
           "(defglobal ?*fired* = (create$))",
           "(defglobal " + " ".join(f"?*ev{i}* = 0" for i in range(len(outcomes))) + ")"]
    strata_of = strata(rs)
    for idx, rule in enumerate(rs.rules):
        branches = [p for p in (_pattern(t) for t in _dnf(rule.when, False, rs)) if p is not None]
        if not branches:
            continue  # can never fire on a complete profile
        flag = f"?*f{idx}*"
        out.append(f"(defglobal {flag} = FALSE)")
        rhs = [f"(bind {flag} TRUE)", f"(bind ?*fired* (create$ ?*fired* {idx}))"]
        rhs += [f"(assert (d {fact}))" for fact in rule.then.derive]
        for outcome, weight in rule.then.evidence:
            i = outcomes.index(outcome)
            rhs.append(f"(bind ?*ev{i}* (+ ?*ev{i}* {_units(weight, unit)}))")
        lhs = " ".join(branches[0]) if len(branches) == 1 else \
            "(or " + " ".join(f"(and {' '.join(b)})" for b in branches) + ")"
        out.append(f"(defrule r{idx} (declare (salience {-strata_of[idx]})) {lhs} => "
                   f"(if (not {flag}) then {' '.join(rhs)}))")
    return out


def _exact(weight) -> Fraction:
    """A weight as written in the rule file, exactly: 0.1 is one tenth, not the float's binary value."""
    return Fraction(str(weight))


def evidence_unit(rs: RuleSet) -> int:
    """The least common denominator of every evidence weight in `rs`: CLIPS adds whole
    numbers of 1/unit, which no float rounding can change."""
    return math.lcm(1, *(_exact(w).denominator for rule in rs.rules for _, w in rule.then.evidence))


def _units(weight, unit: int) -> int:
    exact = _exact(weight) * unit
    assert exact.denominator == 1
    return exact.numerator


def person_slots(rs: RuleSet, facts: dict) -> dict:
    """The person's one template fact as slot values (complete profiles only).
    Measured with clipspy 1.0.6: a template's `assert_fact` with Python values
    takes about 0.13 ms for this fact; the same fact through `assert_string`
    (CLIPS's parser) about 1.1 ms, so the former is used."""
    import clips

    true, false = clips.Symbol("TRUE"), clips.Symbol("FALSE")
    out = {}
    for f in rs.inputs:
        value = facts[f.name]
        if f.type == "set":
            out.update({f"{f.name}__{m}": true if m in value else false for m in f.values})
        elif isinstance(value, bool):
            out[f.name] = true if value else false
        elif isinstance(value, str):
            out[f.name] = clips.Symbol(value)
        else:
            out[f.name] = value
    return out


class ClipsRunner:
    """One CLIPS environment holding the rule set; `run` evaluates one person."""

    def __init__(self, rs: RuleSet):
        import clips

        self.rs = rs
        self.env = clips.Environment()
        for construct in constructs(rs):
            self.env.build(construct)
        self.person = self.env.find_template("p")
        self.fired = self.env.find_global("fired")
        self.unit = evidence_unit(rs)
        self.evidence = tuple((o, self.env.find_global(f"ev{i}")) for i, o in enumerate(rs.policy.evidence_outcomes))

    def run(self, slots: dict) -> tuple[frozenset, tuple]:
        """(indices of the rules that fired, the evidence totals read from CLIPS, in whole
        numbers of 1/`unit`); `scores` turns the totals into exact values."""
        self.env.reset()
        self.person.assert_fact(**slots)
        self.env.run()
        return frozenset(self.fired.value), tuple(g.value for _, g in self.evidence)

    def scores(self, totals: tuple) -> dict:
        """{outcome: exact total weight} from `run`'s totals."""
        return {o: Fraction(n, self.unit) for (o, _), n in zip(self.evidence, totals)}


def agrees(rs: RuleSet, runner: ClipsRunner, slots: dict, decision) -> bool:
    """Whether CLIPS, given the person's `slots`, fires exactly the rules pathfit's
    `decision` fired, with exactly its evidence totals, and whether the policy applied
    to the firings of the rules CLIPS fired gives pathfit's outcome."""
    from pathfit.engine.pipeline.decide import decide

    fired, totals = runner.run(slots)
    ids = frozenset(rs.rules[i].id for i in fired)
    if ids != frozenset(decision.fired):
        return False
    scores = dict(decision.verdict.scores)
    if any(scores.get(o, 0) != v for o, v in runner.scores(totals).items()):
        return False
    by_id = {f.rule: f for f in decision._result.firings}
    return decide(rs.policy, [by_id[r] for r in decision.fired if r in ids]).outcome == decision.outcome
