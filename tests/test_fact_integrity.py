"""durable-rules can never drop a fact silently: fact ids are checked collision-free
under the core's message hash (modelled here independently and confirmed on the
real core), each fact's own result code is read, and a dropped fact is caught by
the cross-check on a plain evaluate and in `pathfit batch`, without the trace."""
from __future__ import annotations

import json
import subprocess
import sys
from functools import reduce
from pathlib import Path

import pytest
from click.testing import CliRunner

import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.compile import compile_ruleset
from pathfit.engine.pipeline.durable_adapter import DurableRuleset, FactRefused
from pathfit.engine.pipeline.fact_ids import assign_ids, check_ids, message_hash
from tools import synth

from .helpers import HERE, ROOT

COACHING = {"goal": "specific", "needs": ["skill"], "ready": True}
# Two short strings with the same 32-bit FNV-1 hash, found by a birthday search
# with the independent implementation below (`_fnv1`).
COLLIDING = ("x211b", "x43d78")


def _fnv1(text: str) -> int:
    """32-bit FNV-1 as durable-rules' state.c applies it (xor each byte, then
    multiply), written apart from pathfit's from the published constants."""
    return reduce(lambda h, b: ((h ^ b) * 16777619) % 4294967296, text.encode(), 2166136261)


@pytest.fixture()
def tiny():
    with Engine.load(HERE / "fixtures" / "tiny") as rules:
        yield rules


def test_colliding_pair_collides_under_the_independent_hash():
    a, b = COLLIDING
    assert a != b and _fnv1(a) == _fnv1(b)


@pytest.mark.parametrize("text", ["", "s", "i0", "m12.3", "d7", "r999", "sid-1", "sid-4096", *COLLIDING])
def test_message_hash_agrees_with_an_independent_fnv1(text):
    assert message_hash(text) == _fnv1(text)


def test_the_core_refuses_a_fact_whose_id_hash_collides():
    """What the model is for: on the real C core, two different ids with one hash
    cannot both be stored in a session; the second is refused with code 2."""
    rule = {"all": [{"a0": {"$and": [{"t": "i"}, {"n": "a"}]}}], "pri": 1000}
    engine = DurableRuleset({"ra": rule})
    fired: list = []
    first, second = COLLIDING
    facts = [{"t": "i", "n": "a", "k": 1, "id": first}, {"t": "i", "n": "a", "k": 2, "id": second}]
    with pytest.raises(FactRefused) as info:
        engine.evaluate(facts, lambda name, b: fired.append(b()["a0"]["k"]), 10)
    assert info.value.code == 2 and info.value.fact["id"] == second
    fired.clear()
    facts[1]["id"] = "x211c"  # a different hash: both stored, both match
    assert engine.evaluate(facts, lambda name, b: fired.append(b()["a0"]["k"]), 10) == 2
    assert sorted(fired) == [1, 2]
    engine.close()


_LAST_CODE_ONLY = r'''
import json, sys
sys.path.insert(0, sys.argv[1])
from pathfit.engine.pipeline.durable_adapter import _core
rule = {"all": [{"a0": {"$and": [{"t": "i"}]}}], "pri": 1000}
h = _core.create_ruleset("pin", json.dumps({"r": rule}))
batch = [{"t": "i", "id": "x211b", "sid": "1"}, {"t": "i", "id": "x43d78", "sid": "1"}, {"t": "nothing", "id": "z", "sid": "1"}]
print(_core.assert_facts(h, json.dumps(batch))[0])
'''


def test_batch_assert_reports_only_the_last_code_so_a_dropped_fact_looked_harmless():
    """Why facts are asserted one call each: durable-rules' batch assert returns the
    last non-OK code, so 'already observed' (2) followed by an unmatched fact
    came back as 'not handled' (1), which the adapter accepted."""
    done = subprocess.run([sys.executable, "-c", _LAST_CODE_ONLY, str(ROOT)], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "1", done.stderr[-2000:]


def test_colliding_fact_ids_are_refused_at_compile_time(tiny):
    rs = tiny.ruleset
    ids = assign_ids(rs)
    check_ids(rs, ids)  # the real ids are fine
    ids[("i", "goal")], ids[("m", "needs", "skill")] = COLLIDING
    with pytest.raises(PathfitError) as info:
        check_ids(rs, ids)
    (problem,) = info.value.problems
    assert problem.code == "PF305"
    assert "input fact 'goal'" in problem.message and "member 'skill' of 'needs'" in problem.message
    assert problem.pos == rs.facts["needs"].pos and problem.pos.line > 0


def test_an_id_equal_to_the_sentinels_is_refused(tiny):
    rs = tiny.ruleset
    ids = assign_ids(rs)
    ids[("d", "broad")] = "s"
    with pytest.raises(PathfitError) as info:
        check_ids(rs, ids)
    assert info.value.codes == ["PF305"] and "sentinel" in info.value.problems[0].message


@pytest.mark.parametrize("n_rules", [0, 1000])
def test_every_id_a_rule_set_can_assert_is_distinct_and_hashes_apart(tmp_path: Path, n_rules: int):
    if n_rules:
        synth.write_rule_base(tmp_path, n_rules, seed=11)
        engine = Engine.load(tmp_path)
    else:
        engine = Engine.load()
    ids = list(engine.compiled.fact_ids.values()) + ["s"]
    assert len(set(ids)) == len(ids)
    assert len({_fnv1(i) for i in ids}) == len(ids)
    assert all(i.isascii() for i in ids)
    # the hashes kept with the compiled rule set (the adapter skips session ids by them)
    assert engine.compiled.id_hashes == {_fnv1(i) for i in ids}
    assert engine._runner.engine._taken == engine.compiled.id_hashes
    engine.close()


def test_session_ids_skip_those_whose_state_message_would_collide():
    """The core stores its own state message, id `sid-<session>`, beside the facts."""
    rule = {"all": [{"a0": {"$and": [{"t": "i"}]}}], "pri": 1000}
    fact = [{"t": "i", "id": "sid-1"}]
    plain = DurableRuleset({"r": rule})
    with pytest.raises(FactRefused) as info:
        plain.evaluate(fact, lambda name, b: None, 10)
    assert info.value.code == 2
    plain.close()
    told = DurableRuleset({"r": rule}, ids=["sid-1"])
    assert told.evaluate(fact, lambda name, b: None, 10) == 1  # session 1 skipped
    told.close()


class _Core:
    """The C core with one fact dropped: refused with `code`, never stored."""

    def __init__(self, real, drop: dict, code: int):
        self._real, self._drop, self._code = real, drop, code

    def __getattr__(self, name):
        return getattr(self._real, name)

    def assert_fact(self, handle, text):
        fact = json.loads(text)
        if all(fact.get(k) == v for k, v in self._drop.items()):
            return self._code, 0  # never given to the core
        return self._real.assert_fact(handle, text)


def _drop(monkeypatch, code: int, **which) -> None:
    monkeypatch.setattr(adapter, "_core", _Core(adapter._core, which, code))


def test_a_fact_refused_as_already_observed_is_an_error_on_plain_evaluate(tiny, monkeypatch):
    _drop(monkeypatch, 2, t="m", n="needs", m="skill")
    with pytest.raises(PathfitError) as info:
        tiny.evaluate(COACHING)
    (problem,) = info.value.problems
    assert problem.code == "PF504" and "member 'skill' of 'needs'" in problem.message
    assert problem.pos == tiny.ruleset.facts["needs"].pos
    monkeypatch.undo()
    assert tiny.evaluate(COACHING).outcome == "coaching"  # the session was cleaned up


_FIRST_FACT_REFUSED = r'''
import sys
sys.path.insert(0, sys.argv[1])
import pathfit.engine.pipeline.durable_adapter as adapter
from pathfit.engine import Engine, PathfitError
from tests.test_fact_integrity import _Core
engine = Engine.load(sys.argv[1] + "/tests/fixtures/tiny")
adapter._core = _Core(adapter._core, {"id": engine.compiled.fact_ids[("i", "goal")]}, 2)
for _ in range(3):
    try:
        engine.evaluate({"goal": "specific", "needs": ["skill"], "ready": True})
    except PathfitError as err:
        print(err.codes[0])
'''


def test_the_first_fact_refused_does_not_crash_the_process():
    """A refusal before any rule action must not reach delete_state of a session in
    which no action has started (the core's crash, test_regressions.py): the
    sentinel's action is started before any other fact is asserted."""
    done = subprocess.run([sys.executable, "-c", _FIRST_FACT_REFUSED, str(ROOT)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout.split() == ["PF504"] * 3, done.stderr[-2000:]


def test_a_deferred_fact_is_an_error(tiny, monkeypatch):
    _drop(monkeypatch, 3, t="i", n="ready")
    with pytest.raises(PathfitError) as info:
        tiny.evaluate(COACHING)
    assert info.value.codes == ["PF503"] and "input fact 'ready'" in info.value.problems[0].message


@pytest.fixture(params=["closures", "compiled"])
def checked(request):
    """The tiny rules with the cross-check evaluating by closures, or by the one function a
    long run compiles (pipeline/cross_check_code.py)."""
    with Engine.load(HERE / "fixtures" / "tiny") as rules:
        if request.param == "compiled":
            assert rules._runner.check.compile()
        yield rules


def test_a_fact_dropped_as_not_handled_is_caught_by_the_cross_check(checked, monkeypatch):
    """The worst case: the core drops a fact and says only 'not handled'. The rule it
    would have fired holds on the person's facts, so the evaluation fails, with no
    trace read."""
    _drop(monkeypatch, 1, t="m", n="needs", m="skill")
    with pytest.raises(PathfitError) as info:
        checked.evaluate(COACHING)
    (problem,) = info.value.problems
    assert problem.code == "PF505" and "'e.coach'" in problem.message and "did not fire" in problem.message
    assert problem.pos == checked.ruleset.rule("e.coach").pos


def test_a_dropped_derived_fact_is_caught_by_the_cross_check(checked, monkeypatch):
    _drop(monkeypatch, 1, t="d", n="structured", v=True)
    with pytest.raises(PathfitError) as info:
        checked.evaluate(COACHING)
    assert info.value.codes == ["PF505"] and "'e.coach'" in info.value.problems[0].message


def test_a_dropped_fact_in_batch_makes_that_row_an_error(tmp_path, monkeypatch):
    """An internal engine fault in one row is that row's error (exit status 1), not
    the whole run's: every session is separate and every other row passed its own
    cross-check, so their results stand; the faulty row carries no decision."""
    rows = [{"id": "a", **COACHING}, {"id": "b", "goal": "emerging", "needs": ["network"], "ready": True}]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    _drop(monkeypatch, 1, t="m", n="needs", m="skill")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(src), "--out", str(out), "--jobs", "1",
                                      "--rules", str(HERE / "fixtures" / "tiny")])
    assert result.exit_code == 1, result.output
    a, b = (json.loads(line) for line in out.read_text().splitlines())
    assert a["outcome"] is None and a["error"]["code"] == "PF505" and "'e.coach'" in a["error"]["message"]
    assert b["error"] is None and b["outcome"] is not None


def test_cross_check_catches_each_kind_of_disagreement(checked):
    """Fed a run's record with one thing changed, the check names what is wrong."""
    tiny = checked
    runner = tiny._runner
    rules = [r.id for r in tiny.ruleset.rules]
    result = runner.run(tiny.check(COACHING))
    fired = {rules.index(r) for r in result.fired}
    check = runner.check.check
    check(result.facts, result.holds, result.fails, fired, set())  # the real run agrees
    cases = [
        ((result.facts, result.holds, result.fails, fired | {rules.index("n.ready")}, set()), "'n.ready' fired"),
        ((result.facts, result.holds, result.fails, fired - {rules.index("e.coach")}, set()), "'e.coach': its condition"),
        ((result.facts, result.holds, result.fails, fired, {rules.index("e.coach")}), "'e.coach' was refuted"),
        ((result.facts, result.holds, result.fails | {"structured"}, fired, set()), "'structured' both"),
    ]
    for args, words in cases:
        with pytest.raises(PathfitError) as info:
            check(*args)
        assert info.value.codes == ["PF505"] and words in info.value.problems[0].message, words
    mentoring = runner.run(tiny.check({"goal": "emerging", "hours": 1, "needs": ["network"], "ready": True}))
    assert "structured" in mentoring.fails and "e.mentor" in mentoring.fired
    fired = {rules.index(r) for r in mentoring.fired} - {rules.index("e.mentor")}
    with pytest.raises(PathfitError) as info:  # structured's closure "forgotten"; e.mentor then waits
        check(mentoring.facts, mentoring.holds, mentoring.fails - {"structured"}, fired, set())
    assert info.value.codes == ["PF505"] and "'structured': the conditions of the rules that could derive it are " \
        "all false, but durable-rules did not settle it false" in info.value.problems[0].message


def test_compile_refuses_a_rule_set_whose_ids_would_collide(tiny, monkeypatch):
    """compile_ruleset runs the id check (forced here by giving two facts colliding ids)."""
    import pathfit.engine.pipeline.compile as compile_module

    real = compile_module.assign_ids

    def forced(rs):
        ids = real(rs)
        ids[("i", "goal")], ids[("i", "hours")] = COLLIDING
        return ids

    monkeypatch.setattr(compile_module, "assign_ids", forced)
    with pytest.raises(PathfitError) as info:
        compile_ruleset(tiny.ruleset)
    assert info.value.codes == ["PF305"]


def test_fact_texts_memo_stays_bounded_by_the_rule_set(tiny):
    """Texts are memoised by content, but never for a number, so a long batch of
    people with different numbers cannot grow the memo."""
    for hours in range(300):
        tiny.evaluate({"goal": "emerging", "hours": hours / 3, "needs": ["skill"], "ready": hours % 2 == 0})
    memo = tiny._runner.engine._texts._memo
    assert 0 < len(memo) <= 2 * len(tiny.compiled.fact_ids) + 4
    assert not any(type(dict(key).get("v")) in (int, float) for key in memo)
