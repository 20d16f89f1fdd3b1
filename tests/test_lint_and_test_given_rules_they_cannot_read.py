"""Regression: `pathfit lint` and `pathfit test` checked the rules directory themselves with
pathlib's is_dir, which raises on a name too long for the system and on a directory under one
that may not be searched: each ended as "pathfit: internal error: OSError ..." (or
PermissionError), where every other command's `--rules` is PF216 at the directory. And lint
took a directory it may not read (or search) as a rule set to check, reporting PF216 among its
findings with exit status 1 and the list of checks not run, where a directory missing ends it
with status 2. Now both are one PF216 at the directory as given, exit 2, nothing on stdout."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .test_engine_load_given_a_path_it_cannot_read import rules_copy  # the fixture: the bundled rules any user may read
from .helpers import as_another_user

COMMANDS = [["lint"], ["test"]]


def _said(args: list[str]) -> list:
    result = CliRunner().invoke(cli, args)
    return [result.exit_code, result.stdout, result.stderr]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_rules_name_too_long_is_pf216_at_it(command, tmp_path):
    name = str(tmp_path / ("a" * 300))
    assert _said([*command, "--rules", name]) == \
        [2, "", f"{name}:0:0: PF216: cannot read the rules directory: File name too long\n"]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("mode, at", [(0o744, "itself"), (0o711, "itself"), (0o600, "parent")],
                         ids=["listed-not-searched", "searched-not-listed", "parent-not-searched"])
def test_rules_that_may_not_be_read_or_searched_are_pf216_exit_2(command, mode, at, rules_copy, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    where = rules_copy if at == "itself" else rules_copy.parent
    os.chmod(where, mode)
    try:
        said = as_another_user(lambda: _said([*command, "--rules", str(rules_copy)]))
    finally:
        os.chmod(where, 0o755)
    assert said == [2, "", f"{rules_copy}:0:0: PF216: cannot read the rules directory: Permission denied\n"]
