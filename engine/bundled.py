"""Where the rules shipped with pathfit are: inside the wheel, or the checkout's rules/."""
from __future__ import annotations

from pathlib import Path

from .errors import Pos, fail

SCHEMA_FILE = "schema.yaml"


def bundled_rules_dir() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "_bundled" / "rules", here.parent / "rules"):
        if (candidate / SCHEMA_FILE).is_file():
            return candidate
    raise fail("PF216", "the bundled rules are missing from this installation", Pos(str(here)))
