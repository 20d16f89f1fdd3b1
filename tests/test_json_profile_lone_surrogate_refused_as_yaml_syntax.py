"""A `\\ud800` escape written alone, half of a surrogate pair, is no character. In a `.json`
profile it is refused as the same JSON text is in a JSON Lines row: PF101 at the escape in a
fact's name or value, the words shared (engine/surrogates.py), and in the subject by the
subject's one rule (PF628), as a batch row's and the service's subject. Regression: the profile
was refused by YAML's reader (PF102, "found invalid Unicode character escape code", a column
past the backslash), in a file that is JSON, and its subject never reached the subject's rule.
Each case is a row of the table: the object, the code, and the escape's column in the row."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

TINY = str(Path(__file__).parent / "fixtures" / "tiny")

CASES = [  # (the object, as a profile and as a row's facts; the code both give)
    ('{"goal": "\\ud800"}', "PF101"),
    ('{"needs": ["skill", "x\\udc00y"]}', "PF101"),
    ('{"go\\ud800al": "specific"}', "PF101"),
    ('{"goal": "specific", "subject": "a\\ud800"}', "PF628"),
]


def _invoke(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, list(args))


@pytest.mark.parametrize("text,code", CASES)
def test_a_lone_surrogate_in_a_json_profile_is_refused_as_in_a_json_lines_row(tmp_path, text, code):
    col = text.index("\\u") + 1
    profile = tmp_path / "p.json"
    profile.write_text(text, encoding="utf-8")
    done = _invoke("recommend", "--rules", TINY, "--profile", str(profile))
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"{profile}:1:{col}: {code}: "), done.stderr
    row = '{"id": "r", ' + text[1:]
    source = tmp_path / "in.jsonl"
    source.write_text(row + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert _invoke("batch", "--rules", TINY, str(source), "--out", str(out), "--jobs", "1", "--quiet").exit_code == 1
    error = json.loads(out.read_text())["error"]
    assert error["code"] == code
    said = done.stderr.split(f": {code}: ", 1)[1].rstrip("\n")
    if code == "PF101":  # the same words, of a profile where the row's are of a row
        assert error["col"] == row.index("\\u") + 1
        assert said == error["message"].replace("row holds", "profile holds", 1)
    else:
        assert said == error["message"]


def test_a_lone_surrogate_in_the_facts_blocks_subject_is_the_subjects_problem(tmp_path):
    text = '{"facts": {"goal": "specific", "subject": "\\udfff"}}'
    profile = tmp_path / "p.json"
    profile.write_text(text, encoding="utf-8")
    done = _invoke("recommend", "--rules", TINY, "--profile", str(profile))
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"{profile}:1:{text.index(chr(92)) + 1}: PF628: "), done.stderr
