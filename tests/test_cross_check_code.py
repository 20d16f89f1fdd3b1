"""The cross-check's compiled function (pipeline/cross_check_code.py): the same Kleene
values as the reference evaluator on conditions of every shape and operator, never a
word of a rule file in its program text, closures kept where Python cannot compile
it, and a long run that switches to it deciding exactly as before."""
from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from hypothesis import given, settings, strategies as st

from pathfit.engine import Engine
from pathfit.engine.pipeline import cross_check
from pathfit.engine.pipeline.cross_check_code import compiled_values, program_text
from pathfit.engine.pipeline.model import All, Any, Cmp, Not
from tools import synth

from . import reference
from .helpers import synthetic_engine

# a schema of every kind of fact a condition reads; the values are strings, numbers and sets
FACTS = {"level": "input", "years": "input", "needs": "input", "ready": "input", "structured": "derived",
         "tier=senior": "derived"}
LEVELS = ("new", "mid", "senior")
NEEDS = ("skill", "network", "career")


def _schema(rules: list) -> SimpleNamespace:
    return SimpleNamespace(facts={n: SimpleNamespace(kind=k) for n, k in FACTS.items()},
                           rules=[SimpleNamespace(when=c) for c in rules])


comparisons = st.one_of(
    st.builds(Cmp, st.just("level"), st.sampled_from(["equals"]), st.sampled_from(LEVELS)),
    st.builds(Cmp, st.just("level"), st.sampled_from(["one_of", "not_one_of"]),
              st.lists(st.sampled_from(LEVELS), min_size=1, unique=True).map(tuple)),
    st.builds(Cmp, st.just("years"), st.sampled_from(["lt", "lte", "gt", "gte", "equals"]),
              st.sampled_from([0, 2, 2.5, 10])),
    st.builds(Cmp, st.just("needs"), st.just("contains"), st.sampled_from(NEEDS)),
    st.builds(Cmp, st.just("ready"), st.just("equals"), st.booleans()),
    st.builds(Cmp, st.sampled_from(["level", "years", "needs", "ready"]), st.just("is"),
              st.sampled_from(["known", "unknown"])),
    st.builds(Cmp, st.sampled_from(["structured", "tier=senior"]), st.just("equals"), st.booleans()),
    st.builds(Cmp, st.sampled_from(["structured", "tier=senior"]), st.just("is"), st.just("known")),
)
conditions = st.recursive(comparisons, lambda inner: st.one_of(
    st.builds(All, st.lists(inner, min_size=1, max_size=4).map(tuple)),
    st.builds(Any, st.lists(inner, min_size=1, max_size=4).map(tuple)),
    st.builds(Not, inner)), max_leaves=12)
people = st.fixed_dictionaries({}, optional={
    "level": st.sampled_from(LEVELS), "years": st.sampled_from([0, 1, 2, 2.5, 3, 10, 11.5]),
    "needs": st.lists(st.sampled_from(NEEDS), unique=True).map(tuple), "ready": st.booleans()})
states = st.fixed_dictionaries({"structured": st.sampled_from([True, False, None]),
                                "tier=senior": st.sampled_from([True, False, None])})


@settings(max_examples=400, deadline=None)
@given(st.lists(conditions, min_size=1, max_size=6), people, states)
def test_the_compiled_values_are_the_reference_values(rules, facts, derived):
    rs = _schema(rules)
    values = compiled_values(rs)
    established = {n: v for n, v in derived.items() if v is not None}
    expected = [reference._eval(c, rs, facts, derived) for c in rules]
    assert values(facts, established) == expected
    assert [type(v) for v in values(facts, established)] == [type(v) for v in expected]  # True, not 1


HOSTILE = ['x"); __import__("os").system("echo owned"); ("', "a'b", "line\nbreak", "K[0]", "\\", "{v}", "K", "get", "x0", "None", "values"]


def test_no_word_of_a_rule_file_is_program_text():
    """Fact names and values, however written, are objects in K and never text: the text
    holds only the writer's own words, numbered names and whole numbers, and no quote."""
    FACTS.update({h: "input" for h in HOSTILE})
    try:
        rules = [Cmp(h, "equals", h) for h in HOSTILE] + [All((Cmp(HOSTILE[0], "one_of", tuple(HOSTILE)),
                                                              Not(Cmp(HOSTILE[1], "is", "known"))))]
        rs = _schema(rules)
        text, constants = program_text(rs)
        assert re.fullmatch(r"[A-Za-z0-9_ \n()\[\]:=,.<>]*", text), text
        words = set(re.findall(r"[A-Za-z_]\w*", text))
        own = {"def", "make", "K", "values", "facts", "derived", "get", "dget", "return", "None", "True", "False",
               "if", "else", "is", "not", "in", "or"}
        assert words - own <= {w for w in words if re.fullmatch(r"[xdtc]\d+", w)}, words - own
        assert set(HOSTILE) <= set(constants)
        values = compiled_values(rs)
        person = {h: h for h in HOSTILE}
        assert values(person, {}) == [True] * len(HOSTILE) + [False]
        assert values({}, {}) == [None] * (len(HOSTILE) + 1)
    finally:
        for h in HOSTILE:
            FACTS.pop(h)


def test_a_condition_nested_deeper_than_python_compiles_keeps_the_closures():
    deep = Cmp("ready", "equals", True)
    for _ in range(300):
        deep = Not(deep)
    assert compiled_values(_schema([deep])) is None


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    with synthetic_engine(tmp_path_factory, 120, seed=21) as engine:
        yield engine


def test_a_long_run_switches_to_the_compiled_function_and_decides_exactly_as_before(synthetic, monkeypatch):
    """The same people through a run that compiles after its fifth check and through one
    that never does: the same firings, refutations, settled facts, waiting rules and
    decisions, complete and partial people alike."""
    monkeypatch.setattr(cross_check, "COMPILE_AFTER", 5)
    rs = synthetic.ruleset
    switching = Engine(rs, synthetic.compiled)
    people = [p for f in (1.0, 0.6) for p in synth.profiles(rs, 40, seed=9, known_fraction=f)]
    check = switching._runner.check
    seen = []
    for person in people:
        seen.append(check.values == check._each)  # what this check evaluates with
        a, b = synthetic._runner.run(synthetic.check(person)), switching._runner.run(switching.check(person))
        assert (a.fired, a.refuted, a.settled, a.waiting, a.holds, a.fails) == \
            (b.fired, b.refuted, b.settled, b.waiting, b.holds, b.fails)
    assert seen[:5] == [True] * 5 and not any(seen[5:])  # closures for five checks, then the function
    for person in people[:20]:
        assert synthetic.evaluate(person).to_dict() == switching.evaluate(person).to_dict()
    switching.close()


def test_a_comparison_several_conditions_make_is_worked_out_once_and_read_by_name():
    """The same fact, operator and value in three conditions: written once, before the
    conditions, under a numbered name, with no word of the rule file in the text; a
    comparison made once stays inside its condition. Values as the reference gives them."""
    FACTS.update({h: "input" for h in HOSTILE})
    try:
        hostile = Cmp(HOSTILE[0], "one_of", tuple(HOSTILE))
        rules = [hostile, All((hostile, Cmp("ready", "equals", True))), Not(hostile),
                 Any((Cmp("level", "equals", "new"), Cmp("structured", "equals", True)))]
        rs = _schema(rules)
        text, constants = program_text(rs)
        assert re.fullmatch(r"[A-Za-z0-9_ \n()\[\]:=,.<>]*", text), text
        assert text.count(" in K[") == 1 and re.search(r"^    c0 = \(None if x\d+ is None else x\d+ in K\[\d+\]\)$",
                                                       text, re.M), text
        assert text.count("c0 = ") == 1 and "c1" not in text  # worked out once; each condition reads c0
        assert text.count("== K[") == 3  # ready, level and structured each in their own condition
        values = compiled_values(rs)
        for facts, derived in (({HOSTILE[0]: HOSTILE[3], "ready": True}, {}), ({"level": "mid"}, {"structured": False}),
                               ({HOSTILE[0]: "other", "level": "new"}, {}), ({}, {"structured": True})):
            full = {**{n: None for n in ("structured", "tier=senior")}, **derived}
            assert values(facts, derived) == [reference._eval(c, rs, facts, full) for c in rules]
    finally:
        for h in HOSTILE:
            FACTS.pop(h)
