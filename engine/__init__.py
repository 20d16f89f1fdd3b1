"""pathfit's engine: load -> validate -> compile -> run -> decide -> explain."""
from .api import Decision, Engine
from .errors import CODES, PathfitError, Problem
from .version import __version__

__all__ = ["CODES", "Decision", "Engine", "PathfitError", "Problem", "__version__"]
