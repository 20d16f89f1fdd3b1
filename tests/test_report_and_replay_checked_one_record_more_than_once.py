"""`report --id` and the service's `/report/ID`, with the audit key, checked the sealed record they
draw three times: once as the log was verified (every seal, as `audit verify` checks them), once
more to say on the page what was checked, and again as it was opened to be drawn; `report` of a
record file checked it twice, and so did `replay` of a record file (before replaying, and to
replay it). Now each is checked once, as `replay` and `audit show` of a log check theirs: a
record file's seals are checked as a log's are, its box kept opened, and a record whose seals held
is only opened after. A box that opens is counted by `sealing.disagreement`, which every full
check makes and an opening alone does not; a sealed subject by `seal_check.open_subject`. The
output is the same."""
from __future__ import annotations

import asyncio
import importlib
import json
from collections import Counter

import pytest

from pathfit.engine.audit.record import record_text

from .audit_support import engine, keyed_stream_log, run  # engine: the module-scoped fixture the audit tests share
from .serve_support import asgi_call, shut_down

sealing = importlib.import_module("pathfit.engine.audit.sealing")
seal_check = importlib.import_module("pathfit.engine.audit.seal_check")
FIRST = "c7a3c4ed"  # the log's first record: sealed, its subject sealed
DRAWN = "1d7c43ef"  # as sealed, after a batch and another key's record


@pytest.fixture
def log(tmp_path, monkeypatch):
    return keyed_stream_log(tmp_path, monkeypatch)


@pytest.fixture
def record_file(log, tmp_path):
    """The log's first record as a record file."""
    path = tmp_path / "decision.json"
    path.write_text(record_text(json.loads(log.read_text().splitlines()[0])["record"]))
    return path


def counted(call) -> tuple[object, Counter, Counter]:
    """`call()`'s result, and how often it fully checked each record's box and opened its subject."""
    boxes, subjects = Counter(), Counter()
    disagreement, open_subject = sealing.disagreement, seal_check.open_subject

    def opened_subject(key, record, sealed, pos):
        subject = open_subject(key, record, sealed, pos)
        subjects.update([record["id"][:8]])
        return subject

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sealing, "disagreement", lambda clear, whole: boxes.update([clear["id"][:8]])
                   or disagreement(clear, whole))
        mp.setattr(seal_check, "open_subject", opened_subject)
        return call(), boxes, subjects


def said(result) -> tuple:
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["report", "replay"])
def test_a_record_file_is_checked_once(record_file, tmp_path, command):
    args = [command, record_file] + (["--out", tmp_path / "page.html"] if command == "report" else [])
    before = run(*args)
    page = (tmp_path / "page.html").read_bytes() if command == "report" else b""
    if command == "report":
        (tmp_path / "page.html").unlink()
    again, boxes, subjects = counted(lambda: run(*args))
    assert said(again) == said(before) and before.exit_code == 0, before.output
    if command == "report":
        assert (tmp_path / "page.html").read_bytes() == page
    assert boxes == {FIRST: 1} and subjects == {FIRST: 1}, (boxes, subjects)


def test_report_of_a_log_checks_the_record_drawn_once(log, tmp_path):
    page = tmp_path / "page.html"
    before = run("report", log, "--id", DRAWN, "--out", page)
    drawn = page.read_bytes()
    page.unlink()
    again, boxes, subjects = counted(lambda: run("report", log, "--id", DRAWN, "--out", page))
    assert said(again) == said(before) and page.read_bytes() == drawn
    assert boxes[DRAWN] == 1 and max(boxes.values()) == 1, boxes
    assert subjects[DRAWN] == 1 and max(subjects.values()) == 1, subjects


def test_serve_report_checks_the_record_drawn_once(log, engine):
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    rid = next(r["id"] for r in (json.loads(line).get("record") for line in log.read_text().splitlines())
               if r and r["id"].startswith(DRAWN))
    app = create_app(Service(engine, str(log)))
    try:
        before = asyncio.run(asgi_call(app, "GET", f"/report/{rid}"))
        again, boxes, subjects = counted(lambda: asyncio.run(asgi_call(app, "GET", f"/report/{rid}")))
    finally:
        shut_down(app)
    assert (again.status, again.body) == (before.status, before.body) and before.status == 200
    assert boxes[DRAWN] == 1 and max(boxes.values()) == 1, boxes
    assert subjects[DRAWN] == 1 and max(subjects.values()) == 1, subjects
