"""`audit show` with the audit key opened and checked each sealed record twice: once as the log
was verified (every seal checked as `audit verify` checks it) and once more to show it, its shape
and its clear part against its box checked again, a fifth of a sealed log's listing. A record
whose seals held, read again as the very bytes verified, is now only opened to be shown; one
that did not hold, or was sealed with another key, is opened as before. The output is the same."""
from __future__ import annotations

import importlib

import pytest

from .audit_support import keyed_stream_log, run

sealing = importlib.import_module("pathfit.engine.audit.sealing")


@pytest.fixture
def log(tmp_path, monkeypatch):
    """The fixture log (a record whose subject is sealed, one sealed with another key, a batch,
    a sealed record), its audit key set."""
    return keyed_stream_log(tmp_path, monkeypatch)


@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--id", "1d7c43ef"]])
def test_each_sealed_record_is_checked_once(log, args, monkeypatch):
    shown = run("audit", "show", log, *args)
    checked = []
    disagreement = sealing.disagreement  # made by every full check of a box that opens, never by opening it
    monkeypatch.setattr(sealing, "disagreement", lambda clear, whole: checked.append(clear["id"])
                        or disagreement(clear, whole))
    again = run("audit", "show", log, *args)
    assert (again.exit_code, again.stdout, again.stderr) == (shown.exit_code, shown.stdout, shown.stderr)
    assert checked and len(checked) == len(set(checked)), checked
