"""What a cohort CSV's columns and cells are read as, where each way was wrong before: a cell
under a column with no name, a column naming a derived fact, line ends of a carriage return
alone. Rules: tests/fixtures/tiny."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def _batch(tmp_path, data: bytes):
    (tmp_path / "in.csv").write_bytes(data)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(out), "--rules", TINY,
                                      "--jobs", "1"])
    return result, [json.loads(line) for line in out.read_text().splitlines()] if out.exists() else None


def test_a_filled_cell_under_a_column_with_no_name_says_the_column_has_no_name(tmp_path):
    """Regression: `PF401: unknown fact ''`. An empty cell there is still nothing (a spreadsheet's
    trailing commas), and the row's other problems are reported with it."""
    result, rows = _batch(tmp_path, b"id,goal,,hours\nx,specific,foo,999\ny,specific,,4\n")
    assert result.exit_code == 1, result.output
    assert [(r["id"], [(e["code"], e["line"], e["col"]) for e in r["errors"]]) for r in rows] == [
        ("x", [("PF401", 2, 12), ("PF404", 2, 16)]), ("y", [])]
    message = rows[0]["errors"][0]["message"]
    assert message.startswith("column 3 has no name in the header") and "''" not in message


def test_a_column_naming_a_derived_fact_refuses_the_input_at_its_column(tmp_path):
    """Regression: the column was taken, its empty cells passed over as if it were not there
    (a filled one was that row's PF405): the rules set a derived fact, no row gives one."""
    result, rows = _batch(tmp_path, b"id,goal,structured\na,specific,\nb,emerging,\n")
    assert result.exit_code == 2 and rows is None, result.output
    assert result.stderr.startswith(f"{tmp_path / 'in.csv'}:1:9: PF405: column 'structured' "), result.stderr


def test_lines_ending_in_a_carriage_return_alone_are_named_so(tmp_path):
    """Regression: Python's own words, "new-line character seen in unquoted field - do you need
    to open the file in universal-newline mode?", where the file's lines end in CR alone."""
    result, rows = _batch(tmp_path, b"id,goal\ra,specific\rb,emerging\r")
    assert result.exit_code == 2 and rows is None, result.output
    assert result.stderr.startswith(f"{tmp_path / 'in.csv'}:1:8: PF102: ")
    assert "carriage return" in result.stderr and "universal-newline" not in result.stderr
    big = b"id,goal\r" + b"a,specific\r" * 100_000  # one line of over 1 MiB, as read by line feeds
    result, rows = _batch(tmp_path, big)
    assert result.exit_code == 2 and rows is None, result.output
    assert result.stderr.startswith(f"{tmp_path / 'in.csv'}:1:8: PF102: ") and "carriage return" in result.stderr


def test_a_carriage_return_alone_inside_a_row_is_named_at_it(tmp_path):
    result, rows = _batch(tmp_path, b'id,goal\na,specific\rb,emerging\nc,"x\ry"\n')
    assert result.exit_code == 1, result.output
    assert [(e["code"], e["line"], e["col"]) for e in rows[0]["errors"]] == [("PF102", 2, 11)]
    assert "carriage return" in rows[0]["error"]["message"]
    assert rows[1]["errors"][0]["code"] != "PF102"  # inside quotes a CR is text


def test_the_yes_no_spellings_a_csv_cell_takes_are_the_documented_ones(tmp_path):
    """Regression: cells took `y` and `n`, in any case, where docs/authoring.md listed only
    true/false, yes/no and 1/0."""
    import re

    from pathfit.engine.pipeline import value_text

    from .helpers import ROOT

    docs = " ".join((ROOT / "docs" / "authoring.md").read_text().split())
    sentence = re.search(r"Booleans are (.*?); numbers as written", docs).group(1)
    assert set(re.findall(r"`([^`]+)`(?=/|,| or)", sentence + ",")) == value_text.YES_WORDS | value_text.NO_WORDS
    assert ", in any case" in sentence
    result, rows = _batch(tmp_path, b"id,ready\na,Y\nb,n\nc,TRUE\nd,No\ne,0\nf,maybe\n")
    assert [r["error"] and r["error"]["code"] for r in rows] == [None] * 5 + ["PF402"]


def test_only_blanks_and_line_breaks_around_a_cell_are_ignored(tmp_path):
    """Regression: Python's str.strip() took every white space character off a cell, a no-break
    space (U+00A0) and an ideographic space (U+3000) among them, so `\\u00a0specific` was read
    as `specific` and a cell of one no-break space as unknown. Spaces, tabs and line breaks
    around a value or a set's member are blanks; anything else is part of the value."""
    data = ('id,goal,needs\na,\u00a0specific,\nb,specific\u3000,\nc,\u00a0,\nd, specific\t," skill;\nnetwork "\n'
            'e,specific,skill;\u00a0network\n')
    result, rows = _batch(tmp_path, data.encode())
    assert result.exit_code == 1, result.output
    assert [(r["id"], [(e["code"], e["line"], e["col"]) for e in r["errors"]]) for r in rows] == [
        ("a", [("PF403", 2, 3)]), ("b", [("PF403", 3, 3)]), ("c", [("PF403", 4, 3)]), ("d", []),
        ("e", [("PF403", 7, 12)])]
