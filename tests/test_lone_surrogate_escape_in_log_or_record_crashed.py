"""A lone surrogate escape (`\\ud800`) in an audit log line or a record file is refused where it is.

Regression: json.loads reads `"\\ud800"` written alone as half a surrogate pair, which no UTF-8
holds, and the first digest taken over it failed to encode it: `audit verify`, `audit show`,
`audit head`, `replay`, `report` and an append after such a line all stopped with "internal
error: UnicodeEncodeError" (exit 2, no code, no place). A line holding one is now not a
well-formed entry (PF601 at the escape, exit 1 from verify, as any damaged line), a record file
holding one is not a record (PF608 at the escape), and an append after one refuses as after any
damaged last entry (PF601, at its byte).
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import logged_folder, record_refused_by_every_reader

ESCAPE = b"\\ud800"


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path, monkeypatch):
    return logged_folder(tmp_path, monkeypatch)


def _surrogate_in_line(folder, number: int) -> int:
    """Write a lone surrogate escape into the time of line `number` of log.jsonl; -> its column."""
    lines = (folder / "log.jsonl").read_bytes().splitlines(keepends=True)
    line = lines[number - 1]
    at = line.index(b'"time":"') + len(b'"time":"')
    lines[number - 1] = line[:at] + ESCAPE + line[at:]
    (folder / "log.jsonl").write_bytes(b"".join(lines))
    return at + 1  # the line is ASCII up to there: its byte offset is its column


@pytest.mark.parametrize("number", [1, 2])
def test_verify_reports_a_lone_surrogate_escape_in_a_log_line_at_the_escape(folder, number):
    column = _surrogate_in_line(folder, number)
    for args in (["audit", "verify", "log.jsonl"], ["audit", "verify", "log.jsonl", "--format", "json"]):
        result = _run(*args)
        assert result.exit_code == 1, result.output
        if "json" in args:
            problem = json.loads(result.stdout)["problem"]
            assert (problem["code"], problem["line"], problem["col"]) == ("PF601", number, column)
        else:
            assert result.stdout.startswith(f"log.jsonl:{number}:{column}: PF601: "), result.output


def test_readers_of_the_log_give_the_line_and_never_crash(folder):
    """Each says the log does not verify, at the line, as for any damaged line (docs/audit.md)."""
    column = _surrogate_in_line(folder, 2)
    first_id = json.loads((folder / "log.jsonl").read_bytes().splitlines()[0])["record"]["id"]
    for args in (["audit", "show", "log.jsonl"], ["audit", "show", "log.jsonl", "--format", "json"],
                 ["replay", "log.jsonl"], ["report", "log.jsonl", "--id", first_id, "--out", "r.html"]):
        result = _run(*args)
        assert not isinstance(result.exception, UnicodeError) and "internal error" not in result.output, args
        assert f"log.jsonl:2:{column}: PF601: " in result.stderr, (args, result.output)


def test_an_append_after_a_line_holding_one_refuses(folder):
    _surrogate_in_line(folder, 2)
    before = (folder / "log.jsonl").read_bytes()
    result = _run("recommend", "--profile", "person.yaml", "--audit-log", "log.jsonl")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("log.jsonl:0:0: PF601: the last entry (at byte "), result.stderr
    assert (folder / "log.jsonl").read_bytes() == before


def test_a_record_file_holding_one_is_pf608_at_the_escape(folder):
    text = (folder / "d.json").read_text()
    number = next(i for i, line in enumerate(text.splitlines(), 1) if line.lstrip().startswith('"timestamp": "'))
    line = text.splitlines()[number - 1]
    column = line.index('"timestamp": "') + len('"timestamp": "') + 1
    (folder / "d.json").write_text(text.replace('"timestamp": "', '"timestamp": "\\udc00', 1))
    record_refused_by_every_reader(folder, f"d.json:{number}:{column}")


def test_a_surrogate_pair_written_as_escapes_is_one_character_and_still_read(folder):
    """The pair `\\ud83d\\ude00` is one character, written raw in canonical form: as escapes the
    line is not canonical (PF602), never refused as a lone half."""
    lines = (folder / "log.jsonl").read_bytes().splitlines(keepends=True)
    at = lines[1].index(b'"time":"') + len(b'"time":"')
    lines[1] = lines[1][:at] + b"\\ud83d\\ude00" + lines[1][at:]
    (folder / "log.jsonl").write_bytes(b"".join(lines))
    result = _run("audit", "verify", "log.jsonl")
    assert result.exit_code == 1 and result.stdout.startswith("log.jsonl:2:1: PF602: "), result.output


def test_a_head_statement_holding_one_is_pf624_at_the_escape(folder, monkeypatch):
    assert _run("audit", "keygen", "--signing", "sign.key").exit_code == 0
    monkeypatch.setenv("PATHFIT_SIGNING_KEY_FILE", "sign.key")
    assert _run("recommend", "--profile", "person.yaml", "--audit-log", "signed.jsonl").exit_code == 0
    made = _run("audit", "head", "signed.jsonl")
    assert made.exit_code == 0, made.output
    lines = made.stdout.splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if line.lstrip().startswith('"log": "'))
    column = lines[number - 1].index('"log": "') + len('"log": "') + 1
    lines[number - 1] = lines[number - 1].replace('"log": "', '"log": "\\ud800', 1)
    (folder / "head.json").write_text("".join(lines))
    result = _run("audit", "verify", "signed.jsonl", "--public-key", "sign.key.pub", "--head-statement", "head.json")
    assert result.exit_code == 2 and result.stderr.startswith(f"head.json:{number}:{column}: PF624: "), result.output
