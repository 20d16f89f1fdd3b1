"""A standard descriptor that is closed when pathfit starts (`2>&-`, `<&-`) is held open on
/dev/null, so no file pathfit opens takes its number: the record, the batch output and the
audit log get what is written to them, and what would have gone to a closed stderr goes
nowhere. The tests before closed stdout alone, so a guard left off stderr or stdin went
unseen (left unguarded, `recommend --record r.json 2>&-` exits 1 with no record written)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "graduate-seeking-career-direction.yaml")  # no sensitive fact: no key needed


def _run(args: list[str], closed: int, tmp_path) -> subprocess.CompletedProcess:
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    kept = {0: subprocess.DEVNULL, 1: subprocess.PIPE, 2: subprocess.PIPE}
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=tmp_path, env=env,
                          stdin=kept[0], stdout=kept[1], stderr=kept[2], timeout=120,
                          preexec_fn=lambda: os.close(closed))


@pytest.mark.parametrize("closed", [0, 2], ids=["stdin", "stderr"])
def test_a_record_written_with_a_standard_descriptor_closed_is_the_record(tmp_path, closed):
    record, log = tmp_path / "r.json", tmp_path / "audit.jsonl"
    done = _run(["recommend", "--profile", EXAMPLE, "--record", str(record), "--audit-log", str(log)], closed,
                tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(b"Recommendation")
    assert json.loads(record.read_text())["id"]
    assert [json.loads(line)["record"]["id"] for line in log.read_text().splitlines()] == \
        [json.loads(record.read_text())["id"]]
    assert subprocess.run([sys.executable, "-m", "pathfit.cli.main", "audit", "verify", str(log)], cwd=tmp_path,
                          capture_output=True, timeout=120).returncode == 0


@pytest.mark.parametrize("closed", [0, 2], ids=["stdin", "stderr"])
def test_a_batch_output_written_with_a_standard_descriptor_closed_is_the_output(tmp_path, closed):
    out = tmp_path / "out.jsonl"
    done = _run(["batch", str(ROOT / "examples" / "corpus.jsonl"), "--out", str(out), "--jobs", "1"], closed,
                tmp_path)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert rows and [r["row"] for r in rows] == list(range(1, len(rows) + 1))
