"""The reference for the interview's question ranking: the ranking as it was before answers
alike to the rules were tried once per class (engine/explain/interview.py), each candidate
answer re-evaluated apart. Kept for tests only, to hold the faster ranking to the same
questions in the same order."""
from __future__ import annotations

# The answers tried for each question did not change with the faster ranking: the reference
# tries the same ones, so any difference is the ranking's.
from pathfit.engine.explain.interview import candidate_changes

__all__ = ["candidate_changes", "reference_next_question", "reference_ranked_questions"]


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
