"""`--id` naming a record that is in the log but damaged: replay and report name the
record's own problem at its line, and warn first that the log does not verify, rather
than saying no record has that id."""
from __future__ import annotations

import json
from pathlib import Path

from pathfit.engine.audit.append import append
from pathfit.engine.audit.read import select
from pathfit.engine.errors import PathfitError

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import PLAIN_EXAMPLE, another_outcome, read_every_record, record_for, rehashed, run


def damaged_log(tmp_path, engine, key) -> tuple[Path, str]:
    """Three entries; the last one's record says another outcome than its own trace (PF608)."""
    log = tmp_path / "audit.jsonl"
    for _ in range(3):
        append(log, record_for(engine, Path(PLAIN_EXAMPLE), key), None)
    lines = log.read_bytes().splitlines(keepends=True)

    lines[2] = rehashed(lines[2], another_outcome)
    log.write_bytes(b"".join(lines))
    return log, json.loads(lines[2])["record"]["id"]


def test_select_names_a_damaged_records_own_problem(tmp_path, engine, key):
    log, rid = damaged_log(tmp_path, engine, key)
    items = read_every_record(log)[0]
    try:
        select(items, rid[:8], str(log))
        raise AssertionError("a damaged record was selected")
    except PathfitError as err:
        assert (err.problems[0].code, err.problems[0].pos.line) == ("PF608", 3)
    assert select(items, rid[:8], str(log), damaged=True).problem.code == "PF608"


def test_replay_and_report_of_a_damaged_record_say_what_is_wrong_with_it(tmp_path, engine, key):
    log, rid = damaged_log(tmp_path, engine, key)
    replayed = run("replay", log, "--id", rid[:8])
    assert replayed.exit_code == 1, replayed.stdout + replayed.stderr
    assert f"{log}:3:1: PF608: " in replayed.stdout and "NOT REPLAYED" in replayed.stdout
    assert replayed.stderr.startswith("warning: the log does not verify: ") and "PF616" not in replayed.stderr
    out = tmp_path / "r.html"
    reported = run("report", log, "--id", rid[:8], "--out", out)
    assert reported.exit_code == 2 and not out.exists(), reported.stdout + reported.stderr
    first, second = reported.stderr.splitlines()[:2]
    assert first.startswith("warning: the log does not verify: ") and second.startswith(f"{log}:3:1: PF608: ")
    assert "PF616" not in reported.stderr


def test_audit_show_of_a_damaged_record_names_its_own_problem(tmp_path, engine, key):
    log, rid = damaged_log(tmp_path, engine, key)
    shown = run("audit", "show", log, "--id", rid[:8])
    assert shown.exit_code == 2, shown.stdout + shown.stderr
    assert f"{log}:3:1: PF608: " in shown.stderr and "PF616" not in shown.stderr


def test_serve_report_of_a_damaged_record_names_its_own_problem_then_the_logs(tmp_path, engine, key):
    """/report/ID of the damaged record: its own problem, then that the log does not verify, as any
    404 from a log that does not verify says it (only a record's own seal not holding is said once)."""
    from .serve_support import report_reply

    log, rid = damaged_log(tmp_path, engine, key)
    reply = report_reply(log, key.path, rid)
    assert reply.status == 404, reply.body[:300]
    errors = reply.json["errors"]
    assert [e["code"] for e in errors] == ["PF608", "PF608"], errors
    assert errors[1]["message"].startswith("the audit log does not verify") and "line 3" in errors[1]["message"], errors
