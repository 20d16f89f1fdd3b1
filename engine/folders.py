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
    """The folders `os.makedirs(target)` would create, outermost first; none for a relative
    target where the working directory was deleted: nothing can be made there, and making it
    says so."""
    try:
        whole = Path(target).absolute()  # as written: `new/../dir` makes new and dir, both to take away
    except OSError:  # no working directory to name
        return []
    missing = []
    for folder in (whole, *whole.parents):
        if os.path.lexists(folder):
            break
        missing.append(folder)
    return missing[::-1]


def make_folders(target: str, mode: int) -> None:
    """os.makedirs(target, mode, exist_ok=True), with `mode` (less the umask) given to every
    folder made, not the innermost alone: the outer ones makedirs makes get 777 less the
    umask, writable by everyone under umask 000. Errors name the folder as written."""
    head, tail = os.path.split(target)
    if not tail:
        head, tail = os.path.split(head)
    if head and tail and not os.path.exists(head):
        make_folders(head, mode)
    if tail == os.curdir:  # `new/.` is new, made above
        return
    try:
        os.mkdir(target, mode)
    except OSError:
        if not os.path.isdir(target):  # made meanwhile, or another name (`new/..`) of one that is
            raise


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


__all__ = ["make_folders", "missing_folders", "remove_folders"]
