"""Whether a partial person's advice is settled, and which questions could still move it, is
proved over every score vector the rules that wait could reach, each decided by the policy's
clause tests. A batch's people reach the same few vectors again and again, and each person
decided them anew: most of an audited batch of the example corpus. The outcome of a vector
is now kept per policy from person to person. Kept, it must be exactly what deciding it
gives: under two policies that decide the same vectors differently, alternated person by
person, every answer is the one worked out with nothing kept."""
from __future__ import annotations

import json

import pytest

from pathfit.engine import Engine
from pathfit.engine.pipeline import reach

from .helpers import ROOT, bundled_copy


def _people() -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").read_text().splitlines()]
    return [{k: v for k, v in row.items() if k != "id"} for row in rows]


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    stricter = bundled_copy(tmp_path_factory.mktemp("stricter"))
    policy = stricter / "policy.yaml"
    policy.write_text(policy.read_text().replace("when: {strongest_below: 3}", "when: {strongest_below: 5}"))
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        with Engine.load() as bundled, Engine.load(stricter) as strict:
            yield bundled, strict


def _asked(engine, person) -> tuple:
    decision = engine.evaluate(person)
    return decision.settled, decision.missing


def test_a_score_vector_decided_once_is_not_decided_again(engines, monkeypatch):
    bundled, _ = engines
    person = next(p for p in _people() if not bundled.evaluate(p).settled and bundled.evaluate(p).waiting)
    decided = []
    real = reach.first_clause
    monkeypatch.setattr(reach, "first_clause", lambda *args: decided.append(args) or real(*args))
    reach._KNOWN.clear()
    first = _asked(bundled, person)
    assert decided
    decided.clear()
    assert _asked(bundled, person) == first
    assert decided == []


def test_kept_outcomes_are_the_outcomes_decided_under_each_policy(engines):
    bundled, strict = engines
    people = _people()
    expected = []
    for person in people:
        row = []
        for engine in (bundled, strict):
            reach._KNOWN.clear()
            row.append(_asked(engine, person))
        expected.append(row)
    assert any(a != b for a, b in expected), "the two policies must answer some person differently"
    reach._KNOWN.clear()
    for person, row in zip(people, expected):  # alternated, each kept answer in reach of the other policy
        assert [_asked(engine, person) for engine in (bundled, strict)] == row
    assert reach._KNOWN
