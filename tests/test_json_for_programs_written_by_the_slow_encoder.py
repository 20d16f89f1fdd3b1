"""Regression: every decision and explanation written as JSON for programs (`recommend`,
`explain` and `interview` with `--format json`, and the web service's `/v1/decisions` and
`/v1/explain`) went through json's pure-Python encoder, the only one json has for indented
output: on a rule set of 1,000 rules about 9 ms a decision, a fifth of a request to the service.
Now, in a process that writes many (the web service: program_json.for_many), orjson writes it
wherever it writes exactly json's bytes, shown for each value by the two
writers' compact forms being equal (json's through its C encoder), which the indented forms
then are too; anything else (a number below 1e-4, NaN, a key that is not text) is
written by json as before.

Counted, not timed: the values json's pure-Python encoder writes."""
from __future__ import annotations

import json

import pytest

from pathfit.engine import program_json
from pathfit.engine.program_json import json_for_programs

from .audit_support import EXAMPLES, engine, example_facts  # the module-scoped fixture the audit tests share
from .audit_support import slow  # json's slow encoders counted, orjson asked for as the service asks


def _json(value) -> str:
    return json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)


def test_decisions_and_explanations_are_not_written_by_the_slow_encoder(engine, slow):
    from pathfit.engine.explain.result import explanation

    values = []
    for path in EXAMPLES:
        decision = engine.evaluate(example_facts(path))
        values += [decision.to_dict(), explanation(engine, decision, None, False, where="what_if")]
    expected = [_json(v) for v in values]
    slow.clear()
    assert [json_for_programs(v) for v in values] == expected
    assert slow == []  # was one for each value


@pytest.mark.parametrize("value", [
    {"small": 1e-05}, {"nan": float("nan")}, {"inf": [float("-inf")]},
    {1: "a key that is not text"}, {"big": 2 ** 70}, {"lone": "\ud800"}, {"nested": [{"x": 1e-7}, []]},
])
def test_what_orjson_writes_otherwise_is_written_by_json(value, slow):
    expected = _json(value)
    slow.clear()
    assert json_for_programs(value) == expected
    assert slow == [1]


def test_text_and_containers_orjson_writes_alike(slow):
    value = {"text": "\x00\x1f\x7f\u2028\"\\\n\t\b\f\r é 😀", "empty": [[], {}], "n": [-0.0, 0.1, 123.0, None, True],
             "large": [1e16, 1e15, 1.5e300, -2 ** 63]}
    expected = _json(value)
    slow.clear()
    assert json_for_programs(value) == expected
    assert slow == []


def test_without_orjson_json_writes_it(monkeypatch, slow):
    monkeypatch.setattr(program_json, "_orjson", None, raising=False)
    assert json_for_programs({"a": [1.5]}) == _json({"a": [1.5]})
