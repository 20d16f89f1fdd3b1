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


@pytest.mark.parametrize("written, code", [("1e1", "PF407"), ("-.5", "PF407"), ("0o14", "PF407"), ("010", "PF407"),
                                           ("!!str 1e1", "PF402"), ('"1e1"', "PF402"), ("|\n  1e1", "PF402")])
def test_only_a_plain_yaml_scalar_is_written_as_a_number(written: str, code: str, tmp_path: Path) -> None:
    """Plain, the text is a number as written, one readers disagree on; tagged, quoted or a
    block it is text to every reader. A later value of a key written twice is judged alike."""
    (tmp_path / "p.yaml").write_text(f"hours: {written}\n")
    (tmp_path / "twice.yaml").write_text(f"hours: 3\nhours: {written}\n")
    said = _first(_run("recommend", "--rules", str(TINY), "--profile", str(tmp_path / "p.yaml")))
    assert said.startswith(f"{tmp_path / 'p.yaml'}:1:8: {code}: "), said
    done = _run("recommend", "--rules", str(TINY), "--profile", str(tmp_path / "twice.yaml"))
    assert f"{tmp_path / 'twice.yaml'}:2:8: {code}: " in done.stderr, done.stderr
