"""`pathfit batch`: one result per row in input order, bad rows as row errors,
identical output for any --jobs, and an output file that is whole or absent."""
from __future__ import annotations

import csv
import hashlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.record import canonical

from .helpers import ROOT, child_processes, on_a_terminal, watchdog


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


def test_each_row_says_whether_its_decision_is_settled_as_the_decision_object_does(tmp_path):
    """Regression: rows gave a confidence with nothing to tell a provisional decision's figure
    from a settled one's. Each row now says `settled` as `recommend --format json` does."""
    from pathfit.engine import Engine

    rows = _examples()
    with Engine.load() as engine:
        want = [engine.evaluate({k: v for k, v in r.items() if k not in ("id", "_expect")}).to_dict()["settled"]
                for r in rows]
    assert set(want) == {True, False}  # the examples hold both kinds
    write_csv(tmp_path / "in.csv", rows)
    for out in ("out.jsonl", "out.csv"):
        result = batch(str(tmp_path / "in.csv"), "--out", str(tmp_path / out), "--jobs", "1")
        assert result.exit_code == 0, result.output
    jsonl = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["settled"] for r in jsonl] == want
    with open(tmp_path / "out.csv", newline="") as f:
        table = list(csv.DictReader(f))
    assert [r["settled"] for r in table] == ["true" if s else "false" for s in want]
    assert [r["confidence"] for r in table] == [str(r["confidence"]) for r in jsonl]


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
    header = "id,goal_clarity,horizon_months,needs,trigger\n"
    body = (
        "ok,specific,6,performance,\n"                 # 1: fine
        "badvalue,specifc,6,,\n"                      # 2: enum value
        "range,specific,600,,\n"                      # 3: out of range
        "unknownfact,specific,6,,blue\n"              # 4: a value the fact does not take
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
    assert codes == [("ok", None), ("badvalue", "PF403"), ("range", "PF404"), ("unknownfact", "PF403"),
                     ("member", "PF403"), ("latin", "PF101"), ("wide", "PF406"), ("trunc", "PF406")]
    # rows 6, 7 and 8 keep their ids (they used to lose them): row 6's bad byte comes after its id cell
    assert "'blue'" in out[3]["error"]["message"]
    assert out[5]["error"]["line"] == 7
    assert "errors 7" in result.stderr


@pytest.mark.parametrize("header, col, name, columns", [
    ("id,hours_per_month,hours_per_month", 20, "hours_per_month", "2 and 3"),
    ('id,"a,b",hours_per_month,"hours_per_month"', 26, "hours_per_month", "3 and 4"),
    ("id,id", 4, "id", "1 and 2")])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_csv_column_named_twice_refuses_the_input_located_at_the_second(tmp_path, header, col, name, columns, jobs):
    """Regression: the last of two cells under one name silently won, where a duplicate key in
    JSON, JSON Lines or YAML is PF105."""
    cells = ",".join(["r1"] + ['"0"'] * (header.count(",")))
    (tmp_path / "in.csv").write_text(f"{header}\n{cells}\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = batch(str(tmp_path / "in.csv"), "--out", str(out), "--jobs", jobs)
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'in.csv'}:1:{col}: PF105: column '{name}' appears twice in the header (columns {columns}); "
        "each row would lose one of its cells"]


@pytest.mark.parametrize("header, expected", [
    ("id,needs,hours_per_month,extra", [("1:26", "PF401", "column 'extra' names no fact, `id` or `subject`: ")]),
    ("ID,Needs,hours_per_month", [("1:1", "PF401", "(names are matched exactly: did you mean 'id'?)"),
                                  ("1:4", "PF401", "(names are matched exactly: did you mean 'needs'?)")]),
    ("id,neds,hours_per_month", [("1:4", "PF401", "(did you mean 'needs'?)")]),
    ("id;needs;hours_per_month", [("1:1", "PF406", "separated by semicolons; a cohort's CSV is comma-separated")]),
    ('{"id": "r1", "needs": ["performance"]}', [("1:1", "PF406", "JSON Lines given a name pathfit reads as CSV")])])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_csv_column_that_names_no_fact_refuses_the_input_at_the_header(tmp_path, header, expected, jobs):
    """Regression: a column naming no fact was an error only in the rows that filled its cell
    (the others decided as if it were not there), and a CSV saved with semicolons or with
    capitalised names was told it might be JSON Lines."""
    cells = ",".join(["r1", "performance", "4", ""][:header.count(",") + 1])
    (tmp_path / "in.csv").write_text(f"{header}\n{cells}\nr2,performance,4,x\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = batch(str(tmp_path / "in.csv"), "--out", str(out), "--jobs", jobs)
    assert result.exit_code == 2 and not out.exists() and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == len(expected)
    for line, (at, code, words) in zip(lines, expected):
        assert line.startswith(f"{tmp_path / 'in.csv'}:{at}: {code}: ") and words in line, line


def test_empty_header_columns_of_a_spreadsheet_are_no_facts_and_clash_with_none(tmp_path):
    """Trailing commas, as spreadsheets export them, leave columns with no name: not a column
    named twice."""
    (tmp_path / "in.csv").write_text("id,hours_per_month,,\nr1,4,,\n", encoding="utf-8")
    result = batch(str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.jsonl"))
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "o.jsonl").read_text())["error"] is None


def test_json_lines_read_as_csv_are_refused_not_zero_rows(tmp_path):
    """Regression: JSON Lines under a name pathfit reads as CSV (a pipe, `<(cmd)`) became a CSV
    header naming no fact and no row: "0 rows", exit 0."""
    (tmp_path / "rows.txt").write_text('{"id": "a", "goal_clarity": "specific"}\n', encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = batch(str(tmp_path / "rows.txt"), "--out", str(out))
    assert result.exit_code == 2 and not out.exists()
    assert result.stderr.startswith(f"{tmp_path / 'rows.txt'}:1:1: PF406: the CSV header names no fact")
    assert batch(str(tmp_path / "rows.txt"), "--out", str(out), "--input-format", "jsonl").exit_code == 0


def test_jsonl_rows_with_bad_json_and_duplicate_keys(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "goal_clarity": "specific"}\n'
                   '{"id": "b", "goal_clarity": "specific", "goal_clarity": "emerging"}\n'
                   '{"id": "c", \n'
                   '["not", "an", "object"]\n'
                   '{"id": "e", "hours_per_month": NaN}\n')
    result = batch(str(src), "--out", str(tmp_path / "out.jsonl"))
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["error"] and r["error"]["code"] for r in out] == [None, "PF105", "PF102", "PF406", "PF102"]
    assert result.exit_code == 1


def test_missing_input_or_bad_rules_write_nothing(tmp_path):
    result = batch(str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2 and "PF100" in result.stderr
    result = batch(str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out.jsonl"), "--rules", str(tmp_path))
    assert result.exit_code == 2 and "PF216" in result.stderr
    assert list(tmp_path.iterdir()) == []


def sigterm_mid_run(folder: Path, args: list[str], started: str, env: dict | None = None) -> str:
    """Run `pathfit batch ARGS`, SIGTERM it once the file `started` appears in
    `folder` (the run is under way), and -> its stderr, after checking exit 130."""
    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "batch", *args], cwd=ROOT, env=env,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 20
    while time.time() < deadline and not any(p.name.startswith(started) for p in folder.iterdir()):
        time.sleep(0.05)
    # a marker that never appears would only make this wait, then signal a run that may be over
    assert any(p.name.startswith(started) for p in folder.iterdir()), f"{started} never appeared"
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    return err


def test_sigterm_leaves_no_partial_output(tmp_path):
    examples = _examples()
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(800) for r in examples]
    write_csv(tmp_path / "in.csv", rows)
    out = tmp_path / "out.jsonl"
    err = sigterm_mid_run(tmp_path, [str(tmp_path / "in.csv"), "--out", str(out), "--jobs", "2"], ".out.jsonl.partial")
    assert "interrupted; no output written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]


def test_progress_bar_on_a_terminal_only(tmp_path):
    """rich draws rows, rate and time left on a terminal's stderr; piped, nothing but the summary."""
    examples = _examples()
    write_csv(tmp_path / "in.csv", [dict(r, id=f"{r['id']}-{i}") for i in range(40) for r in examples])
    seen = on_a_terminal([sys.executable, "-m", "pathfit.cli.main", "batch", str(tmp_path / "in.csv"), "--out",
                          str(tmp_path / "out.jsonl"), "--jobs", "1"], ROOT)
    text = seen.decode("utf-8", "replace")
    assert "rows" in text and f"/{40 * len(examples)}" in text  # the bar: rows done / total
    assert f"{40 * len(examples)} rows:" in text  # then the summary
    piped = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "batch", str(tmp_path / "in.csv"), "--out",
                            str(tmp_path / "out2.jsonl"), "--jobs", "1"], cwd=ROOT, capture_output=True, text=True)
    assert piped.stderr.strip().splitlines() == [piped.stderr.strip()]  # one summary line, no bar


# --- --audit-log: a record per decided row, appended in input order under one lock ---

def _audited_run(tmp_path, monkeypatch, jobs: str, log, out_name: str):
    from .audit_support import make_key

    key = tmp_path / "audit.key"
    if not key.exists():
        make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    return batch(str(tmp_path / "in.csv"), "--out", str(tmp_path / out_name), "--jobs", jobs,
                 "--audit-log", str(log))


def _verify(log) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["audit", "verify", str(log), "--format", "json"])
    return result.exit_code, result.stdout


def test_audit_log_gets_one_record_per_decided_row_in_input_order(tmp_path, monkeypatch):
    from .audit_support import sensitive_leaks
    from pathfit.engine import Engine
    from pathfit.engine.audit.masking import sensitive_domains

    examples = _examples()
    rows = [dict(r, id=f"{r['id']}-{i}") for i in range(3) for r in examples]
    rows.insert(5, {"id": "broken", "goal_clarity": "specifc"})  # a row error: no decision, no record
    write_csv(tmp_path / "in.csv", rows)
    log = tmp_path / "audit.jsonl"
    sources = []
    for jobs, out_name, name in (("1", "a.jsonl", "audit.jsonl"), ("2", "b.csv", "audit2.jsonl")):
        result = _audited_run(tmp_path, monkeypatch, jobs, tmp_path / name, out_name)
        assert result.exit_code == 1, result.output  # the broken row
        assert f"appended {len(rows) - 1} records to {tmp_path / name} as batch " in result.stderr
    before = log.read_bytes()
    again = _audited_run(tmp_path, monkeypatch, "2", log, "c.csv")  # the same batch: its rows are in the log, so
    assert again.exit_code == 1 and "was already committed" in again.stderr  # its output is written, not logged
    assert log.read_bytes() == before and (tmp_path / "c.csv").exists()
    refused = _audited_run(tmp_path, monkeypatch, "2", log, "a.jsonl")  # its output is there: nothing to finish
    assert refused.exit_code == 2 and "PF627" in refused.output and log.read_bytes() == before
    log.write_bytes(log.read_bytes() + (tmp_path / "audit2.jsonl").read_bytes())  # one chain to read below
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    for at in range(len(entries) // 2, len(entries)):  # re-chain the second log's entries after the first's
        entries[at]["seq"] += len(entries) // 2
        entries[at]["prev"] = entries[at - 1]["hash"]
        entries[at].pop("sig", None)
        entries[at]["hash"] = hashlib.sha256(canonical({k: v for k, v in entries[at].items() if k != "hash"})).hexdigest()
    log.write_bytes(b"".join(canonical(e) + b"\n" for e in entries))
    code, report = _verify(log)
    assert code == 0, report
    assert json.loads(report)["entries"] == 2 * (len(rows) - 1 + 2)  # each batch: begin, records, commit
    assert [e["batch"]["mark"] for e in entries if "batch" in e] == ["begin", "commit"] * 2
    entries = [e for e in entries if "record" in e]
    results = [json.loads(line) for line in (tmp_path / "a.jsonl").read_text().splitlines()]
    with open(tmp_path / "b.csv", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    decided = [r for r in results if r["error"] is None]
    assert [r["record_id"] for r in results if r["error"]] == [None]
    assert csv_rows[5]["id"] == "broken" and csv_rows[5]["record_id"] == ""
    ids = [r["record_id"] for r in decided] + [r["record_id"] for r in csv_rows if r["record_id"]]
    assert [e["record"]["id"] for e in entries] == ids  # input order, both runs, one chain
    for entry, result in zip(entries, decided + decided):
        record = entry["record"]
        sources.append((record["source"]["row"], record["source"]["id"], record["outcome"]["recommendation"]))
        assert record["source"]["input"] == "in.csv"
        assert (record["source"]["row"], record["source"]["id"]) == (result["row"], result["id"])
        assert record["outcome"]["recommendation"] == result["outcome"]
    assert sources[:len(decided)] == sources[len(decided):]  # --jobs 1 and 2 audit the same decisions
    shown = CliRunner().invoke(cli, ["audit", "show", str(log), "--id", decided[6]["record_id"]])
    assert f"From:        in.csv row {decided[6]['row']} (id {decided[6]['id']})" in shown.stdout
    sensitive = set(sensitive_domains(Engine.load().ruleset))
    assert any(e["record"]["record_version"] == 3 and e["record"]["masking"]["box"] for e in entries)  # sealed
    assert [leak for e in entries for leak in sensitive_leaks(e["record"], sensitive)] == []


def test_audit_log_without_a_key_or_with_a_damaged_tail_writes_nothing(tmp_path, monkeypatch):
    write_csv(tmp_path / "in.csv", _examples())
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log = tmp_path / "audit.jsonl"
    result = batch(str(tmp_path / "in.csv"), "--out", str(tmp_path / "out.jsonl"), "--audit-log", str(log))
    assert result.exit_code == 2
    assert result.stderr.startswith("PATHFIT_AUDIT_KEY_FILE:0:0: PF610: ")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
    log.write_bytes(b'{"hash": "interrupted')  # an append cut short: refused before any row runs
    result = _audited_run(tmp_path, monkeypatch, "1", log, "out.jsonl")
    assert result.exit_code == 2 and f"{log}:0:0: PF606: " in result.stderr
    assert log.read_bytes() == b'{"hash": "interrupted'
    assert not (tmp_path / "out.jsonl").exists()
    result = _audited_run(tmp_path, monkeypatch, "1", tmp_path / "out.jsonl", "out.jsonl")
    assert result.exit_code == 2 and "PF613" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.jsonl", "audit.key", "in.csv"]


def test_sigterm_with_an_audit_log_appends_nothing(tmp_path):
    import os

    from .audit_support import make_key

    examples = _examples()
    write_csv(tmp_path / "in.csv", [dict(r, id=f"{r['id']}-{i}") for i in range(800) for r in examples])
    key = make_key(tmp_path)
    log = tmp_path / "audit.jsonl"
    write_csv(tmp_path / "one.csv", examples[:2])
    env = {**os.environ, "PATHFIT_AUDIT_KEY_FILE": str(key)}
    first = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "batch", str(tmp_path / "one.csv"), "--out",
                            str(tmp_path / "one.jsonl"), "--audit-log", str(log)], cwd=ROOT, env=env,
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    before = log.read_bytes()
    out = tmp_path / "out.jsonl"
    err = sigterm_mid_run(tmp_path, [str(tmp_path / "in.csv"), "--out", str(out), "--jobs", "2", "--audit-log",
                                     str(log)], ".out.jsonl.partial", env)
    assert f"interrupted; no output written to {out} and nothing appended to {log}" in err
    assert log.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.jsonl", "audit.key", "in.csv", "one.csv",
                                                          "one.jsonl"]


def _big_result_at_row_100(chunk, *args):
    """A batch worker's work whose result, for the chunk holding row 100, is 16 MiB of text:
    far more than a pipe holds, so the worker is still writing it while nobody reads."""
    from pathfit.engine.cohort import batch as cohort

    done = cohort.__dict__["_real_work"](chunk, *args)
    if any(row.number == 100 for row in chunk):
        return done._replace(text=done.text + " " * (16 << 20))
    return done


def test_an_interrupted_batch_stops_at_once_leaving_no_worker_even_one_writing_a_result(tmp_path, monkeypatch):
    """Regression: SIGTERM to `batch --jobs 2 --audit-log` could hang for good. When the
    workers shared one pipe for results under one lock, a worker that had begun writing a
    result larger than the pipe holds (an audited chunk's) kept the lock, and stopping the
    workers waited on it. Now each worker answers on a pipe of its own: interrupted while a
    worker is blocked writing such a result, the batch ends at once, and every worker it
    started has ended and been waited for; under a 60 s watchdog that ends the test run if
    it hangs."""
    from pathfit.engine import Engine
    from pathfit.engine.cohort import batch as cohort
    from pathfit.engine.cohort.rows import read_rows

    monkeypatch.setitem(cohort.__dict__, "_real_work", cohort._work)
    monkeypatch.setattr(cohort, "_work", _big_result_at_row_100)
    examples = _examples()
    write_csv(tmp_path / "in.csv", [dict(r, id=f"{r['id']}-{i}") for i in range(100) for r in examples])
    engine = Engine.load()
    before = child_processes()
    try:
        with watchdog(60):
            with open(tmp_path / "in.csv", "rb") as stream:
                rows = read_rows(stream, "in.csv", "csv", engine.ruleset.facts, parse=False)
                run = cohort.run_batch(engine, rows, "in.csv", 2, "jsonl")
                next(run)  # the first chunk back, the next ones in flight
                workers = child_processes() - before
                assert len(workers) == 2
                writing = set()
                for _ in range(200):  # until a worker waits to write more of its result than the pipe holds
                    writing = {w for w in workers if "pipe_write" in Path(f"/proc/{w}/wchan").read_text()}
                    if writing:
                        break
                    time.sleep(0.05)
                assert writing
                started = time.monotonic()
                with pytest.raises(KeyboardInterrupt):
                    run.throw(KeyboardInterrupt)
                took = time.monotonic() - started
    finally:
        engine.close()
    assert took < 5
    assert not child_processes() & workers  # every one ended and waited for: none left, not even a zombie


def test_append_lines_interrupted_midway_leaves_the_log_as_it_was(tmp_path):
    """A batch's records go in under one lock; an interrupt (or a failed write)
    between two of them cuts the log back, so it never holds half a batch."""
    from pathfit.engine import Engine
    from pathfit.engine.audit.append import append_lines
    from pathfit.engine.audit.record import canonical

    from .audit_support import EXAMPLES, build_log, make_key, record_for
    from pathfit.engine.audit.masking import load_key

    engine = Engine.load()
    key = load_key(str(make_key(tmp_path)))
    log = tmp_path / "audit.jsonl"
    build_log(engine, key, log, 2)
    before = log.read_bytes()

    def records():
        for path in EXAMPLES[:3]:
            yield canonical(record_for(engine, path, key))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        append_lines(log, records())
    assert log.read_bytes() == before
    count, last = append_lines(log, (canonical(record_for(engine, p, key)) for p in EXAMPLES[:3]))
    assert count == 3 and last["seq"] == 5
    code, report = _verify(log)
    assert code == 0 and json.loads(report)["head"] == last["hash"], report


def test_the_progress_bar_runs_no_thread_that_a_fork_could_catch(tmp_path):
    """Workers are forked while the bar is shown; a fork taken while another
    thread holds a lock leaves that lock held forever in the child."""
    import threading

    from pathfit.cli.batch_progress import ProgressBar

    cohort = tmp_path / "in.csv"
    cohort.write_text("id,needs\n" + "".join(f"r{i},performance\n" for i in range(50)))
    before = set(threading.enumerate())
    bar = ProgressBar(str(cohort))
    try:
        bar.advance(10)
        assert set(threading.enumerate()) == before
    finally:
        bar.stop()


@pytest.mark.parametrize("rows", [0, 1, 2])
def test_an_input_of_one_chunk_or_less_starts_no_worker(tmp_path, monkeypatch, rows):
    import pathfit.engine.cohort.batch as batch_module

    def no_workers(*args, **kwargs):
        raise AssertionError("workers were started for an input one process can hold")
    monkeypatch.setattr(batch_module, "Workers", no_workers)
    cohort = tmp_path / "in.csv"
    cohort.write_text("id,needs\n" + "".join(f"r{i},performance\n" for i in range(rows)))
    result = batch(str(cohort), "--out", str(tmp_path / "out.jsonl"), "--jobs", "2", "--quiet")
    assert result.exit_code == 0, result.output
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == rows


def test_a_row_id_with_a_newline_cannot_forge_a_line_of_the_error_summary(tmp_path):
    """Regression: a row's id was printed raw in the summary on stderr, so an id holding a
    newline started a line that read as a problem of its own."""
    forged = "x)\nin.jsonl:9:9: PF000: forged problem (row 9, id y"
    (tmp_path / "in.jsonl").write_text(json.dumps({"id": forged, "hours_per_month": 999}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    summary = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert not any("PF000" in line and line.startswith("in.jsonl") for line in result.stderr.splitlines())
    assert summary[0].endswith("(row 1, id x)\\u000ain.jsonl:9:9: PF000: forged problem (row 9, id y)")
    (tmp_path / "in.csv").write_text('id,hours_per_month\n"bad\nid\tz",999\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 1
    summary = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(summary) == 1 and summary[0].endswith("(row 1, id bad\\u000aid\\u0009z)")


def test_batch_row_error_summary_shows_first_errors_with_line_code_and_id(tmp_path):
    """Regression: stderr said only "errors 7", and a row with too few or too many
    fields lost its id in the output."""
    (tmp_path / "in.csv").write_text(
        "id,willing_to_change,hours_per_month\n"
        "short-1\n"                       # line 2: too few fields
        "long-2,yes,4,extra\n"            # line 3: too many
        "ok-3,yes,6\n"                    # line 4: fine
        "unk-4,maybe,6\n"                 # line 5: a bad value
        "short-5,yes\n"                   # line 6
        "long-6,yes,4,5,6\n"              # line 7
        "short-7\n"                       # line 8
        "short-8\n", encoding="utf-8")    # line 9
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(out)])
    assert result.exit_code == 1
    with out.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    errors = [r for r in rows if r["error_code"]]
    assert [r["id"] for r in errors] == ["short-1", "long-2", "unk-4", "short-5", "long-6", "short-7", "short-8"]
    lines = result.stderr.splitlines()
    summary = [line for line in lines if line.startswith("  ")]
    expected = [(2, "PF406", "short-1"), (3, "PF406", "long-2"), (5, errors[2]["error_code"], "unk-4"),
                (6, "PF406", "short-5"), (7, "PF406", "long-6")]
    assert len(summary) == 6
    for line, (at, code, row_id) in zip(summary, expected):
        assert line.startswith(f"  {tmp_path / 'in.csv'}:{at}:") and f": {code}: " in line and f"id {row_id})" in line
    assert summary[2].count(errors[2]["error"]) == 1
    assert summary[-1] == f"  and 2 more (PF406 2); {out} has every row's error"


def test_a_row_with_several_problems_reports_every_one(tmp_path):
    """Regression: a row with three bad values said only the first, '(and 2 more)'. Every
    problem is in the JSONL row's `errors` (the first also in `error`), in the CSV row's cells,
    and on stderr with its line and code."""
    three = '{"id": "three", "willing_to_change": "maybe", "hours_per_month": 900, "colour": "red"}'
    (tmp_path / "in.jsonl").write_text(
        '{"id": "fine", "willing_to_change": true, "hours_per_month": 6}\n' + three + "\n", encoding="utf-8")
    # each at its value (a bad one) or key (an unknown fact), in the order of their places
    cols = [three.index('"maybe"') + 1, three.index("900") + 1, three.index('"colour"') + 1]
    for kind in ("jsonl", "csv"):
        out = tmp_path / f"out.{kind}"
        result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "--out", str(out)])
        assert result.exit_code == 1
        text = out.read_text(encoding="utf-8")
        assert "more)" not in text and "more)" not in result.stderr
        if kind == "jsonl":
            row = [json.loads(line) for line in text.splitlines()][1]
            assert len(row["errors"]) == 3 and row["error"] == row["errors"][0]
            assert [(e["line"], e["col"]) for e in row["errors"]] == [(2, col) for col in cols]
            codes = [e["code"] for e in row["errors"]]
            assert codes == ["PF402", "PF404", "PF401"]  # maybe no boolean, 900 out of range, colour unknown
        else:
            with out.open(encoding="utf-8") as f:
                row = list(csv.DictReader(f))[1]
            assert row["error_code"].split(";") == codes
            assert row["error"] == "; ".join(f"2:{e['col']}: {e['code']}: {e['message']}" for e in
                                             json.loads((tmp_path / "out.jsonl").read_text().splitlines()[1])["errors"])
        summary = [line for line in result.stderr.splitlines() if line.startswith("  ")]
        assert [line.split(": ")[1] for line in summary] == codes
        assert all(line.startswith(f"  {tmp_path / 'in.jsonl'}:2:{col}: ") and line.endswith("(row 2, id three)")
                   for line, col in zip(summary, cols))


def test_a_row_error_is_at_the_same_column_in_the_output_as_on_stderr(tmp_path):
    """Regression: a row's problem with no column of its own was `:2:1` on stderr and
    `"col": 0` in the output rows. A bad value is at its cell (column 4), a row with too few
    fields at the row's start, alike in both."""
    (tmp_path / "in.csv").write_text("id,goal_clarity\nr1,specifc\nr2\n", encoding="utf-8")
    result = batch(str(tmp_path / "in.csv"), "--out", str(tmp_path / "o.jsonl"))
    rows = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [(r["error"]["line"], r["error"]["col"]) for r in rows] == [(2, 4), (3, 1)]
    assert f"{tmp_path / 'in.csv'}:2:4: PF403: " in result.stderr
    assert f"{tmp_path / 'in.csv'}:3:1: PF406: " in result.stderr
