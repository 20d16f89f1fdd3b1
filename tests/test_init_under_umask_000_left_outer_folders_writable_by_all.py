"""Regression: `pathfit init a/b/rules` under umask 000 made the outer folders it created, a and
a/b, mode 777, writable by every user, while README says init's folders are never writable by
others (Python's makedirs gives its mode to the innermost folder only). Every folder init makes
is now made without write access for others."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

PATHFIT = str(Path(sys.executable).with_name("pathfit"))


def test_every_folder_init_makes_is_closed_to_others_under_umask_000(tmp_path: Path) -> None:
    done = subprocess.run([PATHFIT, "init", "a/b/rules"], cwd=tmp_path, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=120, preexec_fn=lambda: os.umask(0))
    assert done.returncode == 0, done.stderr
    for folder in ("a", "a/b", "a/b/rules", "a/b/rules/tests"):
        mode = stat.S_IMODE((tmp_path / folder).stat().st_mode)
        assert mode == 0o775, f"{folder} {mode:o}"
