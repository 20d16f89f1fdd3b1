"""A durable-rules session is reused from one person to the next (durable_adapter.py):
after each evaluation the person's facts are retracted, and the session is kept only
if the core then holds exactly its sentinel fact and has nothing to start.

Held here by comparing, decision by decision and byte for byte (the whole JSON
decision, trace included), evaluations in a reused session with evaluations each in
a session of its own, in shuffled orders with repeats, on the bundled rules and
synthetic layered bases with negation over derived facts (40 and 1,000 rules); and by breaking the reset
on purpose: a fact the core kept is noticed, that session is deleted, and the next
person is decided as in a new one.
"""
from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

import pytest

import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.engine import Engine, PathfitError
from tools import synth

from .helpers import synthetic_engine


class _Core:
    """The C core, counting the sessions opened and, when asked, tampering with the reset."""

    def __init__(self, real, *, never_clean: bool = False, keep_id: str | None = None):
        self._real, self.never_clean, self.keep_id = real, never_clean, keep_id
        self.opened = self.kept = 0

    def __getattr__(self, name):
        return getattr(self._real, name)

    def assert_fact(self, handle, text):
        if json.loads(text)["t"] == "sentinel":
            self.opened += 1
        return self._real.assert_fact(handle, text)

    def retract_fact(self, handle, text):
        if self.keep_id is not None and json.loads(text)["id"] == self.keep_id:
            self.kept += 1
            return 0, 0  # says done, retracts nothing
        return self._real.retract_fact(handle, text)

    def get_facts(self, handle, sid):
        return "[]" if self.never_clean else self._real.get_facts(handle, sid)


def _decisions(engine: Engine, profiles: list) -> list[str]:
    out = []
    for p in profiles:
        d = engine.evaluate(p).to_dict()
        out.append(json.dumps(d, sort_keys=True))
    return out


def _people(engine: Engine, n: int, seed: int) -> list[dict]:
    """Complete and partial profiles, then the same people again, shuffled."""
    people = synth.profiles(engine.ruleset, n, seed=seed, known_fraction=1.0) + \
        synth.profiles(engine.ruleset, n, seed=seed + 1, known_fraction=0.6)
    again = people * 2
    random.Random(seed).shuffle(again)
    return again


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Iterator[Engine]:
    with synthetic_engine(tmp_path_factory, 40, seed=3) as engine:
        yield engine


@pytest.fixture(scope="module")
def synthetic_1000(tmp_path_factory) -> Iterator[Engine]:
    with synthetic_engine(tmp_path_factory, 1000, seed=11) as engine:
        yield engine


@pytest.mark.parametrize("which", ["bundled", "synthetic", "synthetic-1000"])
def test_a_reused_session_decides_exactly_as_a_new_one(which, request, monkeypatch):
    # at 1,000 rules, where a new session was a quarter of an evaluation, with fewer people
    engine = Engine.load() if which == "bundled" else request.getfixturevalue(which.replace("-", "_"))
    people = _people(engine, 4 if which == "synthetic-1000" else 25, seed=11)
    counting = _Core(adapter._core)
    monkeypatch.setattr(adapter, "_core", counting)
    reused = _decisions(engine, people)
    assert counting.opened <= 1  # one session served everyone (or was still idle from before)
    fresh = _Core(adapter._core._real, never_clean=True)
    monkeypatch.setattr(adapter, "_core", fresh)
    alone = _decisions(engine, people)
    assert fresh.opened >= len(people) - 1  # a session of its own for each person (the first: the idle one)
    assert reused == alone


def test_a_fact_left_behind_drops_the_session_and_the_next_person_is_unaffected(synthetic, monkeypatch):
    engine = synthetic
    people = synth.profiles(engine.ruleset, 12, seed=7, known_fraction=1.0)
    expected = _decisions(engine, people)
    observed = engine.compiled.observed
    derived = sorted(i for key, i in engine.compiled.fact_ids.items() if key[0] == "d" and key[:2] in observed)
    left = _Core(adapter._core, keep_id=derived[0])
    monkeypatch.setattr(adapter, "_core", left)
    assert _decisions(engine, people) == expected  # never "already observed", never a stale match
    assert left.kept > 0, "the chosen derived fact should be asserted for some of these people"
    assert left.opened >= left.kept - 1  # each session that kept it was replaced (the first was idle before)


def test_a_faulted_evaluation_deletes_its_session(monkeypatch):
    """After a fact is refused mid-run the session is unknown ground: it is not kept."""
    engine = Engine.load(Path(__file__).parent / "fixtures" / "tiny")
    person = {"goal": "specific", "needs": ["skill"], "ready": True}
    before = engine.evaluate(person).to_dict()
    runner = engine._runner.engine
    assert len(runner._idle) == 1
    sid = runner._idle[0][0]

    class Refusing(_Core):
        def assert_fact(self, handle, text):
            if json.loads(text)["t"] == "d":
                return 2, 0
            return super().assert_fact(handle, text)

    monkeypatch.setattr(adapter, "_core", Refusing(adapter._core))
    with pytest.raises(PathfitError) as info:
        engine.evaluate(person)
    assert info.value.codes == ["PF504"]
    assert not runner._idle
    with pytest.raises(Exception):  # the core no longer knows that session
        adapter._core._real.get_facts(runner._handle, sid)
    monkeypatch.undo()
    assert engine.evaluate(person).to_dict() == before
    engine.close()


def test_a_session_with_an_action_left_to_start_is_not_reused(monkeypatch):
    """Its sentinel alone is not enough: a session where the core would still start an action
    after the person's facts are retracted is deleted, never handed to the next person, who is
    decided as before. The tests above leave a fact behind or fault; none left an action alone."""
    engine = Engine.load(Path(__file__).parent / "fixtures" / "tiny")
    person = {"goal": "specific", "needs": ["skill"], "ready": True}
    before = engine.evaluate(person).to_dict()
    runner = engine._runner.engine
    (sid, _, _), = runner._idle

    class ActionLeft(_Core):
        """Says an action is left to start when a session is put back (its facts retracted)."""

        retracted = False

        def retract_fact(self, handle, text):
            self.retracted = True
            return super().retract_fact(handle, text)

        def start_action_for_state(self, handle, state):
            if self.retracted:
                return ("an action left", state)
            return self._real.start_action_for_state(handle, state)

    monkeypatch.setattr(adapter, "_core", ActionLeft(adapter._core))
    assert engine.evaluate(person).to_dict() == before
    assert runner._idle == [] and sid not in runner._held
    monkeypatch.undo()
    assert engine.evaluate(person).to_dict() == before
    assert len(runner._idle) == 1 and runner._idle[0][0] != sid
    engine.close()
