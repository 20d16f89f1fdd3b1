"""A `./rules` of the user's that may not be searched (mode 600: listed, but no file in it opened)
was passed over without a word: whether it held a schema.yaml could not be told, and every command
run without --rules or PATHFIT_RULES gave the bundled rules' advice. It is now the rule set meant,
as a dangling `./rules` link is: its load says why it cannot be read (PF216 at `rules`), exit
status 2, as with `--rules rules`."""
from __future__ import annotations

import os
import shutil
import tempfile

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import NOBODY, as_another_user


def _run(args: list[str]) -> list:
    ran = CliRunner(env={"PATHFIT_RULES": None, "PATHFIT_CACHE": "0"}).invoke(cli, args)
    return [ran.exit_code, ran.stdout, ran.stderr]


def test_a_rules_folder_that_may_not_be_searched_is_refused_not_replaced(monkeypatch):
    top = tempfile.mkdtemp(prefix="pathfit-unsearched-")  # pytest's own folders are root's alone
    try:
        os.chmod(top, 0o755)
        os.mkdir(os.path.join(top, "rules"))
        os.chown(os.path.join(top, "rules"), NOBODY, NOBODY)
        os.chmod(os.path.join(top, "rules"), 0o600)
        monkeypatch.chdir(top)
        _run(["recommend", "--fact", "needs=performance"])  # every module the command reads imported first
        command = ["recommend", "--fact", "needs=performance"]
        found, asked = as_another_user(lambda: [_run(command), _run([*command, "--rules", "rules"])])
    finally:
        shutil.rmtree(top)
    assert found[:2] == [2, ""] and found[2].startswith("rules:0:0: PF216: "), found
    assert found == asked
