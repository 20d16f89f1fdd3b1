"""Hypothesis strategies for small rule sets with fractional weights, and every
completion of a partial profile over their few input facts.

Why small: settledness is checked against brute force (every assignment of
the unknown facts through the real engine), which is only possible when the
facts' domains are tiny; and the decision arithmetic is checked with weights
that do not add up exactly in binary (0.1, 0.2, 0.3, 0.33, ...).
"""
from __future__ import annotations

import functools
import itertools
from pathlib import Path

import yaml
from hypothesis import strategies as st

WEIGHTS = (0.1, 0.2, 0.3, 0.33, 0.6, 0.7, 1, 0.25, 0.05)
NUMBER_POINTS = (3, 5, 7)  # thresholds rules compare `n` with; n is a whole number 0..10

SCHEMA = {
    "ruleset": "small",
    "knowledge_base": "kb.md",
    "facts": {
        "a": {"type": "bool", "question": "a?"},
        "b": {"type": "bool", "question": "b?", "screening": True},
        "c": {"type": "enum", "values": ["x", "y", "z"], "question": "c?"},
        "n": {"type": "number", "min": 0, "max": 10, "integer": True, "question": "n?"},
    },
    "derived": {"d": {"description": "d"}},
}


def policy(total_below: float, each_at_least: float, ratio: float) -> dict:
    """The bundled policy's shape, with thresholds that suit weights around 0.1-1."""
    return {
        "evidence_outcomes": ["coaching", "mentoring"],
        "referrals": ["counselling", "training"],
        "formats": {"external_coach": {"for": ["coaching", "blended"]}},
        "decision": [
            {"outcome": "refer", "when": {"concluded": "refer"}, "confidence": "certain"},
            {"outcome": "not_now", "when": {"concluded": "not_now"}, "confidence": "certain"},
            {"outcome": "undetermined", "when": {"total_below": total_below}, "confidence": "shortfall"},
            {"outcome": "blended", "when": {"each_at_least": each_at_least, "ratio_at_most": ratio},
             "confidence": "balance"},
            {"outcome": "coaching", "when": {"leads": "coaching"}, "confidence": "share"},
            {"outcome": "mentoring", "when": {"leads": "mentoring"}, "confidence": "share"},
            {"outcome": "undetermined", "when": {}, "confidence": "balance"},
        ],
    }


# The strategies below are built once and kept (functools.cache): hypothesis validates a strategy
# the first time it draws from it, and building them afresh for every rule drawn made that
# validation most of the cost of drawing a rule set. A strategy keeps no state between draws, so
# the values drawn are the same either way.
@functools.cache
def _cmp() -> st.SearchStrategy:
    return st.one_of(
        st.sampled_from([{"fact": "a", "equals": True}, {"fact": "a", "equals": False},
                         {"fact": "b", "equals": True}, {"fact": "b", "equals": False},
                         {"fact": "d", "equals": True}, {"fact": "d", "equals": False}]),
        st.builds(lambda v: {"fact": "c", "equals": v}, st.sampled_from(["x", "y", "z"])),
        st.builds(lambda vs: {"fact": "c", "one_of": vs}, st.lists(st.sampled_from(["x", "y", "z"]), min_size=1,
                                                                     max_size=2, unique=True)),
        st.builds(lambda op, t: {"fact": "n", op: t}, st.sampled_from(["lt", "lte", "gt", "gte"]),
                  st.sampled_from(NUMBER_POINTS)),
    )


@functools.cache
def condition(presence: bool = False) -> st.SearchStrategy:
    leaf = _cmp() | (st.sampled_from([{"fact": "a", "is": "known"}, {"fact": "n", "is": "unknown"}])
                     if presence else st.nothing())
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner)), max_leaves=4)


@functools.cache
def _effects() -> st.SearchStrategy:
    evidence = st.dictionaries(st.sampled_from(["coaching", "mentoring"]), st.sampled_from(WEIGHTS), min_size=1)
    return st.one_of(
        st.builds(lambda e: {"evidence": e}, evidence),
        st.builds(lambda e: {"evidence": e, "suggest": ["external_coach"]}, evidence),
        st.builds(lambda r: {"refer": r}, st.sampled_from(["counselling", "training"])),
        st.just({"not_now": True}),
    )


@functools.cache
def _input_only_cmp() -> st.SearchStrategy:
    """_cmp's tests of input facts (the one deriver of d must not read d itself)."""
    return _cmp().filter(lambda c: c["fact"] != "d")


@st.composite
def rule_set(draw, presence: bool = False, max_rules: int = 7) -> dict:
    """-> {"rules": [...], "policy": {...}} with rule ids r0..rk and distinct saliences."""
    n = draw(st.integers(2, max_rules))
    rules = []
    for i in range(n):
        then = draw(_effects())
        if i == 0:  # the one deriver of d: it must not read d itself
            when = draw(_input_only_cmp())
            then = {**then, "derive": ["d"]}
        else:
            when = draw(condition(presence))
        rules.append({"id": f"r{i}", "reason": f"rule {i}", "cites": ["s"], "when": when, "then": then,
                      "salience": i})
    thresholds = draw(st.tuples(st.sampled_from([0.3, 0.5, 1]), st.sampled_from([0.3, 0.4, 0.6]),
                                st.sampled_from([1.5, 1.2, 2])))
    return {"rules": rules, "policy": policy(*thresholds)}


class _NoAliases(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """pathfit rejects YAML aliases (PF104); drawn rules share objects. libyaml's emitter where
    PyYAML has it: the same text, written five times faster, and a rule set is written for
    every example hypothesis draws (a fifth of a what-if example's time went to PyYAML's own)."""

    def ignore_aliases(self, data) -> bool:
        return True


def write(directory: Path, spec: dict, saliences: list[int] | None = None, schema: dict | None = None) -> Path:
    """Write the rule set into `directory`; `saliences` (one per rule) replaces the drawn ones;
    `schema`: the one written (SCHEMA if None)."""
    directory.mkdir(parents=True, exist_ok=True)
    rules = [dict(r) for r in spec["rules"]]
    if saliences is not None:
        for r, s in zip(rules, saliences):
            r["salience"] = s
    for name, doc in (("schema.yaml", SCHEMA if schema is None else schema), ("policy.yaml", spec["policy"]),
                      ("rules.yaml", {"rules": rules})):
        (directory / name).write_text(yaml.dump(doc, Dumper=_NoAliases, sort_keys=False))
    (directory / "kb.md").write_text('# kb\n\n## S <a id="s"></a>\n')
    return directory


DOMAINS = {"a": (True, False), "b": (True, False), "c": ("x", "y", "z"), "n": tuple(range(11))}

partial_profile = st.fixed_dictionaries({}, optional={
    "a": st.booleans(), "b": st.booleans(), "c": st.sampled_from(DOMAINS["c"]),
    "n": st.sampled_from(DOMAINS["n"])})


def completions(partial: dict):
    """Every profile that keeps `partial` and gives a value to each unknown fact."""
    unknown = [f for f in DOMAINS if f not in partial]
    for values in itertools.product(*(DOMAINS[f] for f in unknown)):
        yield {**partial, **dict(zip(unknown, values))}


# The wider rule sets the what-if and why-not claims are checked on (their tests against brute
# force and an independent evaluation): a list fact, a fractional number, a valued derived fact
# and presence tests added to SCHEMA.
WIDE_SCHEMA = {
    **SCHEMA,
    "facts": {**SCHEMA["facts"],
              "s": {"type": "set", "values": ["p", "q", "r"], "question": "s?"},
              "m": {"type": "number", "min": 0, "max": 1, "question": "m?"}},
    "derived": {**SCHEMA["derived"],
                "v": {"description": "v", "type": "enum", "values": ["hi", "lo"]}},
}
M_POINTS = (0.25, 0.5, 1)  # 1 is m's maximum
# every value of each input fact, and unknown (None): m at and on each side of its thresholds
WIDE_DOMAINS = {"a": [None, True, False], "b": [None, True, False], "c": [None, "x", "y", "z"],
                "n": [None, *range(11)], "m": [None, 0, 0.1, 0.25, 0.4, 0.5, 0.8, 1],
                "s": [None] + [sorted(c) for k in range(4) for c in itertools.combinations("pqr", k)]}


@functools.cache
def _input_cmp() -> st.SearchStrategy:
    return st.one_of(
        _input_only_cmp(),
        st.builds(lambda vs: {"fact": "c", "not_one_of": vs}, st.lists(st.sampled_from("xyz"), min_size=1,
                                                                         max_size=2, unique=True)),
        st.builds(lambda op, t: {"fact": "n", op: t}, st.sampled_from(["equals", "lt", "gte"]),
                  st.sampled_from([0, 4.5, 10])),  # the ends of n's range, and a threshold between whole numbers
        st.builds(lambda m: {"fact": "s", "contains": m}, st.sampled_from("pqr")),
        st.builds(lambda op, t: {"fact": "m", op: t}, st.sampled_from(["lt", "lte", "gt", "gte", "equals"]),
                  st.sampled_from(M_POINTS)),
    )


@functools.cache
def _wide_leaf() -> st.SearchStrategy:
    return st.one_of(
        _input_cmp(),
        st.sampled_from([{"fact": "d", "equals": True}, {"fact": "d", "equals": False},
                         {"fact": "v", "equals": "hi"}, {"fact": "v", "equals": "lo"},
                         {"fact": "v", "not_one_of": ["hi"]}, {"fact": "v", "one_of": ["lo"]},
                         {"fact": "a", "is": "known"}, {"fact": "n", "is": "unknown"},
                         {"fact": "s", "is": "known"}, {"fact": "m", "is": "unknown"},
                         {"fact": "c", "is": "known"}, {"fact": "b", "is": "unknown"}]),
    )


@functools.cache
def _wide_condition(leaf: st.SearchStrategy) -> st.SearchStrategy:
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds(lambda xs: {"all": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda xs: {"any": xs}, st.lists(inner, min_size=1, max_size=3)),
        st.builds(lambda x: {"not": x}, inner)), max_leaves=3)


@functools.cache
def _value_leaf() -> st.SearchStrategy:
    """What the derivers of v read: inputs and d only."""
    return _input_cmp() | st.sampled_from([{"fact": "d", "equals": True}, {"fact": "d", "equals": False}])


@st.composite
def wide_rule_set(draw, policies: st.SearchStrategy | None = None) -> dict:
    """r0 derives d, r1 and r2 derive v (hi, lo; from inputs and d only), the rest weigh in.
    The policy is `policy`'s shape with drawn thresholds, or one drawn from `policies`."""
    n = draw(st.integers(3, 7))
    rules = []
    for i in range(n):
        then = draw(_effects())
        if i == 0:
            when = draw(_input_cmp())
            then = {**then, "derive": ["d"]}
        elif i in (1, 2):
            when = draw(_wide_condition(_value_leaf()))
            then = {**then, "derive": {"v": "hi" if i == 1 else "lo"}}
        else:
            when = draw(_wide_condition(_wide_leaf()))
        rules.append({"id": f"r{i}", "reason": f"rule {i}", "cites": ["s"], "when": when, "then": then,
                      "salience": i})
    if policies is not None:
        return {"rules": rules, "policy": draw(policies)}
    thresholds = draw(st.tuples(st.sampled_from([0.3, 0.5, 1]), st.sampled_from([0.3, 0.4, 0.6]),
                                st.sampled_from([1.5, 1.2, 2])))
    return {"rules": rules, "policy": policy(*thresholds)}


wide_person = st.fixed_dictionaries({}, optional={f: st.sampled_from(vs[1:]) for f, vs in WIDE_DOMAINS.items()})


def write_wide(directory: Path, spec: dict) -> Path:
    """Write a `wide_rule_set` into `directory`, with WIDE_SCHEMA."""
    return write(directory, spec, schema=WIDE_SCHEMA)
