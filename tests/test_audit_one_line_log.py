"""A log of one entry whose only line is damaged is read as a log, as a longer log damaged at
line 1 is, while a record file (indented as pathfit writes it, cut short, or put on one line)
is still read as a record file (engine.audit.read.is_log)."""
from __future__ import annotations

import json

import pytest

from .audit_support import PLAIN_EXAMPLE, keyed, run  # keyed: a fixture its tests ask for

# ways the only line of a log gets damaged: its first byte overwritten (no longer JSON), and
# its first key altered (still a JSON object, but no longer an entry)
DAMAGE = {
    "first byte": lambda line: b"X" + line[1:],
    "first key": lambda line: line.replace(b'{"hash":', b'{"hasx":', 1),
}


def one_entry_log(tmp_path, damage: str) -> str:
    """A log of one entry, its record also written to r.json, with its only line damaged."""
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--record", tmp_path / "r.json", "--audit-log",
               log).exit_code == 0
    line = log.read_bytes()
    assert line.count(b"\n") == 1 and line.endswith(b"\n")
    log.write_bytes(DAMAGE[damage](line))
    return str(log)


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_verify_reads_a_one_entry_log_whose_only_line_is_damaged_as_a_log(tmp_path, keyed, damage):
    """Regression: a one-line log damaged at its line was taken for a record file: verify said
    PF608 "it does not read as a decision record" instead of locating the damaged log line."""
    log = one_entry_log(tmp_path, damage)
    verified = run("audit", "verify", log)
    assert verified.exit_code == 1 and f"{log}:1:1: PF601: " in verified.stdout
    assert "PF608" not in verified.output and "NOT intact; 0 entries verified before line 1" in verified.stderr


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_verify_json_reads_a_one_entry_log_whose_only_line_is_damaged_as_a_log(tmp_path, keyed, damage):
    """Regression: `--format json` gave a record file's report (`record`, PF608) for a one-line log."""
    log = one_entry_log(tmp_path, damage)
    verified = run("audit", "verify", log, "--format", "json")
    report = json.loads(verified.stdout)
    assert verified.exit_code == 1 and report["log"] == log and "record" not in report
    assert (report["problem"]["code"], report["problem"]["line"], report["problem"]["col"]) == ("PF601", 1, 1)
    assert report["entries"] == 0 and report["intact"] is False


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_show_skips_the_damaged_only_line_of_a_one_entry_log(tmp_path, keyed, damage):
    """Regression: show refused a one-line log whole (PF608, exit 2) instead of skipping its damaged line."""
    log = one_entry_log(tmp_path, damage)
    shown = run("audit", "show", log)
    assert shown.exit_code == 0 and len(shown.stdout.splitlines()) == 1  # the header, no record
    assert f"warning: skipped: {log}:1:1: PF601: " in shown.stderr and "PF608" not in shown.output
    as_json = run("audit", "show", log, "--format", "json")
    assert as_json.exit_code == 0 and json.loads(as_json.stdout) == []


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_replay_names_the_damaged_only_line_of_a_one_entry_log(tmp_path, keyed, damage):
    """Regression: replay refused a one-line log whole (PF608, exit 2) instead of naming its damaged line."""
    log = one_entry_log(tmp_path, damage)
    replayed = run("replay", log)
    assert replayed.exit_code == 1 and f"{log}:1  NOT REPLAYED: {log}:1:1: PF601: " in replayed.stdout
    assert replayed.stdout.rstrip().endswith(
        "replayed 0 records: 0 reproduced, 0 not; 1 line not read as a record; the log does not verify")


@pytest.mark.parametrize("newline", ["\n", ""])
def test_a_record_put_on_one_line_is_still_a_record_file(tmp_path, keyed, newline):
    one_entry_log(tmp_path, "first byte")
    record = json.loads((tmp_path / "r.json").read_text())
    compact = tmp_path / "compact.json"
    compact.write_text(json.dumps(record) + newline)
    verified = run("audit", "verify", compact)
    assert verified.exit_code == 0 and f"record {record['id']}: seal intact" in verified.stdout
    shown = run("audit", "show", compact, "--format", "json")
    assert shown.exit_code == 0 and [r["record"]["id"] for r in json.loads(shown.stdout)] == [record["id"]]


def test_a_record_file_cut_after_its_first_line_is_still_a_record_file(tmp_path, keyed):
    one_entry_log(tmp_path, "first byte")
    cut = tmp_path / "cut.json"
    cut.write_text((tmp_path / "r.json").read_text().splitlines(keepends=True)[0])
    assert cut.read_text() == "{\n"  # how pathfit begins a record file
    verified = run("audit", "verify", cut)
    assert verified.exit_code == 1 and f"{cut}:2:1: PF608: " in verified.stdout
    assert "does not read as a decision record" in verified.stderr
