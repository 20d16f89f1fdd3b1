"""Regression: a profile (or a rule test file) named as a named pipe (`mkfifo`) was opened
without waiting for a writer, so one whose writer came a moment later was reported
`PF109: file is empty`, which it never was, and the writer then waited for ever for a reader;
a cohort given to `batch` or `impact` as a named pipe waited for its writer, as `cat` does.
Every input a person names now waits for its writer the same way; a file of the rule set (a
test file found in its folder, a table's `rows_from` CSV) must be a plain file, as a rule file
must (PF100 at its name, no wait)."""
from __future__ import annotations

import errno
import json
import os
import threading
import time

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT, tiny_copy

PROFILE = (ROOT / "examples" / "new-vp-wants-structure.yaml").read_text()
FACTS = {"id": "vp", "goal_clarity": "specific", "hours_per_month": 6}
CASE = "cases:\n  - name: vp\n    profile: {goal_clarity: specific}\n    expect: {outcome: undetermined}\n"


def _late_writer(fifo, text: str, delay: float = 0.5) -> threading.Thread:
    """A writer that opens the pipe `delay` seconds after the reader started, and gives up
    (writing nothing) if no reader has it open within five seconds: a reader that already
    went away leaves no thread waiting for ever."""
    def write() -> None:
        time.sleep(delay)
        deadline = time.monotonic() + 5
        while True:
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
                break
            except OSError as exc:
                if exc.errno != errno.ENXIO or time.monotonic() > deadline:
                    return
                time.sleep(0.02)
        os.set_blocking(fd, True)
        with os.fdopen(fd, "w") as out:
            out.write(text)
    thread = threading.Thread(target=write, daemon=True)
    thread.start()
    return thread


def _commands(tmp_path):
    out = tmp_path / "out.jsonl"
    return {
        "recommend": (["recommend", "--profile", "{fifo}", "--format", "json"], PROFILE, 0),
        "explain": (["explain", "--profile", "{fifo}"], PROFILE, 0),
        "batch": (["batch", "{fifo}", "--input-format", "jsonl", "--out", str(out)], json.dumps(FACTS) + "\n", 0),
        "impact": (["impact", "--base", str(ROOT / "rules"), "--rules", str(ROOT / "rules"), "--profiles", "{fifo}",
                    "--input-format", "jsonl", "--format", "json"], json.dumps(FACTS) + "\n", 0),
        "test": (["test", "--rules", str(ROOT / "rules"), "{fifo}"], CASE, None),
    }


@pytest.mark.parametrize("command", ["recommend", "explain", "batch", "impact", "test"])
def test_a_named_pipe_whose_writer_comes_later_is_read_whole(tmp_path, command):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    args, text, status = _commands(tmp_path)[command]
    writer = _late_writer(fifo, text)
    result = CliRunner().invoke(cli, [a.format(fifo=fifo) for a in args])
    writer.join(10)
    assert "PF109" not in result.output and "PF100" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    if status is not None:
        assert result.exit_code == status, result.output
    else:  # `test`: the case ran (passed or failed on its outcome), the file was not refused
        assert result.exit_code in (0, 1), result.output
    if command == "recommend":
        assert json.loads(result.stdout)["ranking"][0]["outcome"] == "coaching"
    if command == "batch":
        assert json.loads((tmp_path / "out.jsonl").read_text().splitlines()[0])["id"] == "vp"


def test_a_rule_test_file_in_the_tests_folder_that_is_a_pipe_is_refused_not_waited_on(tmp_path):
    rules = tiny_copy(tmp_path)
    (rules / "tests").mkdir()
    os.mkfifo(rules / "tests" / "cases.yaml")
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{rules / 'tests' / 'cases.yaml'}:0:0: PF100: "), result.stderr


def test_a_table_csv_that_is_a_pipe_is_refused_at_rows_from_not_said_missing(tmp_path):
    rules = tiny_copy(tmp_path)
    (rules / "t.yaml").write_text("tables:\n  - id: t\n    hit: first\n    reason: r\n    cites: [focus]\n"
                                  "    rows_from: t.csv\n")
    os.mkfifo(rules / "t.csv")
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    assert result.exit_code == 1
    assert f"{rules / 't.yaml'}:6:16: PF235: rows_from 't.csv': is not a plain file" in result.output, result.output
