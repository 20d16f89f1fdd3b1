"""Why-not keeps each rule's answer along what its evaluation read (kept.Answers): its
input facts' values as far as the rule tells them apart (a number by its region among
the rule's numbers, a set by the members asked about) and its derived facts' states,
until the answer was known. Held here: traces computed with
the answers kept from earlier people equal, byte for byte, traces computed with
nothing kept, over complete and partial people on the bundled rules, a synthetic
base with negation over derived facts, and a decision-table rule set; no two traces
share a list, so changing one trace never changes another; and after many people
the cross-check still catches a fact the core drops.
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

import pytest

from pathfit.engine import Engine
from pathfit.engine.explain import kept
from pathfit.engine.pipeline.model import facts_in
from tools import synth

from .helpers import synthetic_engine

HERE = Path(__file__).parent


def _people(engine: Engine, n: int, seed: int) -> list[dict]:
    people = []
    for i, known in enumerate((1.0, 0.7, 0.35)):
        people += synth.profiles(engine.ruleset, n, seed=seed + i, known_fraction=known)
    twice = people * 2
    random.Random(seed).shuffle(twice)
    return twice


def _trace(engine: Engine, person: dict) -> str:
    d = engine.evaluate(person)
    return json.dumps({"trace": d.trace, "missing": list(d.missing), "settled": d.settled}, sort_keys=True)


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Iterator[Engine]:
    with synthetic_engine(tmp_path_factory, 120, seed=17) as engine:
        yield engine


@pytest.mark.parametrize("which", ["bundled", "synthetic", "tabled"])
def test_kept_answers_give_the_same_traces_as_fresh_ones(which, synthetic):
    engine = {"bundled": Engine.load, "synthetic": lambda: synthetic,
              "tabled": lambda: Engine.load(HERE / "fixtures" / "tabled")}[which]()
    people = _people(engine, 20, seed=5)
    kept._KEPT.clear()
    warm = [_trace(engine, p) for p in people]
    plan, budget, _ = kept._KEPT[id(engine.ruleset.rules)][1]
    assert any(answers for *_, answers in plan), "answers were kept"
    assert all(len(t) <= kept.KEPT_PER_RULE for t in budget.tables)
    assert sum(len(t) for t in budget.tables) == budget.used <= kept.KEPT_IN_ALL
    fresh = []
    for p in people:
        kept._KEPT.clear()
        fresh.append(_trace(engine, p))
    assert warm == fresh


def test_a_kept_failure_shows_this_persons_number(synthetic):
    """Two people whose numbers lie in the same regions share kept answers, but each
    failure shown must carry the person's own number: each moved person differs from
    the one whose answers were kept only inside a region, and its trace equals one
    worked out afresh."""
    engine = synthetic
    regions: dict[str, set] = {}  # every number any rule compares each numeric fact with
    for rule in engine.ruleset.rules:
        for c in facts_in(rule.when):
            if engine.ruleset.facts[c.fact].type == "number" and c.op != "is":
                regions.setdefault(c.fact, set()).add(c.value)
    assert regions, "the synthetic base compares numbers"
    rng = random.Random(23)
    moves = 0
    for person in synth.profiles(engine.ruleset, 20, seed=41, known_fraction=1.0):
        for _ in range(3):
            moved = dict(person)
            for name, numbers in regions.items():
                fact, v = engine.ruleset.facts[name], moved.get(name)
                if v is None or fact.integer or v in numbers:
                    continue
                bounds = {fact.minimum, fact.maximum, *numbers}
                lo, hi = [b for b in bounds if b < v], [b for b in bounds if b > v]
                if lo and hi:
                    new = round(max(lo) + (min(hi) - max(lo)) * rng.uniform(0.05, 0.95), 6)
                    if max(lo) < new < min(hi) and new != v:
                        moved[name] = new
                        moves += 1
            kept._KEPT.clear()
            engine.evaluate(person).trace  # answers kept for `person`
            with_kept = _trace(engine, moved)
            kept._KEPT.clear()
            assert with_kept == _trace(engine, moved)
    assert moves > 50


def test_the_kept_answers_stay_within_their_limits(synthetic, monkeypatch):
    """Small limits, many people: no rule or derived fact ever keeps more than its
    limit, nor the rule set more than its own, and forgetting changes no trace."""
    monkeypatch.setattr(kept, "KEPT_PER_RULE", 3)
    monkeypatch.setattr(kept, "KEPT_IN_ALL", 40)
    kept._KEPT.clear()
    people = _people(synthetic, 8, seed=13)
    warm, most = [], 0
    for p in people:
        warm.append(_trace(synthetic, p))
        budget = kept._KEPT[id(synthetic.ruleset.rules)][1][1]
        assert all(len(t) <= 3 for t in budget.tables)
        assert sum(len(t) for t in budget.tables) == budget.used <= 40
        most = max(most, budget.used)
    assert most > 20, "the limits were reached"
    fresh = []
    for p in people:
        kept._KEPT.clear()
        fresh.append(_trace(synthetic, p))
    assert warm == fresh


def test_traces_share_no_list():
    engine = Engine.load()
    person = synth.profiles(engine.ruleset, 1, seed=3, known_fraction=1.0)[0]
    first, second = engine.evaluate(person).trace, engine.evaluate(person).trace
    before = json.dumps(second, sort_keys=True)
    lists = 0
    for entry in first["not_fired"]:
        for value in entry.values():
            if isinstance(value, list):
                value.append("changed")
                lists += 1
        entry["status"] = "changed"
    assert lists > 0
    assert json.dumps(second, sort_keys=True) == before
    assert json.dumps(engine.evaluate(person).trace, sort_keys=True) == before


def test_the_cross_check_still_catches_a_dropped_fact_after_many_people(monkeypatch):
    from pathfit.engine import PathfitError
    from .test_fact_integrity import COACHING, _drop

    engine = Engine.load(HERE / "fixtures" / "tiny")
    for person in synth.profiles(engine.ruleset, 60, seed=9, known_fraction=1.0) + [COACHING] * 3:
        engine.evaluate(person).trace  # why-not's answers for these people are kept
    _drop(monkeypatch, 1, t="m", n="needs", m="skill")
    with pytest.raises(PathfitError) as info:
        engine.evaluate(COACHING)
    assert info.value.codes == ["PF505"] and "'e.coach'" in info.value.problems[0].message
    engine.close()


def test_an_answer_is_kept_along_the_reads_that_reached_it(synthetic):
    """A rule whose first part, a comparison of an input fact, fails reads nothing after
    it, so a person who differs only in a fact the rule reads later gets the kept answer (no new one is kept for
    that rule) and the same trace as one worked out afresh."""
    from pathfit.engine.explain.why_not import _described
    from pathfit.engine.pipeline.model import All, Cmp

    engine = synthetic
    rs = engine.ruleset
    people = synth.profiles(rs, 30, seed=61, known_fraction=1.0)
    checked = 0
    for i, person in enumerate(people):
        other = people[(i + 1) % len(people)]
        kept._KEPT.clear()
        trace = engine.evaluate(person).trace
        plan = kept._KEPT[id(rs.rules)][1][0]
        failed = {e["rule"]: e for e in trace["not_fired"] if e["status"] == "failed"}
        for index, rule in enumerate(rs.rules):
            cond, entry = rule.when, failed.get(rule.id)
            if (entry is None or not isinstance(cond, All) or not isinstance(cond.items[0], Cmp)
                    or rs.facts[cond.items[0].fact].kind != "input"):  # a derived fact's state moves with inputs
                continue
            first = cond.items[0]
            if entry["condition"] != _described(first):
                continue
            later = [c.fact for c in facts_in(All(cond.items[1:])) if rs.facts[c.fact].kind == "input"
                     and c.fact != first.fact and other.get(c.fact) != person.get(c.fact)]
            if not later:
                continue
            moved = {**person, later[0]: other[later[0]]}
            answers = plan[index][4]
            before = len(answers)
            with_kept = _trace(engine, moved)
            assert len(answers) == before, rule.id
            kept._KEPT.clear()
            assert with_kept == _trace(engine, moved)
            checked += 1
            break
    assert checked > 10


def test_answers_keep_one_path_per_answer_and_refuse_a_path_evaluation_cannot_take():
    """Answers.keep on its own: reads made twice count once; a path that leaves a kept
    read for another, or ends where more is kept, or runs on past an answer, keeps
    nothing (evaluation is deterministic, so this never happens; nothing wrong is kept
    if it did)."""
    classes = {"a": 1, "b": "x", "c": "y"}
    states = {"d": True}
    answers = kept.Answers({"a": "a", "b": "b", "c": "c"})
    read, state_of = classes.__getitem__, states.__getitem__
    assert answers.keep([("a", False), ("a", False), ("d", True)], read, state_of, "first")
    assert len(answers) == 1
    node = answers.root
    assert (node.key, node.derived) == ("a", False)
    assert (node.branches[1].key, node.branches[1].derived) == ("d", True)
    assert node.branches[1].branches[True] == "first"
    assert not answers.keep([("b", False)], read, state_of, "other first read")
    assert not answers.keep([("a", False)], read, state_of, "ends at a read")
    assert not answers.keep([("a", False), ("d", True), ("c", False)], read, state_of, "past an answer")
    assert len(answers) == 1
    classes["a"] = 2
    assert answers.keep([("a", False)], read, state_of, "second")
    assert len(answers) == 2 and node.branches[2] == "second"
    answers.clear()
    assert len(answers) == 0 and answers.root is kept.NOT_KEPT
