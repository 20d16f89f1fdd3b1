"""Regression: run from a working directory deleted under the shell, `pathfit init proj` and
`pathfit schema --out outdir` said "pathfit: internal error: FileNotFoundError" with no code:
noting which folders they would make (to take them away on failure) asked for the working
directory's name. Such a folder is now refused as one that cannot be made, at its path (init's
PF619, schema's PF100), exit status 2."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

PATHFIT = str(Path(sys.executable).with_name("pathfit"))


@pytest.mark.parametrize("args, code", [(["init", "proj"], "PF619"), (["schema", "--out", "outdir"], "PF100")],
                         ids=["init", "schema-out"])
def test_a_relative_folder_to_make_in_a_deleted_working_directory_is_refused_at_its_path(
        tmp_path: Path, args: list[str], code: str) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()

    def leave_it_deleted() -> None:
        os.chdir(gone)
        os.rmdir(gone)

    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    env.pop("PATHFIT_RULES", None)
    done = subprocess.run([PATHFIT, *args], stdin=subprocess.DEVNULL, capture_output=True, text=True,
                          timeout=120, preexec_fn=leave_it_deleted, env=env)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{args[-1]}:0:0: {code}: "), done.stderr
