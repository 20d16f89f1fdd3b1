"""Regression: with a few frames left past the call (a program's recursion limit just above
its own depth), Engine.load, evaluate and a decision's to_dict() caught the stack running out
and then ran out again while wording PF509 (its import, `fail`, the problem's formatting), so
a bare RecursionError escaped from inside pathfit, where docs/engine.md promises PF509 once
pathfit is reached. Now PF509 is worded with room made for it: the only RecursionError left is
the one raised before pathfit can call anything (its outermost frame, the guard, is the last)."""
from __future__ import annotations

import sys
import traceback
from pathlib import Path

import pytest

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError
from tests.test_low_recursion_limit_escaped_as_recursionerror import FACTS, _nested_rules, _with_room

_PACKAGE = str(Path(sys.modules["pathfit.engine"].__file__).parent.parent)


def _pathfit_frames(err: BaseException) -> list[str]:
    return [f"{Path(f.filename).name}:{f.name}" for f in traceback.extract_tb(err.__traceback__)
            if f.filename.startswith(_PACKAGE)]


@pytest.mark.parametrize("call", ["load", "evaluate", "to_dict"])
def test_every_room_gives_pf509_a_result_or_a_recursionerror_before_pathfit_calls_anything(tmp_path, monkeypatch,
                                                                                         call):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    rules = _nested_rules(tmp_path)
    engine = Engine.load(rules)
    fresh = iter([engine.evaluate(FACTS) for _ in range(40)])  # each explained first within the room
    run = {"load": lambda: Engine.load(rules).close(), "evaluate": lambda: engine.evaluate(FACTS),
           "to_dict": lambda: next(fresh).to_dict()}[call]
    seen = set()
    for room in range(1, 40):
        try:
            _with_room(room, run)
            seen.add("result")
        except PathfitError as err:
            assert err.codes == ["PF509"], (room, err)
            seen.add("PF509")
        except RecursionError as err:
            assert _pathfit_frames(err) in ([], ["later.py:run"]), (room, _pathfit_frames(err))
            seen.add("before")
    assert "PF509" in seen
    engine.close()
