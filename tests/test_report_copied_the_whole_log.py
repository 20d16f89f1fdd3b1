"""A report of one record of an audit log (`pathfit report --id`, the service's `/report/ID`)
copied the whole log's bytes while holding its shared lock, then read the copy: a 275 MB log
held 312 MB at its peak, and every append waited for the copy. It now takes the log's size
under the lock and reads the lines up to it after letting go, holding no copy; a log cut while
it is read (`audit verify --repair`) is read again, so what is found is what the log held at one
moment."""
from __future__ import annotations

import fcntl
import json
import os

from pathfit.engine.audit import log as audit_log
from pathfit.engine.audit.append import append, append_lines
from pathfit.engine.audit.commit import Batch
from pathfit.engine.audit.record import canonical

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, build_log, make_key, peak_while, read_checked, record_for, run


def test_a_report_of_one_record_holds_far_less_than_the_logs_bytes(tmp_path, engine, monkeypatch):
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    from pathfit.engine.audit.masking import load_key

    log, page = tmp_path / "audit.jsonl", tmp_path / "report.html"
    peaks, sizes = [], []
    for _ in range(2):  # the peak's growth with the log, what is held apart from once taken away
        last = json.loads(build_log(engine, load_key(str(key_file)), log, 60)[-1])["record"]["id"]

        def report() -> None:
            page.unlink(missing_ok=True)
            result = run("report", log, "--id", last, "--out", page)
            assert result.exit_code == 0, result.output

        report()
        peaks.append(peak_while(report))
        sizes.append(log.stat().st_size)
    grown, by = peaks[1] - peaks[0], sizes[1] - sizes[0]
    assert grown < 0.4 * by, (peaks, sizes)  # a copy of the log: at least one byte a byte of the log


def test_an_append_is_not_held_while_the_log_is_read(tmp_path, engine, key, monkeypatch):
    """Each line is read with no lock on the log: an exclusive lock (an append's) is taken at once."""
    log = tmp_path / "audit.jsonl"
    build_log(engine, key, log, 3)
    taken = []
    parse_line = audit_log.parse_line

    def try_to_append(*args, **kwargs):
        with open(log, "ab") as f:
            try:
                fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                taken.append(True)
            except BlockingIOError:
                taken.append(False)
        return parse_line(*args, **kwargs)

    monkeypatch.setattr(audit_log, "parse_line", try_to_append)
    items, problem, _ = read_checked(log)
    assert problem is None and len(items) == 3
    assert taken == [True, True, True]


def test_a_log_cut_and_added_to_while_it_is_read_is_judged_as_it_was_at_one_moment(tmp_path, engine, key,
                                                                                  monkeypatch):
    """A log ending in an uncommitted batch is repaired (the batch cut off, as `audit verify
    --repair` cuts it) and appended to past the size it had, while its second line is read: the
    lines read on from there would be no log that ever was (the batch's first bytes, then the new
    entries' from part-way through one), so it is read again. Its verdict is the log's before
    the repair (PF625 at the batch's begin) or after (intact), never a damaged line."""
    log = tmp_path / "audit.jsonl"
    build_log(engine, key, log, 1)
    cut_at = log.stat().st_size
    append_lines(log, [canonical(record_for(engine, EXAMPLES[i], key)) for i in (1, 2, 3)], None,
                 Batch("cd" * 32, 3))
    log.write_bytes(b"".join(log.read_bytes().splitlines(keepends=True)[:-1]))  # its commit marker lost
    parse_line = audit_log.parse_line
    later = [record_for(engine, EXAMPLES[i], key) for i in (4, 5, 6, 7, 8)]

    def repaired_meanwhile(raw, number, *args, **kwargs):
        if number == 2 and later:
            os.truncate(log, cut_at)
            for record in later:
                append(log, record)
            later.clear()
        return parse_line(raw, number, *args, **kwargs)

    monkeypatch.setattr(audit_log, "parse_line", repaired_meanwhile)
    items, problem, _ = read_checked(log)
    assert (problem is None and len(items) == 6) or (problem.code, problem.pos.line) == ("PF625", 2), problem
    assert all(i.record is not None for i in items)


def test_a_log_only_added_to_while_it_is_read_is_read_to_the_size_it_had(tmp_path, engine, key, monkeypatch):
    log = tmp_path / "audit.jsonl"
    build_log(engine, key, log, 2)
    parse_line = audit_log.parse_line
    later = [record_for(engine, EXAMPLES[5], key)]

    def appended_meanwhile(raw, number, *args, **kwargs):
        if later:
            append(log, later.pop())
        return parse_line(raw, number, *args, **kwargs)

    monkeypatch.setattr(audit_log, "parse_line", appended_meanwhile)
    items, problem, _ = read_checked(log)
    assert problem is None and len(items) == 2
