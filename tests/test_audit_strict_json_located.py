"""A key written twice, and NaN or Infinity, in a record file or an audit log line are
refused where they are written, as a JSON syntax error is: the key's second occurrence (the
one a strict reader refuses, in the order JSON reads the text), the NaN or Infinity token.
They were reported at the whole file (0:0) or the line's first column. Only the refusal pays
for finding the place: a text read without a problem is parsed once."""
from __future__ import annotations

import json
import re

import pytest

from pathfit.engine.audit.log import read_lines
from pathfit.engine.audit.record import loads_strict, record_text
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import PLAIN_EXAMPLE, build_log, record_for, run
from pathlib import Path


def where(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of a 0-based offset, both from 1."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


def refused(text: str, pos: Pos = Pos("r.json")) -> tuple:
    with pytest.raises(PathfitError) as info:
        loads_strict(text, pos)
    problem = info.value.problems[0]
    return problem.code, problem.pos.line, problem.pos.col


@pytest.mark.parametrize("text,line,col", [
    ('{"a": 1,\n "a": 2}', 2, 2),  # the second occurrence
    ('{"a": 1,\n "a": 2,\n "a": 3}', 2, 2),  # written three times: still the second, not the last
    ('{"a": NaN}', 1, 7),
    ('{"a": [1, -Infinity]}', 1, 11),
    ('{\n  "x": {"b": 1, "b": 2},\n  "x": Infinity\n}', 2, 17),  # an inner object ends first
    ('{"a": {"b": 1}, "a": 2, "c": NaN}', 1, 30),  # NaN is met before the outer object ends
    ('{"a": "NaN, \\"a\\": 1", "b": "\\"a\\""}', None, None),  # in strings: not refused
])
def test_strict_json_refusals_are_at_the_token_refused(text, line, col):
    if line is None:
        assert loads_strict(text, Pos("r.json")) == json.loads(text)
        return
    assert refused(text) == ("PF608", line, col)


def test_strict_json_refusal_on_a_log_line_is_at_its_line_and_column():
    assert refused('{"a": 1, "a": 2}', Pos("audit.jsonl", 7, 1)) == ("PF608", 7, 10)


def test_strict_json_key_twice_in_a_record_file_is_located(tmp_path, engine, key):
    text = record_text(record_for(engine, Path(PLAIN_EXAMPLE), key))
    at = text.index('  "timestamp"')
    path = tmp_path / "dup.json"
    path.write_text(text[:at] + '  "timestamp": "2020-01-01T00:00:00.000000Z",\n' + text[at:])
    second = where(path.read_text(), path.read_text().rindex('"timestamp"'))
    out = json.loads(run("audit", "verify", path, "--format", "json").stdout)["problem"]
    assert (out["code"], out["line"], out["col"]) == ("PF608", *second)
    replayed = run("replay", path)
    assert replayed.exit_code == 2 and f"{path}:{second[0]}:{second[1]}: PF608: " in replayed.stderr


def test_strict_json_nan_in_a_record_file_is_located(tmp_path, engine, key):
    text = record_text(record_for(engine, Path(PLAIN_EXAMPLE), key))
    path = tmp_path / "nan.json"
    path.write_text(re.sub(r'("hours_per_month": )\d+', r"\1NaN", text, count=1))
    out = json.loads(run("audit", "verify", path, "--format", "json").stdout)["problem"]
    assert (out["code"], out["line"], out["col"]) == ("PF608", *where(path.read_text(), path.read_text().index("NaN")))


def test_strict_json_key_twice_and_nan_in_a_log_line_are_located(tmp_path, engine, key):
    lines = build_log(engine, key, tmp_path / "log.jsonl", 2)
    second = lines[1].decode()
    at = second.index('"seq":')
    log = tmp_path / "dup.jsonl"
    log.write_text(lines[0].decode() + second[:at] + '"seq":9,' + second[at:])
    found = read_lines(log)[1].problem
    assert (found.code, found.pos.line, found.pos.col) == ("PF601", 2, at + len('"seq":9,') + 1)
    log.write_text(lines[0].decode() + second.replace('"seq":2', '"seq":NaN'))
    found = read_lines(log)[1].problem
    assert (found.code, found.pos.line, found.pos.col) == ("PF601", 2, second.index('"seq":2') + 7)


def test_strict_json_refusal_inside_a_sealed_box_is_at_the_record(key):
    """A box's plaintext is nowhere in the file: what is wrong in it is placed at the record,
    not at a column of the plaintext moved onto the record's line."""
    from pathfit.engine.audit.sealing import open_parts, seal_canonical

    record = {"id": "r", "ruleset": {"digest": "d"}, "masking": {"key_id": key.key_id}}
    for plain in (b'{"facts": {}, "facts": {}}', b'{"facts": NaN}', b'{"facts": }'):
        record["masking"].update(seal_canonical(key, "r", "d", plain))
        with pytest.raises(PathfitError) as info:
            open_parts(key, record, Pos("audit.jsonl", 3, 1), "reading it")
        problem = info.value.problems[0]
        assert (problem.code, problem.pos) == ("PF608", Pos("audit.jsonl", 3, 1)), plain


def test_strict_json_a_good_log_is_parsed_once(tmp_path, engine, key, monkeypatch):
    """The place of a refusal is looked for only once the strict read refused: never for a
    text read without a problem."""
    from pathfit.engine.audit import json_refusal

    def never(text):
        raise AssertionError("looked for a refusal in a text read without one")

    monkeypatch.setattr(json_refusal, "refused_at", never)
    build_log(engine, key, tmp_path / "log.jsonl", 3)
    assert all(line.problem is None for line in read_lines(tmp_path / "log.jsonl"))
