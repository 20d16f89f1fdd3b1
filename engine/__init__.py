"""pathfit's engine: load -> validate -> compile -> run -> decide -> explain."""
from .api import Decision, Engine
from .errors import CODES, PathfitError, Problem

__all__ = ["CODES", "Decision", "Engine", "PathfitError", "Problem"]
__version__ = "0.1.0"
