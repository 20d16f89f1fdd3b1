"""What the public API refuses, each with its own code, never the TypeError or
AttributeError of whichever call first met it: a rules directory that is not a path, and
an Engine or a Decision pickled or sent to another process."""
from __future__ import annotations

import os

from .errors import PathfitError, Pos, fail


def rules_path(directory: object) -> str:
    """A rules directory given as text or a path object, as text; PF216 for an empty one and for
    anything else (a number, bytes, a list), never the TypeError of whichever call first met it."""
    # a path object's own __fspath__, not os.fspath: that raises a TypeError of its own for one giving
    # neither text nor bytes (a number, None), which is as much no path as bytes are
    path = directory if isinstance(directory, str) else type(directory).__fspath__(directory) \
        if isinstance(directory, os.PathLike) else None
    if not isinstance(path, str):
        kind = type(path if isinstance(directory, os.PathLike) else directory).__name__
        raise fail("PF216", f"the rules directory is given as text or a path (str or os.PathLike), not {kind}",
                   Pos("<rules>"))
    if not path:  # pathlib reads '' as '.': the working directory's files were loaded as the rules
        raise fail("PF216", "the rules directory is given as an empty path; '.' names the working directory",
                   Pos("<rules>"))
    return path


def not_pickled(what: str, instead: str) -> PathfitError:
    """PF507, `what` saying what was refused ("an Engine cannot be pickled or copied"): an
    Engine is bound to durable-rules' copy of its rule set in this process, and a Decision to
    its engine; neither can be made again from bytes in another process."""
    return fail("PF507", f"{what}: it is bound to durable-rules in this process; {instead}", Pos("<pickle>"))
