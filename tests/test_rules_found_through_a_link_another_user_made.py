"""A ./rules that is a link another user made is not read unasked, wherever it leads.

Regression: whose ./rules was judged by what the name leads to. In a folder others may write,
another user could make ./rules a link to a rule set of this user's they chose (a draft, an
old copy), and every command run there without --rules gave its advice: in JSON without a word
of which rule set it was. Now such a link is PF216 at `rules`; `--rules rules` reads it, asked.
A link of the user's own to their own rule set is read as before, and one of theirs to another
user's folder is refused, said as what it is: a link to a folder of another user's.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.bundled import bundled_rules_dir

NOBODY = 65534


@pytest.fixture
def shared(tmp_path, monkeypatch):
    """A folder any user may write (as /tmp) to run in, and a rule set of this user's elsewhere,
    a draft whose advice differs from the bundled rules'."""
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    bundled = Path(bundled_rules_dir())
    draft = tmp_path / "mine" / "draft"
    shutil.copytree(bundled, draft)
    shutil.copyfile(bundled.parent / "knowledge_base.md", tmp_path / "mine" / "knowledge_base.md")
    (draft / "coaching.yaml").write_text((draft / "coaching.yaml").read_text().replace(
        "then: {evidence: {coaching: 2}}", "then: {evidence: {coaching: 0.5}}"))
    here = tmp_path / "shared"
    here.mkdir()
    os.chmod(here, 0o1777)
    (here / "person.yaml").write_text("career_stage: senior_leader\ntrigger: new_role\nneeds: [performance]\n"
                                      "goal_clarity: specific\nmeasurable_soon: true\n")
    monkeypatch.chdir(here)
    return here, draft


def _recommend(*extra: str):
    return CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--format", "json", *extra])


def test_a_link_another_user_made_to_a_rule_set_of_the_users_is_refused_unless_asked_for(shared):
    here, draft = shared
    bundled = _recommend()
    (here / "rules").symlink_to(draft)
    mine = _recommend()
    assert mine.exit_code == 0 and mine.stdout != bundled.stdout  # the draft decides: the link is read
    os.lchown(here / "rules", NOBODY, NOBODY)
    refused = _recommend()
    assert refused.exit_code == 2, refused.output
    assert refused.stderr.startswith("rules:0:0: PF216: "), refused.stderr
    assert refused.stdout == ""
    assert _recommend("--rules", "rules").stdout == mine.stdout


def test_a_link_of_the_users_to_another_users_folder_is_said_to_be_one(shared):
    here, draft = shared
    for path in [draft, *draft.rglob("*")]:
        os.chown(path, NOBODY, NOBODY)
    (here / "rules").symlink_to(draft)
    refused = _recommend()
    assert refused.exit_code == 2 and refused.stderr.startswith("rules:0:0: PF216: "), refused.output
    assert "./rules is a link to a folder of another user's (uid 65534)" in refused.stderr
