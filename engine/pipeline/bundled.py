"""Where the rules shipped with pathfit are (inside the wheel, or the checkout's rules/), and the
names a rule set's folder holds: its schema, and which entries its load reads (read_by_name).

Plain os.path, not pathlib: this runs on every CLI start, and pathlib (with
the urllib.parse and ipaddress it pulls in) costs about 9 ms to import.
"""
from __future__ import annotations

import os

from ..errors import PathfitError, Pos, fail

SCHEMA_FILE = "schema.yaml"


def bundled_rules_dir() -> str:
    here = os.path.dirname(os.path.realpath(__file__))
    # pathfit/engine/pipeline -> pathfit (installed wheel) or the checkout's root (editable)
    top = os.path.dirname(os.path.dirname(here))
    for candidate in (os.path.join(top, "_bundled", "rules"), os.path.join(top, "rules")):
        if os.path.isfile(os.path.join(candidate, SCHEMA_FILE)):
            return candidate
    raise fail("PF216", "the bundled rules are missing from this installation", Pos(here))


def bundled_example(path: str) -> str | None:
    """The folder of the examples shipped with pathfit, when `path` names one of them as the help
    texts do (`examples/NAME`, a folder of the checkout) and nothing is there: an installed
    pathfit carries them in its package, where no one would look. None otherwise."""
    parts = os.path.normpath(path).split(os.sep)
    if os.path.isabs(path) or len(parts) < 2 or parts[0] != "examples" or os.path.lexists(path):
        return None
    try:
        folder = os.path.join(os.path.dirname(bundled_rules_dir()), "examples")
    except PathfitError:
        return None
    return folder if os.path.isfile(os.path.join(folder, *parts[1:])) else None


def read_by_name(name: str, endings: tuple[str, ...] = (".yaml",)) -> bool:
    """Whether an entry `name` of a rule set's folder (or of its tests/ folder) is one its load
    may read: named with one of `endings` (`.yaml`, a rule file or a rule test; `.csv`, a table's
    rows, csv_rows) and not hidden. Everything that counts the rule set's files asks this, the load
    cache's key (cache.key_for) and the CLI's question whether a rule set found unasked is the
    bundled one (cli/same_rules.py) as the loader: a hidden file they counted made a change that is
    no change to the rules (an editor's lock file) a miss of the cache, and the bundled rules another set."""
    return name.endswith(endings) and not name.startswith(".")
