"""How a batch hands out its rows: read in one process, parsed in the worker that
evaluates them (rows.Unparsed), in chunks sized by how fast the workers go
(batch.ChunkSize). None of it may change a row's result or the output's bytes."""
from __future__ import annotations

import io
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.cohort import batch as cohort
from pathfit.engine.cohort import lines as lines_module
from pathfit.engine.cohort.rows import Unparsed, parsed, read_rows

FACTS = Engine.load().ruleset.facts

# pieces of a JSON Lines file: good rows, rows with every kind of problem, blank lines
JSONL_LINES = st.sampled_from([
    b'{"id": "a", "goal_clarity": "specific", "hours_per_month": 3}',
    b'{"id": 7, "needs": ["performance", "network"], "remote_only": true}',
    b'{"id": true}', b'{"id": ["x"]}', b'{"id": "' + b"i" * 300 + b'"}',
    b'{"goal_clarity": "specific", "goal_clarity": "emerging"}',
    b'{"id": "c", ', b'["not", "an", "object"]', b'"text"', b'{"hours_per_month": NaN}',
    b"[" * 70 + b"]" * 70, b'{"id": "q", "note": "[[[[' + b"[" * 80 + b'"}',
    b"", b"   ", b"\t", b"caf\xe9", b"\xef\xbb\xbf{\"id\": \"bom\"}", b'{"id": "z"}' + b" " * 60,
])
# pieces of a CSV file's rows, under a header that mixes typed facts, an unknown name and the id
CSV_HEADER = b"id,goal_clarity,hours_per_month,needs,remote_only,trigger\n"  # `blue` is no trigger: a row error
CSV_ROWS = st.sampled_from([
    b"a,specific,3,performance;network,yes,", b"b,emerging,024,,no,blue", b"c,,1.5,,1,",
    b'"d,1","specific","7","performance, network",true,', b'"multi\nline",specific,2,,,',
    b"e,specific", b"f,specific,3,performance,yes,blue,extra", b"", b",,,,,", b"caf\xe9,specific,,,,",
    b'"unclosed,specific,3,,,', b"g,specific,1e3,,maybe,", b"h," + b"x" * 80 + b",,,,",
])


def _read(data: bytes, kind: str, parse: bool) -> list:
    return list(read_rows(io.BytesIO(data), "in", kind, FACTS, parse))


def _both(data: bytes, kind: str) -> tuple[list, list]:
    at_once = _read(data, kind, True)
    later = _read(data, kind, False)
    assert all(type(r) is not Unparsed for r in at_once)
    return at_once, [parsed(r, "in", FACTS) for r in later]


@settings(max_examples=300)
@given(st.lists(JSONL_LINES, max_size=12), st.booleans())
@example([b'{"id": "a"}', b"x" * 70, b'{"id": "b"}'], True)
def test_a_jsonl_row_parsed_where_it_is_evaluated_is_the_row_parsed_as_read(lines, final_newline):
    """The rows a batch's reader hands out unparsed, parsed by a worker, are the rows
    read and parsed in one pass: the same numbers, lines, ids, profiles and problems
    (with their positions), blank lines skipped alike. Lines over the row limit (set
    to 64 bytes here) are refused by the reader either way."""
    data = b"\n".join(lines) + (b"\n" if final_newline else b"")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines_module, "MAX_ROW_BYTES", 64)
        at_once, later = _both(data, "jsonl")
    assert later == at_once


@settings(max_examples=300)
@given(st.lists(CSV_ROWS, max_size=12), st.booleans())
@example([b"a,specific,3,,,", b"h," + b"x" * 80 + b",,,,", b"b,emerging,2,,,"], True)
def test_a_csv_row_parsed_where_it_is_evaluated_is_the_row_parsed_as_read(lines, final_newline):
    """As for JSON Lines, for CSV: cells typed under the header by the worker are the
    cells typed by the reader, and rows the reader finds bad (too long, not UTF-8,
    malformed, the wrong number of fields) come from the reader already as errors."""
    data = CSV_HEADER + b"\n".join(lines) + (b"\n" if final_newline else b"")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(lines_module, "MAX_ROW_BYTES", 64)
        at_once, later = _both(data, "csv")
    assert later == at_once


def test_only_rows_still_to_parse_come_unparsed():
    data = b'{"id": "a"}\n\xff\n{"id": \n'
    got = _read(data, "jsonl", False)
    assert [type(r).__name__ for r in got] == ["Unparsed", "Row", "Unparsed"]
    assert got[1].error.code == "PF101"  # not UTF-8: known while reading
    assert parsed(got[2], "in", FACTS).error.code == "PF102"  # bad JSON: found by the parse


def _unparsed(sizes: list[int]) -> list[Unparsed]:
    return [Unparsed(i + 1, i + 1, "x" * n, None) for i, n in enumerate(sizes)]


def test_a_chunk_holds_at_most_chunk_text_characters_of_rows_but_always_one_row(monkeypatch):
    monkeypatch.setattr(cohort, "CHUNK_TEXT", 100)
    sizes = [30, 30, 30, 30, 500, 10, 99, 1, 0, 0, 100, 5]
    size = cohort.ChunkSize()
    chunks = list(cohort._chunks(_unparsed(sizes), size))
    assert [r.number for c in chunks for r in c] == list(range(1, len(sizes) + 1))
    for c in chunks:
        text = [len(r.content) for r in c]
        assert sum(text[:-1]) < 100  # only the row that reached the limit goes over it
    assert [[len(r.content) for r in c] for c in chunks] == [[30, 30, 30, 30], [500], [10, 99], [1, 0, 0, 100], [5]]


def test_a_chunk_size_changed_between_chunks_is_the_size_of_the_next(monkeypatch):
    size = cohort.ChunkSize()
    chunks = cohort._chunks(_unparsed([1] * 40), size)
    size.rows = 3
    first = next(chunks)
    size.rows = 10
    second = next(chunks)
    size.rows = 1
    rest = list(chunks)
    assert [len(first), len(second)] == [3, 10] and {len(c) for c in rest} == {1}
    assert len(first) + len(second) + len(rest) == 40


@pytest.mark.parametrize("rows, seconds, expected", [
    (100, 0.01, 400),  # 100 rows in 10 ms: 400 rows take CHUNK_SECONDS (40 ms)
    (64, 0.5, 64),  # slow rows: never fewer than CHUNK
    (500, 0.001, 1024),  # fast rows: never more than MAX_CHUNK
    (0, 0.01, 64), (10, 0.0, 64),  # nothing to go by: unchanged
])
def test_a_chunk_is_sized_to_take_chunk_seconds_at_the_last_chunks_rate(rows, seconds, expected):
    size = cohort.ChunkSize()
    size.timed(cohort.Chunk([True] * rows, "", b"", (), seconds))
    assert (cohort.CHUNK, cohort.MAX_CHUNK, cohort.CHUNK_SECONDS) == (64, 1024, 0.04)
    assert size.rows == expected


def _cohort(path: Path) -> None:
    """260 people, some with a value the profile check refuses, and rows a parse refuses:
    JSON Lines or CSV by the file's name (CSV with quoted cells, one holding a line break)."""
    rows = []
    for i in range(260):
        row = {"id": f"r{i}", "goal_clarity": ["specific", "emerging", "undefined"][i % 3],
               "hours_per_month": i % 9, "needs": [["performance"], ["network", "career_direction"], []][i % 3]}
        if i % 37 == 5:
            row["goal_clarity"] = "specifc"  # a row error, found by the profile check in the worker
        rows.append(row)
    if path.suffix == ".jsonl":
        lines = [json.dumps(r) for r in rows]
        for at in range(7, len(lines), 53):
            lines.insert(at, '{"id": "broken", ')  # a row error found by the worker's parse
    else:
        lines = ["id,goal_clarity,hours_per_month,needs"]
        lines += [f'{r["id"]},{r["goal_clarity"]},{r["hours_per_month"]},"{",".join(r["needs"])}"' for r in rows]
        for at in range(7, len(lines), 53):
            lines.insert(at, '"multi\nline",specific,x,')  # a number the profile check refuses, over two lines
            lines.insert(at + 1, "short,specific")  # too few fields: found while reading
    path.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("in_name, out_name", [("in.jsonl", "out.jsonl"), ("in.jsonl", "out.csv"),
                                               ("in.csv", "out.jsonl"), ("in.csv", "out.csv")])
def test_chunk_sizes_never_change_the_output(tmp_path, monkeypatch, in_name, out_name):
    """--jobs 2 with chunks of 1 to 13 rows, changing as results come back, against
    --jobs 1 in chunks of 64: byte for byte the same output, from JSON Lines or CSV."""
    _cohort(tmp_path / in_name)
    runner = CliRunner()
    one = runner.invoke(cli, ["batch", str(tmp_path / in_name), "--out", str(tmp_path / f"1-{out_name}"),
                              "--jobs", "1", "--quiet"])
    assert one.exit_code == 1, one.output  # the bad rows
    sizes = itertools.cycle([1, 7, 2, 13, 3, 5])
    seen: list[int] = []

    def timed(self, chunk) -> None:
        self.rows = next(sizes)

    real_chunks = cohort._chunks

    def chunks(rows, size):
        for c in real_chunks(rows, size):
            seen.append(len(c))
            yield c

    monkeypatch.setattr(cohort, "CHUNK", 4)
    monkeypatch.setattr(cohort, "IN_FLIGHT_PER_WORKER", 1)  # a size is set after every other chunk
    monkeypatch.setattr(cohort.ChunkSize, "timed", timed)
    monkeypatch.setattr(cohort, "_chunks", chunks)
    two = runner.invoke(cli, ["batch", str(tmp_path / in_name), "--out", str(tmp_path / f"2-{out_name}"),
                              "--jobs", "2", "--quiet"])
    assert two.exit_code == 1, two.output
    assert len(set(seen)) >= 5  # the sizes did change
    assert (tmp_path / f"2-{out_name}").read_bytes() == (tmp_path / f"1-{out_name}").read_bytes()


def test_an_audited_chunk_makes_the_records_that_row_by_row_making_makes(monkeypatch):
    """An audited chunk decides all its rows before it makes their records (cohort/batch.py,
    `_records`): held to deciding and recording row by row, as the batch did before, with
    the same ids and stamps: the same results, record ids in them and record bytes, a row
    error and its missing record in its place."""
    import itertools as it

    from pathfit.engine.audit import record as record_module
    from pathfit.engine.audit.masking import sensitive_domains
    from pathfit.engine.cohort.rows import Row

    from .audit_support import EXAMPLES, example_facts

    engine = Engine.load()
    sensitive = set(sensitive_domains(engine.ruleset))
    profiles = [p for p in map(example_facts, EXAMPLES) if not set(p) & sensitive]
    rows = [Row(i + 1, i + 2, f"r{i}", p) for i, p in enumerate(profiles)]
    rows.insert(3, Row(4, 5, "broken", {"goal_clarity": "specifc"}))
    audit = cohort.Audit(None, "in.jsonl", "operator-1")

    def numbered(monkeypatch):
        count = it.count()
        monkeypatch.setattr(record_module.uuid, "uuid4", lambda: f"id-{next(count)}")
        monkeypatch.setattr(record_module, "utc_now", lambda: "2026-01-01T00:00:00.000000Z")

    numbered(monkeypatch)
    expected_results, expected_lines = [], []
    for row in rows:
        out, decision = cohort.evaluate_row(engine, row, "in.jsonl")
        out[cohort.AUDIT_COLUMN] = None
        if decision is not None:
            record, line = record_module.build_record_line(
                engine, decision, None, source={"input": "in.jsonl", "row": row.number, "id": row.id},
                operator="operator-1")
            out[cohort.AUDIT_COLUMN] = record["id"]
            expected_lines += (line, b"\n")
        expected_results.append(out)
    numbered(monkeypatch)
    monkeypatch.setattr(cohort, "_worker_engine", engine)
    monkeypatch.setattr(cohort, "utc_now", record_module.utc_now)  # each row stamped as it is decided,
    monkeypatch.setattr(record_module, "utc_now", None)  # never when its record is made (a call would fail)
    chunk = cohort._work(rows, "in.jsonl", "jsonl", audit)
    assert chunk.text == cohort.render(expected_results, "jsonl")
    assert chunk.records == b"".join(expected_lines) and chunk.records.count(b"\n") == len(profiles)
    assert [json.loads(line)[cohort.AUDIT_COLUMN] for line in chunk.text.splitlines()][3] is None
