"""`pathfit batch` on a CSV with a record that cannot be read: a line that is not UTF-8 or
is over 1 MiB inside a quoted cell, or a cell over the 64 KiB field limit. That record is
exactly one error result, at the line it starts on, and every later row gets its own result
with its own row number and line, in the output, the summary and the audit log, the same
for any --jobs.

Regressions (the reviewer's repros): the csv reader was handed a bare newline for a bad or
long line, so a closing quote on it was lost and the quoted cell ran to the end of the file
(Ann and Bob were in neither output nor summary, which said "1 rows"); past a cell over
the field limit the reader resumed inside the record, and the record's remainder was
decided, and a sealed record committed for it, as a person with the id `more"`."""
from __future__ import annotations

import csv
import io
import json
import random
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.cohort import csv_read, lines
from pathfit.engine.cohort.lines import MAX_ROW_BYTES
from pathfit.engine.cohort.rows import read_rows

DROP = (b'id,needs,subject\nr1,"network;\nperformance",Zo\xeb\nr2,network,Ann\n'
        b'r3,performance,Bob\n')
HUGE = (b'id,career_stage,needs\nr0,executive,performance\n"r1","a\n' + b"x" * (MAX_ROW_BYTES + 100)
        + b'",executive\nr2,executive,performance\nr3,executive,network\nr4,executive,performance\n')
FIELD = (b'id,career_stage,needs\nr1,executive,"performance\n' + b"y" * 70000
         + b'\nmore",executive,performance\nr2,executive,performance\n')

# input, then each result as (row, id, error code, error line or None), then the summary's first line
CASES = {  # each refused record keeps its id, read whole before the fault
    "drop": (DROP, [(1, "r1", "PF101", 3), (2, "r2", None, None), (3, "r3", None, None)],
             "3 rows: undetermined 2; errors 1"),
    "huge": (HUGE, [(1, "r0", None, None), (2, "r1", "PF106", 3), (3, "r2", None, None), (4, "r3", None, None),
                    (5, "r4", None, None)], "5 rows: undetermined 4; errors 1"),
    "field": (FIELD, [(1, "r1", "PF102", 2), (2, "r2", None, None)], "2 rows: undetermined 1; errors 1"),
}
# the column each refused record's error is at: its first byte that is not UTF-8, the record's start
# for one over the size limit, or the cell over the field limit
ERROR_COLUMN = {"drop": 16, "huge": 1, "field": 14}
# each readable row: the line it starts on, where a problem of its own is located
OWN_LINES = {"drop": {"r2": 4, "r3": 5}, "huge": {"r0": 2, "r2": 5, "r3": 6, "r4": 7}, "field": {"r2": 5}}


def _run(tmp_path, name: str, jobs: str, *more: str):
    path = tmp_path / f"{name}.csv"
    path.write_bytes(CASES[name][0])
    out = tmp_path / f"{name}.{jobs}.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(path), "--out", str(out), "--jobs", jobs, *more])
    return result, out


def _results(out) -> list[tuple]:
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    return [(r["row"], r["id"], r["error"] and r["error"]["code"], r["error"] and r["error"]["line"]) for r in rows]


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_unreadable_csv_record_is_one_error_and_every_later_row_its_own_result(tmp_path, name, jobs):
    result, out = _run(tmp_path, name, jobs)
    _, expected, summary = CASES[name]
    assert result.exit_code == 1, result.output
    assert _results(out) == expected
    said = result.stderr.splitlines()
    assert said[0] == summary
    (row, the_id, code, line), = [r for r in expected if r[2]]
    assert len(said) == 2, result.stderr  # the summary, then the one error
    assert said[1].startswith(f"  {tmp_path / name}.csv:{line}:{ERROR_COLUMN[name]}: {code}: ")
    assert said[1].endswith(f" (row {row}, id {the_id})")


@pytest.mark.parametrize("name", sorted(CASES))
def test_rows_after_an_unreadable_record_are_located_at_their_own_lines(tmp_path, name):
    """Each other row's own problem (an id over 256 characters) is at the line and column of
    its id: the row is read from its own text, not from a record run into the one before."""
    data = CASES[name][0]
    for the_id in OWN_LINES[name]:
        data = data.replace(b"\n" + the_id.encode() + b",", b"\n" + b"z" * 300 + b",", 1)
    path = tmp_path / f"{name}.csv"
    path.write_bytes(data)
    result = CliRunner().invoke(cli, ["batch", str(path), "--out", str(tmp_path / "o.jsonl"), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    rows = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    wanted = {row: OWN_LINES[name][the_id] for row, the_id, _, _ in CASES[name][1] if the_id in OWN_LINES[name]}
    assert {r["row"]: (r["error"]["code"], r["error"]["line"], r["error"]["col"]) for r in rows
            if r["row"] in wanted} == {row: ("PF406", line, 1) for row, line in wanted.items()}


@pytest.mark.parametrize("name", sorted(CASES))
def test_jobs_2_writes_the_same_output_as_jobs_1(tmp_path, name):
    one, out1 = _run(tmp_path, name, "1")
    two, out2 = _run(tmp_path, name, "2")
    assert out1.read_bytes() == out2.read_bytes()
    assert one.stderr == two.stderr


def test_the_remainder_of_a_record_over_the_field_limit_gets_no_sealed_record(tmp_path, monkeypatch):
    from .audit_support import make_key

    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log = tmp_path / "audit.jsonl"
    result, out = _run(tmp_path, "field", "1", "--audit-log", str(log))
    assert result.exit_code == 1, result.output
    sources = [json.loads(line)["record"]["source"] for line in log.read_text().splitlines()
               if "record" in json.loads(line)]
    assert [(s["id"], s["row"]) for s in sources] == [("r2", 2)]
    assert b"more" not in out.read_bytes()


SMALL_LINE, SMALL_FIELD = 40, 20  # the limits, made small so that random files reach them


def _reference(data: bytes) -> list[tuple]:
    """Each record of `data` (a header, then records) as the csv reader reads the whole file,
    every line decoded (surrogateescape keeps a bad byte, and every quote, where it is) and
    no field limit: (row, line it starts on, its error codes allowed, or () for none). A
    record with a line that is not UTF-8, or over the limit as a whole, may be refused for that
    or for a cell over the limit; any other error is exactly the reader's (PF102) or the
    field count's (PF406). A record the file ends inside a quoted cell of is PF102 (an unclosed
    quote): a blank line put after the file is read into it, where after any other record it
    is a blank line, no row, as a record whose every cell is empty or blank is."""
    raw = re.findall(rb"[^\n]*\n|[^\n]+$", data)  # lines as lines.read_lines cuts them: at \n only
    bad = {n for n, line in enumerate(raw, 1) if len(line) > SMALL_LINE or _not_utf8(line)}
    reader = csv.reader([line.decode("utf-8", "surrogateescape") for line in raw] + ["\n"])
    next(reader)
    out: list[tuple] = []
    while True:
        start = reader.line_num + 1
        try:
            cells, code = next(reader), None
        except StopIteration:
            return out
        except csv.Error:
            cells, code = None, "PF102"
        if reader.line_num > len(raw):  # the blank line put after the file
            if start > len(raw):
                return out
            code = "PF102"
        lines_read = range(start, min(reader.line_num, len(raw)) + 1)
        # a record over the limit as a whole, whatever its lines, is unreadable as one with such a line
        unreadable = any(n in bad for n in lines_read) or sum(len(raw[n - 1]) for n in lines_read) > SMALL_LINE
        if code is None and max(map(len, cells), default=0) > SMALL_FIELD:
            code = "PF102"
        if code is None and not unreadable and not "".join(cells).strip(" \t\r\n"):  # a blank line, or a
            continue  # record of empty cells (a spreadsheet's blank row): no row
        if code is None and len(cells) != 2:
            code = "PF406"
        allowed = ("PF101", "PF102", "PF106") if unreadable else (code,) if code else ()
        out.append((len(out) + 1, start, allowed))


def _not_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def test_records_are_those_the_csv_grammar_gives_whatever_lines_cannot_be_read(monkeypatch):
    """On random files of quotes, commas, carriage returns, line breaks, bad bytes and runs
    long enough to pass the (small) limits, each row read starts on the line its record
    starts on as the csv reader reads the whole file, numbered as it is, and is an error
    exactly when that record is one: no record is lost, run into the next, or split."""
    monkeypatch.setattr(lines, "MAX_ROW_BYTES", SMALL_LINE)
    monkeypatch.setattr(csv_read, "MAX_ROW_BYTES", SMALL_LINE)
    monkeypatch.setattr(csv_read, "MAX_FIELD", SMALL_FIELD)
    pieces = [b'"', b",", b"\r", b"\n", b"\n", b"a", b"b", b"\xff", b"\xc3\xa9", b"y" * 15]
    rng = random.Random(11)
    previous = csv.field_size_limit()
    try:
        for _ in range(3000):
            data = b"id,subject\n" + b"".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
            csv.field_size_limit(10 ** 9)
            expected = _reference(data)
            got = list(read_rows(io.BytesIO(data), "in.csv", "csv", {}, parse=True))
            assert [(r.number, r.line) for r in got] == [(n, line) for n, line, _ in expected], data
            assert all((r.error.code in allowed) if r.error else not allowed
                       for r, (_, _, allowed) in zip(got, expected)), data
    finally:
        csv.field_size_limit(previous)
