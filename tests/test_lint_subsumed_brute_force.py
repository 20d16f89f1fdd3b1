"""PF720 against brute force, over small generated rule sets: every rule lint calls redundant
fires only where the rule it names fires, for every person, and without it every derived fact
(held or failed), score, outcome, referral, confidence and format is the same for every person.

Why brute force: whether one rule fires only where another does is a question about every
profile in three-valued logic (an input unknown, a derived fact undecided), which lint answers
from normal forms; here the facts have so few values that every profile is tried, each
evaluated by the reference evaluator (tests/reference.py, written from the language's meaning,
not from lint's normal forms), once with the rule and once without it. The check is
sufficient, not complete (lint/subsumption.py): a redundant rule it does not name is allowed,
and `redundancies` counts them for whoever wants the figure.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.engine.authoring.lint.run import lint
from pathfit.engine.pipeline.ruleset import read_ruleset

from . import reference
from .helpers import yaml_text
from .test_value_conflict_example_fires import KB
from .test_value_conflicts_brute_force import _INPUT, PROFILES  # the same small facts, every profile
from .test_value_conflicts_brute_force import SCHEMA as PAIRS_SCHEMA

SCHEMA = {
    "ruleset": "subsumed",
    "knowledge_base": "knowledge_base.md",
    "facts": PAIRS_SCHEMA["facts"],
    "derived": {"d1": {"description": "d one"}, "d2": {"description": "d two"}},
}
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: [training]
formats:
  f1: {for: [coaching, mentoring]}
decision:
  - {outcome: refer, when: {concluded: refer}, confidence: certain}
  - {outcome: not_now, when: {concluded: not_now}, confidence: certain}
  - {outcome: undetermined, when: {strongest_below: 1}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
_LEAF = _INPUT | st.builds(lambda v: {"fact": "d1", "equals": v}, st.booleans())


def _tree(leaf: st.SearchStrategy) -> st.SearchStrategy:
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda x: {"not": x}, inner)), max_leaves=4)


_CONDITION = _tree(_LEAF)
_KNOWN_D1 = {"fact": "d1", "is": "known"}  # only ever outside a `not` (PF210 refuses it under one)
_EFFECTS = {"derive": ("derive", ["d2"]), "suggest": ("suggest", ["f1"]), "refer": ("refer", "training"),
            "not_now": ("not_now", True), "evidence": ("evidence", {"coaching": 1})}


@st.composite
def rule_sets(draw) -> list[dict]:
    """d1 derived from inputs by up to two rules; r.b with any condition; r.a narrower than r.b
    (r.b and more, r.b with `d1 is known`), or any condition; each doing some of derive d2,
    suggest f1, refer, not now and evidence, r.a mostly some of what r.b does; r.use reading d2
    false, so a change in when d2 fails shows in the scores."""
    rules = [{"id": f"r.d1{k}", "when": draw(_tree(_INPUT)), "then": {"derive": ["d1"]}}
             for k in range(draw(st.integers(0, 2)))]
    general = draw(_CONDITION)
    if draw(st.booleans()):
        general = {"all": [general, _KNOWN_D1]}
    shape = draw(st.sampled_from(["narrower", "known", "any"]))
    specific = {"narrower": {"all": [general, draw(_CONDITION)]}, "known": {"all": [general, _KNOWN_D1]},
                "any": draw(_CONDITION)}[shape]
    b_kinds = draw(st.lists(st.sampled_from(sorted(_EFFECTS)), min_size=1, max_size=3, unique=True))
    a_kinds = draw(st.lists(st.sampled_from(b_kinds if draw(st.integers(0, 3)) else sorted(_EFFECTS)),
                            min_size=1, max_size=2, unique=True))
    pair = [{"id": "r.a", "when": specific, "then": dict(_EFFECTS[k] for k in a_kinds)},
            {"id": "r.b", "when": general, "then": dict(_EFFECTS[k] for k in b_kinds)}]
    rules += pair if draw(st.booleans()) else pair[::-1]
    rules.append({"id": "r.use", "when": {"fact": "d2", "equals": False}, "then": {"evidence": {"mentoring": 1}}})
    return [dict(rule, reason="R.", cites=["goals"]) for rule in rules]


def _write(directory: Path, rules: list[dict]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "schema.yaml").write_text(yaml_text(SCHEMA), encoding="utf-8")
    (directory / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (directory / "knowledge_base.md").write_text(KB, encoding="utf-8")
    plain = json.loads(json.dumps(rules))  # a condition used twice is written twice, not as a YAML alias
    (directory / "rules.yaml").write_text(yaml_text({"rules": plain}), encoding="utf-8")
    return directory


def _runs(directory: Path) -> list:
    """For each profile: the rules fired, and everything a decision shows but which rules fired."""
    return list(_each_run(directory))


def _each_run(directory: Path) -> Iterator[tuple]:
    """_runs one profile at a time, each decided when asked for: a comparison that stops at
    the first profile that differs leaves the rest undecided."""
    rs = read_ruleset(directory)
    for profile in PROFILES:
        r = reference.evaluate(rs, profile)
        v = r.verdict
        yield r.fired, (r.holds, r.fails, v.outcome, v.referral, v.confidence, v.baseline,
                        tuple(sorted(v.scores.items())), v.formats)


def redundancies(rules: list[dict], tmp: Path) -> tuple[set, set, set]:
    """(the pairs (rule, other) lint reports as PF720, the rules truly redundant by brute force,
    the rules lint names: redundant in a PF720, or either of a PF709's pair). Truly redundant: it
    fires for someone, only where another rule fires, and without it nothing but the rules fired
    changes for anyone. Checks every pair lint reports against brute force; a rule that fires
    for no one (lint cannot always tell) is checked all the same."""
    directory = _write(tmp / "all", rules)
    report = lint(directory)
    assert report.skipped == (), [p.format() for p in report.problems]  # the rule set validates: the check ran
    claimed = {(p.message.split("'")[1], p.message.split("'")[3]) for p in report.problems if p.code == "PF720"}
    named = {name for p in report.problems if p.code == "PF709" for name in p.message.split("'")[1:4:2]} | \
        {a for a, _ in claimed}
    full = _runs(directory)
    redundant, fires = set(), set()
    for rule in rules:
        rid = rule["id"]
        covers = [o["id"] for o in rules if o["id"] != rid and all(o["id"] in fired for fired, _ in full if rid in fired)]
        if not covers or (rid not in {a for a, _ in claimed} and not any(rid in fired for fired, _ in full)):
            continue
        without = _each_run(_write(tmp / rid, [r for r in rules if r["id"] != rid]))
        if all(a[1] == b[1] for a, b in zip(full, without)):  # every profile alike, or the first that is not
            redundant |= {(rid, o) for o in covers}
            if any(rid in fired for fired, _ in full):
                fires.add(rid)
    for pair in claimed:
        assert pair in redundant, (pair, rules)
    return claimed, fires, named


@settings(max_examples=120, deadline=None)
@given(rule_sets())
def test_every_rule_lint_calls_redundant_is_so_for_every_profile(rules):
    with tempfile.TemporaryDirectory() as tmp:
        redundancies(rules, Path(tmp))
