"""The reference for the interview's question ranking: the ranking as it was before answers
alike to the rules were tried once per class (engine/explain/interview.py), each candidate
answer re-evaluated apart. Kept for tests only, to hold the faster ranking to the same
questions in the same order."""
from __future__ import annotations

from pathfit.engine.pipeline.model import facts_in


def reference_ranked_questions(engine, answers: dict, skipped: set) -> tuple[list[str], object]:
    """Every question still worth asking, most decisive first, each candidate answer evaluated."""
    decision = engine.evaluate(answers)
    candidates = [f for f in decision.missing if f not in skipped and f not in answers]
    options: dict[str, list] = {}
    for name, value in candidate_changes(engine, answers):
        if name in candidates:
            options.setdefault(name, []).append(value)
    scored = []
    for rank, name in enumerate(candidates):
        settles, outcomes = 0, set()
        for value in options.get(name, []):
            trial = engine.evaluate({**answers, name: list(value) if isinstance(value, tuple) else value})
            outcomes.add((trial.outcome, trial.referral))
            settles += trial.settled if not skipped else not [m for m in trial.missing if m not in skipped]
        scored.append(((settles, len(outcomes), -rank), name))
    return [name for _, name in sorted(scored, reverse=True)], decision


def reference_next_question(engine, answers: dict, skipped: set) -> tuple[str | None, object]:
    ranked, decision = reference_ranked_questions(engine, answers, skipped)
    return (ranked[0] if ranked else None), decision


def candidate_changes(engine, facts: dict) -> list[tuple[str, object]]:
    """The answers tried for each question, as the reference ranking tried them."""
    rs = engine.ruleset
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
            for rule in rs.reading(fact.name):
                for c in facts_in(rule.when):
                    if c.fact == fact.name and c.op != "is":
                        step = 1 if fact.integer or float(c.value).is_integer() else 0.5
                        points.update({c.value - step, c.value, c.value + step})
            values = sorted(p for p in points if fact.minimum <= p <= fact.maximum)
            values = [int(v) if float(v).is_integer() else v for v in values]
        changes.extend((fact.name, v) for v in values if v != current)
    return changes
