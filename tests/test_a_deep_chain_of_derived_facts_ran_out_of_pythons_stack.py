"""A chain of derived facts, each read by the rule deriving the next, ran out of Python's stack:
the explanation worked out each derived fact's state inside the one above it, and drew the
derivation tree by recursion. At 250 links an audited `recommend` of a person the chain did
not reach was PF509 ("not a problem found in the rules"); at 400 `explain` was an internal
error, and so were `test` and `report`, and `explain --format json` from some 240 (json writes
each of the tree's four levels a link with a Python call). 500 links are within what
durable-rules can hold (the rule set loads and decides); now every explanation of them works on
Python's default stack, from a caller already some frames deep."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.program_json import _deep, json_for_programs

from .derived_layers import chain, link

LINKS = 500


@pytest.fixture(scope="module")
def long_chain(tmp_path_factory):
    rules = chain(tmp_path_factory.mktemp("chain") / "rules", LINKS)
    return rules, Engine.load(rules)


def from_deep_in_a_stack(call, frames: int = 200):
    """`call()` made from `frames` Python frames down, as from deep inside a caller."""
    return call() if frames == 0 else from_deep_in_a_stack(call, frames - 1)


@contextmanager
def stack_for(levels: int):
    """Python's recursion limit raised for the test's own reading of deeply nested JSON (json
    reads each level with a call of its own, as it writes them), and put back."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, levels + 1000))
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def test_the_trace_of_a_person_the_chain_does_not_reach(long_chain):
    assert sys.getrecursionlimit() == 1000  # Python's default: nothing here raised it
    _, engine = long_chain
    trace = from_deep_in_a_stack(lambda: engine.evaluate({"g": False}).trace)
    statuses = {e["rule"]: e for e in trace["not_fired"]}
    assert len(statuses) == LINKS + 1
    assert {e["status"] for e in statuses.values()} == {"failed"}
    assert statuses[link(LINKS, LINKS - 1)]["condition"] == f"c{LINKS - 2} is true"
    unknown = from_deep_in_a_stack(lambda: engine.evaluate({}).trace)
    waiting = {e["rule"]: e for e in unknown["not_fired"]}
    assert {e["status"] for e in waiting.values()} == {"waiting"}
    # what a rule waits on: the unknown facts underneath its condition, every link below and g
    assert set(waiting[link(LINKS, LINKS - 1)]["unknown"]) == {f"c{k}" for k in range(LINKS - 1)} | {"g"}
    assert set(waiting["top"]["unknown"]) == {f"c{k}" for k in range(LINKS)} | {"g"}


def test_every_command_that_explains_a_person_the_chain_reaches(long_chain, tmp_path):
    rules, _ = long_chain
    runner = CliRunner()
    log = tmp_path / "audit.jsonl"
    for args in (["recommend", "--fact", "g=false", "--audit-log", str(log)],
                 ["recommend", "--fact", "g=true", "--audit-log", str(log)],
                 ["explain", "--fact", "g=true"], ["explain", "--fact", "g=false", "--why-not", "coaching"]):
        done = runner.invoke(cli, [args[0], "--rules", str(rules), *args[1:]])
        assert done.exit_code == 0, (args, done.output[-400:])
    done = runner.invoke(cli, ["explain", "--rules", str(rules), "--fact", "g=true", "--format", "json"])
    assert done.exit_code == 0
    with stack_for(4 * LINKS):
        node, depth = json.loads(done.output)["because"][0], 0
    while node["from"] and "derived_by" in node["from"][0]:  # top <- c499 <- its link <- c498 ... <- g
        node, depth = node["from"][0]["derived_by"], depth + 1
    assert (depth, node["rule"], node["from"]) == (LINKS, link(LINKS, 0), [{"fact": "g", "value": True, "input": True}])
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    for entry in entries:
        page = tmp_path / "report.html"
        done = runner.invoke(cli, ["report", str(log), "--id", entry["record"]["id"], "--out", str(page)])
        assert done.exit_code == 0, done.output[-400:]


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                    max_leaves=40)


def nested(value, levels: int):
    for k in range(levels):
        value = {"from": [{"k": k, "derived_by": value}]} if k % 2 else [value, {}]
    return value


@settings(max_examples=300, deadline=None)
@given(JSON, st.sampled_from([0, 3]))
def test_the_stackless_writer_writes_what_json_writes(value, levels):
    """The writer json_for_programs falls back on, against json.dumps itself."""
    deep = nested(value, levels)
    assert _deep(deep) == json.dumps(deep, indent=2, sort_keys=True, ensure_ascii=False)


@pytest.mark.parametrize("value", [None, {"é": [1.5, -0.0, "a\n\"b"], "": {}}, [[], {"z": True, "a": 10 ** 20}]])
def test_json_nested_past_the_stack_is_written_as_json_writes_it(value):
    """Nested past Python's stack, json_for_programs gives the text json.dumps gives with room to
    nest. (Not under hypothesis, which raises the recursion limit while it runs a test.)"""
    assert sys.getrecursionlimit() == 1000
    deep = nested(value, 700)
    with stack_for(4 * 700 + 200):
        expected = json.dumps(deep, indent=2, sort_keys=True, ensure_ascii=False)
    assert json_for_programs(deep) == expected
