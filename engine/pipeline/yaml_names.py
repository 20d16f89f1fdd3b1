"""Which files of a folder pathfit reads as YAML, and which it passes over though they look read.

Why a module of its own: the rule set's loader, `pathfit test` and lint's PF718 must agree
on the one ending pathfit reads (`*.yaml`, exactly); the two lists are kept side by side so
that a change to one is seen beside the other.
"""
from __future__ import annotations

import os

from .bundled import read_by_name  # kept with the folder's other names, where cache.py asks it on every start

TYPE_CHECKING = False
if TYPE_CHECKING:  # pathlib costs about 9 ms to import, and is only a type here
    from pathlib import Path


def yaml_files(directory: Path) -> list[Path]:
    """Every entry of `directory` (a Path) named *.yaml, in name order, whatever kind it is,
    save hidden ones (a name starting with "."). A rule or test-case file that is a dangling
    link, a directory, a pipe or a device is read like the others and reported (PF100, PF106),
    never passed over: skipping a rule file silently gave other advice with no error. A hidden
    name is another tool's (an editor's lock file `.#rules.yaml`, a dangling link while a buffer
    is unsaved; a copier's `._rules.yaml`), never the author's rules, as `unread_yaml_names` holds."""
    return sorted(p for p in directory.glob("*.yaml") if read_by_name(p.name))


def unlisted(folder: str | os.PathLike) -> str | None:
    """Why what `folder` holds cannot be listed and opened (the system's words), or None:
    `yaml_files` (Path.glob) lists a folder that may not be read as holding nothing, which
    would say it has no files; one listed but not searched names files none of which opens."""
    try:
        with os.scandir(folder):
            os.stat(os.path.join(folder, os.curdir))
    except OSError as exc:
        return exc.strerror or str(exc)
    return None


def unread_yaml_names(directory: str | os.PathLike) -> list[str]:
    """The plain files of `directory` named like YAML but not `*.yaml` (`extra.yml`,
    `Extra.YAML`), in name order: `yaml_files` passes them over, yet to their author and to
    every YAML tool they look like files pathfit reads. Hidden files (`.gitlab-ci.yml`) are
    other tools' settings and are not named; a folder that cannot be listed names nothing."""
    try:
        names = sorted(e.name for e in os.scandir(directory) if e.is_file())
    except OSError:
        return []
    return [n for n in names if not n.startswith(".") and not n.endswith(".yaml") and n.lower().endswith((".yaml", ".yml"))]


def read_as_rules(path: str | os.PathLike, directory: str | os.PathLike) -> str | None:
    """What the rule set in `directory` would take the file `path` for, were it written: "a rule
    file" for a `*.yaml` (not hidden) in the directory itself, "a rule test" for one in its tests/ folder,
    None for any other. An output written there (a catalogue, a batch's results, an
    interview's answers) would be read next time as YAML of the rule set, and every command
    would refuse the set. Folders are compared by their real paths (`./rules`, a linked folder)."""
    if not read_by_name(os.path.basename(path)):  # as yaml_files reads
        return None
    folder, rules = os.path.realpath(os.path.dirname(os.path.abspath(path))), os.path.realpath(directory)
    return "a rule file" if folder == rules else "a rule test" if folder == os.path.join(rules, "tests") else None


__all__ = ["read_as_rules", "read_by_name", "unread_yaml_names", "yaml_files"]
