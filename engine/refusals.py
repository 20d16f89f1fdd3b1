"""What the public API refuses, with its code, never the TypeError or AttributeError of
whichever call first met it: a rules directory that is not a path."""
from __future__ import annotations

import os

from .errors import Pos, fail


def rules_path(directory: object) -> str:
    """A rules directory given as text or a path object, as text; PF216 for anything else
    (a number, bytes, a list), never the TypeError of whichever call first met it."""
    path = os.fspath(directory) if isinstance(directory, (str, os.PathLike)) else None
    if not isinstance(path, str):
        kind = type(directory if path is None else path).__name__
        raise fail("PF216", f"the rules directory is given as text or a path (str or os.PathLike), not {kind}",
                   Pos("<rules>"))
    return path

