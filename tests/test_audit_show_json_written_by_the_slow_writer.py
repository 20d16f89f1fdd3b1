"""`audit show --format json` and `replay --format json` wrote each record with json's indenting
writer, which is its pure-Python one (json's C writer does not indent): about three fifths of
the time `audit show --format json` took on a log of 5,000 records. They are written by orjson
now where it writes json's bytes, and by json only where it would not (a number below 1e-4, an
integer over 64 bits, a key that is not text, a type orjson passes through)."""
from __future__ import annotations

import dataclasses
import enum
import json

from pathfit.engine.audit import record_bytes

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import keyed_log_ending_sensitive, run


def _indenting_calls(monkeypatch) -> list:
    """Every call of json.dumps with an indent: json's pure-Python writer."""
    calls: list = []
    real = json.dumps

    def counted(value, *args, **kwargs):
        if kwargs.get("indent") is not None:
            calls.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(json, "dumps", counted)
    return calls


def test_show_json_writes_its_records_without_json_s_slow_writer(tmp_path, engine, monkeypatch):
    log, _ = keyed_log_ending_sensitive(tmp_path, engine, monkeypatch, 6)
    calls = _indenting_calls(monkeypatch)
    result = run("audit", "show", str(log), "--format", "json")
    assert result.exit_code == 0, result.output
    assert calls == []  # was 7, one a record
    monkeypatch.undo()
    shown = json.loads(result.stdout)
    assert len(shown) == 7
    assert result.stdout == json.dumps(shown, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


class _Number(enum.IntEnum):
    ONE = 1


@dataclasses.dataclass
class _Point:
    x: int


def test_what_orjson_writes_otherwise_still_goes_to_json(monkeypatch):
    same = [{"b": [1, 2.5, {}], "a": "choose-coaching e-5 ", "c": [], "d": None, "e": True, "\u00e9": "\u2028\x01"},
            [], {}, "x", 0.0001, -3e-4, 12345678901234567890123, {"x": 1e-05}, [0.00001], {1: "a"},
            {"x": [-7e-09]}, {"n": _Number.ONE}, "1e-5 as words"]  # an enum orjson writes as json does
    calls = _indenting_calls(monkeypatch)
    for value in same:
        assert record_bytes.indented(value) == json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)
    assert len(calls) == len(same) + 5  # each compared, and the five orjson would write otherwise
    calls.clear()
    try:
        record_bytes.indented(_Point(1))
    except TypeError:  # as json refuses it
        pass
    assert len(calls) == 1
