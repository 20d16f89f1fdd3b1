"""Regression: a `.json` profile holding a character past U+FFFF written as JSON writes it,
a surrogate pair escape (`"\\ud83d\\ude00"`, what Python's json.dumps writes for an emoji
by default), was refused by YAML's reader, which reads no pair (PF102, "found invalid Unicode
character escape code"), where the same JSON as a JSON Lines row is read as the character.
A pair is now read as the character it writes, each fact where it is written; a lone half is
still PF101 (tests/test_json_profile_lone_surrogate_refused_as_yaml_syntax.py)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

RULES = str(ROOT / "rules")


def _recommend(profile) -> object:
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(
        cli, ["recommend", "--rules", RULES, "--profile", str(profile), "--format", "json"])


def test_a_subject_with_an_emoji_as_json_dumps_writes_it_is_read(tmp_path):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"subject": "Zo\u00eb \U0001F600", "goal_clarity": "specific"}) + "\n")
    assert "\\ud83d\\ude00" in profile.read_text()
    done = _recommend(profile)
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["facts"] == {"goal_clarity": "specific"}


def test_a_value_after_a_pair_on_its_line_is_located_where_it_is_written(tmp_path):
    profile = tmp_path / "p.json"
    text = '{"subject": "\\ud83d\\ude00\\ud83d\\ude00", "goal_clarity": "vague"}\n'
    profile.write_text(text)
    done = _recommend(profile)
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"{profile}:1:{text.index('vague')}: PF403: "), done.stderr


def test_an_escaped_backslash_before_a_pair_still_reads_the_pair(tmp_path):
    profile = tmp_path / "p.json"
    text = '{"subject": "a\\\\\\ud83d\\ude00", "goal_clarity": "specific"}\n'
    assert json.loads(text)["subject"] == "a\\\U0001F600"
    profile.write_text(text)
    done = _recommend(profile)
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout)["facts"] == {"goal_clarity": "specific"}


def test_a_key_holding_a_pair_and_the_value_after_it_are_located_where_written(tmp_path):
    profile = tmp_path / "p.json"
    text = '{"goal\\ud83d\\ude00": "x",\n "goal_clarity": "vague"}\n'
    profile.write_text(text)
    done = _recommend(profile)
    assert done.exit_code == 2, done.output
    located = [line.split(": ")[:2] for line in done.stderr.splitlines()]
    assert located == [[f"{profile}:1:2", "PF401"], [f"{profile}:2:18", "PF403"]], done.stderr
