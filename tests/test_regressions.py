"""Regression tests, each named for the bug it pins."""
from __future__ import annotations

import json
import subprocess
import sys

from .helpers import ROOT

_NOTHING_FIRES = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
from pathfit.engine import Engine
e = Engine.load(sys.argv[1] + "/tests/fixtures/tiny")
print(e.evaluate(json.loads(sys.argv[2])).outcome)
'''


def test_delete_state_after_session_without_actions_does_not_crash():
    """durable-rules' createStateNode leaves the action context uninitialised, so
    deleting a session in which no action started freed garbage and killed the
    process (first seen with this profile, for whom no rule fires, as the first
    evaluation in a fresh process). The adapter's sentinel rule prevents it."""
    for profile in ({"hours": 2, "needs": [], "ready": True}, {}, {"secret": True}):
        for _ in range(3):
            done = subprocess.run([sys.executable, "-c", _NOTHING_FIRES, str(ROOT), json.dumps(profile)],
                                  capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr[-2000:]
            assert done.stdout.strip() == "undetermined"


_TWO_EQUALITIES = r'''
import sys
sys.path.insert(0, sys.argv[1])
from pathfit.engine.pipeline.durable_adapter import DurableRuleset
A = {"all": [{"a0": {"$and": [{"t": "d"}, {"n": "structured"}, {"v": False}]}}], "pri": 1000}
B = {"all": [{"a0": {"$and": [{"t": "i"}, {"n": "ready"}, {"k": 1}, {"v": False}]}}], "pri": 1000}
for i in range(5):
    r = DurableRuleset({"r1": A, "r2": B})
    r.evaluate([{"t": "i", "n": "ready", "k": 1, "v": True, "id": "i0"}], lambda name, b: None, 10)
    r.close()
print("ok")
'''


def test_minimal_ruleset_that_crashed_on_delete_state():
    """The smallest definition found to crash (two rules, no firing), through the adapter."""
    done = subprocess.run([sys.executable, "-c", _TWO_EQUALITIES, str(ROOT)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_numbers_in_exponent_form_reach_durable_rules_intact():
    """durable-rules' tokenizer reads `1e-05` as the integer 1 (an exponent counts only
    after a decimal point); hypothesis found hours_per_month=5e-324 not firing
    `hours_per_month < 1`. Floats are now sent as `1.0e-05`."""
    from pathfit.engine import Engine

    with Engine.load() as engine:
        for tiny in (5e-324, 1e-05, 1e-300):
            assert "not_now.no_time" in engine.evaluate({"hours_per_month": tiny}).fired
        assert "not_now.no_time" not in engine.evaluate({"hours_per_month": 1.0}).fired


def test_rule_thresholds_in_exponent_form(tmp_path):
    from pathfit.engine import Engine

    from .helpers import simple_rule, tiny_copy

    rules = tiny_copy(tmp_path, [simple_rule("x.tiny", {"fact": "hours", "lt": 0.00001})])
    with Engine.load(rules) as engine:
        assert "x.tiny" in engine.evaluate({"hours": 0.000001}).fired
        assert "x.tiny" not in engine.evaluate({"hours": 0.5}).fired


def test_a_rule_set_text_with_exponents_of_either_sign_is_rewritten_for_the_core():
    """dumps looks for `e-` or `e+` before its regular expression (a large rule set's text
    has neither): Python writes every exponent with its sign, so both must still be found."""
    from pathfit.engine.pipeline.fact_text import dumps

    assert dumps({"b": 1e16, "a": 1e-05, "c": [2.5e+300, "1e5"]}) == \
        '{"a": 1.0e-05, "b": 1.0e+16, "c": [2.5e+300, "1e5"]}'
    assert dumps({"a": 1.5, "n": "e-mail"}) == '{"a": 1.5, "n": "e-mail"}'
