"""`audit show LOG`, the listing, read, parsed and opened every listed record twice after the
log was verified: once to find the columns' widths, once more to print its row. It now keeps
each listed row's text packed as it reads the record (cli.audit.show_listing.PackedRows) and
prints the rows from that, so each record is read once after the verification. That one read is
where a line changed since it was verified is refused (PF100 at that line, before any row is
printed); a change after it is never read, and what is printed is what was verified."""
from __future__ import annotations

import importlib
import json
import os

import pytest

from pathfit.cli.audit.show_survey import opened
from pathfit.cli.audit_show import listing
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.read import Item
from pathfit.engine.errors import Pos

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import build_log, make_key, run

stream = importlib.import_module("pathfit.engine.audit.stream")
survey_module = importlib.import_module("pathfit.cli.audit.show_survey")
COUNT = 6


@pytest.fixture
def log(engine, tmp_path, monkeypatch):
    """A log of COUNT records, some sealed, the audit key set to open them."""
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    monkeypatch.setenv("COLUMNS", "200")
    path = tmp_path / "audit.jsonl"
    build_log(engine, load_key(str(key_file)), path, COUNT)
    return path


def _swapped(path) -> None:
    """Lines 2 and 3 of the log swapped: line 2 is no longer the line verified."""
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(lines[0] + lines[2] + lines[1] + b"".join(lines[3:]))


def test_a_listing_reads_each_record_once_after_the_log_is_verified(log, monkeypatch):
    read = []
    again = stream.CheckedLog._again
    monkeypatch.setattr(stream.CheckedLog, "_again", lambda self, f, ln, item: read.append(item.where.line)
                        or again(self, f, ln, item))
    result = run("audit", "show", log)
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + COUNT
    assert read == list(range(1, COUNT + 1))


@pytest.mark.parametrize("width", [200, 75, 40])
def test_the_rows_are_the_records_as_verified_and_opened(log, width, monkeypatch):
    """The reference: every record parsed from the log and opened with the key, its table built
    from them (cli.audit_show.listing, every row held)."""
    monkeypatch.setenv("COLUMNS", str(width))
    key = load_key(os.environ["PATHFIT_AUDIT_KEY_FILE"])
    entries = [json.loads(line) for line in log.read_bytes().splitlines()]
    items = [opened(key, Item(Pos(str(log), n, 1), e["record"], e), warn=False) for n, e in enumerate(entries, 1)]
    assert any(i.record["decision"].get("sealed") for i in items) is False  # every sealed record opened
    result = run("audit", "show", log)
    assert result.exit_code == 0, result.output
    assert result.stdout == listing(items, width) + "\n"


def test_a_line_changed_after_the_log_was_verified_stops_the_listing_before_any_row(log, monkeypatch):
    class ChangedOnceVerified(stream.CheckedLog):
        def __init__(self, path, stop=None, **given) -> None:  # given: the audit key, when there is one
            super().__init__(path, stop, **given)
            _swapped(log)

    monkeypatch.setattr(stream, "CheckedLog", ChangedOnceVerified)
    result = run("audit", "show", log)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{log}:2:1: PF100: " in result.stderr and "Traceback" not in result.stderr


def test_a_line_changed_once_its_row_was_kept_is_not_read_and_the_row_verified_is_printed(log, monkeypatch):
    before = run("audit", "show", log)
    assert before.exit_code == 0, before.output
    survey = survey_module.survey

    def then_changed(*args, **kwargs):
        found = survey(*args, **kwargs)
        _swapped(log)
        return found

    monkeypatch.setattr(survey_module, "survey", then_changed)
    after = run("audit", "show", log)
    assert after.exit_code == 0, after.output
    assert after.stdout == before.stdout
