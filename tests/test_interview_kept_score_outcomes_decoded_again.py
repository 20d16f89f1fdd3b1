"""Regression: a score vector's outcomes are kept per policy from decision to decision
(pipeline/reach.py), but they were looked up by the vector itself, so each decision decoded
every one of its reachable scores from the whole number it is enumerated as before it could
find its outcomes kept. Choosing an interview's next question asks this of every answer it
tries: on the bundled rules, 66 questions of 30 people decoded 518,595 score vectors to find
6,506 distinct ones. Now outcomes are kept by that number and its radix, which name one vector
exactly, and a vector is decoded only to be decided.

Counted, not timed: the score vectors decoded by a question chosen again over the same answers,
every outcome it needs kept by the first time."""
from __future__ import annotations

import json

from pathfit.engine.explain.interview import ranked_questions
from pathfit.engine.pipeline import reach

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .helpers import ROOT


def _partial_people() -> list[dict]:
    rows = [json.loads(line) for line in (ROOT / "examples" / "corpus.jsonl").read_text().splitlines()]
    return [{k: v for k, v in row.items() if k != "id"} for row in rows]


def test_outcomes_kept_are_found_without_decoding_the_scores(engine, monkeypatch):
    decoded = []
    digits = reach._digits
    monkeypatch.setattr(reach, "_digits", lambda *args: decoded.append(args) or digits(*args))
    person = next(p for p in _partial_people() if not engine.evaluate(p).settled and engine.evaluate(p).waiting)
    answers = dict(list(person.items())[:3])
    reach._KNOWN.clear()
    first = ranked_questions(engine, answers, set())[0]
    assert decoded, "the first choice decides some score vectors"
    decoded.clear()
    assert ranked_questions(engine, answers, set())[0] == first
    assert decoded == []  # was 9,338: every reachable vector of every answer tried, decoded again
