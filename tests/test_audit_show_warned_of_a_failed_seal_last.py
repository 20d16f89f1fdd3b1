"""`audit show` with the audit key, on a log whose first problem is a record's own seal (PF630 at
its line, as `audit verify` with the key finds it), gave the log's warning last, after the
warnings of the records it read (a record left sealed, masks that do not hold), where for every
other problem of the log, and in `replay` and `report`, the log's warning comes first, as the
first problem by line. It was held back in case the record would then be refused for that same
problem; whether it will be is now known before the records are read, so the warning comes first
and is still not said again where the refusal says it. `replay` of a whole log said such a seal
twice, as the log's warning and among the refusals, where another record's refusal came first."""
from __future__ import annotations

import pytest

from pathfit.engine.audit.record import seal

from .audit_support import keyed_stream_log, run
from .hmac_records import copy_key, rechained
from .test_report_drew_a_v1_record_verify_refuses import forge_mask

FORGED = "b3372037"  # line 7, after a record sealed with another key (line 2: PF611, left sealed)
OTHER = "c7a3c4ed"  # line 1, sound


def flipped(record: dict, part: str) -> dict:
    """`record` with the box of its `part` (masking: its sealed facts; subject) changed by one hex digit."""
    box = record[part]["box"]
    record[part]["box"] = ("0" if box[0] != "0" else "1") + box[1:]
    return seal(record)


def forged(tmp_path, monkeypatch, part: str):
    """The stream log with line 7's `part` box forged, resealed and every hash redone."""
    return rechained(tmp_path, lambda record: flipped(record, part), 7, keyed_stream_log(tmp_path, monkeypatch))


def _warned_first(tmp_path, monkeypatch, part: str, args: list) -> tuple:
    """`audit show` of the log with line 7's `part` forged -> (the log, its stderr), shown (exit 0)
    with the log's warning first and once."""
    log = forged(tmp_path, monkeypatch, part)
    result = run("audit", "show", log, *args)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"warning: the log does not verify: {log}:7:1: PF630"), result.stderr
    assert result.stderr.count("does not verify") == 1, result.stderr
    return log, result.stderr


@pytest.mark.parametrize("args", [[], ["--format", "json"], ["--id", FORGED], ["--id", FORGED, "--format", "json"],
                                  ["--id", OTHER]])
def test_a_record_left_sealed_is_warned_of_after_the_log(tmp_path, monkeypatch, args):
    log, said = _warned_first(tmp_path, monkeypatch, "masking", args)
    assert (f"warning: left sealed: {log}:7:1: PF630" in said) == (args[:2] != ["--id", OTHER])


@pytest.mark.parametrize("args", [["--id", OTHER], ["--rule", "no.such_rule"], ["--id", OTHER, "--format", "json"]])
def test_a_subject_that_does_not_open_is_the_logs_first_where_its_record_is_not_chosen(tmp_path, monkeypatch, args):
    _warned_first(tmp_path, monkeypatch, "subject", args)


@pytest.mark.parametrize("args", [[], ["--id", FORGED, "--format", "json"]])
def test_a_subject_that_does_not_open_is_said_once_where_its_record_is_refused(tmp_path, monkeypatch, args):
    log = forged(tmp_path, monkeypatch, "subject")
    result = run("audit", "show", log, *args)
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert "does not verify" not in result.stderr, result.stderr
    assert result.stderr.splitlines()[-1].startswith(f"{log}:7:1: PF630: "), result.stderr


def test_masks_that_do_not_hold_are_warned_of_after_the_log(tmp_path):
    log, key = rechained(tmp_path, forge_mask), copy_key(tmp_path)
    result = run("audit", "show", log, "--audit-key", key)
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"warning: the log does not verify: {log}:1:1: PF630"), result.stderr
    assert f"warning: {log}:1:1: PF630" in result.stderr


def test_replay_says_a_seal_once_when_another_record_is_refused_first(tmp_path, monkeypatch):
    log = forged(tmp_path, monkeypatch, "masking")
    result = run("replay", log)
    assert result.exit_code == 2 and result.stdout == "", result.output
    assert [line.split(": ")[:2] for line in result.stderr.splitlines()] == [
        [f"{log}:2:1", "PF611"], [f"{log}:7:1", "PF630"]], result.stderr
