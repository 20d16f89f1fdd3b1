"""A control character written as an escape in the subject (`"a\\u0007"`) is one mistake with
one code every way in: the subject's rule refuses it (PF628, at the value), in a YAML or JSON
profile (top level, or beside the facts of an example-style file) as in a JSON Lines row,
`--subject` and the service. Written raw, it is refused as the file is read (PF101), as every
control character in a file is.

Regression: a YAML or JSON profile's escaped one was PF101 (the reader refused it as any
text), where a JSON Lines row's was PF628."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

TINY = Path(__file__).parent / "fixtures" / "tiny"
PROFILES = {  # name -> (text, where the subject's value stands)
    "p.yaml": ('subject: "a\\u0007"\nhours: 3\n', "1:10"),
    "p.json": ('{"subject": "a\\u0007", "hours": 3}\n', "1:13"),
    "e.yaml": ('description: x\nsubject: "a\\a"\nfacts:\n  hours: 3\n', "2:10"),
    "f.yaml": ('facts:\n  hours: 3\n  subject: "a\\e[8m"\n', "3:12"),
}


def _run(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["recommend", "--rules", str(TINY), *args]
                                                         if args[0] != "batch" else [*args, "--rules", str(TINY)])


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_a_profiles_escaped_control_in_the_subject_is_the_subjects_pf628(name: str, tmp_path: Path) -> None:
    text, at = PROFILES[name]
    (tmp_path / name).write_text(text)
    done = _run("--profile", str(tmp_path / name))
    assert done.exit_code == 2, done.output
    assert [line.split(": ")[:2] for line in done.stderr.strip().splitlines()] == [[f"{tmp_path / name}:{at}", "PF628"]]


def test_a_json_lines_rows_is_the_same_code_and_a_raw_one_stays_pf101(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl").write_text('{"id": "r1", "subject": "a\\u0007", "hours": 3}\n')
    _run("batch", str(tmp_path / "c.jsonl"), "--out", str(tmp_path / "out.jsonl"))
    error = json.loads((tmp_path / "out.jsonl").read_text())["error"]
    assert (error["code"], error["line"], error["col"]) == ("PF628", 1, 25)
    (tmp_path / "raw.yaml").write_text("subject: a\x07\nhours: 3\n")
    done = _run("--profile", str(tmp_path / "raw.yaml"))
    assert done.stderr.split(": ")[:2] == [f"{tmp_path / 'raw.yaml'}:1:11", "PF101"], done.output
    (tmp_path / "v.yaml").write_text('subject: a\ngoal: "specific\\a"\n')  # a fact's value: PF101, as before
    assert _run("--profile", str(tmp_path / "v.yaml")).stderr.split(": ")[1] == "PF101"
