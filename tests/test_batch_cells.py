"""A batch row's problem is located at the cell or key it is about (engine/cohort/locate.py),
found only for a row with a problem: in the output row and on stderr alike, the words of the
problems as before, sorted by place as every list of problems is."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.cohort import csv_header, csv_read, jsonl_rows, locate, results
from pathfit.engine.cohort.rows import parsed, read_rows

ENGINE = Engine.load()
FACTS = ENGINE.ruleset.facts
I300 = "i" * 300


def _errors(tmp_path: Path, name: str, text: str) -> tuple[list[list[tuple]], list[str]]:
    """-> ((line, col, code) of each row's problems in the JSONL output, the summary's
    `line:col: code` of each problem on stderr)."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    got = [[(e["line"], e["col"], e["code"]) for e in r["errors"]] for r in rows if r["errors"]]
    prefix = f"  {tmp_path / name}:"
    said = [line[len(prefix):].split(": ")[:2] for line in result.stderr.splitlines() if line.startswith(prefix)]
    return got, [f"{at}: {code}" for at, code in said]


CSV_CASES = [
    ("a plain cell", "id,goal_clarity,hours_per_month\nr1,specifc,4\n", [[(2, 4, "PF403")]]),
    ("after quoted cells holding commas", 'id,needs,goal_clarity\n"r,1","performance, network",specifc\n',
     [[(2, 30, "PF403")]]),
    ("a quoted cell, at its quote", 'id,goal_clarity\nr1,"specifc"\n', [[(2, 4, "PF403")]]),
    ("after a cell spanning lines, on the line it is on", 'id,goal_clarity\n"r\n1",specifc\n', [[(3, 4, "PF403")]]),
    ("a cell spanning lines, where it opens", 'id,goal_clarity,hours_per_month\nr1,"spec\nific",4\n',
     [[(2, 4, "PF403")]]),
    ("past a cell's leading blanks", "id,hours_per_month\nr1,  900\n", [[(2, 6, "PF404")]]),
    ("after a quote inside an unquoted cell, which is text", 'id,needs,hours_per_month\nr1,a "b" c,900\n',
     [[(2, 4, "PF403"), (2, 12, "PF404")]]),
    ("two problems, each at its cell, in the order of their cells", "id,hours_per_month,goal_clarity\nr1,900,specifc\n",
     [[(2, 4, "PF404"), (2, 8, "PF403")]]),
    ("a set's wrong items, one message at its cell", 'id,needs\nr1,"performance;netwrk, foo"\n', [[(2, 4, "PF403")]]),
    ("a number as YAML 1.1 writes it, with Windows line ends", "id,hours_per_month\r\nr1,024\r\nr2,0x10\r\n",
     [[(2, 4, "PF407")], [(3, 4, "PF407")]]),
    ("an id too long, at its cell", f"goal_clarity,id\nspecific,{I300}\n", [[(2, 10, "PF406")]]),
    ("the rows around are unmoved", "id,goal_clarity\nr1,specific\nr2,specifc\n\nr3,undefind\n",
     [[(3, 4, "PF403")], [(5, 4, "PF403")]]),
]


@pytest.mark.parametrize("name, text, expected", CSV_CASES, ids=[c[0] for c in CSV_CASES])
def test_a_bad_csv_value_is_located_at_its_cell_not_at_the_rows_start(tmp_path, name, text, expected):
    """Regression: every problem of a CSV row was at the row's first column (`2:1`), whatever
    cell held the bad value."""
    got, said = _errors(tmp_path, "in.csv", text)
    assert got == expected
    assert said == [f"{line}:{col}: {code}" for row in expected for line, col, code in row]


JSONL_CASES = [
    ("a bad value, at the value", '{"id": "a", "goal_clarity": "specifc"}', [(1, 29, "PF403")]),
    ("an unknown fact, at its key", '{"id": "a", "colour": "red"}', [(1, 13, "PF401")]),
    ("a derived fact, at its key", '{"willing": true}', [(1, 2, "PF405")]),
    ("blanks anywhere JSON allows them", '{ "id" : "a" ,\t"hours_per_month" :  900 }', [(1, 37, "PF404")]),
    ("a key written with an escape", '{"goal\\u005fclarity": "specifc"}', [(1, 23, "PF403")]),
    ("a list's wrong items, one message at the list", '{"needs": ["performance", "netwrk", "foo"]}',
     [(1, 11, "PF403")]),
    ("characters, not bytes, counted", '{"subject": "Zoë Ærø", "goal_clarity": "specifc"}', [(1, 40, "PF403")]),
    ("a subject that is no text, at its value", '{"subject": 5}', [(1, 13, "PF628")]),
    ("an id that is no text, at its value", '{"goal_clarity": "specific", "id": true}', [(1, 36, "PF406")]),
    ("an id too long, at its value", f'{{"goal_clarity": "specific", "id": "{I300}"}}', [(1, 36, "PF406")]),
    ("three problems in the order of their places", '{"hours_per_month": 900, "willing_to_change": "maybe", "x": 1}',
     [(1, 21, "PF404"), (1, 47, "PF402"), (1, 56, "PF401")]),
]


@pytest.mark.parametrize("name, line, expected", JSONL_CASES, ids=[c[0] for c in JSONL_CASES])
def test_a_bad_jsonl_value_is_located_at_its_value_and_a_bad_key_at_the_key(tmp_path, name, line, expected):
    """Regression: every problem of a JSON Lines row was at the row's first column (`1:1`),
    whatever key or value it was about. A good row before it keeps the line numbers honest."""
    got, said = _errors(tmp_path, "in.jsonl", '{"id": "fine", "goal_clarity": "specific"}\n' + line + "\n")
    moved = [(at + 1, col, code) for at, col, code in expected]
    assert got == [moved]
    assert said == [f"{at}:{col}: {code}" for at, col, code in moved]


def test_the_csv_outputs_error_cell_gives_each_problems_cell(tmp_path):
    (tmp_path / "in.csv").write_text("id,hours_per_month,goal_clarity\nr1,900,specifc\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(out)]).exit_code == 1
    with out.open(encoding="utf-8") as f:
        row = next(csv.DictReader(f))
    assert row["error_code"] == "PF404;PF403"
    assert row["error"].startswith("2:4: PF404: ") and "; 2:8: PF403: " in row["error"]


@pytest.mark.parametrize("header, expected", [
    ('id,a"b,hours_per_month,hours_per_month', "1:24: PF105"),  # a quote inside an unquoted cell is text
    ('id,"hours_per\nmonth",needs,needs', "2:14: PF105"),  # after a header cell spanning lines
    ('id,"note\nabout",colour', "1:4: PF401"),
])
def test_a_header_column_is_located_whatever_its_cells_hold(tmp_path, header, expected):
    """Regression: the header's columns were found by toggling at every quote on its first
    line only, so a quote inside an unquoted cell, or a cell spanning lines, put a later
    column at `1:1`."""
    (tmp_path / "in.csv").write_text(header + "\nr1,,,\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path / 'in.csv'}:{expected}: ")


def test_a_good_row_is_never_located(tmp_path, monkeypatch):
    """Finding where cells and keys are is for a row with a problem only: a batch of good rows
    never asks, in CSV or JSON Lines."""
    def refuse(*args):
        raise AssertionError("a good row was located")

    for module in (locate, csv_header, csv_read, jsonl_rows, results):
        for name in ("located", "relocated", "csv_cell_offsets", "csv_cell_positions", "json_key_offsets"):
            if hasattr(module, name):
                monkeypatch.setattr(module, name, refuse)
    (tmp_path / "in.csv").write_text('id,goal_clarity,needs\nr1,specific,"performance, network"\n"r\n2",emerging,\n')
    (tmp_path / "in.jsonl").write_text('{"id": "r1", "goal_clarity": "specific"}\n{"needs": ["network"]}\n')
    for name in ("in.csv", "in.jsonl"):
        result = CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(tmp_path / "o.jsonl")])
        assert result.exit_code == 0, result.output


# one CSV record's text, from pieces where the csv module's reading is subtle
CSV_PIECES = st.lists(st.sampled_from(['"', '""', ",", "a", " ", "\t", "\n", "\r\n", "é", "x y"]), max_size=14)


@settings(max_examples=500)
@given(CSV_PIECES)
@example(['"', "a", ",", "\n", '"', ",", "a"])
@example(["a", '"', ",", "a"])
@example(['"', '""', '"', "a", ",", " ", '"', "a"])
def test_csv_cell_offsets_cut_a_record_into_the_cells_the_csv_module_reads(pieces):
    """Each piece between two cell offsets, read alone, is that cell, for any record the csv
    module reads whole (a batch only ever locates such a record)."""
    text = "".join(pieces) + "\n"
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    try:
        cells = next(reader)
    except csv.Error:
        return
    if reader.line_num != len(lines) or not cells:
        return  # not one record: the reader would have split it (a line break outside quotes)
    offsets = locate.csv_cell_offsets(text)
    assert len(offsets) == len(cells)
    ends = [at - 1 for at in offsets[1:]] + [len(text)]
    assert [next(csv.reader(io.StringIO(text[a:b])), [""])[0] if text[a:b].strip("\r\n") else ""
            for a, b in zip(offsets, ends)] == cells


FACT_VALUES = st.fixed_dictionaries({}, optional={
    "goal_clarity": st.sampled_from(["specific", "specifc", 3, None, ["specific"]]),
    "hours_per_month": st.sampled_from([4, 900, -1, "4", "024", 2.5, True]),
    "needs": st.sampled_from([["performance"], ["netwrk", "foo"], "performance", [], [1]]),
    "willing_to_change": st.sampled_from([True, "maybe", 1, None]),
    "willing": st.just(True), "colour": st.just("red"), "Needs": st.just([]),
    "subject": st.sampled_from(["Ann", "", 5, "a\u202eb"]),
})


@settings(max_examples=300, deadline=None)
@given(FACT_VALUES, st.integers(0, 3), st.booleans())
def test_a_located_check_says_what_the_plain_check_says_each_at_its_place(facts, blanks, as_csv):
    """The located check (locate.relocated) gives the plain check's problems, codes and words,
    each at a place of its own in the row (never the row's start) and sorted by place, from a
    JSON Lines row or a CSV row."""
    if as_csv:
        # a cell holds no list, and the header refuses a column naming no fact or a derived one
        names = sorted(n for n, v in facts.items()
                       if not isinstance(v, list) and n not in ("Needs", "colour", "willing"))
        cells = (" " * blanks + ("" if facts[n] is None else str(facts[n])) for n in names)
        text = ",".join(["id", *names]) + "\n" + ",".join(["p", *cells]) + "\n"
        kind = "csv"
    else:
        text = json.dumps({"id": "p", **facts}, ensure_ascii=False).replace(": ", ":" + " " * blanks) + "\n"
        kind = "jsonl"
    row = parsed(next(iter(read_rows(io.BytesIO(text.encode()), "in", kind, FACTS, parse=False))), "in", FACTS)
    if row.profile is None:
        return
    try:
        ENGINE.check(row.profile, "in")
    except PathfitError as err:
        plain = err.problems
    else:
        return
    got = locate.relocated(ENGINE, row, "in", plain)
    assert sorted(p[:2] for p in got) == sorted(p[:2] for p in plain)
    assert all(p.pos.line == row.line and p.pos.col > 1 for p in got), got
    assert got == sorted(got, key=lambda p: p.sort_key())
