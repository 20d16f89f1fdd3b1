"""`pathfit init new/nested/dir` that fails part way (a name too long for the file system below
folders it made first; a path too long for its fourth file after three were written) said so
with exit status 2 and left the folders and files it had made. It now removes what it made,
and only that: a folder that was there before the run is kept."""
from __future__ import annotations

import os

from click.testing import CliRunner

from pathfit.cli.main import cli


def _everything(root) -> list[str]:
    return sorted(os.path.relpath(os.path.join(d, n), root) for d, ds, fs in os.walk(root) for n in ds + fs)


def _deep(base: str, length: int) -> str:
    """A path under `base` of `length` characters, in names the file system takes."""
    parts, room = [], length - len(base) - 1
    while room > 0:
        parts.append("d" * min(200, room))
        room -= len(parts[-1]) + 1
    return os.path.join(base, *parts)


def test_folders_made_before_a_name_too_long_are_removed(tmp_path):
    (tmp_path / "kept").mkdir()
    result = CliRunner().invoke(cli, ["init", str(tmp_path / "kept" / "new1" / "new2" / ("x" * 300))])
    assert result.exit_code == 2, result.output
    assert ": PF619: " in result.stderr and "Traceback" not in result.output
    assert _everything(tmp_path) == ["kept"]


def test_files_written_before_one_that_could_not_be_are_removed(tmp_path):
    (tmp_path / "kept").mkdir()
    target = _deep(str(tmp_path / "kept"), 4080)  # schema.yaml fits under PATH_MAX, knowledge_base.md not
    result = CliRunner().invoke(cli, ["init", target])
    assert result.exit_code == 2, result.output
    assert ": PF619: " in result.stderr and "Traceback" not in result.output
    assert _everything(tmp_path) == ["kept"]


def test_an_empty_folder_that_was_there_is_kept(tmp_path):
    target = _deep(str(tmp_path), 4080)
    os.makedirs(target)
    result = CliRunner().invoke(cli, ["init", target])
    assert result.exit_code == 2, result.output
    assert os.path.isdir(target) and os.listdir(target) == []
