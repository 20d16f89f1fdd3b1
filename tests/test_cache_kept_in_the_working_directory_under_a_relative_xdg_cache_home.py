"""Regression: a relative XDG_CACHE_HOME (`XDG_CACHE_HOME=.cache`, which the XDG base
directory specification says to ignore) put the load cache in whatever folder pathfit was run
from: a pathfit/ folder of pickled rule sets appeared in each project, beside its rule files,
and in a working directory deleted under the shell the run ended in "internal error:
FileNotFoundError". Now a relative XDG_CACHE_HOME is ignored, the cache kept under
$HOME/.cache as when it is unset, and a relative HOME keeps no cache at all."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "graduate-seeking-career-direction.yaml")
PATHFIT = str(Path(sys.executable).with_name("pathfit"))


def _recommend(cwd: Path, preexec=None, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("PATHFIT_RULES", "PATHFIT_CACHE")}
    return subprocess.run([PATHFIT, "recommend", "--profile", EXAMPLE], cwd=cwd, env={**environ, **env},
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
                          preexec_fn=preexec)


def test_a_relative_xdg_cache_home_is_ignored_and_nothing_is_kept_in_the_working_directory(tmp_path: Path) -> None:
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    home.mkdir()
    done = _recommend(work, XDG_CACHE_HOME="cache", HOME=str(home))
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(work)) == []
    assert (home / ".cache" / "pathfit").is_dir()


def test_a_relative_home_keeps_no_cache_in_the_working_directory(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    done = _recommend(work, HOME="home", XDG_CACHE_HOME="")
    assert done.returncode == 0, done.stderr
    assert sorted(os.listdir(work)) == []


def test_a_relative_xdg_cache_home_in_a_deleted_working_directory_is_no_internal_error(tmp_path: Path) -> None:
    gone, home = tmp_path / "gone", tmp_path / "home"
    gone.mkdir()
    home.mkdir()

    def leave_it_deleted() -> None:
        os.rmdir(gone)

    done = _recommend(gone, preexec=leave_it_deleted, XDG_CACHE_HOME="cache", HOME=str(home))
    assert done.returncode == 0, done.stderr
    assert "internal error" not in done.stderr and done.stdout.startswith("Recommendation")


def test_an_empty_home_keeps_no_cache_at_the_root_of_the_file_system(monkeypatch) -> None:
    """HOME set but empty (a service's bare environment) is no home: os.path.expanduser made it
    "/", and run as root the cache was made at /.cache/pathfit."""
    from pathfit.engine.pipeline.cache import cache_dir

    monkeypatch.delenv("PATHFIT_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", "")
    assert cache_dir() is None
    monkeypatch.setenv("XDG_CACHE_HOME", "/var/cache/someone")
    assert cache_dir() == "/var/cache/someone/pathfit"
