"""./rules is read unasked only if it is the user's own, as git reads no repository another
user owns.

Regression: every command without --rules or PATHFIT_RULES read ./rules whenever it held a
schema.yaml, whoever owned it. Run in a folder others share (/tmp, a team folder), `pathfit
recommend` gave the advice of a rule set someone else had put there, said only on stderr and
only in text output: `--format json` said nothing at all. Now such a ./rules is PF216 at
`rules`, exit status 2, nothing on stdout or written; `--rules rules` or PATHFIT_RULES reads
it, asked for.
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli import serve as serve_module
from pathfit.cli.main import cli
from pathfit.engine.errors import Pos, fail
from pathfit.engine.pipeline.bundled import bundled_rules_dir

from .helpers import NOBODY, cli_commands

PERSON = "career_stage: senior_leader\ntrigger: new_role\n"

# Every command that reads a rule set, with a command line that runs on the folder below.
RUNS = {
    "batch": ["in.csv", "--out", "out.jsonl"],
    "docs": [],
    "explain": ["--profile", "person.yaml"],
    "impact": ["--base", "BUNDLED", "--profiles", "in.csv"],
    "interview": ["--profile", "person.yaml"],
    "lint": [],
    "recommend": ["--profile", "person.yaml"],
    "replay": ["record.json"],
    "rules list": [],
    "rules show": ["coaching.trigger"],
    "schema": [],
    "serve": ["--port", "0"],
    "test": [],
}


def _reading_rules() -> set[str]:
    return {words for words, command in cli_commands() if any(p.name == "rules" for p in command.params)}


def test_every_command_that_reads_a_rule_set_is_tried_here():
    assert _reading_rules() == set(RUNS)


@pytest.fixture
def folder(tmp_path, tmp_path_factory, monkeypatch):
    """A folder holding a copy of the bundled rules as ./rules, with the knowledge base they
    cite, a person, a cohort and a record made with those rules."""
    key = tmp_path_factory.mktemp("key") / "audit.key"
    assert CliRunner().invoke(cli, ["audit", "keygen", str(key)]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    bundled = Path(bundled_rules_dir())
    shutil.copytree(bundled, tmp_path / "rules")
    shutil.copyfile(bundled.parent / "knowledge_base.md", tmp_path / "knowledge_base.md")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "person.yaml").write_text(PERSON)
    (tmp_path / "in.csv").write_text("id,career_stage,trigger\nr1,senior_leader,new_role\n")
    made = CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--record", "record.json"])
    assert made.exit_code == 0, made.output
    return tmp_path


@pytest.fixture
def never_listens(monkeypatch):
    """`serve` stopped where it would listen (PF910): it got that far."""
    def listening(host: str, port: int):
        raise fail("PF910", "not in this test", Pos("--port"))

    monkeypatch.setattr(serve_module, "listening", listening)


def _run(words: str, extra: list[str] = ()):
    line = [str(bundled_rules_dir()) if word == "BUNDLED" else word for word in RUNS[words]]
    return CliRunner().invoke(cli, [*words.split(), *line, *extra], input="")


def _chown(top: Path, uid: int) -> None:
    for path in [top, *top.rglob("*")]:
        os.chown(path, uid, uid, follow_symlinks=False)


@pytest.mark.parametrize("words", sorted(RUNS))
def test_another_users_rules_here_are_refused_unless_asked_for(folder, never_listens, words):
    mine = _run(words)
    if words == "serve":
        assert mine.exit_code == 2 and mine.stderr.startswith("--port:0:0: PF910: "), mine.output
    else:
        assert mine.exit_code in (0, 1), mine.output  # lint and test report findings with 1
    for made in ("out.jsonl",):
        (folder / made).unlink(missing_ok=True)
    before = sorted(p.name for p in folder.iterdir())

    _chown(folder / "rules", NOBODY)
    theirs = _run(words)
    assert theirs.exit_code == 2, theirs.output
    assert theirs.stderr.startswith("rules:0:0: PF216: "), theirs.stderr
    assert theirs.stdout == "" and "Traceback" not in theirs.output
    assert sorted(p.name for p in folder.iterdir()) == before

    asked = _run(words, ["--rules", "rules"])
    assert asked.exit_code == mine.exit_code, asked.output


def test_json_output_gave_no_sign_of_whose_rules_decided(folder):
    """Why it matters most for scripts: in JSON the rule set found here is named nowhere on
    stderr, so another user's would have decided without a word."""
    plain = _run("recommend", ["--format", "json"])
    assert plain.exit_code == 0 and plain.stderr == ""
    _chown(folder / "rules", NOBODY)
    refused = _run("recommend", ["--format", "json"])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert json.loads(_run("recommend", ["--format", "json", "--rules", "rules"]).stdout) == json.loads(plain.stdout)
