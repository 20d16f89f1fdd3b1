"""A small number read from a file was said as Python writes it, in exponent form: a rule file's
`min: 0.000_01` was told "YAML 1.1 reads 1e-05; write 1e-05", a form that is itself refused
(PF211: text to YAML 1.1), and a profile's `goal: 0.00001` was "not 1e-05". Such a number is
now said in full (0.00001), as an out-of-range one already was; one whose full form would run
long (1.5e-300) keeps the short form."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.load import parse_yaml

from .helpers import HERE

EXPONENT = re.compile(r"\de[-+]?\d")


def _load_messages(tmp: Path, file: str, old: str, new: str) -> list:
    rules = tmp / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    edited = rules / file
    edited.write_text(edited.read_text().replace(old, new, 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    return [(p.code, p.pos.line, p.pos.col, p.message) for p in info.value.problems]


@pytest.mark.parametrize("file,old,new,at", [
    ("schema.yaml", "    min: 0\n", "    min: 0.000_01\n", (10, 10)),
    ("rules.yaml", "{fact: hours, gte: 4}", "{fact: hours, gte: 0.000_01}", (5, 69)),
])
def test_a_number_told_how_to_write_is_told_a_form_that_is_taken(tmp_path: Path, file, old, new, at):
    [(code, line, col, message)] = _load_messages(tmp_path, file, old, new)
    assert (code, (line, col)) == ("PF211", at)
    assert "write 0.00001" in message and not EXPONENT.search(message), message


@pytest.mark.parametrize("profile,said", [
    ("goal: 0.00001\n", "not 0.00001"),
    ("ready: 0.0000001\n", "not 0.0000001"),
    ("needs: [0.00001]\n", "not 0.00001"),
])
def test_a_value_given_is_said_in_full(profile: str, said: str):
    with Engine.load(HERE / "fixtures" / "tiny") as engine:
        with pytest.raises(PathfitError) as info:
            engine.evaluate(parse_yaml(profile, "profile.yaml"), label="profile.yaml")
    [problem] = info.value.problems
    assert said in problem.message and not EXPONENT.search(problem.message), problem.message


def test_a_json_profile_value_is_said_in_full(tmp_path: Path):
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps({"goal": 1e-7}))
    out = CliRunner().invoke(cli, ["recommend", "--rules", str(HERE / "fixtures" / "tiny"), "--profile", str(profile)])
    assert out.exit_code == 2
    assert f"{profile}:1:10: PF403: goal is one of specific, emerging, undefined; not 0.0000001\n" in out.stderr


def test_a_number_whose_full_form_runs_long_keeps_its_short_form():
    with Engine.load(HERE / "fixtures" / "tiny") as engine:
        with pytest.raises(PathfitError) as info:
            engine.evaluate(parse_yaml("goal: 1.5e-300\n", "profile.yaml"), label="profile.yaml")
    assert info.value.problems[0].message.endswith("not 1.5e-300")
