"""`pathfit schema --out new/nested/dir/` that fails after creating some of the folders
must leave nothing behind: the folders this run created are removed, the ones that were
there before are kept. Both ways such a run fails are pinned: making the folders fails part
way (a name too long for the file system, below folders that are created first), and
writing the schemas fails once every folder exists (a path too long for the files)."""
from __future__ import annotations

import os

from click.testing import CliRunner

from pathfit.cli.main import cli


def _run(out: str) -> CliRunner:
    return CliRunner().invoke(cli, ["schema", "--out", out])


def _everything(root) -> list[str]:
    return sorted(os.path.relpath(os.path.join(d, n), root) for d, ds, fs in os.walk(root) for n in ds + fs)


def test_folders_made_before_a_name_too_long_are_removed(tmp_path):
    (tmp_path / "kept").mkdir()
    out = tmp_path / "kept" / "new1" / "new2" / ("x" * 300)
    result = _run(str(out) + "/")
    assert result.exit_code == 2, result.output
    assert ": PF100: " in result.stderr and "Traceback" not in result.output
    assert _everything(tmp_path) == ["kept"]


def test_folders_made_for_schemas_that_could_not_be_written_are_removed(tmp_path):
    (tmp_path / "kept").mkdir()
    base = str(tmp_path / "kept")
    room = 4090 - len(base) - 1  # a folder name that fits in PATH_MAX, but not with a file in it
    parts = []
    while room > 0:
        parts.append("d" * min(200, room))
        room -= len(parts[-1]) + 1
    out = os.path.join(base, *parts)
    result = _run(out)
    assert result.exit_code == 2, result.output
    assert ": PF619: " in result.stderr and "Traceback" not in result.output
    assert _everything(tmp_path) == ["kept"]


def test_a_folder_that_was_there_is_kept_when_writing_fails(tmp_path):
    """Only what this run created goes: --out naming an existing empty folder whose schemas
    cannot be written leaves that folder."""
    base = str(tmp_path)
    room = 4090 - len(base) - 1
    parts = []
    while room > 0:
        parts.append("d" * min(200, room))
        room -= len(parts[-1]) + 1
    out = os.path.join(base, *parts)
    os.makedirs(out)
    result = _run(out)
    assert result.exit_code == 2, result.output
    assert os.path.isdir(out) and os.listdir(out) == []


def test_folders_made_before_an_interrupt_are_removed(tmp_path, monkeypatch):
    """Ctrl-C (or SIGTERM, which commands stop on as Ctrl-C) while the schemas are written left
    the folders made for them: only a failure said as an error took them away."""
    import pathfit.cli.schema as schema

    def interrupted(texts):
        raise KeyboardInterrupt

    monkeypatch.setattr(schema, "_write_all", interrupted)
    (tmp_path / "kept").mkdir()
    result = _run(str(tmp_path / "kept" / "new1" / "new2"))
    assert result.exit_code == 1 and "Traceback" not in result.output, result.output  # click's runner: Aborted
    assert _everything(tmp_path) == ["kept"]
