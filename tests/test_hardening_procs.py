"""Hardening that needs whole runs: worker start-up and shutdown that cannot
hang, memory bounded on a hostile file, lint that never ends in PF799 on a
malformed schema, and control characters never reaching the terminal."""
from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.lint.run import lint

from .helpers import HERE, ROOT, batch_ends_with_pf632_when_a_worker_dies, watchdog

TINY = str(HERE / "fixtures" / "tiny")


def test_empty_and_one_row_batches_never_hang_with_any_jobs(tmp_path):
    """An empty batch with --jobs 2 used to hang about one run in eight (a worker
    killed while it still ran the parent's handler). 200 runs: the empty, a
    one-row and (so that workers really start and stop) a three-chunk input,
    --jobs 1 to 4; each under a 20 s watchdog that ends the test run if it hangs."""
    inputs = {"empty": "", "one": '{"id": "a", "goal": "specific"}\n',
              "chunks": '{"id": "a", "goal": "specific"}\n' * 150}
    for name, text in inputs.items():
        (tmp_path / f"{name}.jsonl").write_text(text)
    plan = [(name, jobs) for _ in range(24) for name in ("empty", "one") for jobs in (1, 2, 3, 4)]
    plan += [("chunks", jobs) for _ in range(2) for jobs in (1, 2, 3, 4)]
    assert len(plan) == 200
    runner = CliRunner()
    started = time.monotonic()
    for i, (name, jobs) in enumerate(plan):
        out = tmp_path / f"o{i}.jsonl"
        with watchdog(20):
            result = runner.invoke(cli, ["batch", str(tmp_path / f"{name}.jsonl"), "--out", str(out), "--rules", TINY,
                                         "--jobs", str(jobs), "--quiet"])
        assert result.exit_code == 0, (name, jobs, result.output)
        assert len(out.read_text().splitlines()) == {"empty": 0, "one": 1, "chunks": 150}[name]
    assert time.monotonic() - started < 60


def test_an_empty_batch_on_a_real_process_with_two_jobs_exits(tmp_path):
    (tmp_path / "e.csv").write_text("")
    for i in range(5):
        done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "batch", str(tmp_path / "e.csv"), "--out",
                               str(tmp_path / f"o{i}.jsonl"), "--jobs", "2", "--quiet"], cwd=ROOT, timeout=30,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def _peak_rss_kib(args: list[str], err: Path) -> tuple[int, subprocess.Popen]:
    """Peak RSS of one run; its stderr goes to the file `err` (a pipe nobody reads could fill
    and stall the run, and would be left open)."""
    with open(err, "wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", *args], cwd=ROOT,
                                stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss, proc


def test_peak_memory_on_a_hostile_file_stays_bounded_by_the_row_limits(tmp_path):
    """One 64 MB id, one 64 MB run of brackets, rows nested deep: the run
    completes with those rows as errors, and peak RSS stays within 40 MiB of
    the same command on a one-row file (it was 1.57 GB on a 200 MB id)."""
    small = tmp_path / "small.jsonl"
    small.write_text('{"id": "a", "goal": "specific"}\n')
    hostile = tmp_path / "hostile.jsonl"
    with open(hostile, "w") as f:
        f.write('{"id": "a", "goal": "specific"}\n')
        f.write('{"id": "' + "x" * (64 << 20) + '"}\n')
        f.write("[" * (64 << 20) + "\n")
        f.write("[" * 500_000 + "]" * 500_000 + "\n")
        f.write('{"id": "z", "goal": "emerging"}\n')
    base, _ = _peak_rss_kib(["batch", str(small), "--out", str(tmp_path / "s.jsonl"), "--rules", TINY, "--jobs", "1"],
                            tmp_path / "s.err")
    peak, proc = _peak_rss_kib(["batch", str(hostile), "--out", str(tmp_path / "h.jsonl"), "--rules", TINY,
                                "--jobs", "1"], tmp_path / "h.err")
    assert proc.returncode == 1, (tmp_path / "h.err").read_text(errors="replace")
    codes = [line.split('"code": "')[1][:5] if '"code"' in line else None
             for line in (tmp_path / "h.jsonl").read_text().splitlines()]
    assert codes == [None, "PF106", "PF106", "PF107", None]
    assert peak - base < 40 * 1024, (base, peak)


def _schema_with(tmp_path: Path, line: str) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    text = (rules / "schema.yaml").read_text()
    (rules / "schema.yaml").write_text(text.replace("    min: 0\n", line))
    return rules


@pytest.mark.parametrize("line", ["    min: zero\n", "    min: [0]\n", "    min: {a: 0}\n", "    min:\n", "",
                                  "    min: .nan\n", "    min: 9223372036854775807\n"])
def test_lint_never_ends_in_pf799_on_a_malformed_schema_range(tmp_path, line):
    report = lint(_schema_with(tmp_path, line))
    codes = {p.code for p in report.problems}
    assert "PF799" not in codes and codes & {"PF201", "PF203", "PF219"}, report.problems


def test_control_characters_never_reach_the_terminal(tmp_path):
    """Rule text with escapes is refused when loaded; what reaches echo from
    elsewhere (a --fact name, a file name) is shown escaped."""
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    text = (rules / "rules.yaml").read_text()
    (rules / "rules.yaml").write_text(text.replace("reason: A specific goal or enough hours means structure.",
                                                   'reason: "\\e]0;pwned\\a"'))
    for args in (["recommend", "--rules", str(rules), "--fact", "goal=specific"], ["rules", "show", "d.structured", "--rules",
                                                                                   str(rules)],
                 ["lint", "--rules", str(rules)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code in (1, 2) and "PF101" in result.output, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output
    result = CliRunner().invoke(cli, ["recommend", "--rules", TINY, "--fact", "go\x1b]0;x\x07al=1",
                                      "--profile", str(tmp_path / "no\x9bsuch.yaml")])
    assert result.exit_code == 2
    assert not any(c in result.output for c in "\x1b\x07\x9b")
    # the file's name is shown quoted, and reads back as exactly the real name
    shown = result.output.split(":0:0: PF100:", 1)[0]
    assert shown.startswith("'") and ast.literal_eval(shown) == str(tmp_path / "no\x9bsuch.yaml")


def _dies_on_row_100(chunk, *args):
    """A batch worker's work, killed as it reaches row 100 (at module level: the pool
    hands a worker its work by name)."""
    import signal

    from pathfit.engine.cohort import batch as cohort

    if any(row.number == 100 for row in chunk):
        os.kill(os.getpid(), signal.SIGKILL)
    return cohort.__dict__["_real_work"](chunk, *args)


@pytest.mark.parametrize("audited", [False, True])
def test_a_worker_that_dies_ends_the_batch_with_pf632_instead_of_hanging(tmp_path, monkeypatch, audited):
    """A worker killed mid-batch (as when memory runs out) was replaced by the pool and its
    chunk never handed back, so the batch waited forever. Now: PF632, exit 2, no output,
    nothing appended; under a 60 s watchdog that ends the test run if it hangs."""
    batch_ends_with_pf632_when_a_worker_dies(tmp_path, monkeypatch, audited, _dies_on_row_100)
