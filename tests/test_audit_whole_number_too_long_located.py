"""A whole number longer than Python converts (4,300 digits by default) in a record file or
an audit log line is refused at the number, in pathfit's words, as NaN is at its token.

Python's int limit raises a ValueError of its own, which the strict reader took for one of
its hooks' refusals without a token to find: the problem was put at the line's first column
(a record file's first line) and told the reader to call `sys.set_int_max_str_digits()`,
which no user of pathfit can do.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from pathfit.engine.audit.log import read_lines
from pathfit.engine.audit.record import loads_strict, record_text
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import PLAIN_EXAMPLE, build_log, record_for, run

LONG = "9" * (sys.get_int_max_str_digits() + 1)


def where(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of a 0-based offset, both from 1."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


@pytest.mark.parametrize("text", [f'{{"a": {LONG}}}', f'{{"a": [1, "x", -{LONG}]}}',
                                  f'{{\n  "b": {{"c": 1.5}},\n  "a": {LONG}\n}}'])
def test_a_whole_number_too_long_is_refused_at_it_in_pathfits_words(text: str) -> None:
    with pytest.raises(PathfitError) as info:
        loads_strict(text, Pos("r.json"))
    problem = info.value.problems[0]
    at = text.index("-" + LONG) if "-" + LONG in text else text.index(LONG)
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF608", *where(text, at))
    assert "set_int_max_str_digits" not in problem.message
    assert f"{len(LONG)} digits" in problem.message


def test_a_long_fraction_or_a_number_at_the_limit_is_still_read() -> None:
    at_limit = "9" * sys.get_int_max_str_digits()
    assert loads_strict(f'{{"a": {at_limit}, "b": 1.{LONG}}}', Pos("r.json")) == {"a": int(at_limit),
                                                                                  "b": float("1." + LONG)}


def test_a_whole_number_too_long_in_a_log_line_is_at_its_line_and_column(tmp_path, engine, key) -> None:
    lines = build_log(engine, key, tmp_path / "log.jsonl", 2)
    second = lines[1].decode()
    log = tmp_path / "long.jsonl"
    log.write_text(lines[0].decode() + second.replace('"seq":2', f'"seq":{LONG}'))
    found = read_lines(log)[1].problem
    assert (found.code, found.pos.line, found.pos.col) == ("PF601", 2, second.index('"seq":2') + 7)
    assert "set_int_max_str_digits" not in found.message


def test_a_whole_number_too_long_in_a_record_file_is_located_by_verify_and_report(tmp_path, engine, key) -> None:
    text = record_text(record_for(engine, Path(PLAIN_EXAMPLE), key))
    path = tmp_path / "long.json"
    path.write_text(text.replace('"timestamp":', f'"x": {LONG},\n  "timestamp":', 1))
    line, col = where(path.read_text(), path.read_text().index(LONG))
    out = json.loads(run("audit", "verify", path, "--format", "json").stdout)["problem"]
    assert (out["code"], out["line"], out["col"]) == ("PF608", line, col)
    page = tmp_path / "long.html"
    reported = run("report", path, "--out", page)
    assert reported.exit_code == 2 and f"{path}:{line}:{col}: PF608: " in reported.stderr
    assert "Traceback" not in reported.stderr and not page.exists()
