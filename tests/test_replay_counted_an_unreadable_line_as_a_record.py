"""`pathfit replay`'s summary counted a line it could not read as a record (one replayed and
"not" reproduced): a log of two records and a junk line said "replayed 3 records: 2 reproduced,
1 not". A line that holds no record is not a record replayed: the summary counts the records
replayed, and the lines not read as records apart, as `audit show` counts only records."""
from __future__ import annotations

from .audit_support import PLAIN_EXAMPLE, keyed, run  # keyed: a fixture its tests ask for


def _log_with_junk(tmp_path, records: int) -> str:
    log = tmp_path / "audit.jsonl"
    for _ in range(records):
        assert run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log).exit_code == 0
    with log.open("ab") as f:
        f.write(b"{}\n")
    return str(log)


def test_a_junk_line_is_not_counted_as_a_record_replayed(tmp_path, keyed):
    log = _log_with_junk(tmp_path, 2)
    result = run("replay", log)
    assert result.exit_code == 1 and f"{log}:3  NOT REPLAYED: {log}:3:1: PF601: " in result.stdout
    assert result.stdout.rstrip().splitlines()[-1] == (
        "replayed 2 records: 2 reproduced, 0 not; 1 line not read as a record; the log does not verify")


def test_a_log_of_no_readable_record_replays_none(tmp_path, keyed):
    log = _log_with_junk(tmp_path, 0)
    (tmp_path / "audit.jsonl").write_bytes(b"X\n")
    result = run("replay", log)
    assert result.exit_code == 1
    assert result.stdout.rstrip().splitlines()[-1] == (
        "replayed 0 records: 0 reproduced, 0 not; 1 line not read as a record; the log does not verify")


def test_two_junk_lines_are_counted_as_lines(tmp_path, keyed):
    log = _log_with_junk(tmp_path, 1)
    with open(log, "ab") as f:
        f.write(b"[]\n")
    result = run("replay", log)
    assert result.exit_code == 1
    assert result.stdout.rstrip().splitlines()[-1] == (
        "replayed 1 record: 1 reproduced, 0 not; 2 lines not read as records; the log does not verify")
