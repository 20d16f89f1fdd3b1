"""`pathfit replay` given a file that is not a decision record nor an audit log refuses it with
a stable code, located at a real line and column or at the file alone (`file:0:0`), exit status
2, nothing on stdout: an empty file is PF109 (it replayed "0 records" with exit status 0), and a
one-line JSON value that is no log entry (an array, a string, null, an object with none of an
entry's keys) is PF608 (it was taken for a damaged one-entry log: "replayed 1 record: 0
reproduced, 1 not; the log does not verify")."""
from __future__ import annotations

import json

import pytest

from .audit_support import PLAIN_EXAMPLE, keyed, run  # keyed: a fixture its tests ask for


def _refused(path, code: str, line: int, col: int) -> str:
    result = run("replay", path)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:{line}:{col}: {code}: "), result.stderr
    assert "Traceback" not in result.output and "replayed" not in result.output
    return first


def _record(tmp_path) -> bytes:
    record = tmp_path / "r.json"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--record", record).exit_code == 0
    return record.read_bytes()


def test_an_empty_file_is_pf109_at_the_file_alone(tmp_path, keyed):
    empty = tmp_path / "empty.json"
    empty.write_bytes(b"")
    _refused(empty, "PF109", 0, 0)


def test_a_byte_order_mark_alone_is_pf109_at_the_file_alone(tmp_path, keyed):
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf")
    _refused(bom, "PF109", 0, 0)


def test_a_directory_is_pf100_at_the_file_alone(tmp_path, keyed):
    folder = tmp_path / "records"
    folder.mkdir()
    _refused(folder, "PF100", 0, 0)


def test_a_yaml_profile_is_pf608_where_json_stops_reading_it(tmp_path, keyed):
    _refused(PLAIN_EXAMPLE, "PF608", 1, 1)


@pytest.mark.parametrize("text, line, col, kind", [
    ("[1, 2]\n", 1, 1, "an array"),
    ('[{"id": "x"}]\n', 1, 1, "an array"),
    ('"just text"\n', 1, 1, "a string"),
    ("null\n", 1, 1, "null"),
    ("\n  [1]\n", 2, 3, "an array"),
    ("42", 1, 1, "a number"),
])
def test_json_that_is_not_an_object_is_pf608_where_its_value_starts(tmp_path, keyed, text, line, col, kind):
    path = tmp_path / "not-a-record.json"
    path.write_text(text, encoding="utf-8")
    first = _refused(path, "PF608", line, col)
    assert first.endswith(f"a record must be a JSON object, not {kind}")


@pytest.mark.parametrize("text", ["{}\n", '{"a": 1}\n', '{"facts": {"career_stage": "executive"}}\n'])
def test_a_one_line_object_with_no_entry_key_is_a_record_refused_at_the_file_alone(tmp_path, keyed, text):
    path = tmp_path / "p.json"
    path.write_text(text, encoding="utf-8")
    _refused(path, "PF608", 0, 0)


def test_a_json_profile_over_several_lines_is_pf608_at_the_file_alone(tmp_path, keyed):
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"career_stage": "executive", "needs": ["network"]}, indent=2) + "\n",
                    encoding="utf-8")
    _refused(path, "PF608", 0, 0)


@pytest.mark.parametrize("keep", [1, 2, 300, -40])
def test_a_record_cut_short_is_pf608_where_json_found_it_ends(tmp_path, keyed, keep):
    whole = _record(tmp_path)
    cut = whole[:keep]
    path = tmp_path / "cut.json"
    path.write_bytes(cut)
    try:
        json.loads(cut.decode("utf-8"))
    except json.JSONDecodeError as err:
        line, col = err.lineno, err.colno
    _refused(path, "PF608", line, col)


def test_a_log_with_a_damaged_line_is_still_replayed_as_a_log(tmp_path, keyed):
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log).exit_code == 0
    with log.open("ab") as f:
        f.write(b"{}\n")
    result = run("replay", log)
    assert result.exit_code == 1
    assert f"{log}:2  NOT REPLAYED: {log}:2:1: PF601: " in result.stdout
