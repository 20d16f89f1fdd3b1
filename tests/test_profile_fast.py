"""A profile with nothing wrong in it is taken at sight (pipeline/profile.py `_all_fine`);
anything in doubt goes the careful way. Whatever a profile holds, the two give the same
facts, in the same order, or the same problems: the fast path may only ever say "fine"
where the careful path, which checks and words every problem, finds nothing wrong."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings, strategies as st

from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError
from pathfit.engine.pipeline import profile
from pathfit.engine.pipeline.load import parse_yaml
from pathfit.engine.pipeline.scalars import NumberText

from .helpers import synthetic_engine


@pytest.fixture(scope="module")
def bundled():
    with Engine.load() as engine:
        yield engine


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    with synthetic_engine(tmp_path_factory, 30, seed=11) as engine:
        yield engine


class Text(str):
    """A str of another type: the careful path takes it where the values allow it."""


def _fine(fact):
    """Values `fact` takes, written every way the schema allows."""
    if fact.type == "enum":
        return st.sampled_from(list(fact.values) + [Text(fact.values[0])])
    if fact.type == "set":
        members = st.lists(st.sampled_from(list(fact.values) + [Text(fact.values[0])]), max_size=4)
        return st.one_of(members, members.map(tuple))
    if fact.type == "number":
        lo, hi = fact.minimum, fact.maximum
        whole = st.integers(math.ceil(lo), math.floor(hi))
        return whole if fact.integer else st.one_of(whole, whole.map(float), st.floats(lo, hi))
    return st.booleans()


def _values(fact):
    """Values right and wrong for `fact`, of every type a profile can hold."""
    anything = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                         st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=8),
                         st.lists(st.text(max_size=3), max_size=3), st.just([["nested"]]), st.just({"a": 1}),
                         st.just(()), st.just(Text("x")))
    if fact.type == "enum":
        own = st.sampled_from(list(fact.values) + [Text(fact.values[0]), fact.values[0].upper()])
    elif fact.type == "set":
        member = st.sampled_from(list(fact.values) + ["nope", 1, Text(fact.values[0])])
        own = st.one_of(st.lists(member, max_size=4), st.lists(member, max_size=4).map(tuple))
    elif fact.type == "number":
        lo, hi = fact.minimum, fact.maximum
        own = st.one_of(st.integers(int(lo) - 2, int(hi) + 2), st.floats(lo - 1, hi + 1),
                        st.sampled_from([float(int(lo)), float(int(hi)), lo, hi, "024", "0x10", "1_2", "7"]))
    else:
        own = st.sampled_from([True, False, 0, 1, "true"])
    return st.one_of(own, own, own, anything)


def _profiles(rs):
    """A fine profile with something perhaps wrong in it: a value or two of any type, a
    derived fact, an unknown name (with a value, or none), the subject, a name that is not text.
    Each fact's strategies are built once, here, not again at every draw: the same draws, and
    so the same profiles, without rebuilding and validating the strategies for each."""
    fine = {fact.name: _fine(fact) for fact in rs.inputs}
    values = {fact.name: _values(fact) for fact in rs.inputs}
    perhaps_wrong = st.lists(st.sampled_from(rs.inputs), max_size=2)
    derived = [f.name for f in rs.facts.values() if f.kind == "derived"]
    tenths, extras, a_derived = st.integers(0, 9), st.integers(0, 12), st.sampled_from(derived or [None])
    said, unknown, subject = st.sampled_from([True, None]), st.sampled_from([1, None]), st.sampled_from(["E-1", 7, None])

    @st.composite
    def profiles(draw):
        raw = {}
        for fact in rs.inputs:
            if draw(tenths) < 8:
                raw[fact.name] = draw(fine[fact.name])
        for fact in draw(perhaps_wrong):  # a value or two perhaps wrong
            raw[fact.name] = draw(values[fact.name])
        extra = draw(extras)
        if extra == 0 and derived:
            raw[draw(a_derived)] = draw(said)  # unknown is still a name
        elif extra == 1:
            raw["no_such_fact"] = draw(unknown)
        elif extra == 2:
            raw["subject"] = draw(subject)
        elif extra == 3:
            raw[3] = "x"
        return raw
    return profiles()


def _outcome(check, rs, raw):
    try:
        facts = check(rs, raw, "<p>")
    except PathfitError as err:
        return ("error", [tuple(p)[:3] for p in err.problems])
    return ("facts", list(facts.items()), [type(v) for v in facts.values()])


@pytest.mark.parametrize("which", ["bundled", "synthetic"])
def test_the_fast_path_and_the_careful_path_agree(which, request):
    rs = request.getfixturevalue(which).ruleset
    taken = []

    @settings(max_examples=600, deadline=None)
    @given(_profiles(rs))
    def agree(raw):
        fast = profile._all_fine(rs, raw)
        careful = _outcome(profile._careful, rs, raw)
        if fast is not None:
            taken.append(1)
            assert careful == ("facts", list(fast.items()), [type(v) for v in fast.values()])
        assert _outcome(profile.check_profile, rs, raw) == careful

    agree()
    assert len(taken) >= 50  # the fast path was taken, not always passed by


def test_what_the_fast_path_takes_it_takes_canonical(synthetic):
    rs = synthetic.ruleset
    number = next(f for f in rs.inputs if f.type == "number" and not f.integer)
    members = next(f for f in rs.inputs if f.type == "set").values
    flag = next(f for f in rs.inputs if f.type == "bool")
    a, b = members[1], members[0]
    whole = float(int(number.minimum) + 1)
    fast = profile._all_fine(rs, {number.name: whole, next(f for f in rs.inputs if f.type == "set").name: [a, b, a],
                                  flag.name: False})
    assert fast is not None and list(fast) == sorted(fast)
    assert fast[number.name] == int(whole) and type(fast[number.name]) is int
    assert fast[next(f for f in rs.inputs if f.type == "set").name] == (b, a)


@pytest.mark.parametrize("value, code", [(True, "PF402"), (math.nan, "PF404"), (math.inf, "PF404"), ("024", "PF402"),
                                         (NumberText("024"), "PF407")])  # a program's text; a CSV cell's, as written
def test_a_number_the_fast_path_doubts_is_refused_with_its_code(synthetic, value, code):
    rs = synthetic.ruleset
    number = next(f for f in rs.inputs if f.type == "number")
    assert profile._all_fine(rs, {number.name: value}) is None
    with pytest.raises(PathfitError) as err:
        profile.check_profile(rs, {number.name: value})
    assert [p.code for p in err.value.problems] == [code]


def test_a_flag_given_as_one_is_refused_not_taken_as_true(synthetic):
    rs = synthetic.ruleset
    flag = next(f for f in rs.inputs if f.type == "bool")
    with pytest.raises(PathfitError) as err:
        profile.check_profile(rs, {flag.name: 1})
    assert [p.code for p in err.value.problems] == ["PF402"]


def test_a_number_written_with_a_leading_zero_in_yaml_is_judged_as_written(bundled):
    """A YAML mapping notes a number written 024 (read as 24 or as octal 20, by reader):
    the fast path must not take the value it was read as."""
    rs = bundled.ruleset
    number = next(f for f in rs.inputs if f.type == "number")
    raw = parse_yaml(f"{number.name}: 010\n", "p.yaml")
    with pytest.raises(PathfitError) as err:
        profile.check_profile(rs, raw, "p.yaml")
    assert [(p.code, p.pos.line) for p in err.value.problems] == [("PF407", 1)]
