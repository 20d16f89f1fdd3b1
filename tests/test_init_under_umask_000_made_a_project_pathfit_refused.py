"""Regression: under umask 000 (some containers' and CI runners' default) `pathfit init rules`
made the project folder and its tests/ folder mode 777, and every command run beside it
(`lint`, `test`, `recommend`) then refused the project it had just written: PF216, "./rules
may be written by any user". Now init makes its folders without write access for others
(mode 775 under umask 000; under the usual umasks the same modes as before), so the new
project lints and tests clean whatever the umask."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

PATHFIT = str(Path(sys.executable).with_name("pathfit"))


def _run(args: list[str], cwd: Path, umask: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "PATHFIT_RULES"}
    return subprocess.run([PATHFIT, *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=120, preexec_fn=lambda: os.umask(umask))


@pytest.mark.parametrize("umask", [0o000, 0o002, 0o022, 0o077], ids=lambda u: f"umask{u:03o}")
def test_a_project_init_made_is_read_beside_it_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    made = _run(["init", "rules"], tmp_path, umask)
    assert made.returncode == 0, made.stderr
    for folder in (tmp_path / "rules", tmp_path / "rules" / "tests"):
        mode = stat.S_IMODE(folder.stat().st_mode)
        assert not mode & stat.S_IWOTH, f"{folder} {mode:o}"
        assert mode == 0o775 & ~umask, f"{folder} {mode:o}"
    for args in (["lint", "--strict"], ["test"]):
        done = _run(args, tmp_path, umask)
        assert done.returncode == 0, done.stderr
        assert "PF216" not in done.stderr
