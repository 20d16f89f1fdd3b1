"""Regression: a trace's `condition` worded a test of an enum value named `unknown` exactly as a
test of no answer. With `status` taking the values known, unknown and none, a person whose
status was `none` had both `m.value_unknown` (`equals: unknown`) and `m.unanswered` (`is:
unknown`) fail with the condition `status is unknown` and the expected `unknown`: an auditor
reading the record could not tell which was asked. A value so named is now quoted (`status is
"unknown"`); the words of an `is:` test, and every other value, read as before."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.pipeline.model import facts_in

from .audit_support import run
from .helpers import written_rule_set
from .test_value_named_known_worded_as_no_answer import POLICY, RULES, SCHEMA

MORE = """
  - id: m.either
    reason: A status of unknown or known is mentoring's.
    cites: [s]
    when: {fact: status, one_of: [none, unknown]}
    then: {evidence: {mentoring: 1}}
  - id: c.settled_none
    reason: A status given as none is coaching's.
    cites: [s]
    when: {fact: status, is: known}
    then: {evidence: {coaching: 1}}
"""


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return written_rule_set(tmp_path_factory.mktemp("named") / "rules", SCHEMA, POLICY, RULES + MORE, ("Status", "s"))


def _failed(trace: dict) -> dict:
    return {e["rule"]: (e["condition"], e["observed"], e["expected"]) for e in trace["not_fired"]
            if e["status"] == "failed"}


def test_a_value_named_like_a_presence_word_is_quoted_in_the_trace(rules):
    engine = Engine.load(rules)
    try:
        failed = _failed(engine.evaluate({"status": "none"}).trace)
        assert failed["c.known"] == ('status is "known"', "none", "known")
        assert failed["m.value_unknown"] == ('status is "unknown"', "none", "unknown")
        assert failed["m.unanswered"] == ("status is unknown", "known", "unknown")
        failed = _failed(engine.evaluate({}).trace)  # unknown: only the `is: known` test fails
        assert failed == {"c.settled_none": ("status is known", "unknown", "known")}
        failed = _failed(engine.evaluate({"status": "known"}).trace)
        assert failed["m.either"] == ('status is one of none, "unknown"', "known", ["none", "unknown"])
    finally:
        engine.close()


def test_why_not_json_tells_the_two_unknowns_apart(rules):
    said = run("explain", "--rules", rules, "--fact", "status=none", "--why-not", "mentoring", "--format", "json")
    assert said.exit_code == 0, said.output
    conditions = {r["rule"]: r["condition"] for r in json.loads(said.output)["rules"] if r["status"] == "failed"}
    assert conditions["m.value_unknown"] == 'status is "unknown"'
    assert conditions["m.unanswered"] == "status is unknown"


def _read_back(text: str) -> tuple:
    """An independent reading of a condition's words back into (fact, test, value): a bare
    `known` or `unknown` after `is` is an `is:` test, a quoted one a value."""
    fact, rest = text.split(" ", 1)
    for words, op in (("is one of ", "one_of"), ("is not one of ", "not_one_of"), ("contains ", "contains"),
                      ("<= ", "lte"), (">= ", "gte"), ("< ", "lt"), ("> ", "gt"), ("is ", "equals")):
        if rest.startswith(words):
            shown = rest[len(words):]
            break
    if op == "equals" and shown in ("known", "unknown"):
        return fact, "is", shown
    items = tuple(s[1:-1] if s.startswith('"') else s for s in shown.split(", "))
    return fact, op, items if op in ("one_of", "not_one_of") else items[0]


def test_every_comparison_reads_back_as_the_test_it_is(rules):
    """Over the bundled rules and this rule set, each comparison's words read back to the test
    written: no two different tests share their words."""
    for where in (None, rules):
        engine = Engine.load(where) if where else Engine.load()
        try:
            for rule in engine.ruleset.rules:
                for c in facts_in(rule.when):
                    value = c.value
                    if isinstance(value, bool):
                        value = "true" if value else "false"
                    elif isinstance(value, tuple):
                        value = tuple(map(str, value))
                    elif not isinstance(value, str):
                        continue  # a number: its words are the number's, no value a name can take
                    assert _read_back(c.describe()) == (c.fact, c.op, value), c
        finally:
            engine.close()
