"""./rules, found unasked, is read only if no one but the user could have written what it holds.

Regression: only ./rules itself had to be the user's. A ./rules of the user's holding a rule
file, a schema.yaml or a rule test of another user's (put there while the folder was writable
by them), or one any user may write (the folder itself, or a file in it, mode o+w, as a shared
folder made under a umask of 000 has), was read unasked like any other: anyone on the machine
could change the advice every command gave. Now each is PF216 at what another could have
written, exit status 2, nothing on stdout; `--rules rules` reads it, asked.
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
PERSON = "career_stage: senior_leader\ntrigger: new_role\n"
PLANTED = """rules:
  - id: planted.always
    reason: Planted.
    cites: [focus]
    when: {fact: trigger, equals: new_role}
    then: {evidence: {mentoring: 9}}
"""


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """The user's own copy of the bundled rules as ./rules, with the knowledge base they cite."""
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    bundled = Path(bundled_rules_dir())
    shutil.copytree(bundled, tmp_path / "rules")
    shutil.copyfile(bundled.parent / "knowledge_base.md", tmp_path / "knowledge_base.md")
    (tmp_path / "person.yaml").write_text(PERSON)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _recommend(*extra: str):
    return CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--format", "json", *extra])


CASES = {  # what another could have written -> how it came to be so
    "rules/coaching.yaml": lambda f: os.chown(f / "rules" / "coaching.yaml", NOBODY, NOBODY),
    "rules/schema.yaml": lambda f: os.chown(f / "rules" / "schema.yaml", NOBODY, NOBODY),
    "rules/tests/coaching.yaml": lambda f: os.chown(f / "rules" / "tests" / "coaching.yaml", NOBODY, NOBODY),
    "rules/judgements.yaml": lambda f: os.chmod(f / "rules" / "judgements.yaml", 0o666),
    "rules": lambda f: os.chmod(f / "rules", 0o777),
}


@pytest.mark.parametrize("where", sorted(CASES))
def test_what_another_could_have_written_in_the_users_rules_is_refused_unless_asked_for(folder, where):
    mine = _recommend()
    assert mine.exit_code == 0, mine.output
    CASES[where](folder)
    refused = _recommend()
    assert refused.exit_code == 2, refused.output
    assert refused.stderr.startswith(f"{where}:0:0: PF216: "), refused.stderr
    assert refused.stdout == "" and "Traceback" not in refused.output
    asked = _recommend("--rules", "rules")
    assert asked.exit_code == 0 and asked.stdout == mine.stdout


def test_a_planted_rule_file_changes_the_advice_which_is_why_it_is_refused(folder):
    """The reference for the cases above: a rule file put in ./rules is read as part of it."""
    mine = _recommend()
    (folder / "rules" / "planted.yaml").write_text(PLANTED)
    os.chown(folder / "rules" / "planted.yaml", NOBODY, NOBODY)
    assert _recommend("--rules", "rules").stdout != mine.stdout
    refused = _recommend()
    assert refused.exit_code == 2 and refused.stderr.startswith("rules/planted.yaml:0:0: PF216: "), refused.output


@pytest.mark.parametrize("where, mode, refused", [
    ("rules/judgements.yaml", 0o602, True), ("rules/tests/coaching.yaml", 0o646, True), ("rules", 0o703, True),
    ("rules/tests", 0o757, True),
    ("rules/judgements.yaml", 0o664, False), ("rules/tests/coaching.yaml", 0o660, False), ("rules", 0o775, False),
    ("rules/tests", 0o770, False),
])
def test_writable_by_any_user_is_the_others_write_bit_alone(folder, where, mode, refused):
    """Mode o+w is what refuses (PF216 at it), whatever the group may do: 602 and 703 have it
    and nothing else of the group's, and a group-writable rule set (664, 775, as made under a
    umask of 002) is the user's and read unasked. The cases above are 666 and 777, which set
    the group's bit too, so a check of the group's bit passed them."""
    mine = _recommend()
    assert mine.exit_code == 0, mine.output
    os.chmod(folder / where, mode)
    found = _recommend()
    if refused:
        assert found.exit_code == 2, found.output
        assert found.stderr.startswith(f"{where}:0:0: PF216: "), found.stderr
        assert found.stdout == ""
    else:
        assert found.exit_code == 0 and found.stdout == mine.stdout, found.output
