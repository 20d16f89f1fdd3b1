"""A `./rules` that is itself a link leading nowhere (its target moved, not yet checked out, or a
loop) was passed over without a word: every command run without --rules or PATHFIT_RULES read
the bundled rules, so an author whose link broke got advice from rules they did not mean, exit
status 0. `--rules rules` said PF216 at `rules`. Such a `./rules` is now the rule set meant, as
one holding a schema.yaml that cannot be read is: its load says what it cannot read (PF216 at
`rules`, naming where the link leads), exit status 2, nothing on stdout. A plain file named
`rules`, or a link to one, is still no rule set (debian/rules is a makefile)."""
from __future__ import annotations

import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


def _run(args: list[str]):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, args)


@pytest.mark.parametrize("command", [["recommend", "--fact", "needs=performance"], ["lint"], ["schema"], ["test"]])
def test_a_dangling_rules_link_is_refused_not_replaced(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    os.symlink("../moved-rules", "rules")
    found, asked = _run(command), _run([*command, "--rules", "rules"])
    assert (found.exit_code, found.stdout) == (2, "")
    assert found.stderr.startswith("rules:0:0: PF216: rules directory not found: a link to '../moved-rules'"), found.stderr
    assert (found.exit_code, found.output) == (asked.exit_code, asked.output)


def test_a_loop_of_links_named_rules_is_refused(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    os.symlink("rules", "rules")
    found = _run(["lint"])
    assert (found.exit_code, found.stdout, found.stderr.split(": ")[:2]) == (2, "", ["rules:0:0", "PF216"])


def test_a_file_named_rules_is_no_rule_set(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "makefile").write_text("all:\n", encoding="utf-8")
    os.symlink("makefile", "rules")
    ran = _run(["recommend", "--fact", "needs=performance"])
    assert (ran.exit_code, ran.stderr) == (0, "")
