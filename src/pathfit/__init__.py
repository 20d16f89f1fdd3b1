"""pathfit: executive coaching, mentoring, a blend, or something else, and exactly why.

The public API:

    from pathfit import Engine
    with Engine.load() as rules:                 # the bundled rules, or Engine.load("my-rules/")
        decision = rules.evaluate({"goal_clarity": "specific", "needs": ["performance"]})
        print(decision.outcome, decision.confidence)

Everything else lives in subpackages: `pathfit.engine` (the pipeline and what
is built beside it) and `pathfit.cli` (the `pathfit` command).
"""
from .engine import CODES, Decision, Engine, PathfitError, Problem, __version__

__all__ = ["CODES", "Decision", "Engine", "PathfitError", "Problem", "__version__"]
