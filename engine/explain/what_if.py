"""What-if: the smallest changes to a person's facts that lead to another outcome.

Candidates are single changes first (another enum value, the other boolean, one
set member added or removed, a number just either side of each threshold the
rules compare it with, an unknown fact given a value). For an evidence outcome
(coaching, mentoring, blended) that no single change reaches, a greedy search
adds, up to MAX_STEPS times, the change that moves the evidence furthest toward
it. Every result is verified by re-running the engine: nothing here predicts
an outcome.
"""
from __future__ import annotations

from ..api import Decision, Engine
from ..pipeline.model import facts_in

MAX_STEPS = 3
TARGETS = ("coaching", "mentoring", "blended")


def candidate_changes(engine: Engine, facts: dict) -> list[tuple[str, object]]:
    rs = engine.ruleset
    thresholds: dict[str, set] = {}
    for rule in rs.rules:
        for c in facts_in(rule.when):
            if rs.facts[c.fact].type == "number" and c.op != "is":
                thresholds.setdefault(c.fact, set()).add(c.value)
    changes: list[tuple[str, object]] = []
    for fact in rs.inputs:
        current = facts.get(fact.name)
        if fact.type == "enum":
            values = list(fact.values)
        elif fact.type == "bool":
            values = [True, False]
        elif fact.type == "set":
            base = set(current or ())
            values = [tuple(sorted(base ^ {m})) for m in fact.values]
            if current is None:
                values.append(())
        else:
            points = set()
            for t in thresholds.get(fact.name, ()):
                step = 1 if fact.integer or float(t).is_integer() else 0.5
                points.update({t - step, t, t + step})
            values = sorted(p for p in points if fact.minimum <= p <= fact.maximum)
            values = [int(v) if float(v).is_integer() else v for v in values]
        changes.extend((fact.name, v) for v in values if v != current)
    return changes


def what_if(engine: Engine, facts: dict, decision: Decision | None = None) -> list[dict]:
    """-> [{"changes": [{"fact", "from", "to"}], "outcome", "referral", "confidence"}], sorted."""
    base = decision or engine.evaluate(facts)
    key = (base.outcome, base.referral)
    results: list[dict] = []
    reached: set = set()
    singles = candidate_changes(engine, facts)
    for change in singles:
        d = engine.evaluate(_apply(facts, [change]))
        if (d.outcome, d.referral) != key:
            results.append(_result(facts, [change], d))
            reached.add((d.outcome, d.referral))
    for target in TARGETS:
        if target != base.outcome and (target, None) not in reached:
            found = _greedy(engine, facts, target)
            if found:
                results.append(found)
    return sorted(results, key=lambda r: (r["outcome"], r["referral"] or "", len(r["changes"]),
                                          [(c["fact"], repr(c["to"])) for c in r["changes"]]))


def _greedy(engine: Engine, facts: dict, target: str) -> dict | None:
    """Add the change that moves the evidence most toward `target`, up to MAX_STEPS times."""
    chosen: list = []
    current = facts
    for _ in range(MAX_STEPS):
        best, best_gain = None, None
        for change in candidate_changes(engine, current):
            if any(change[0] == c[0] for c in chosen):
                continue
            d = engine.evaluate(_apply(current, [change]))
            if d.outcome in ("refer", "not_now"):
                continue
            if d.outcome == target:
                return _result(facts, chosen + [change], d)
            gain = _progress(dict(d.trace["scores"]), target)
            if best_gain is None or gain > best_gain:
                best, best_gain = change, gain
        if best is None:
            return None
        chosen.append(best)
        current = _apply(current, [best])
    return None


def _progress(scores: dict, target: str) -> float:
    c, m = scores.get("coaching", 0.0), scores.get("mentoring", 0.0)
    if target == "coaching":
        return c - m
    if target == "mentoring":
        return m - c
    return min(c, m) - abs(c - m) / 2


def _apply(facts: dict, changes: list) -> dict:
    new = dict(facts)
    for name, value in changes:
        new[name] = list(value) if isinstance(value, tuple) else value
    return {k: (list(v) if isinstance(v, tuple) else v) for k, v in new.items()}


def _result(facts: dict, changes: list, d: Decision) -> dict:
    out = [{"fact": n, "from": _plain(facts.get(n)), "to": _plain(v)} for n, v in changes]
    return {"changes": out, "outcome": d.outcome, "referral": d.referral, "confidence": d.confidence}


def _plain(value):
    return list(value) if isinstance(value, tuple) else value
