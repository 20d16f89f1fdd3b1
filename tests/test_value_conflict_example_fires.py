"""PF232's example is an input under which both rules fire: given to the engine as it is
written, it makes the engine refuse the person with PF231. A set fact is stated as its
exact members, as PF230 states one (`s1={x}`, `s1={}`): "s1 known" or "s1 containing x"
left out the members a rule needs the set not to contain, so following it could miss.
A derived fact a rule needs known may be known by failing, and one it needs false fails
only once every rule deriving it is refuted: the example states the inputs that refute
them (a rule waiting on an unknown input is not refuted), and a pair whose derived fact
would stay undecided is not claimed."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring.lint.run import lint

SCHEMA = """ruleset: fz
knowledge_base: knowledge_base.md
facts:
  b1: {type: bool, question: B1?}
  e1: {type: enum, values: [a, b, c], question: E1?}
  n1: {type: number, min: 0, max: 6, integer: true, question: N1?}
  n2: {type: number, min: 0, max: 3, question: N2?}
  s1: {type: set, values: [x, y, z], question: S1?}
derived:
  d1: {description: d one}
  d2: {description: d two}
  d3: {description: d three}
  d4: {description: d four}
  d6: {description: d six}
  v1: {description: v one, type: enum, values: [p, q]}
"""
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals: []
formats: {}
decision:
  - {outcome: not_now, when: {concluded: not_now}, confidence: certain}
  - {outcome: undetermined, when: {strongest_below: 1}, confidence: shortfall}
  - {outcome: coaching, when: {leads: coaching}, confidence: share}
  - {outcome: mentoring, when: {leads: mentoring}, confidence: share}
  - {outcome: undetermined, when: {}, confidence: balance}
"""
KB = "# Knowledge base\n\n## Goals <a id=\"goals\"></a>\n\nText.\n"
RULE = "  - id: {id}\n    reason: R.\n    cites: [goals]\n    when: {when}\n    then: {{derive: {then}}}\n"
USE = ("  - id: r.use\n    reason: R.\n    cites: [goals]\n    when: {fact: v1, equals: p}\n"
       "    then: {evidence: {coaching: 1}}\n")
D1 = RULE.format(id="r.d1", when="{fact: e1, equals: a}", then="[d1]")  # d2 is derived by no rule
DERIVERS = D1 + "".join(RULE.format(id=i, when=w, then=t) for i, w, t in (
    ("r.d3a", "{fact: e1, equals: a}", "[d3]"),  # d3: two rules derive it
    ("r.d3b", "{fact: n1, gte: 3}", "[d3]"),
    ("r.d4", "{fact: d1, equals: true}", "[d4]"),  # d4: a chain, through d1
    ("r.d6", "{all: [{fact: n1, lt: 1}, {fact: n1, gt: 2}]}", "[d6]"),  # d6: never holds, refuted once n1 is known
))

PAIRS = {
    "not containing, set otherwise free": ("{fact: b1, equals: true}", "{not: {fact: s1, contains: z}}"),
    "containing one member and not another": (
        "{fact: b1, equals: true}",
        "{all: [{fact: n1, equals: 1}, {fact: s1, contains: x}, {not: {fact: s1, contains: z}}]}"),
    "members needed by each rule": (
        "{fact: s1, contains: x}", "{all: [{fact: s1, contains: y}, {not: {fact: s1, contains: z}}]}"),
    "set known, none of its members": (
        "{fact: s1, is: known}", "{all: [{not: {fact: s1, contains: x}}, {not: {fact: s1, contains: y}}]}"),
    "an unknown fact beside a set": (
        "{all: [{fact: e1, is: unknown}, {not: {fact: s1, contains: y}}]}", "{not: {fact: s1, contains: x}}"),
    "an enum's values left out": ("{fact: e1, not_one_of: [a]}", "{not: {fact: e1, equals: b}}"),
    "a number with a point left out": (
        "{all: [{fact: n2, gt: 0}, {fact: n2, lt: 3}]}", "{not: {fact: n2, equals: 1.5}}"),
    "a derived fact known, derived from an input": ("{fact: b1, equals: true}", "{fact: d1, is: known}"),
    "a derived fact known, derived by no rule": ("{fact: b1, equals: true}", "{fact: d2, is: known}"),
    "a derived fact known by failing, its deriver refuted": (
        "{all: [{fact: e1, equals: b}, {fact: d1, is: known}]}", "{fact: e1, equals: b}"),
    "known by failing, its one deriver never firing and refuted once its input is known": (
        "{all: [{fact: b1, equals: true}, {fact: d6, is: known}]}", "{fact: b1, equals: true}"),
    "known by failing, both its derivers refuted": (
        "{all: [{fact: e1, equals: b}, {fact: d3, is: known}]}", "{all: [{fact: e1, equals: b}, {fact: n1, lt: 3}]}"),
    "known by failing through a chain of derived facts": (
        "{all: [{fact: e1, equals: b}, {fact: d4, is: known}]}", "{fact: e1, equals: b}"),
    "a derived fact false, its deriver refuted": (
        "{all: [{fact: b1, equals: true}, {fact: d1, equals: false}]}", "{fact: b1, equals: true}"),
    "a derived fact false, both its derivers refuted": (
        "{all: [{fact: b1, equals: true}, {fact: d3, equals: false}]}", "{fact: b1, equals: true}"),
    "a derived fact false, derived by no rule": ("{fact: d2, equals: false}", "{fact: b1, equals: true}"),
    "not a derived fact, through a chain": (
        "{all: [{fact: b1, equals: true}, {not: {fact: d4, equals: true}}]}", "{fact: b1, equals: true}"),
}
# pairs no input lets both fire: a derived fact needed known or false stays undecided while
# a rule deriving it waits on an input the pair needs unknown
NEVER_BOTH = {
    "its deriver waiting on an unknown input": (
        "{all: [{fact: b1, equals: true}, {fact: d1, is: known}]}",
        "{all: [{fact: b1, equals: true}, {fact: e1, is: unknown}]}"),
    "one of its two derivers waiting": (
        "{all: [{fact: e1, equals: b}, {fact: d3, is: known}]}",
        "{all: [{fact: e1, equals: b}, {fact: n1, is: unknown}]}"),
    "false while one of its derivers waits": (
        "{all: [{fact: b1, equals: true}, {fact: d3, equals: false}]}",
        "{all: [{fact: b1, equals: true}, {fact: n1, is: unknown}]}"),
    "a chain waiting": (
        "{all: [{fact: b1, equals: true}, {fact: d4, is: known}]}",
        "{all: [{fact: b1, equals: true}, {fact: e1, is: unknown}]}"),
}


def _project(tmp_path: Path, first: str, second: str) -> Path:
    (tmp_path / "schema.yaml").write_text(SCHEMA, encoding="utf-8")
    (tmp_path / "policy.yaml").write_text(POLICY, encoding="utf-8")
    (tmp_path / "knowledge_base.md").write_text(KB, encoding="utf-8")
    rules = "rules:\n" + RULE.format(id="r.a", when=first, then="{v1: p}") \
        + RULE.format(id="r.b", when=second, then="{v1: q}")
    (tmp_path / "rules.yaml").write_text(rules + USE + DERIVERS, encoding="utf-8")
    return tmp_path


WORD = re.compile(r"(\w+)=\{([^}]*)\}|(\w+)=([^,]+)|(\w+) unknown")


def _profile(example: str, facts: dict) -> dict:
    """The input an example states, typed by the facts' declarations; a fact it leaves out
    or calls unknown is not given."""
    profile: dict = {}
    for m in WORD.finditer(example):
        if m.group(1):
            profile[m.group(1)] = [v for v in m.group(2).split(", ") if v]
        elif m.group(3):
            name, text = m.group(3), m.group(4)
            kind = facts[name].type
            profile[name] = (text == "true") if kind == "bool" else float(text) if kind == "number" else text
    return profile


@pytest.mark.parametrize("name", PAIRS)
def test_the_example_of_two_rules_both_firing_makes_the_engine_refuse_that_person(tmp_path, name):
    rules = _project(tmp_path, *PAIRS[name])
    [problem] = [p for p in lint(rules).problems if p.code == "PF232"]
    assert (Path(problem.pos.file).name, problem.pos.line, problem.pos.col) == ("rules.yaml", 7, 5)
    example = problem.message.split("(for example ", 1)[1].split(") and set", 1)[0]
    with Engine.load(rules) as engine:
        with pytest.raises(PathfitError) as err:
            engine.evaluate(_profile(example, engine.ruleset.facts))
    assert [(p.code, p.pos.line) for p in err.value.problems] == [("PF231", 7)], example


@pytest.mark.parametrize("name", NEVER_BOTH)
def test_a_pair_no_input_lets_both_fire_is_not_claimed_and_the_engine_agrees(tmp_path, name):
    rules = _project(tmp_path, *NEVER_BOTH[name])
    assert [p.format() for p in lint(rules).problems if p.code == "PF232"] == []
    with Engine.load(rules) as engine:  # every input of the facts the pair and the derivers read
        for b1, e1, n1 in itertools.product((None, True, False), (None, "a", "b", "c"), (None, 0, 1, 2, 3)):
            profile = {k: v for k, v in (("b1", b1), ("e1", e1), ("n1", n1)) if v is not None}
            assert not {"r.a", "r.b"} <= set(engine.evaluate(profile).fired), profile


def test_a_set_is_stated_as_its_exact_members_as_pf230_states_one(tmp_path):
    rules = _project(tmp_path, *PAIRS["set known, none of its members"])
    [problem] = [p for p in lint(rules).problems if p.code == "PF232"]
    assert "(for example s1={})" in problem.message
    rules = _project(tmp_path, *PAIRS["members needed by each rule"])
    [problem] = [p for p in lint(rules).problems if p.code == "PF232"]
    assert "(for example s1={x, y})" in problem.message
