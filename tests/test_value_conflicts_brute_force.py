"""PF232 against brute force, over small generated rule sets: lint says two rules can both
fire exactly when some input makes both fire, and its example is such an input.

Why brute force: whether a rule fires can hang on derived facts that hold, fail (every rule
deriving them refuted) or stay undecided (a rule deriving them waits on an unknown input),
through chains of them, read as true, false or `is: known`. The facts here have so few
values that every input is tried, each evaluated by the reference evaluator
(tests/reference.py, written from the language's meaning, not from lint's search), and the
printed example is run through the engine itself, which must refuse that person (PF231).
A pair missed is allowed only where docs/authoring.md says lint stops looking: the search's
MAX_STEPS, shown by the same search with no such limit finding it.
"""
from __future__ import annotations

import functools
import itertools
import tempfile
from pathlib import Path
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring.lint import witness
from pathfit.engine.authoring.lint.run import lint
from pathfit.engine.pipeline.ruleset import read_ruleset

from . import reference
from .helpers import yaml_text
from .test_value_conflict_example_fires import POLICY, KB, _profile

VALUES = {"b1": [True, False], "e1": ["a", "b", "c"], "n1": [0, 1, 2, 3], "s1": [[], ["x"], ["y"], ["x", "y"]]}
SCHEMA = {
    "ruleset": "pairs",
    "knowledge_base": "knowledge_base.md",
    "facts": {
        "b1": {"type": "bool", "question": "B1?"},
        "e1": {"type": "enum", "values": ["a", "b", "c"], "question": "E1?"},
        "n1": {"type": "number", "min": 0, "max": 3, "integer": True, "question": "N1?"},
        "s1": {"type": "set", "values": ["x", "y"], "question": "S1?"},
    },
    "derived": {"d1": {"description": "d one"}, "d2": {"description": "d two"}, "d3": {"description": "d three"},
                "v1": {"description": "v one", "type": "enum", "values": ["p", "q"]}},
}
PROFILES = [{k: v for k, v in zip(VALUES, combo) if v is not None}
            for combo in itertools.product(*[[None] + v for v in VALUES.values()])]

_INPUT = st.one_of(
    st.builds(lambda v: {"fact": "b1", "equals": v}, st.booleans()),
    st.builds(lambda v: {"fact": "e1", "equals": v}, st.sampled_from(VALUES["e1"])),
    st.builds(lambda op, vs: {"fact": "e1", op: vs}, st.sampled_from(["one_of", "not_one_of"]),
              st.lists(st.sampled_from(VALUES["e1"]), min_size=1, max_size=2, unique=True)),
    st.builds(lambda op, v: {"fact": "n1", op: v}, st.sampled_from(["equals", "lt", "lte", "gt", "gte"]),
              st.sampled_from([1, 2])),
    st.builds(lambda v: {"fact": "s1", "contains": v}, st.sampled_from(["x", "y"])),
    st.builds(lambda f, v: {"fact": f, "is": v}, st.sampled_from(list(VALUES)), st.sampled_from(["known", "unknown"])),
)


def _condition(derived: list[str]) -> st.SearchStrategy:
    """A small condition on the inputs and on `derived`, read true or false."""
    return _condition_on(tuple(derived))


# Built once for each list of derived facts and kept: hypothesis validates a strategy the first
# time it draws from it, and building it afresh for every rule drawn made that validation most of
# the cost of drawing a rule set. A strategy keeps no state between draws: the values are the same.
@functools.cache
def _condition_on(derived: tuple[str, ...]) -> st.SearchStrategy:
    leaf = _INPUT | st.builds(lambda f, v: {"fact": f, "equals": v}, st.sampled_from(list(derived)), st.booleans()) \
        if derived else _INPUT
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=2, max_size=3)),
        st.builds(lambda x: {"not": x}, inner)), max_leaves=4)


@functools.cache
def _setter() -> st.SearchStrategy:
    """The condition of a rule setting v1, which may also need derived facts known (never
    under a `not`, which the engine refuses, PF210)."""
    known = st.lists(st.sampled_from(["d1", "d2", "d3"]), max_size=2, unique=True)
    return st.builds(lambda c, ks: {"all": [c] + [{"fact": k, "is": "known"} for k in ks]} if ks else c,
                     _condition(["d1", "d2", "d3"]), known)


@st.composite
def rule_sets(draw) -> list[dict]:
    """d1 from inputs, d2 also from d1, d3 also from both (each by up to two rules, or none:
    then false for everyone), and r.a and r.b setting v1 to p and to q."""
    rules = []
    for fact, reads in (("d1", []), ("d2", ["d1"]), ("d3", ["d1", "d2"])):
        for k in range(draw(st.integers(0, 2))):
            rules.append({"id": f"r.{fact}{k}", "when": draw(_condition(reads)), "then": {"derive": [fact]}})
    for rid, value in (("r.a", "p"), ("r.b", "q")):
        rules.append({"id": rid, "when": draw(_setter()), "then": {"derive": {"v1": value}}})
    rules.append({"id": "r.use", "when": {"fact": "v1", "equals": "p"}, "then": {"evidence": {"coaching": 1}}})
    return [dict(rule, reason="R.", cites=["goals"]) for rule in rules]


def _write(directory: Path, rules: list[dict]) -> None:
    (directory / "schema.yaml").write_text(yaml_text(SCHEMA), encoding="utf-8")
    (directory / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (directory / "knowledge_base.md").write_text(KB, encoding="utf-8")
    (directory / "rules.yaml").write_text(yaml_text({"rules": rules}), encoding="utf-8")


def _claimed(directory: Path) -> list:
    report = lint(directory)
    assert report.skipped == ()  # the rule set validates: the value-conflicts check ran
    return [p for p in report.problems if p.code == "PF232"]


def _conflicts(rs, profile: dict) -> frozenset:
    """The reference evaluator's conflicts for `profile`, without its decision: the exact
    arithmetic of the outcome over the rules that fired, which nothing here reads, was half
    of the cost of trying every input."""
    with mock.patch.object(reference, "ref_decide", lambda policy, units: None):
        return reference.evaluate(rs, profile).conflicts


@settings(max_examples=150, deadline=None)
@given(rule_sets())
def test_lint_claims_two_rules_both_fire_exactly_when_some_input_fires_both_and_its_example_does(rules):
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        _write(directory, rules)
        claimed = _claimed(directory)
        rs = read_ruleset(directory)
        found = next((p for p in PROFILES if "v1" in _conflicts(rs, p)), None)
        if claimed:
            [problem] = claimed
            assert found is not None, problem.message  # never a pair no input lets both fire
            example = problem.message.split("(for example ", 1)[1].split(") and set", 1)[0] \
                if "(for example " in problem.message else ""
            profile = _profile(example, rs.facts)
            assert "v1" in _conflicts(rs, profile), example
            with Engine.load(directory) as engine:
                try:
                    engine.evaluate(profile)
                    refused = []
                except PathfitError as err:
                    refused = [(p.code, p.pos.line) for p in err.problems]
            assert refused == [("PF231", problem.pos.line)], example
        elif found is not None:  # missed: only where the search stops, and past it the pair is found
            with mock.patch.object(witness, "MAX_STEPS", 10 ** 9):
                assert _claimed(directory), found


def test_the_step_limit_docs_give_for_pf232_is_the_searchs():
    row = next(line for line in (Path(__file__).parents[1] / "docs" / "authoring.md").read_text(encoding="utf-8")
               .splitlines() if line.startswith("| PF232 |"))
    assert f"after {witness.MAX_STEPS:,} steps" in row
