"""`pathfit batch`: one result per row in input order, bad rows as row errors,
identical output for any --jobs, and an output file that is whole or absent."""
from __future__ import annotations

import csv
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli

from .helpers import ROOT


def _examples() -> list[dict]:
    out = []
    for path in sorted((ROOT / "examples").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text())
        out.append({"id": path.stem, **doc["facts"], "_expect": doc["expect"]["outcome"]})
    return out


def _cell(value) -> str:
    if isinstance(value, list):
        return ";".join(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def write_csv(path: Path, rows: list[dict], bom: bool = False) -> None:
    names = sorted({k for r in rows for k in r if k not in ("id", "_expect")})
    with open(path, "w", newline="", encoding="utf-8-sig" if bom else "utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id"] + names)
        for r in rows:
            w.writerow([r["id"]] + [_cell(r.get(n)) for n in names])


def batch(*args: str):
    return CliRunner().invoke(cli, ["batch", *args])


def test_csv_with_bom_gives_every_example_its_outcome_in_order(tmp_path):
    rows = _examples()
    write_csv(tmp_path / "in.csv", rows, bom=True)
    result = batch(str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.jsonl"), "--jobs", "1")
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in out] == [r["id"] for r in rows]
    assert [r["outcome"] for r in out] == [r["_expect"] for r in rows]
    assert f"{len(rows)} rows:" in result.stderr and "errors 0" in result.stderr


def test_jobs_do_not_change_the_output(tmp_path):
    examples = _examples()
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(12) for r in examples]
    write_csv(tmp_path / "in.csv", rows)
    outputs = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}.csv"
        assert batch(str(tmp_path / "in.csv"), "--out", str(out), "--jobs", jobs).exit_code == 0
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert outputs[0].count(b"\n") == len(rows) + 1


def test_bad_rows_become_row_errors_and_the_run_goes_on(tmp_path):
    src = tmp_path / "in.csv"
    header = "id,goal_clarity,horizon_months,needs,colour\n"
    body = (
        "ok,specific,6,performance,\n"                 # 1: fine
        "badvalue,specifc,6,,\n"                      # 2: enum value
        "range,specific,600,,\n"                      # 3: out of range
        "unknowncol,specific,6,,blue\n"               # 4: unknown column with a value
        "member,specific,6,performance;flying,\n"     # 5: bad set member
    ).encode() + b"latin,sp\xe9cific,6,,\n" + (       # 6: not UTF-8
        "wide," + ",".join(["x"] * 3000) + "\n"       # 7: thousands of columns
        "trunc,specific"                              # 8: truncated last row
    ).encode()
    src.write_bytes(header.encode() + body)
    result = batch(str(src), "--out", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 1
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    codes = [(r["id"] if r["id"] else r["row"], r["error"] and r["error"]["code"]) for r in out]
    assert codes == [("ok", None), ("badvalue", "PF403"), ("range", "PF404"), ("unknowncol", "PF401"),
                     ("member", "PF403"), (6, "PF101"), (7, "PF406"), (8, "PF406")]
    assert out[3]["error"]["message"].startswith("unknown fact 'colour'")
    assert out[5]["error"]["line"] == 7
    assert "errors 7" in result.stderr


def test_jsonl_rows_with_bad_json_and_duplicate_keys(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "goal_clarity": "specific"}\n'
                   '{"id": "b", "goal_clarity": "specific", "goal_clarity": "emerging"}\n'
                   '{"id": "c", \n'
                   '["not", "an", "object"]\n'
                   '{"id": "e", "hours_per_month": NaN}\n')
    result = batch(str(src), "--out", str(tmp_path / "out.jsonl"))
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["error"] and r["error"]["code"] for r in out] == [None, "PF102", "PF102", "PF406", "PF404"]
    assert result.exit_code == 1


def test_missing_input_or_bad_rules_write_nothing(tmp_path):
    result = batch(str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2 and "PF100" in result.stderr
    result = batch(str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out.jsonl"), "--rules", str(tmp_path))
    assert result.exit_code == 2 and "PF216" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_sigterm_leaves_no_partial_output(tmp_path):
    examples = _examples()
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(800) for r in examples]
    write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "batch", str(tmp_path / "in.csv"), "--out", str(out),
                             "--jobs", "2"], cwd=ROOT, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 20
    while time.time() < deadline and not any(p.name.startswith(".out.jsonl.partial") for p in tmp_path.iterdir()):
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert "interrupted; no output written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_progress_bar_on_a_terminal_only(tmp_path):
    """rich draws rows, rate and time left on a terminal's stderr; piped, nothing but the summary."""
    import os
    import pty

    examples = _examples()
    write_csv(tmp_path / "in.csv", [dict(r, id=f"{r['id']}-{i}") for i in range(40) for r in examples])
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "batch", str(tmp_path / "in.csv"), "--out",
                             str(tmp_path / "out.jsonl"), "--jobs", "1"], cwd=ROOT, stderr=slave,
                            stdout=subprocess.DEVNULL, env={**os.environ, "COLUMNS": "100"})
    os.close(slave)
    seen = b""
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        seen += data
    proc.wait(timeout=60)
    os.close(master)
    text = seen.decode("utf-8", "replace")
    assert "rows" in text and f"/{40 * len(examples)}" in text  # the bar: rows done / total
    assert f"{40 * len(examples)} rows:" in text  # then the summary
    piped = subprocess.run([sys.executable, "-m", "cli.main", "batch", str(tmp_path / "in.csv"), "--out",
                            str(tmp_path / "out2.jsonl"), "--jobs", "1"], cwd=ROOT, capture_output=True, text=True)
    assert piped.stderr.strip().splitlines() == [piped.stderr.strip()]  # one summary line, no bar
