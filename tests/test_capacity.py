"""durable-rules' C-core limits: the compiler refuses a rule base one step over each
limit before anything runs, and the real engine evaluates one exactly at it."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.capacity import (MAX_ACTIONS, MAX_CHILDREN_PER_NODE, MAX_MATCHES_PER_FACT,
                                              MAX_RULES_PER_NODE)
from pathfit.engine.pipeline.durable_adapter import DurableRuleset

from .helpers import simple_rule, tiny_copy as _tiny_copy

# libyaml's emitter writes the same bytes as yaml.safe_dump's Python one, many times faster: these
# rule files hold up to 8,192 rules
_DUMPER = yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper


def tiny_copy(tmp, extra_rules=None):
    """helpers.tiny_copy, its extra rules written by _DUMPER."""
    rules = _tiny_copy(tmp)
    if extra_rules:
        (rules / "extra.yaml").write_text(yaml.dump({"rules": extra_rules}, Dumper=_DUMPER, sort_keys=False))
    return rules


def one_more(rules: Path, rule: dict) -> Path:
    """tiny_copy's extra rules with `rule` after them, as the copy `rules.parent.parent / "over"`.

    The bytes _DUMPER writes for the longer list: a block sequence's items are written each on
    its own lines, from its own `- `, so the text of one more item follows the text of the
    others. Dumping 8,000 rules a second time for one rule more took a fifth of this file's time."""
    over = tiny_copy(rules.parent.parent / "over")
    item = yaml.dump({"rules": [rule]}, Dumper=_DUMPER, sort_keys=False).partition("\n")[2]
    (over / "extra.yaml").write_text((rules / "extra.yaml").read_text() + item)
    return over


def _thresholds(n: int) -> list[dict]:
    """n rules `hours >= i`: hours = 160 matches all n conditions."""
    return [simple_rule(f"x.t{i:04d}", {"fact": "hours", "gte": i}) for i in range(n)]


def _shared(n: int) -> list[dict]:
    """n rules with the identical condition `ready = true`."""
    return [simple_rule(f"x.s{i:04d}", {"fact": "ready", "equals": True}) for i in range(n)]


def _distinct(n: int) -> list[dict]:
    """Rules `hours = v` with distinct v, so the node under known hours gets n children
    in all: the tiny set already tests hours >= 4 and, refuting that, hours < 4."""
    return [simple_rule(f"x.d{i:04d}", {"fact": "hours", "equals": round(i * 160 / n, 3)}) for i in range(n - 2)]


@pytest.mark.parametrize("build,limit,code,facts,fired", [
    (_thresholds, MAX_MATCHES_PER_FACT, "PF301", {"hours": 160}, MAX_MATCHES_PER_FACT),
    (_shared, MAX_RULES_PER_NODE, "PF302", {"ready": True}, MAX_RULES_PER_NODE),
    (_distinct, MAX_CHILDREN_PER_NODE, "PF303", {"hours": 0}, 1),
])
def test_limit_refused_one_over_and_evaluated_at_it(tmp_path, build, limit, code, facts, fired):
    over = tiny_copy(tmp_path / "over", build(limit + 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(over)
    assert code in info.value.codes
    at = tiny_copy(tmp_path / "at", build(limit))
    with Engine.load(at) as engine:
        decision = engine.evaluate(facts)
    assert sum(1 for r in decision.fired if r.startswith("x.")) == fired


def test_too_many_actions_refused(tmp_path):
    """Rules whose conditions expand to 3 x 3 alternatives, one rule more than fits
    MAX_ACTIONS (8,191 at the core's limit of 8,192): PF304 before anything runs."""
    rules = [simple_rule(f"x.a{i:04d}", {"all": [
        {"fact": "goal", "one_of": ["specific", "emerging", "undefined"]},
        {"any": [{"fact": "hours", "equals": i % 150}, {"fact": "hours", "equals": 150 + i % 10},
                 {"fact": "needs", "contains": "skill"}]}]}) for i in range(MAX_ACTIONS // 9 + 1)]
    with pytest.raises(PathfitError) as info:
        Engine.load(tiny_copy(tmp_path, rules))
    assert "PF304" in info.value.codes


def test_a_base_compiling_to_exactly_max_actions_runs_and_one_more_is_pf304_alone(tmp_path):
    """PF304's own edge: rules `hours = v` (400 values, so no node nears its own limits) added
    to the tiny set until its definition holds exactly MAX_ACTIONS durable-rules rules: loaded
    and evaluated on the real core; one rule more is PF304 and nothing else. The test above is
    17 over and PF302 too, so a limit read one off (or eight) passed it."""
    with Engine.load(tiny_copy(tmp_path / "base")) as engine:
        base = len(engine.compiled.definition)

    def rules(n: int) -> list[dict]:
        return [simple_rule(f"x.h{i:04d}", {"fact": "hours", "equals": (i % 400) / 2.5}) for i in range(n)]

    at = tiny_copy(tmp_path / "at", rules(MAX_ACTIONS - base))
    with Engine.load(at) as engine:
        assert len(engine.compiled.definition) == MAX_ACTIONS
        decision = engine.evaluate({"hours": 8})
    assert sum(1 for r in decision.fired if r.startswith("x.")) == len(range(20, MAX_ACTIONS - base, 400))
    with pytest.raises(PathfitError) as info:
        Engine.load(one_more(at, rules(MAX_ACTIONS - base + 1)[-1]))
    assert info.value.codes == ["PF304"]


def _trivial(n: int) -> dict:
    return {f"r{i}": {"all": [{"a": {"$and": [{"t": f"x{i // 256}"}, {"n": i % 256}]}}], "pri": 1} for i in range(n)}


def test_the_built_core_holds_exactly_max_actions_rules_plus_the_sentinel():
    """The C core in this checkout was built with capacity.py's limit (the build patches
    rete.c from it): MAX_ACTIONS rules and the adapter's sentinel register, one more is
    refused by the core itself. Fails on a core built before the limit was raised."""
    DurableRuleset(_trivial(MAX_ACTIONS), label="at-limit")
    with pytest.raises(PathfitError) as info:
        DurableRuleset(_trivial(MAX_ACTIONS + 1), label="over-limit")
    assert info.value.codes == ["PF503"]
