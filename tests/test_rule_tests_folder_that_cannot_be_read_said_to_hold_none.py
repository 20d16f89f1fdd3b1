"""A folder of rule tests that may not be listed (or searched) was read as empty, since
pathlib's glob lists such a folder as holding nothing: `pathfit test` said `PF805: no rule
test cases found in rules/tests`, of a folder whose cases it could not see. Such a folder is
now PF100 at it, saying why it cannot be read, exit status 2, as a rule set's folder that
cannot be read is PF216."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, TWO_TINY_CASES, as_another_user


def _said(args: list[str]) -> list:
    result = CliRunner().invoke(cli, args)
    return [result.exit_code, result.stdout, result.stderr]


@pytest.mark.parametrize("mode", [0o000, 0o311], ids=["closed", "searched-not-listed"])
@pytest.mark.parametrize("given", [False, True], ids=["found", "given"])
def test_a_rule_tests_folder_that_cannot_be_listed_is_pf100_at_it(mode, given, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    top = Path(tempfile.mkdtemp(prefix="pathfit-unlisted-"))  # every user may search it: pytest's are root's
    try:
        rules = top / "rules"
        shutil.copytree(HERE / "fixtures" / "tiny", rules)
        (rules / "tests").mkdir()
        (rules / "tests" / "cases.yaml").write_text(TWO_TINY_CASES)
        for folder, _, files in os.walk(top):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        args = ["test", str(rules)] + ([str(rules / "tests")] if given else [])
        assert _said(args)[0] == 0  # readable, the suite passes (and every module is imported for the child)
        os.chmod(rules / "tests", mode)
        said = as_another_user(lambda: _said(args))
    finally:
        os.chmod(top / "rules" / "tests", 0o755)
        shutil.rmtree(top)
    assert said == [2, "", f"{rules / 'tests'}:0:0: PF100: cannot read the folder: Permission denied\n"]
