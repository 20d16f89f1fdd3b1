"""A decision tallied its firings (every fired rule's evidence added up, its referrals and
not-nows gathered) once to decide, again when its settledness or missing facts were asked
(Decision._waiting), and a third time when it was explained (the trace): the same firings, the
same tally, worked out again for every row of a batch (which says whether each row is
settled) and for every audited or explained person. The tally the verdict was decided from
is now kept with the decision and read by all three. Counted here (tallies made), never
timed; the answers are checked against a decision asked in another order.
"""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.pipeline import decide as decide_module

PARTIAL = {"career_stage": "mid_career", "trigger": "none"}  # examples/partial-intake-only-basics.yaml


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as loaded:
        yield loaded


@pytest.fixture()
def tallies(monkeypatch):
    made = [0]
    sums = decide_module._sums  # called once by every tally under `combine: sum`

    def counted(*args):
        made[0] += 1
        return sums(*args)

    monkeypatch.setattr(decide_module, "_sums", counted)
    return made


def test_a_waiting_decision_is_tallied_once_however_much_is_asked_of_it(engine, tallies):
    assert engine.ruleset.policy.combine == "sum"
    d = engine.evaluate(PARTIAL)
    assert d.waiting, "the profile must leave rules waiting, or nothing past the decision tallies"
    settled, missing, trace = d.settled, d.missing, d.trace
    assert tallies[0] == 1
    # the same answers as a decision of the same person asked the other way round
    again = engine.evaluate(PARTIAL)
    assert (again.trace, again.missing, again.settled) == (trace, missing, settled)


def test_a_copy_reads_the_same_tally(engine, tallies):
    import copy

    d = copy.copy(engine.evaluate(PARTIAL))
    d.settled, d.trace
    assert tallies[0] == 1
