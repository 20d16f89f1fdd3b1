"""Regression: the hint for each key that names no fact (PF401, its did-you-mean) gathered every
key of the profile again, to leave out the names already given, so a profile of n unknown keys
was read n times over: a request to the web service of 64 KiB, about 9,000 short unknown keys
(`k0=1&k1=1...` posted to the page, or `{"facts": {"k0": 1, ...}}`), held the service's one
evaluation thread for 10 s, every other decision waiting behind it, and 4,000 took 3.3 s where
1,000 took 0.3. Each hint now asks the profile whether it holds each name it could offer, so the
profile is read once however many keys it has; the hints are the same."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine, PathfitError


class Walked(dict):
    """A profile that counts how often it is read key by key."""

    walks = 0

    def __iter__(self):
        type(self).walks += 1
        return super().__iter__()


@pytest.fixture(scope="module")
def engine():
    with Engine.load() as loaded:
        yield loaded


@pytest.mark.parametrize("unknown", [10, 2000])
def test_a_profile_is_read_as_often_however_many_keys_name_no_fact(engine, unknown):
    Walked.walks = 0
    profile = Walked({f"k{i}": 1 for i in range(unknown)}, goal_clarity="specific", Goal_clarity="specific")
    with pytest.raises(PathfitError) as err:
        engine.check(profile)
    assert [p.code for p in err.value.problems] == ["PF401"] * (unknown + 1)
    assert Walked.walks <= 4, Walked.walks
    told = {p.message for p in err.value.problems if "Goal_clarity" in p.message}  # the hints as before
    assert told == {"unknown fact 'Goal_clarity' ('goal_clarity', which it differs from only in case, is given too)"}
