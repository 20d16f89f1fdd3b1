"""`pathfit init DIR`: a self-contained rule project that lints and tests clean."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.starter import FILES


def _run(*args):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, list(args))


def test_init_project_lints_strict_and_tests_at_full_coverage(tmp_path):
    target = tmp_path / "my-rules"
    made = _run("init", str(target))
    assert made.exit_code == 0, made.output
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == sorted(FILES)
    lint = _run("lint", "--strict", str(target))
    assert lint.exit_code == 0 and lint.stdout == "", lint.output
    test = _run("test", str(target), "--min-coverage", "100")
    assert test.exit_code == 0, test.output
    assert "Coverage: 4 of 4 rules fired (100%)" in test.stdout


def test_init_project_still_works_when_moved(tmp_path):
    """Its knowledge base lives inside the project, so a copied project resolves it."""
    _run("init", str(tmp_path / "a"))
    shutil.copytree(tmp_path / "a", tmp_path / "elsewhere" / "b")
    assert _run("lint", "--strict", str(tmp_path / "elsewhere" / "b")).exit_code == 0


def test_init_refuses_a_non_empty_directory_with_a_located_error(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "notes.txt").write_text("mine")
    refused = _run("init", str(tmp_path / "x"))
    assert refused.exit_code == 2
    assert refused.stderr == f"{tmp_path / 'x'}:0:0: PF629: exists and is not an empty directory; give a new one\n"
    assert sorted(p.name for p in (tmp_path / "x").iterdir()) == ["notes.txt"]  # nothing written
    (tmp_path / "f").write_text("a file")
    assert _run("init", str(tmp_path / "f")).exit_code == 2


def test_init_accepts_an_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    assert _run("init", str(tmp_path / "empty")).exit_code == 0
    assert (tmp_path / "empty" / "schema.yaml").is_file()


def test_a_directory_init_cannot_create_is_a_located_error_not_an_internal_one(tmp_path):
    """Regression: a path under a file, one under a folder that cannot exist, or an empty
    name was 'internal error: NotADirectoryError' (or FileNotFoundError)."""
    (tmp_path / "afile").write_text("mine")
    under_file = _run("init", str(tmp_path / "afile" / "sub"))
    assert under_file.exit_code == 2
    assert under_file.stderr == f"{tmp_path / 'afile' / 'sub'}:0:0: PF619: cannot create the directory: " \
        "Not a directory (ENOTDIR)\n", under_file.stderr
    assert (tmp_path / "afile").read_text() == "mine"
    # an empty name is refused as every command's empty path is (test_empty_path_taken_as_no_path.py)
    for target, at, code in (("/proc/nope/x", "/proc/nope", "PF619"), ("", "DIRECTORY", "PF613")):
        refused = _run("init", target)
        assert refused.exit_code == 2 and "internal error" not in refused.stderr, refused.stderr
        assert refused.stderr.startswith(f"{at}:0:0: {code}: "), refused.stderr
