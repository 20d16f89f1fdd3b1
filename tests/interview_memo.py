"""The interview's next question, ranked once for each state a test module's interviews meet.

Ranking a state re-runs the engine for every answer it tries, and piped interviews of one
module mostly walk the same first answers (the screening questions, answered alike). The
ranking is a function of the rule set (its digest and place), the answers (each value with
its type) and the questions left unknown alone, so a state met again takes the ranking
already made for it; every state met is still ranked by the interview's own code."""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from pathfit.cli import interview as cli_interview
from pathfit.engine.explain import interview


def _key(engine, answers: dict, skipped: set) -> tuple:
    rs = engine.ruleset
    given = tuple(sorted((name, type(value).__name__, repr(value)) for name, value in answers.items()))
    return rs.digest, rs.directory, given, frozenset(skipped)


@contextmanager
def remembered_questions() -> Iterator[dict]:
    """The CLI's `next_question`, each state ranked once while this lasts: the states ranked,
    by key, are yielded (a module-scoped fixture keeps them for its module's tests)."""
    ranked: dict = {}
    real = interview.next_question

    def next_question(engine, answers: dict, skipped: set):
        key = _key(engine, answers, skipped)
        if key not in ranked:
            ranked[key] = real(engine, answers, skipped)
        return ranked[key]

    with pytest.MonkeyPatch.context() as m:
        m.setattr(cli_interview, "next_question", next_question)
        yield ranked
