"""Regression: run from a working directory deleted under the shell, `pathfit init proj` and
`pathfit schema --out outdir` said "pathfit: internal error: FileNotFoundError" with no code:
noting which folders they would make (to take them away on failure) asked for the working
directory's name. Such a folder is now refused as one that cannot be made, at its path (init's
PF619, schema's PF100), exit status 2."""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import run_where_gone


@pytest.mark.parametrize("args, code", [(["init", "proj"], "PF619"), (["schema", "--out", "outdir"], "PF100")],
                         ids=["init", "schema-out"])
def test_a_relative_folder_to_make_in_a_deleted_working_directory_is_refused_at_its_path(
        tmp_path: Path, args: list[str], code: str) -> None:
    done = run_where_gone(tmp_path, args)
    assert done.returncode == 2 and done.stdout == "", done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{args[-1]}:0:0: {code}: "), done.stderr
