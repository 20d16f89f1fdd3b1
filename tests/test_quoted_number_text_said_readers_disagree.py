"""Text that looks like a number, given where a value has a type (a quoted YAML scalar, a
JSON string in a profile, a JSON Lines row or a program's dict), is text to every reader:
refused as text for a number (PF402, at the value), as a quoted `'3'` is, never told that
"readers disagree on it" (PF407), which is false of it. Untyped text (`--fact`, a CSV cell)
keeps PF407, since there `010` or `1e1` is written as a number is.

Regression: a quoted `'010'` was PF407 "YAML 1.1 reads it as octal 8", and `"1e1"` PF407."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError

TINY = Path(__file__).parent / "fixtures" / "tiny"


def _run(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, list(args))


def _first(done) -> str:
    assert done.exit_code == 2 and "Traceback" not in done.output, done.output
    return done.stderr.strip().splitlines()[0]


@pytest.mark.parametrize("text", ["010", "1e1", "0x10", "3"])
def test_a_quoted_number_like_text_is_text_in_yaml_and_json_profiles(text: str, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(f"hours: '{text}'\n")
    (tmp_path / "p.json").write_text(f'{{"hours": "{text}"}}\n')
    said = [_first(_run("recommend", "--rules", str(TINY), "--profile", str(tmp_path / f"p.{kind}")))
            for kind in ("yaml", "json")]
    assert said[0].startswith(f"{tmp_path / 'p.yaml'}:1:8: PF402: "), said
    assert said[1].startswith(f"{tmp_path / 'p.json'}:1:11: PF402: "), said


def test_a_json_lines_row_and_a_programs_text_are_text_too(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"id": "a", "hours": "010"}\n{"id": "b", "hours": "1e1"}\n')
    _run("batch", "--rules", str(TINY), str(tmp_path / "c.jsonl"), "--out", str(tmp_path / "out.jsonl"))
    rows = [json.loads(line)["error"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["code"], r["line"], r["col"]) for r in rows] == [("PF402", 1, 22), ("PF402", 2, 22)]
    with Engine.load(TINY) as engine:
        with pytest.raises(PathfitError) as info:
            engine.evaluate({"hours": "010"})
    assert [p.code for p in info.value.problems] == ["PF402"]


def test_untyped_text_keeps_readers_disagree(tmp_path: Path) -> None:
    assert "PF407" in _first(_run("recommend", "--rules", str(TINY), "--fact", "hours=010"))
    (tmp_path / "c.csv").write_text("id,hours\na,010\n")
    _run("batch", "--rules", str(TINY), str(tmp_path / "c.csv"), "--out", str(tmp_path / "out.jsonl"))
    assert json.loads((tmp_path / "out.jsonl").read_text())["error"]["code"] == "PF407"


@pytest.mark.parametrize("written, code", [
    ("'010'", "PF402"), ('"1e1"', "PF402"), ("!!str 010", "PF402"), ("|\n    010", "PF402"), ("&a '010'", "PF402"),
    ("010", "PF407"), ("1e1", "PF407"), ("0x10", "PF407"), ("!!int '010'", "PF407"),  # a number, as written
])
def test_how_a_yaml_value_was_written_decides_the_code(written: str, code: str, tmp_path: Path) -> None:
    (tmp_path / "p.yaml").write_text(f"facts:\n  hours: {written}\n")
    assert _first(_run("recommend", "--rules", str(TINY), "--profile", str(tmp_path / "p.yaml"))).startswith(
        f"{tmp_path / 'p.yaml'}:2:10: {code}: ")


def test_a_profile_on_stdin_is_told_apart_from_the_text_read(tmp_path: Path) -> None:
    """Standard input cannot be read again: how the value was written is told from the text read."""
    for written, code in (("'010'", "PF402"), ("010", "PF407")):
        done = CliRunner(env={"PATHFIT_RULES": None}).invoke(
            cli, ["recommend", "--rules", str(TINY), "--profile", "-"], input=f"hours: {written}\n")
        assert _first(done).startswith(f"<stdin>:1:8: {code}: "), done.stderr


def test_a_json_string_typed_by_fact_is_text_and_a_json_number_is_not(tmp_path: Path) -> None:
    assert _first(_run("recommend", "--rules", str(TINY), "--fact", 'hours="010"')).startswith("--fact:0:0: PF402: ")
    (tmp_path / "p.yaml").write_text("hours: 5\n")  # put over a profile's value, alike
    assert _first(_run("recommend", "--rules", str(TINY), "--profile", str(tmp_path / "p.yaml"), "--fact",
                       'hours="010"')).startswith("--fact:0:0: PF402: ")
    (tmp_path / "p.json").write_text('{"hours": 10.000000000000000001}\n')  # a number JSON wrote: said why not taken
    said = _first(_run("recommend", "--rules", str(TINY), "--profile", str(tmp_path / "p.json")))
    assert said.startswith(f"{tmp_path / 'p.json'}:1:11: PF402: ") and "more digits" in said, said


def test_a_rule_test_case_tells_quoted_from_plain(tmp_path: Path) -> None:
    from .helpers import tiny_with_cases

    rules = tiny_with_cases(tmp_path, "cases:\n  - name: quoted\n    profile: {hours: '010'}\n    expect: {outcome: coaching}\n"
                                      "  - name: plain\n    profile: {hours: 010}\n    expect: {outcome: coaching}\n")
    done = _run("test", str(rules))
    assert done.exit_code == 2, done.output
    codes = [line.split(": ")[1] for line in done.stderr.splitlines() if ": PF4" in line]
    assert codes == ["PF402", "PF407"], done.stderr


def test_a_number_json_keeps_as_written_is_no_subject(tmp_path: Path) -> None:
    """`--fact subject=12` was refused as a number, but `subject=10.000000000000000001`, a number
    no float holds as written, was taken as the text of the subject."""
    done = _run("recommend", "--rules", str(TINY), "--fact", "hours=4", "--fact", "subject=10.000000000000000001")
    assert _first(done).startswith("--fact:0:0: PF628: "), done.output
