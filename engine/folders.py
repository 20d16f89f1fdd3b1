"""Folders a command makes for its output, and taking them away again when it fails.

Bad input or a failed write leaves nothing written: a command that makes the folders of
its output (`schema --out new/dir/`, `init new/dir`) notes which were missing before it
made them, and on failure removes those, innermost first, and only while each is empty,
so a folder that was there before, or one something else wrote into meanwhile, is kept.
"""
from __future__ import annotations

import os
from pathlib import Path


def missing_folders(target: str | os.PathLike) -> list[Path]:
    """The folders `os.makedirs(target)` would create, outermost first."""
    whole = Path(target).absolute()  # as written: `new/../dir` makes new and dir, both to take away
    missing = []
    for folder in (whole, *whole.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    return missing[::-1]


def remove_folders(made: list[Path]) -> None:
    """Remove the folders of `made` (missing_folders' answer before they were made),
    innermost first. One never made (the making stopped before it) is passed over; one that
    is not empty or cannot be removed is left, with those around it."""
    for folder in reversed(made):
        if folder.name in (".", ".."):
            continue  # another name of a folder listed beside it
        try:
            folder.rmdir()
        except OSError:
            if os.path.lexists(folder):
                return


__all__ = ["missing_folders", "remove_folders"]
