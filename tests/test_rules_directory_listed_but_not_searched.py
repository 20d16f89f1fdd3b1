"""Regression: a rules directory that may be listed but not searched (read permission without
execute, for the user running pathfit) passed the check that the directory can be read, since
listing it needs only read permission, and then every rule file in it failed to open: one PF100
"cannot read file: Permission denied" for each file, where a directory that may not be read is
one PF216 at the directory. Now it is one PF216 at the directory, saying why, from the API and
from every command's `--rules` (exit 2, no traceback)."""
from __future__ import annotations

import os

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError

from .helpers import as_another_user
from .test_engine_load_given_a_path_it_cannot_read import rules_copy  # the fixture: the bundled rules any user may read


def _load(directory) -> object:
    try:
        Engine.load(directory)
        return "loaded"
    except PathfitError as err:
        return [[p.code, p.pos.file, p.message] for p in err.problems]


def test_a_directory_listed_but_not_searched_is_one_pf216_at_it(rules_copy, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    os.chmod(rules_copy, 0o744)  # others may list it, not search it
    try:
        said = as_another_user(lambda: _load(rules_copy))
    finally:
        os.chmod(rules_copy, 0o755)
    assert said == [["PF216", str(rules_copy), "cannot read the rules directory: Permission denied"]]


def test_recommend_given_such_a_directory_says_so_once_and_exits_2(rules_copy, monkeypatch):
    monkeypatch.delenv("PATHFIT_CACHE", raising=False)  # the cache's key reads the directory too
    monkeypatch.setenv("XDG_CACHE_HOME", str(rules_copy.parent.parent / "cache"))

    def recommend() -> list:
        result = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=specific", "--rules", str(rules_copy)])
        return [result.exit_code, result.stdout, result.stderr]

    os.chmod(rules_copy, 0o744)
    try:
        said = as_another_user(recommend)
    finally:
        os.chmod(rules_copy, 0o755)
    assert said == [2, "", f"{rules_copy}:0:0: PF216: cannot read the rules directory: Permission denied\n"]
