"""A yes/no word given YAML's own boolean tag (`!!bool "yes"`, `!!bool yes`, `!!bool y`) is read
as the tag says, a boolean, and refused where YAML 1.1's plain `yes` is (PF211, or the error at the
value). Its messages said what they say of a plain `yes`: "YAML 1.1 reads the plain 'yes' as true;
quote it for text", "quote it to mean the text". Neither was true: the value may be quoted already,
and quoted it is still a boolean, since the tag, not YAML 1.1, made it one. Now they name the tag,
and tell to write the text quoted and without it. A plain `yes` is said as before."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.load import parse_yaml

from .helpers import HERE

TAGGED = ['!!bool "yes"', "!!bool 'on'", "!!bool yes", "!!bool y"]


def _problems(tmp: Path, file: str, old: str, new: str) -> list:
    rules = tmp / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    edited = rules / file
    assert old in edited.read_text()
    edited.write_text(edited.read_text().replace(old, new, 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    return [(p.code, p.pos.line, p.pos.col, p.message) for p in info.value.problems]


def _told_of_the_tag(message: str) -> None:
    assert "!!bool" in message and "plain" not in message and "YAML 1.1" not in message, message
    assert "quote it" not in message, message


@pytest.mark.parametrize("written", TAGGED)
def test_a_profile_value_names_the_tag(written: str):
    with Engine.load(HERE / "fixtures" / "tiny") as engine:
        with pytest.raises(PathfitError) as info:
            engine.evaluate(parse_yaml(f"goal: {written}\n", "profile.yaml"), label="profile.yaml")
    [problem] = info.value.problems
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF403", 1, 7)
    _told_of_the_tag(problem.message)


# (file, the text replaced, the same with {} for the tagged word, code, line, column)
WHERE = {
    "a rule's reason": ("rules.yaml", "reason: Not ready.", "reason: {}", "PF211", 28, 13),
    "an operand of an enum fact": ("rules.yaml", "{fact: goal, equals: specific}", "{{fact: goal, equals: {}}}",
                                   "PF211", 5, 39),
    "a schema value": ("schema.yaml", "values: [specific, emerging, undefined]", "values: [specific, emerging, {}]",
                       "PF211", 6, 34),
}


@pytest.mark.parametrize("written", TAGGED)
@pytest.mark.parametrize("where", WHERE)
def test_a_rule_file_names_the_tag(tmp_path: Path, where: str, written: str):
    file, old, new, *expected = WHERE[where]
    [(code, line, col, message)] = _problems(tmp_path, file, old, new.format(written))
    assert [code, line, col] == expected
    _told_of_the_tag(message)


@pytest.mark.parametrize("written", ['!!bool "yes"', "!!bool yes"])
def test_a_flag_names_the_tag(tmp_path: Path, written: str):
    [(code, line, col, message)] = _problems(tmp_path, "schema.yaml", "sensitive: true", f"sensitive: {written}")
    assert (code, line, col) == ("PF211", 23, 16)
    assert "!!bool" in message and "YAML 1.1" not in message, message


@pytest.mark.parametrize("written", ['!!bool "yes"', "!!bool yes"])
def test_lint_names_the_tag(tmp_path: Path, written: str):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    edited = rules / "rules.yaml"
    edited.write_text(edited.read_text().replace("then: {not_now: true}", f"then: {{not_now: {written}}}", 1))
    out = CliRunner().invoke(cli, ["lint", str(rules)])
    [line] = [x for x in out.output.splitlines() if "PF711" in x]
    assert f"{edited}:31:21: PF711:" in line
    assert "!!bool" in line and "YAML 1.1" not in line and "quote it" not in line, line


def test_a_plain_yes_is_said_as_before(tmp_path: Path):
    [(code, line, col, message)] = _problems(tmp_path, "rules.yaml", "reason: Not ready.", "reason: yes")
    assert (code, line, col) == ("PF211", 28, 13)
    assert "quote it" in message and "!!bool" not in message
    with Engine.load(HERE / "fixtures" / "tiny") as engine:
        with pytest.raises(PathfitError) as info:
            engine.evaluate(parse_yaml("goal: yes\n", "profile.yaml"), label="profile.yaml")
    assert "YAML 1.1 reads the plain 'yes' as true; quote it for text" in info.value.problems[0].message
