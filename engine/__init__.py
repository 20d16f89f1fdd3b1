"""pathfit's engine: load -> validate -> compile -> run -> decide -> explain.

Each name is imported from its module on first use: `from pathfit.engine import
PathfitError` then costs the errors module alone, and the `pathfit` command can
pause the garbage collector before the pipeline's modules load (pathfit.cli.launch)."""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what a type checker reads; at run time, __getattr__ below
    from .api import Decision, Engine
    from .errors import CODES, PathfitError, Problem

# name -> the module (relative to this package) that owns it
_HOMES = {"Decision": ".api", "Engine": ".api", "CODES": ".errors", "PathfitError": ".errors",
          "Problem": ".errors"}
__all__ = ["CODES", "Decision", "Engine", "PathfitError", "Problem", "__version__"]
# pathfit's version: one place, read by the package, the CLI, records and the build (setup.py
# reads this line without importing anything). Here, not in a module of its own, which every
# start would pay to find and load.
__version__ = "0.8.0"


def __getattr__(name: str) -> object:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = globals()[name] = getattr(importlib.import_module(_HOMES[name], __name__), name)
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
