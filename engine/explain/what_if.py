"""What-if: the smallest changes to a person's facts that lead to another outcome,
and, for every other outcome the policy can give, what was checked.

A change sets one input fact: an enum or boolean to another value, a number to
another value, a set gains or loses one member, an unknown fact is given a
value (an unknown set: the empty set or one member), a known fact is made
unknown. Every single change, and every pair of them while the re-runs number
fewer than MAX_TRIALS (beyond that the answer says it is not exhaustive), is examined, and
every result comes from re-running the engine: nothing here predicts an outcome.

Pruning, each step sound because it removes only changes that cannot change
which rules fire:
- only input facts some rule needing them can reach the decision through: read
  by a rule the policy reads (evidence, referral, not now), or by a rule
  deriving a valued derived fact that has rules setting two of its values
  (two values for one person refuse the person, whoever reads the fact, and
  another change can lift that refusal), or by a rule deriving a fact such a
  rule reads, and so on down, where a rule deriving one value of a valued
  derived fact such a rule reads brings the rules deriving its other values;
  a fact outside that cone changes no firing the policy reads, and makes or
  lifts no refusal, so no outcome;
- values of a fact are grouped by how every comparison the rules make on that
  fact judges them (for a number: which side of each threshold, or equal to
  it), and one value per group is tried: two values in one group make every
  condition come out the same, so the same rules fire (the values tried for a
  number include every threshold, the values next to each, and the ends of the
  range, so every group that has a value in range is met);
- a set member no rule tests is never toggled, for the same reason.
No pruning depends on the target outcome: a change that only fires a rule for
another outcome can still reach the target by un-firing an override, so such
pruning would not be sound.

A screening fact (schema `screening: true`: a wellbeing concern, a formal
process under way) is the person's situation, not something anyone should set
out to change to get other advice, so it is never part of a course of action:
the search for alternatives and the unreachable claims cover the other facts,
and each single change of a screening fact that leads elsewhere is listed apart,
under `would_change_if`.
"""
from __future__ import annotations

import math
from decimal import Decimal, localcontext
from threading import Event

from ..api import Decision, Engine
from ..errors import RULES_REFUSE, PathfitError
from ..pipeline.model import RuleSet, facts_in
from ..pipeline.policy import label, outcomes, read_by_policy
from ..quote import quote

WITHIN = 2  # changes combined; every combination up to this many is examined
MAX_TRIALS = 50_000  # re-runs allowed before the search stops and says it is not exhaustive

FORGET = ("forget",)


class Abandoned(Exception):
    """A search given up between two re-runs because its `stop` was set: whoever asked for it
    has been answered already (the service cut it off at its time limit), so no one would read
    what it found, and every further re-run would only hold up the evaluations queued behind it.
    Raised instead of any answer, never a part of one; each re-run is a whole decision, so the
    engine is left as after any other."""


def refused_only(err: PathfitError) -> bool:
    """Whether `err` is the engine refusing a person whose facts are valid, and nothing else:
    what a search over changed people passes over, where any other fault is raised."""
    return all(problem.code in RULES_REFUSE for problem in err.problems)


def what_if(engine: Engine, facts: dict, decision: Decision | None = None, stop: Event | None = None) -> dict:
    """-> {"alternatives": [{"changes": [{"fact", "from", "to"}], "size", "outcome", "referral",
    "confidence", "settled"}], "unreachable": [{"outcome", "within", "exhaustive"}], "would_change_if": [as
    alternatives], "screening": [fact names], "trials"}: every single change of a fact that is
    not a screening fact that leads elsewhere, and for each other outcome no single change
    reaches, the first pair (in a fixed order) that reaches it; apart, every single change
    of a screening fact that leads elsewhere. `stop` set: Abandoned before the next re-run (the
    service's; the CLI gives none, so its searches never depend on when anything happens)."""
    base = decision or engine.evaluate(facts)
    rs = engine.ruleset
    screening = [f.name for f in rs.inputs if f.screening]
    changes = single_changes(rs, facts)
    singles = [c for c in changes if c[0] not in screening]
    would_change_if, trials, refused = [], 0, []

    def run(changed: list) -> Decision | None:
        """The changed person's decision, or None where the engine refuses that person (two
        values for a valued derived fact, PF231): kept, with the changes, in `refused`. Such
        a person reaches no outcome, so the search goes on past it."""
        if stop is not None and stop.is_set():
            raise Abandoned(f"what-if given up after {trials} re-runs: its caller was answered")
        try:
            return engine.evaluate(apply(facts, changed))
        except PathfitError as err:
            if not refused_only(err):  # a fault, not a refusal: never passed over
                raise
            problem = err.problems[0]
            refused.append({"changes": _result(facts, changed, None)["changes"], "size": len(changed),
                            "code": problem.code, "message": problem.message})
            return None

    for change in (c for c in changes if c[0] in screening):
        d = run([change])
        trials += 1
        if d is not None and (d.outcome, d.referral) != (base.outcome, base.referral):
            would_change_if.append(_result(facts, [change], d))
    alternatives = []
    for change in singles:
        d = run([change])
        trials += 1
        if d is not None and (d.outcome, d.referral) != (base.outcome, base.referral):
            alternatives.append(_result(facts, [change], d))
    wanted = [o for o in outcomes(rs.policy) if o != base.outcome and o not in {a["outcome"] for a in alternatives}]
    exhaustive = True
    if wanted:
        for pair in _pairs(singles):
            if trials >= MAX_TRIALS:
                exhaustive = False
                break
            d = run(list(pair))
            trials += 1
            if d is not None and d.outcome in wanted:
                alternatives.append(_result(facts, pair, d))
                wanted.remove(d.outcome)
                if not wanted:
                    break
    for found in (alternatives, would_change_if):
        found.sort(key=lambda r: (r["size"], r["outcome"], r["referral"] or "",
                                  [(c["fact"], quote(c["to"])) for c in r["changes"]]))
    return {"alternatives": alternatives, "trials": trials,
            "unreachable": [{"outcome": o, "label": label(rs.policy, o), "within": WITHIN, "exhaustive": exhaustive}
                            for o in wanted],
            "would_change_if": would_change_if, "screening": screening, "refused": refused}


def decision_facts(rs: RuleSet) -> list[str]:
    """Input facts through which a change can reach the decision (see the module's pruning notes)."""
    values: dict[str, list[str]] = {}  # a valued derived fact -> its values' keys (`pace=fast`, ...)
    for key in rs.derivers:
        if "=" in key:
            values.setdefault(key.split("=", 1)[0], []).append(key)
    # the derivers of a valued fact with two values that can be set refuse a person whoever reads
    # it, and a change to what they read can lift a refusal another change made: taken too
    todo = list(dict.fromkeys([i for i, r in enumerate(rs.rules) if read_by_policy(r)] + [
        i for keys in values.values() if sum(bool(rs.derivers[k]) for k in keys) > 1 for k in keys
        for i in rs.derivers[k]]))
    taken, seen = set(todo), set()
    while todo:
        for c in facts_in(rs.rules[todo.pop()].when):
            # one value of a valued fact read brings every value's derivers: two values set for one
            # person refuse that person (PF231), so a rule setting a value no one reads still counts
            for key in values.get(c.fact.split("=", 1)[0], [c.fact]) if "=" in c.fact else [c.fact]:
                if key not in seen:
                    seen.add(key)
                    for i in rs.derivers.get(key, ()):
                        if i not in taken:
                            taken.add(i)
                            todo.append(i)
    return [f.name for f in rs.inputs if f.name in seen]


def single_changes(rs: RuleSet, facts: dict) -> list[tuple]:
    """Every change worth trying, in schema order: (fact, "to", value) with value
    None for unknown, or (fact, "add"|"remove", member) for a set."""
    changes: list[tuple] = []
    for name in decision_facts(rs):
        fact = rs.facts[name]
        current = facts.get(name)
        comps = [c for r in rs.reading(name) for c in facts_in(r.when) if c.fact == name and c.op != "is"]
        if fact.type == "set":
            members = [m for m in fact.values if any(c.value == m for c in comps)]
            if current is None:
                changes.append((name, "to", ()))
                changes += [(name, "add", m) for m in members]
            else:
                changes += [(name, "remove" if m in current else "add", m) for m in members]
        else:
            values = list(fact.values) if fact.type == "enum" else [True, False] if fact.type == "bool" \
                else _number_points(fact, comps, current)
            groups: dict[tuple, object] = {}
            for v in values:
                groups.setdefault(tuple(compared_holds(c.op, v, c.value) for c in comps), v)
            mine = tuple(compared_holds(c.op, current, c.value) for c in comps) if current is not None else None
            changes += [(name, "to", v) for sig, v in groups.items() if sig != mine]
        if current is not None:
            changes.append((name, "to", None))
    return changes


def _number_points(fact, comps: list, current) -> list:
    """Values that meet every group of the rules' thresholds within the fact's range,
    whole numbers first, then nearest the current value (so a change reads as plainly and
    as small as it can); the first of each group is the one tried."""
    cuts = sorted({float(x) for c in comps for x in (c.value if isinstance(c.value, tuple) else (c.value,))})
    lo, hi = float(fact.minimum), float(fact.maximum)
    if fact.integer:
        points = {lo, hi} | {p for t in cuts for p in (t, math.floor(t) + 1, math.ceil(t) - 1)}
        points = {p for p in points if float(p).is_integer()}
    else:
        edges = sorted({lo, hi} | {t for t in cuts if lo <= t <= hi})
        points = set(edges) | {value_between(a, b) for a, b in zip(edges, edges[1:])}
    inside = sorted(p for p in points if lo <= p <= hi)
    here = float(current) if current is not None else lo
    order = sorted(inside, key=lambda p: (not float(p).is_integer(), abs(p - here), p))  # whole numbers read best
    return [int(p) if float(p).is_integer() else p for p in order]


def value_between(a: float, b: float) -> float:
    """A value strictly between a and b: the smallest whole number if there is one, else the
    midpoint worked in decimals (a and b are thresholds as written), so that between 0.08 and
    0.34 the change reads 0.21, not the binary sum's 0.21000000000000002; where that midpoint
    has more digits than a float holds, the fewest-digit rounding of it still strictly between."""
    n = math.floor(a) + 1
    if n < b:
        return float(n)
    with localcontext() as exact:
        exact.prec = 80  # every digit two floats' decimals and their roundings can have
        middle = (Decimal(repr(a)) + Decimal(repr(b))) / 2
        for written in [middle] + [round(middle, places) for places in range(1, 18)]:
            v = float(written)
            if a < v < b and Decimal(repr(v)) == written:
                return v
    return (a + b) / 2


def compared_holds(op: str, v, arg) -> bool:
    """Whether a comparison `op` with `arg` holds for the value `v`: how the what-if search and the
    interview tell apart the values a rule's comparisons treat alike."""
    return {"equals": lambda: v == arg, "one_of": lambda: v in arg, "not_one_of": lambda: v not in arg,
            "lt": lambda: v < arg, "lte": lambda: v <= arg, "gt": lambda: v > arg, "gte": lambda: v >= arg,
            "contains": lambda: arg in v}[op]()


def _pairs(singles: list):
    """Every pair of changes to different facts, or of two members of one set, in order."""
    for i, a in enumerate(singles):
        for b in singles[i + 1:]:
            if a[0] != b[0] or a[1] in ("add", "remove") and b[1] in ("add", "remove") and a[2] != b[2]:
                yield [a, b]


def apply(facts: dict, changes: list) -> dict:
    """The facts with the changes made; unknown facts are left out."""
    new = {k: (list(v) if isinstance(v, tuple) else v) for k, v in facts.items()}
    for name, how, value in changes:
        if how == "to":
            new.pop(name, None)
            if value is not None:
                new[name] = list(value) if isinstance(value, tuple) else value
        else:
            members = set(new.get(name) or ())
            members = members | {value} if how == "add" else members - {value}
            new[name] = sorted(members)
    return new


def _result(facts: dict, changes: list, d: Decision | None) -> dict:
    after = apply(facts, changes)
    out = [{"fact": n, "from": _plain(facts.get(n)), "to": _plain(after.get(n))}
           for n in dict.fromkeys(c[0] for c in changes)]  # two members of one set: one entry
    if d is None:
        return {"changes": out}
    # settled: whether that decision is itself provisional, so that its confidence is read as the
    # decision object's is, a statement about the advice only where it is settled
    return {"changes": out, "size": len(changes), "outcome": d.outcome, "label": d.label, "referral": d.referral,
            "referral_label": d.referral_label, "confidence": d.confidence, "settled": d.settled}


def _plain(value):
    return list(value) if isinstance(value, tuple) else value
