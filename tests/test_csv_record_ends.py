"""A CSV record that cannot be read (a line that is not UTF-8, a line over the size limit,
a cell over the field limit) is the error of exactly that record, and the rows after it
are read as written. Regressions: the csv reader was handed a bare newline for a bad or
long line, so a closing quote on it was lost and every later row ran into one quoted cell
(people vanished, the summary's count was false); after a cell over the field limit the
reader resumed inside the record, and its remainder was decided, and audited, as a person
of its own."""
from __future__ import annotations

import csv
import io
import random

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.cohort.csv_shape import QUOTED, shape_of
from pathfit.engine.cohort.lines import MAX_ROW_BYTES
from pathfit.engine.cohort.rows import read_rows


def _rows(data: bytes) -> list:
    return list(read_rows(io.BytesIO(data), "in.csv", "csv", {}, parse=True))


def _summary(rows) -> list[tuple]:
    return [(r.number, r.line, r.id, r.error.code if r.error else None) for r in rows]


LATER = b"r2,Ann\nr3,Bob\n"


@pytest.mark.parametrize("record, code", [
    (b'r1,"network;\nperformance Zo\xeb"\n', "PF101"),  # the closing quote on a line that is not UTF-8
    (b'r1,"a\n' + b"x" * (MAX_ROW_BYTES + 10) + b'"\n', "PF106"),  # ... on a line over the limit
    (b'r1,"a\n' + (b"y" * 1000 + b"\n") * 70 + b'more",x\n', "PF102"),  # a cell over the field limit
])
def test_the_rows_after_an_unreadable_record_are_read_as_written(record, code):
    rows = _rows(b"id,subject\n" + record + LATER)
    last = record.count(b"\n") + 1  # the line the record ends on
    # the record's id, read whole before the fault, is kept
    assert _summary(rows) == [(1, 2, "r1", code), (2, last + 1, "r2", None), (3, last + 2, "r3", None)]


def test_a_cell_over_the_field_limit_invents_no_person_in_a_batch(tmp_path):
    data = b"id,career_stage,needs\n" + b'r1,executive,"performance\n' + (b"y" * 1000 + b"\n") * 70 \
        + b'more",executive,performance\nr2,executive,performance\n'
    (tmp_path / "in.csv").write_bytes(data)
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.jsonl"),
                                      "--jobs", "1"])
    assert result.exit_code == 1, result.output
    out = (tmp_path / "out.jsonl").read_text().splitlines()
    assert len(out) == 2 and '"r2"' in out[1] and "more" not in (tmp_path / "out.jsonl").read_text()


def test_a_bad_line_keeps_later_rows_in_a_batch_summary(tmp_path):
    (tmp_path / "drop.csv").write_bytes(b'id,needs,subject\nr1,"network;\nperformance",Zo\xeb\nr2,network,Ann\n'
                                        b'r3,performance,Bob\n')
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "drop.csv"), "--out", str(tmp_path / "o.jsonl"),
                                      "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 3
    assert "3 rows" in result.output, result.output


def _reference_quoted(lines: list[str], quoted: bool) -> bool:
    """Whether Python's csv reader is still inside the record after these lines: it has
    returned no record by the time it read them (a sentinel line follows)."""
    prefix = ['"\n'] if quoted else []  # a line that opens a quoted cell
    reader = csv.reader(prefix + lines + ["END\n"])
    try:
        next(reader)
    except (csv.Error, StopIteration):
        return False
    return reader.line_num > len(prefix) + len(lines)


def test_a_lines_shape_agrees_with_the_csv_reader():
    """The states csv_shape follows are the csv reader's: on random lines of quotes, commas,
    carriage returns and text, from a record's start and from inside a quoted cell, whether
    the record goes on past the line is the same, and so is it for each line's stand-in."""
    rng = random.Random(7)
    for _ in range(20000):
        line = "".join(rng.choice('x,"\r é') for _ in range(rng.randint(0, 9))) + "\n"
        shape = shape_of(line.encode("utf-8"))
        for quoted in (False, True):
            expected = _reference_quoted([line], quoted)
            assert shape.ends_quoted(quoted) == expected, (line, quoted)
            assert _reference_quoted([shape.stand_in()], quoted) == expected, (line, quoted)


def test_a_long_lines_shape_fed_in_pieces_is_the_whole_lines():
    rng = random.Random(3)
    for _ in range(500):
        data = "".join(rng.choice('x,"\r') for _ in range(rng.randint(0, 40))).encode()
        whole, pieces = shape_of(data), shape_of(b"")
        cut = sorted(rng.sample(range(len(data) + 1), min(3, len(data) + 1)))
        for a, b in zip([0, *cut], [*cut, len(data)]):
            pieces.feed(data[a:b])
        assert whole.states == pieces.states
    assert shape_of(b'"abc').states[0] == QUOTED
