"""The validated rule set, as plain immutable data shared by every later stage.

Each object keeps the position it was written at, so compile-time and
run-time problems can still point into the YAML.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union

from .errors import Pos

OUTCOMES = ("coaching", "mentoring", "blended", "refer", "not_now", "undetermined")
FACT_TYPES = ("enum", "set", "bool", "number")
OPERATORS = ("equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains", "is")


@dataclass(frozen=True)
class FactDef:
    name: str
    kind: str  # "input" | "derived"
    type: str  # enum | set | bool | number ; derived facts are bool
    values: tuple = ()
    minimum: float | None = None
    maximum: float | None = None
    integer: bool = False
    question: str = ""
    help: str = ""
    description: str = ""
    sensitive: bool = False
    pos: Pos = field(default_factory=Pos)


@dataclass(frozen=True)
class Cmp:
    """One comparison on one fact: `{fact: goal_clarity, equals: specific}`."""

    fact: str
    op: str
    value: object
    pos: Pos = field(default_factory=Pos, compare=False)

    def describe(self) -> str:
        words = {
            "equals": "is", "one_of": "is one of", "not_one_of": "is not one of",
            "lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "contains": "contains", "is": "is",
        }
        value = ", ".join(map(_show, self.value)) if isinstance(self.value, tuple) else _show(self.value)
        return f"{self.fact} {words[self.op]} {value}"


@dataclass(frozen=True)
class All:
    items: tuple
    pos: Pos = field(default_factory=Pos, compare=False)


@dataclass(frozen=True)
class Any:
    items: tuple
    pos: Pos = field(default_factory=Pos, compare=False)


@dataclass(frozen=True)
class Not:
    item: "Cond"
    pos: Pos = field(default_factory=Pos, compare=False)


Cond = Union[Cmp, All, Any, Not]


@dataclass(frozen=True)
class Effects:
    derive: tuple = ()
    evidence: tuple = ()  # ((outcome, weight), ...)
    suggest: tuple = ()
    refer: str | None = None
    not_now: bool = False


@dataclass(frozen=True)
class Rule:
    id: str
    reason: str
    cites: tuple
    when: Cond
    then: Effects
    salience: int = 0
    file: str = ""
    pos: Pos = field(default_factory=Pos)


@dataclass(frozen=True)
class Clause:
    """One ordered clause of the decision policy: the first that holds decides."""

    outcome: str
    tests: tuple  # ((test_name, argument), ...)
    confidence: str
    pos: Pos = field(default_factory=Pos)


@dataclass(frozen=True)
class Policy:
    evidence_outcomes: tuple
    referrals: tuple  # precedence order
    formats: tuple  # ((format, (outcomes...)), ...)
    clauses: tuple
    pos: Pos = field(default_factory=Pos)


@dataclass(frozen=True)
class RuleSet:
    """What validate produces and compile consumes."""

    name: str
    facts: dict  # name -> FactDef, inputs then derived, sorted by name
    rules: tuple  # sorted by id: definition order never depends on file order
    policy: Policy
    sections: dict  # knowledge-base anchor -> heading title
    files: tuple  # ((relative path, sha256 hex), ...) sorted
    digest: str
    directory: str = ""

    @property
    def inputs(self) -> list[FactDef]:
        return [f for f in self.facts.values() if f.kind == "input"]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def facts_in(cond: Cond) -> list[Cmp]:
    """Every comparison in a condition, in written order."""
    if isinstance(cond, Cmp):
        return [cond]
    if isinstance(cond, Not):
        return facts_in(cond.item)
    out: list[Cmp] = []
    for item in cond.items:
        out.extend(facts_in(item))
    return out
