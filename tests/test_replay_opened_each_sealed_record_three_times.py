"""`replay` with the audit key opened and checked each sealed record three times: once as the log
was verified (every seal checked as `audit verify` checks it), then again before anything was
replayed (its sealed subject opened a second time too) and once more to replay it, its shape and
its clear part against its box checked each time. A record whose seals held as the log was
verified, read again as the very bytes verified, is now only opened to be replayed; one that did
not hold, was sealed with another key or is masked is checked before replaying as before. The
output is the same."""
from __future__ import annotations

import importlib
from collections import Counter

import pytest

from .audit_support import keyed_stream_log, run

sealing = importlib.import_module("pathfit.engine.audit.sealing")
seal_check = importlib.import_module("pathfit.engine.audit.seal_check")


@pytest.fixture
def log(tmp_path, monkeypatch):
    """The fixture log (sealed records and subjects, one record sealed with another key, a
    batch), its audit key set."""
    return keyed_stream_log(tmp_path, monkeypatch)


@pytest.mark.parametrize("args", [["--id", "1d7c43ef"], ["--id", "bf591f8d", "--format", "json"], []])
def test_each_seal_is_checked_once(log, args, monkeypatch):
    replayed = run("replay", log, *args)
    boxes, subjects = Counter(), Counter()
    disagreement, open_subject = sealing.disagreement, seal_check.open_subject
    # disagreement: made by every full check of a box that opens, never by opening it alone
    monkeypatch.setattr(sealing, "disagreement", lambda clear, whole: boxes.update([clear["id"]])
                        or disagreement(clear, whole))

    def opened_subject(key, record, sealed, pos):  # counted once it opens: another key's is tried, and refused
        subject = open_subject(key, record, sealed, pos)
        subjects.update([record["id"]])
        return subject

    monkeypatch.setattr(seal_check, "open_subject", opened_subject)
    again = run("replay", log, *args)
    assert (again.exit_code, again.stdout, again.stderr) == (replayed.exit_code, replayed.stdout, replayed.stderr)
    assert boxes and max(boxes.values()) == 1, boxes
    assert subjects and max(subjects.values()) == 1, subjects
