"""`missing`, `settled` and the interview's bound beside tests of whether a fact is known
(`is: known` / `is: unknown`), checked by brute force on small generated rule sets: every
partial profile, and every way of answering each fact it leaves open, or leaving it unknown
(an answer too, to such a test), each decided by the engine.

Regressions: `missing` listed every unknown fact some rule tests with `is`, even in a rule
whose firing nothing reads, or one the known facts fail whatever the fact is; the interview
asked it beyond the "at most N more" it had printed (which left it out), and a decision
testing one was never called settled."""
from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.progress import askable
from pathfit.engine.pipeline.model import facts_in

from . import small_rulesets as small
from .helpers import tiny_copy
from .test_interview import _asked_after_each_progress_line

# one answer per class of values the generated rules tell apart (n against 3, 5 and 7), and
# None: left unknown
ANSWERS = {"a": (True, False, None), "b": (True, False, None), "c": ("x", "y", "z", None),
           "n": (0, 3, 4, 5, 6, 7, 10, None)}
PROFILES = [{k: v for k, v in zip(ANSWERS, values) if v is not None} for values in itertools.product(*ANSWERS.values())]
seen = {"left_out": 0, "listed": 0, "settled": 0}  # not vacuous: what the checks met, over all rule sets


def _key(profile: dict) -> tuple:
    return tuple(sorted(profile.items()))


_LATER: dict = {}


def _later(profile: dict) -> list[dict]:
    """Every profile reached from `profile` by answering some of its open facts: the same for
    every rule set, so worked out once for each profile (read, never changed)."""
    key = _key(profile)
    if key not in _LATER:
        _LATER[key] = [q for q in PROFILES if all(q.get(k) == v for k, v in profile.items())]
    return _LATER[key]


def _check(engine: Engine) -> None:
    rs = engine.ruleset
    tested = {c.fact for r in rs.rules for c in facts_in(r.when) if c.op == "is"}
    decided = {}
    for p in PROFILES:
        d = engine.evaluate(p)
        decided[_key(p)] = ((d.outcome, d.referral), set(d.missing), d.settled)
    for p in PROFILES:
        advice, missing, settled = decided[_key(p)]
        later = _later(p)
        unknown = [f for f in ANSWERS if f not in p]
        # the interview's bound: every fact a later `missing` lists, less those skipped
        for k in range(len(unknown) + 1):
            for skipped in map(set, itertools.combinations(unknown, k)):
                bound = askable(rs, engine.check(p), skipped)
                for q in later:
                    if not skipped & q.keys():
                        assert decided[_key(q)][1] - skipped <= bound, (p, skipped, q, decided[_key(q)][1], bound)
        # a fact left out changes the advice under no answers to the others
        for z in (f for f in unknown if f not in missing):
            seen["left_out"] += z in tested
            for q in (q for q in later if z not in q):
                for v in ANSWERS[z][:-1]:
                    assert decided[_key({**q, z: v})][0] == decided[_key(q)][0], (p, z, q, v)
        seen["listed"] += bool(missing & tested)
        if settled:  # and a settled decision is one no answers change
            seen["settled"] += any(f in tested for f in unknown)
            assert {decided[_key(q)][0] for q in later} == {advice}, p


def test_missing_is_within_the_interview_s_bound_and_leaves_out_only_facts_no_answers_need():
    @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
              database=None)
    @given(small.rule_set(presence=True, max_rules=5))
    def check(spec):
        with tempfile.TemporaryDirectory() as folder, Engine.load(small.write(Path(folder), spec)) as engine:
            _check(engine)

    check()
    assert min(seen.values()) >= 5, seen


def _interview(tmp_path, rule: dict, answers: str, *profile: str, schema_more: str = "") -> str:
    """The conversation, checked against its own progress lines: after each, no more questions
    than it said could come."""
    rules = tiny_copy(tmp_path, [rule])
    if schema_more:
        (rules / "schema.yaml").write_text((rules / "schema.yaml").read_text() + schema_more)
    result = CliRunner().invoke(cli, ["interview", "--rules", str(rules), *profile], input=answers)
    assert result.exit_code == 0, result.output
    out = result.output.split("\nRecommendation", 1)[0]
    rows = _asked_after_each_progress_line(out)
    assert rows and all(asked <= bound for _, bound, asked in rows), rows
    return out


def test_interview_does_not_ask_a_fact_tested_with_is_in_a_rule_whose_firing_nothing_reads(tmp_path):
    rule = {"id": "d.flag", "reason": "r", "cites": ["focus"], "when": {"fact": "secret", "is": "known"},
            "then": {"derive": ["flag"]}}
    out = _interview(tmp_path, rule, "skill\nyes\n1\nspecific\n", schema_more="  flag:\n    description: flagged\n")
    assert "Sensitive matter?" not in out and "Q4. How clear is the goal?" in out and "Q5." not in out


def test_interview_does_not_ask_a_fact_tested_with_is_in_a_rule_the_known_facts_fail(tmp_path):
    rule = {"id": "e.known", "reason": "r", "cites": ["focus"], "then": {"evidence": {"coaching": 1}},
            "when": {"all": [{"fact": "ready", "equals": True}, {"fact": "secret", "is": "known"}]}}
    profile = tmp_path / "p.yaml"
    profile.write_text("ready: false\n")
    out = _interview(tmp_path, rule, "skill\nyes\n", "--profile", str(profile))
    assert "Sensitive matter?" not in out and "Q1. What is needed?" in out and "Q2." not in out
