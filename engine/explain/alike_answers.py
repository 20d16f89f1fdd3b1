"""Which of the answers the interview tries are alike to the rules, so each class is tried once.

The engine reads an input fact only through the comparisons rules make on it (and whether
it is known): a number through its region among every number the rules compare it with
(below the first, equal to one, between two, above the last), an enum through which of the
compared values and lists it matches, a set through the members the rules ask it to
contain. Two answers of one fact alike in all of these fire and refute the same rules,
so the decision, its open questions and whether it is settled are the same for both:
the interview's ranking (explain/interview.py) evaluates one and counts it for each.
Kept apart from the ranking since it changes for another reason: what makes choosing a
question fast, not which question is chosen. A comparison of a kind not listed here makes
every answer of that fact a class of its own.
"""
from __future__ import annotations

from bisect import bisect_left
from typing import Callable

from ..pipeline.model import RuleSet, facts_in, kept_with

_CLASSES: dict[int, tuple] = {}  # id(rules) -> (rules, {input fact: its answers' class})


def answer_classes(rs: RuleSet) -> dict[str, Callable[[object], object]]:
    """Per input fact, a function from a valid answer to its class (equal classes: alike to
    every rule), worked out once per rule set."""
    def build() -> dict:
        compared: dict[str, list] = {}
        for rule in rs.rules:
            for c in facts_in(rule.when):
                if c.op != "is":
                    compared.setdefault(c.fact, []).append(c)
        return {fact.name: _class_of(fact, compared.get(fact.name, [])) for fact in rs.inputs}
    return kept_with(rs.rules, _CLASSES, build)


def _itself(value) -> object:
    return value


def _class_of(fact, compared: list) -> Callable[[object], object]:
    ops = {c.op for c in compared}
    if fact.type == "number" and ops <= {"equals", "lt", "lte", "gt", "gte"} \
            and all(type(c.value) in (int, float) for c in compared):
        spec = tuple(sorted({c.value for c in compared}))
        whole = fact.integer  # a fraction given a whole-number fact is refused: a class of its own

        def region(value) -> object:
            i = bisect_left(spec, value)
            return (2 * i + 1 if i < len(spec) and spec[i] == value else 2 * i,
                    whole and value != int(value))
        return region
    if fact.type == "enum" and ops <= {"equals", "one_of", "not_one_of"}:
        groups = tuple({frozenset(c.value if isinstance(c.value, tuple) else (c.value,)) for c in compared})
        return lambda value: tuple(value in g for g in groups)
    if fact.type == "set" and ops <= {"contains"} and all(isinstance(c.value, str) for c in compared):
        asked = frozenset(c.value for c in compared)
        return lambda value: asked.intersection(value)
    return _itself
