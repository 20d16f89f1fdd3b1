"""The progress bar's total is exactly the number of rows the batch decides, or no total at all.

Regressions: the total was the file's newlines minus one whatever the format, so a JSON Lines
file (no header) ended at 3000/2999, blank lines and line breaks inside quoted CSV cells were
counted as rows, and a last line without its newline was not; and an input that was a pipe
(`pathfit batch <(...)`) was read up by that count, so on a terminal the run decided no row at
all and said `0 rows`, exit status 0."""
from __future__ import annotations

import re
import shlex
import sys

import pytest

from pathfit.engine import Engine

from .helpers import ROOT, on_a_terminal

INPUTS = {
    "csv with a header": ("in.csv", "id,needs\nr1,performance\nr2,performance\nr3,performance\n"),
    "json lines": ("in.jsonl", "".join(f'{{"id": "r{i}", "needs": ["performance"]}}\n' for i in (1, 2, 3))),
    "json lines, blank lines, no final newline": (
        "in.jsonl", '{"id": "r1"}\n\n   \n{"id": "r2"}\r\n\n{"id": "r3", "needs": ["performance"]}'),
    "csv, blank lines, no final newline": ("in.csv", "id,needs\nr1,performance\n\nr2,performance\n\nr3,performance"),
    "csv, quoted newlines": ("in.csv", 'id,needs\n"r\n1",performance\nr2,"performance,\nnetwork"\n'
                                       'r3,"\n\nperformance\n"\n'),
}
FRAME = re.compile(rb"(\d+)/(\d+|\?)")  # the bar's `rows done/total` (`?`: no total)


def _decided(out) -> int:
    return len(out.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("case", sorted(INPUTS))
def test_the_bar_ends_at_the_rows_decided_of_as_many(tmp_path, case):
    name, text = INPUTS[case]
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    seen = on_a_terminal([sys.executable, "-m", "pathfit.cli.main", "batch", name, "--out", "out.jsonl",
                           "--jobs", "1"], tmp_path)
    frames = FRAME.findall(seen)
    assert frames, seen
    assert _decided(tmp_path / "out.jsonl") == 3
    assert frames[-1] == (b"3", b"3"), seen  # the last frame drawn: every row done, of exactly that many
    assert {total for _, total in frames} == {b"3"}, seen  # never another total


@pytest.mark.parametrize("case", sorted(INPUTS))
def test_rows_to_decide_is_the_rows_the_batch_decides(tmp_path, case):
    from click.testing import CliRunner

    from pathfit.cli.batch_progress import rows_to_decide
    from pathfit.cli.main import cli

    name, text = INPUTS[case]
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / name), "--out", str(tmp_path / "out.jsonl"),
                                      "--jobs", "1", "--quiet"])
    assert result.exit_code in (0, 1), result.output
    with Engine.load(ROOT / "rules") as engine:
        total = rows_to_decide(str(tmp_path / name), "jsonl" if name.endswith(".jsonl") else "csv",
                               engine.ruleset.facts)
    assert total == _decided(tmp_path / "out.jsonl") == 3


def test_a_piped_input_is_decided_whole_with_no_total(tmp_path):
    """A pipe cannot be counted without reading it up: the run gets every row, the bar no total."""
    name, text = INPUTS["csv with a header"]
    (tmp_path / name).write_text(text, encoding="utf-8")
    run = (f"exec {shlex.quote(sys.executable)} -m pathfit.cli.main batch <(cat {name}) --out out.jsonl "
           "--jobs 1")
    seen = on_a_terminal(["bash", "-c", run], tmp_path)
    assert _decided(tmp_path / "out.jsonl") == 3, seen
    assert b"3 rows:" in seen, seen
    frames = FRAME.findall(seen)
    assert frames and {total for _, total in frames} == {b"?"}, seen


def test_an_input_refused_whole_has_no_total(tmp_path):
    """A header naming no fact refuses the input before any row: no total is promised."""
    from pathfit.cli.batch_progress import rows_to_decide

    (tmp_path / "in.csv").write_text("id,no_such_fact\nr1,x\n", encoding="utf-8")
    with Engine.load(ROOT / "rules") as engine:
        assert rows_to_decide(str(tmp_path / "in.csv"), "csv", engine.ruleset.facts) is None
