"""Whether ./rules, the one rule set pathfit finds unasked, may be read (as git reads no
repository another user owns): one put in a folder others share (/tmp, a team folder) would
otherwise give its advice, said on stderr in text output only. It is read only if no one but
this user could have written what it holds: the folder, every file in it and in its tests/
folder this user's, none of them writable by any user (mode o+w), and none a link another user
made (it leads where they chose, even to a rule set of this user's). `--rules rules` or
PATHFIT_RULES reads it, asked. Where the system has no user ids (Windows), nothing is checked.
Imported only where a ./rules is found."""
from __future__ import annotations

import os
import stat

from pathfit.engine.errors import PathfitError, Pos, fail
from pathfit.engine.quote import shown_path

ASK = "a rule set found where pathfit runs is read only if no one but you could have written it"


def another_could_have_written(directory: str) -> PathfitError | None:
    """PF216 at the first of `directory`, its files and its tests/ files that is another user's,
    a link another user made, or writable by any user; None if none is (or no user ids to check)."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:
        return None
    me = geteuid()
    for path in _held(directory):
        try:
            link, info = os.lstat(path), os.stat(path)
        except OSError:  # gone, or a dangling link: the load reports what it cannot read
            continue
        linked = stat.S_ISLNK(link.st_mode)
        if linked and link.st_uid != me:  # leading where they chose, even to what is this user's
            return fail("PF216", f"{shown_path(os.path.join(os.curdir, path))} is a link another user made (uid {link.st_uid}): {ASK}; give --rules "
                        f"{directory} to read it", Pos(path))
        if info.st_uid != me:
            what = f"a link to a {'folder' if stat.S_ISDIR(info.st_mode) else 'file'} of another user's" if linked \
                else "another user's"
            return fail("PF216", f"{shown_path(os.path.join(os.curdir, path))} is {what} (uid {info.st_uid}): {ASK}; give --rules {directory} "
                        "to read it", Pos(path))
        if info.st_mode & 0o002:
            return fail("PF216", f"{shown_path(os.path.join(os.curdir, path))} may be written by any user (mode {info.st_mode & 0o777:o}): {ASK}; give "
                        f"--rules {directory} to read it", Pos(path))
    return None


def _held(directory: str) -> list[str]:
    """The folder, then its entries and its tests/ folder's, in name order."""
    held = [directory]
    for folder in (directory, os.path.join(directory, "tests")):
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue
        held += [os.path.join(folder, name) for name in names if os.path.join(folder, name) not in held]
    return held
