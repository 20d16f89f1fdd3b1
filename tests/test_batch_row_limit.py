"""The row limit (1 MiB) holds for a CSV row as a whole, its record, as documented, and PF106
gives the row's size. Regressions: the limit was applied to each line alone, so a row of
lines each under it (a 1.08 MB row over 60 KB lines) was decided, and a row spanning line 2
(11 bytes) and line 3 (1,100,012 bytes) said "row is 1100012 bytes"; a row refused for its
size, a line that is not UTF-8 or a cell over the field limit said "no id" though its id cell
was read whole before the fault."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.cohort.lines import MAX_ROW_BYTES

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def _batch(tmp_path, data: bytes, *rules: str):
    (tmp_path / "in.csv").write_bytes(data)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.jsonl"),
                                      "--jobs", "1", *rules])
    return result, [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]


def _errors(row: dict) -> list[tuple]:
    return [(e["code"], e["line"], e["col"]) for e in row["errors"]]


def test_pf106_gives_the_size_of_the_whole_row(tmp_path):
    first, second = b'd,"network\n', b"y" * 1_100_010 + b'"\n'
    result, rows = _batch(tmp_path, b"id,needs,goal\n" + first + second + b"e,network,specific\n", "--rules", TINY)
    assert result.exit_code == 1, result.output
    assert [(r["row"], r["id"]) for r in rows] == [(1, "d"), (2, "e")]
    assert _errors(rows[0]) == [("PF106", 2, 1)]
    assert rows[0]["error"]["message"] == f"row is {len(first) + len(second)} bytes; the limit is {MAX_ROW_BYTES}"
    assert len(first) + len(second) == 1_100_023


def test_a_valid_row_over_the_limit_in_lines_under_it_is_refused_not_decided(tmp_path):
    """As the bundled rules' schema takes it: every cell under the field limit, every line under
    the row limit, the row over it."""
    from pathfit.engine import Engine

    with Engine.load() as engine:
        names = [n for n, f in engine.ruleset.facts.items() if f.type == "bool" and f.kind == "input"][:20]
    cell = '"' + " " * 60_000 + '\nno"'  # `no`, blanks and a line break around it: 60,005 bytes over two lines
    row = ",".join(["big"] + [cell] * len(names)) + "\n"
    assert len(row.encode()) > MAX_ROW_BYTES
    result, rows = _batch(tmp_path, (",".join(["id"] + names) + "\n" + row).encode())
    assert result.exit_code == 1, result.output
    assert [(r["row"], r["id"], r["outcome"]) for r in rows] == [(1, "big", None)]
    assert _errors(rows[0]) == [("PF106", 2, 1)]
    assert rows[0]["error"]["message"] == f"row is {len(row.encode())} bytes; the limit is {MAX_ROW_BYTES}"


def test_a_row_not_utf8_keeps_the_id_read_before_the_bad_line(tmp_path):
    result, rows = _batch(tmp_path, b'id,needs,goal\nd,"network\n\xff",specific\ne,network,specific\n',
                          "--rules", TINY)
    assert result.exit_code == 1, result.output
    assert [(r["row"], r["id"], _errors(r)) for r in rows] == [(1, "d", [("PF101", 3, 1)]), (2, "e", [])]  # at the byte
    assert "(row 1, id d)" in result.stderr


def test_a_row_refused_on_its_first_line_keeps_its_id_regression_one_line_rows_said_no_id(tmp_path):
    """The id was kept only from lines held whole before the fault, so the same row said "no id"
    where its bad byte or its size fell on its own first line, and its id where it fell on a later one."""
    big = b"r2,network," + b'"' + b"y" * 1_100_000 + b'"\n'
    for data, code, at in ((b"r1,network,spec\xffific\n", "PF101", (2, 16)), (big, "PF106", (2, 1)),
                           (b'r3,network,"x\n\xff"\n', "PF101", (3, 1))):  # a bad byte where it is
        result, rows = _batch(tmp_path, b"id,needs,goal\n" + data + b"e,network,specific\n", "--rules", TINY)
        assert result.exit_code == 1, result.output
        assert [r["id"] for r in rows] == [data.split(b",")[0].decode(), "e"]
        assert _errors(rows[0]) == [(code, *at)]


def test_an_id_cut_by_the_fault_is_not_taken_for_the_id(tmp_path):
    """Only an id cell read whole, a comma after it, before the first bad byte names the row."""
    result, rows = _batch(tmp_path, b"id,needs,goal\nr\xff2,network,specific\n", "--rules", TINY)
    assert [r["id"] for r in rows] == [None]
    assert _errors(rows[0]) == [("PF101", 2, 2)]
