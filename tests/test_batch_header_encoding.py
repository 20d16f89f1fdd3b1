"""A cohort file pathfit cannot read at its start (not UTF-8, a header line or cell over the
limits, a header naming no column) is refused whole, as any other bad header is: one
located problem, exit status 2, nothing written. Read as no line at all, such a header
named no column, and every row was then refused as having "more fields than the header's
0" (or, for a cell over the limit, no row was read at all and the run succeeded). UTF-16
or UTF-32 JSON Lines without a byte order mark, whose every row was refused as malformed
JSON, is refused whole at its first row's first NUL byte. A later row that is not UTF-8
stays that row's error."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

ROWS = "id,needs\na,network\nb,network\n"
UTF16_HINT = "the file is UTF-16 (it opens with a UTF-16 byte order mark); save it as UTF-8"
REFUSED = "(the input is refused before any row)"
JSONL = '{"id": "a", "needs": "network"}\n{"id": "b", "needs": "network"}\n'
NUL_HINT = ("the first row holds NUL bytes, as UTF-16 or UTF-32 text without its byte order mark does: "
            f"save the file as UTF-8 {REFUSED}")

CASES = [
    ("u16.csv", ROWS.encode("utf-16"), "1:1", f"PF101: invalid UTF-8 byte 0xff: {UTF16_HINT} {REFUSED}"),
    ("u16be.csv", b"\xfe\xff" + ROWS.encode("utf-16-be"), "1:1", "PF101: invalid UTF-8 byte 0xfe: the file is UTF-16"),
    ("u32.csv", ROWS.encode("utf-32"), "1:1", "PF101: invalid UTF-8 byte 0xff: the file is UTF-32"),
    ("u32be.csv", b"\x00\x00\xfe\xff" + ROWS.encode("utf-32-be"), "1:3",
     "PF101: invalid UTF-8 byte 0xfe: the file is UTF-32"),
    ("latin1.csv", "id,n\xe9eds\na,network\n".encode("latin-1"), "1:5",
     f"PF101: invalid UTF-8 byte 0xe9 in the CSV header: save the file as UTF-8 {REFUSED}"),
    ("spans.csv", b'id,"ne\nx\xe9ds"\na,network\n', "2:2", "PF101: invalid UTF-8 byte 0xe9 in the CSV header"),
    ("u16le.csv", ROWS.encode("utf-16-le"), "1:2",
     "PF101: the CSV header holds NUL bytes, as UTF-16 text without its byte order mark does"),
    # a U+FFFD written in the header is a character like any other: the column names no fact
    ("fffd.csv", "id,needs,stage\ufffd\na,network,\n".encode(), "1:10",
     "PF401: column 'stage\ufffd' names no fact, `id` or `subject`"),
    ("long.csv", b"id," + b"x" * (1024 * 1024 + 5) + b"\na,b\n", "1:1", "PF106: the CSV header is 1048585 bytes; the limit is 1048576"),
    ("wide.csv", b"id," + b"x" * 70_000 + b"\na,b\n", "1:4",
     "PF102: this cell is longer than 65,536 characters, the most a CSV cell may hold (the input is refused "
     "before any row)"),
    ("blank.csv", b"\nid,needs\na,network\n", "1:1", "PF406: the CSV header names no column"),
    ("cut.csv", b'id,"needs', "1:4", "PF102: unclosed quote in the CSV header: the file ends inside the quoted "
     "cell opened here"),  # was read as the header `id,needs`, and no row
    ("commas.csv", b",,\na,network,x\n", "1:1", "PF406: the CSV header names no column"),
    ("u16le.jsonl", JSONL.encode("utf-16-le"), "1:2", f"PF101: {NUL_HINT}"),
    ("u16be.jsonl", JSONL.encode("utf-16-be"), "1:1", f"PF101: {NUL_HINT}"),
    ("u32le.jsonl", JSONL.encode("utf-32-le"), "1:2", f"PF101: {NUL_HINT}"),
    ("blank-u16le.jsonl", b"\n\n" + JSONL.encode("utf-16-le"), "3:2", f"PF101: {NUL_HINT}"),
    ("u16.jsonl", '{"id": "a", "needs": "network"}\n'.encode("utf-16"), "1:1",
     f"PF101: invalid UTF-8 byte 0xff: {UTF16_HINT} {REFUSED}"),
]


def _run(tmp_path: Path, name: str, data: bytes, out_name: str = "out.jsonl", jobs: str = "1"):
    (tmp_path / name).write_bytes(data)
    out = tmp_path / out_name
    return CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(out), "--jobs", jobs]), out


@pytest.mark.parametrize("name, data, at, said", CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("out_name, jobs", [("out.jsonl", "1"), ("out.csv", "2")])
def test_a_file_unreadable_at_its_start_is_refused_whole_at_the_bad_byte(tmp_path, name, data, at, said,
                                                                        out_name, jobs):
    result, out = _run(tmp_path, name, data, out_name, jobs)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / name}:{at}: {said}"), result.stderr
    assert "more than the header's" not in result.stderr and "Traceback" not in result.output
    assert not out.exists() and sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_impact_refuses_such_a_corpus_the_same_way(tmp_path):
    rules = str(Path(__file__).resolve().parent.parent / "rules")
    for name, data, at, said in CASES[0], CASES[4], CASES[-1]:
        (tmp_path / name).write_bytes(data)
        result = CliRunner().invoke(cli, ["impact", "--base", rules, "--rules", rules, "--profiles", str(tmp_path / name)])
        assert result.exit_code == 2, result.output
        assert len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith(f"{tmp_path / name}:{at}: {said}"), result.stderr


@pytest.mark.parametrize("name, data, line, col", [
    ("rows.csv", b"id,needs\na,network\nb,n\xe9twork\nc,network\n", 3, 4),
    ("rows.jsonl", b'{"id": "a"}\n{"id": "b\xe9"}\n{"id": "c"}\n', 2, 10),
    ("first.jsonl", b'{"id": "\xe9"}\n{"id": "b"}\n', 1, 9),  # JSON Lines has no header: its first line is a row
])
def test_a_row_that_is_not_utf8_stays_that_rows_error(tmp_path, name, data, line, col):
    result, out = _run(tmp_path, name, data)
    assert result.exit_code == 1, result.output
    rows = [json.loads(text) for text in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["errors"][0]["code"], r["errors"][0]["line"]) for r in rows if r["errors"]] == [("PF101", line)]
    assert sum(1 for r in rows if not r["errors"]) == len(rows) - 1
    assert f"{tmp_path / name}:{line}:{col}: PF101: invalid UTF-8 byte 0xe9" in result.stderr  # at the byte


def test_a_nul_byte_after_the_first_jsonl_row_stays_that_rows_error(tmp_path):
    data = b'{"id": "a"}\n{"id": "b"}\x00\n{"id": "c"}\n'
    result, out = _run(tmp_path, "later.jsonl", data)
    assert result.exit_code == 1, result.output
    rows = [json.loads(text) for text in out.read_text(encoding="utf-8").splitlines()]
    # a control character, refused at it as a profile refuses one (it was read as U+FFFD, then as bad JSON)
    assert [(r["id"], [(e["code"], e["col"]) for e in r["errors"]]) for r in rows] == [
        ("a", []), (None, [("PF101", 12)]), ("c", [])]


def test_a_utf8_bom_is_still_read(tmp_path):
    result, out = _run(tmp_path, "bom.csv", b"\xef\xbb\xbf" + ROWS.encode())
    assert result.exit_code == 0, result.output
    assert [json.loads(t)["id"] for t in out.read_text(encoding="utf-8").splitlines()] == ["a", "b"]
