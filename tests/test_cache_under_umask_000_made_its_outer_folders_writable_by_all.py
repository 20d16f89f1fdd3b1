"""Regression: a program embedding pathfit under umask 000 (a daemon, say) had its first load keep
the rule set in a cache folder whose outer folders pathfit made itself, the cache home
(`$XDG_CACHE_HOME` or `~/.cache`, where the user's other programs keep theirs too) among them,
mode 777: writable by every user (Python's makedirs gives its mode to the innermost folder only).
The pathfit folder itself was 700. Every folder made for the cache is now made 700, whatever the
umask, as docs/engine.md ("Loading fast") says of the cache's own."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

LOAD = "from pathfit import Engine\nwith Engine.load() as e:\n    print(e.evaluate({'needs': ['performance']}).outcome)\n"


def _made(tmp_path: Path, env: dict) -> None:
    done = subprocess.run([sys.executable, "-c", LOAD], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PATHFIT_CACHE": "1", **env},
                          preexec_fn=lambda: os.umask(0))
    assert done.returncode == 0, done.stderr


def test_every_cache_folder_made_under_xdg_cache_home_is_the_users_alone(tmp_path: Path) -> None:
    _made(tmp_path, {"XDG_CACHE_HOME": str(tmp_path / "a" / "cache")})
    for folder in ("a", "a/cache", "a/cache/pathfit"):
        mode = stat.S_IMODE((tmp_path / folder).stat().st_mode)
        assert mode == 0o700, f"{folder} {mode:o}"
    assert [p.suffix for p in (tmp_path / "a/cache/pathfit").iterdir()] == [".pickle"]


def test_the_cache_home_made_under_home_is_the_users_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    env = {k: v for k, v in os.environ.items() if k != "XDG_CACHE_HOME"}
    env["HOME"] = str(home)
    done = subprocess.run([sys.executable, "-c", LOAD], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120, env={**env, "PATHFIT_CACHE": "1"}, preexec_fn=lambda: os.umask(0))
    assert done.returncode == 0, done.stderr
    for folder in (".cache", ".cache/pathfit"):
        mode = stat.S_IMODE((home / folder).stat().st_mode)
        assert mode == 0o700, f"{folder} {mode:o}"
