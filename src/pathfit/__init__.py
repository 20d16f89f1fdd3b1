"""pathfit: executive coaching, mentoring, a blend, or something else, and exactly why.

The public API:

    from pathfit import Engine
    with Engine.load() as rules:                 # the bundled rules, or Engine.load("my-rules/")
        decision = rules.evaluate({"goal_clarity": "specific", "needs": ["performance"]})
        print(decision.outcome, decision.confidence)

Everything else lives in subpackages: `pathfit.engine` (the pipeline and what
is built beside it) and `pathfit.cli` (the `pathfit` command).

The names are read from `pathfit.engine` on first use, not when this package is
imported: the `pathfit` command imports this package first of all, and pauses
the garbage collector before the engine's modules load (pathfit.cli.launch).
"""
from __future__ import annotations

# What a type checker reads (the package ships py.typed); at run time, __getattr__ below. Not
# typing.TYPE_CHECKING: importing typing here, before pathfit.cli.launch pauses the garbage
# collector, cost every start 0.8 M instructions; type checkers take any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from .engine import CODES, Decision, Engine, PathfitError, Problem, __version__

__all__ = ["CODES", "Decision", "Engine", "PathfitError", "Problem", "__version__"]


def __getattr__(name: str) -> object:
    if name not in __all__:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import engine

    value = globals()[name] = getattr(engine, name)
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
