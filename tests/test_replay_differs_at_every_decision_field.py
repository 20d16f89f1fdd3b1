"""`replay` says reproduced only of a decision identical to the one it decides again: a record
whose decision is changed at any one value (an outcome field, a figure, an open question, a
ranking row, a trace entry, ...) and whose record_digest is worked out again, as anyone can,
is never reproduced, and its differences name that value's own path with both values. A few
hand-picked fields would leave a comparison that skipped a whole part (the open questions,
say) unnoticed."""
from __future__ import annotations

import json

from pathfit.engine.audit.record import build_record, check_record, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.errors import PathfitError, Pos

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import example_facts
from .helpers import ROOT

# none of its facts sensitive, so the record is unsealed, and its decision leaves nothing unknown
# untested: a full trace, open questions and a ranking
EXAMPLES = [ROOT / "examples" / "graduate-seeking-career-direction.yaml",
            ROOT / "examples" / "partial-intake-only-basics.yaml"]
NAMED_NOT_DECIDED = (("trace", "ruleset"), ("trace", "engine"))  # they name the rule set and engine: compared apart


def _values(value, path=()):
    """(path, value) of every scalar under `value`."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _values(inner, path + (name,))
    elif isinstance(value, list):
        for i, inner in enumerate(value):
            yield from _values(inner, path + (i,))
    else:
        yield path, value


def _other(value):
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        return value + "x"
    return "x"


def _written(path: tuple) -> str:
    return "decision" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def test_a_decision_changed_at_any_value_is_never_reproduced_and_the_value_is_named(engine):
    tried = 0
    for example in EXAMPLES:
        record = build_record(engine, engine.evaluate(example_facts(example)), None)
        assert record["masking"] is None
        assert replay(engine, check_record(json.loads(json.dumps(record)), Pos("r")), None, Pos("r"))["status"] \
            == "reproduced"
        assert record["decision"]["missing"] or example.name.startswith("graduate")
        for path, value in list(_values(record["decision"])):
            if path[:2] in NAMED_NOT_DECIDED:
                continue
            edited = json.loads(json.dumps(record))
            parent = edited["decision"]
            for step in path[:-1]:
                parent = parent[step]
            parent[path[-1]] = _other(value)
            tried += 1
            try:
                result = replay(engine, check_record(seal(edited), Pos("r")), None, Pos("r"))
            except PathfitError:  # refused as read (a shape the record cannot have): not reproduced either
                continue
            assert result["status"] == "differs", _written(path)
            if path[0] != "facts":  # other facts decide otherwise: the difference shows where they lead
                assert {"path": _written(path), "recorded": _other(value), "now": value} in result["differences"], \
                    (_written(path), result["differences"])
    assert tried > 300
