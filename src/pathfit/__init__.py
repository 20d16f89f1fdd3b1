"""pathfit: explainable advice on coaching, mentoring, a blend, or something else.

Placeholder for the build: the real public API is written with the package restructuring."""
from .engine.api import Decision, Engine
from .engine.version import __version__

__all__ = ["Decision", "Engine", "__version__"]
