"""The validated rule set, as plain immutable data shared by every later stage.

NamedTuples rather than dataclasses: the same immutability for a fraction of
the import cost, which every CLI start pays.
No `from __future__ import annotations` here: typing.NamedTuple turns each
string annotation into a ForwardRef, compiling it, about a third of this module's
import; real types are only checked, not compiled (0.5 ms saved per CLI start in all).

Each object keeps the position it was written at, so compile-time and
run-time problems can still point into the YAML.
"""
import math
from fractions import Fraction
from functools import lru_cache
from typing import Callable, NamedTuple, Union

from ..errors import Pos

CONCLUSIONS = ("refer", "not_now")  # outcomes a rule's effect concludes (`concluded:`), not evidence
COMBINE = ("sum", "certainty")  # how a policy adds up evidence (docs/rule-language.md)
FACT_TYPES = ("enum", "set", "bool", "number")
OPERATORS = ("equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains", "is")


class FactDef(NamedTuple):
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
    pos: Pos = Pos()
    screening: bool = False  # a safety question: asked, and listed, before the others
    label: str = ""  # how HR staff read the fact's name; empty: its words (explain.labels)
    labels: tuple = ()  # (value, readable label) pairs for enum and set values
    unit: str = ""  # a number's unit, shown with its range


class Cmp(NamedTuple):
    """One comparison on one fact: `{fact: goal_clarity, equals: specific}`."""

    fact: str
    op: str
    value: object
    pos: Pos = Pos()

    def describe(self) -> str:
        words = {
            "equals": "is", "one_of": "is one of", "not_one_of": "is not one of",
            "lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "contains": "contains", "is": "is",
        }
        value = ", ".join(map(_show, self.value)) if isinstance(self.value, tuple) else _show(self.value)
        return f"{self.fact} {words[self.op]} {value}"


class All(NamedTuple):
    items: tuple
    pos: Pos = Pos()


class Any(NamedTuple):
    items: tuple
    pos: Pos = Pos()


class Not(NamedTuple):
    item: "Cond"
    pos: Pos = Pos()


Cond = Union[Cmp, All, Any, Not]


class Effects(NamedTuple):
    derive: tuple = ()
    evidence: tuple = ()  # ((outcome, weight), ...)
    suggest: tuple = ()
    refer: str | None = None
    not_now: bool = False


class Rule(NamedTuple):
    id: str
    reason: str
    cites: tuple
    when: Cond
    then: Effects
    salience: int = 0
    file: str = ""
    pos: Pos = Pos()
    # where the id was written (a table row's id cell, or the row when it has none) and
    # each `derive` entry, in `then.derive` order: duplicate ids and cycles point there
    id_pos: Pos = Pos()
    derive_pos: tuple = ()


class Clause(NamedTuple):
    """One ordered clause of the decision policy: the first that holds decides."""

    outcome: str
    tests: tuple  # ((test_name, argument), ...)
    confidence: str
    pos: Pos = Pos()


class OutcomeDef(NamedTuple):
    """One outcome a policy declares: the identifier rules and clauses name, and
    the words every view shows for it."""

    name: str
    label: str
    description: str = ""
    pos: Pos = Pos()


class Policy(NamedTuple):
    evidence_outcomes: tuple
    referrals: tuple  # precedence order
    formats: tuple  # ((format, (outcomes...)), ...)
    clauses: tuple
    pos: Pos = Pos()
    subject: str = "sensitive"  # "public": records keep the subject in clear (docs/audit.md); not in the digest
    outcomes: tuple = ()  # OutcomeDef, in declared order (engine.pipeline.policy reads them)
    combine: str = "sum"  # "sum": weights add up; "certainty": certainty factors (engine.pipeline.certainty)


class RuleSet(NamedTuple):
    """What validate produces and compile consumes."""

    name: str
    facts: dict  # name -> FactDef, inputs then derived, sorted by name
    rules: tuple  # sorted by id: definition order never depends on file order
    policy: Policy
    sections: dict  # knowledge-base anchor -> heading title
    files: tuple  # ((relative path, sha256 hex), ...) sorted
    digest: str
    directory: str = ""
    knowledge_base: str = ""  # the path it was read from
    derivers: dict = {}  # derived fact -> indices into `rules` of the rules that derive it (see rule_index)
    readers: dict = {}  # fact -> indices into `rules` of the rules whose condition reads it

    @property
    def inputs(self) -> list[FactDef]:
        return [f for f in self.facts.values() if f.kind == "input"]

    def deriving(self, fact: str) -> list[Rule]:
        """The rules that derive `fact`, in rule order."""
        return [self.rules[i] for i in self.derivers.get(fact, ())]

    def reading(self, fact: str) -> list[Rule]:
        """The rules whose condition reads `fact`, in rule order."""
        return [self.rules[i] for i in self.readers.get(fact, ())]

    def rule(self, rule_id: str) -> Rule:
        for r in self.rules:
            if r.id == rule_id:
                return r
        raise KeyError(rule_id)


class Compiled(NamedTuple):
    """What compile produces: the durable-rules definition and how its rules map back."""

    ruleset: RuleSet
    definition: dict  # durable-rules ruleset: name -> {"all": [...], "pri": n}
    actions: dict  # durable rule name -> ("fire"|"refute", rule index) | ("fail", fact name)
    refutable: frozenset  # derived facts whose failure some rule reads
    fail_closures: dict  # derived fact -> indices of the rules that could derive it
    observed: frozenset  # (t, n) or ("m", n, member) patterns some compiled condition reads
    fact_ids: dict  # fact key -> the id it is asserted with (fact_ids.assign_ids)
    text: str  # the definition's JSON as durable-rules registers it (durable_adapter.ruleset_text)


@lru_cache(maxsize=None)
def exact(number) -> Fraction:
    """A number from the rules (an evidence weight, a decision threshold) as an
    exact rational: the decimal the author wrote, so 0.1 is 1/10, not the
    binary float nearest to it.

    Why here: every stage that does arithmetic on weights (decide, settle,
    explain) converts through this one function, so they cannot disagree.
    YAML hands over a float; its shortest round-tripping decimal (repr) is the
    written text whenever that has at most 15 significant digits."""
    if isinstance(number, Fraction):
        return number
    if isinstance(number, bool) or not isinstance(number, (int, float)):
        raise TypeError(f"not a number: {number!r}")
    return Fraction(number) if isinstance(number, int) else Fraction(repr(float(number)))


def common_unit(weights) -> int:
    """The least common multiple of the exact weights' denominators (1 for none): sums
    taken in whole numbers of 1/unit are the same exact values as adding the fractions,
    without a reduction to lowest terms per addition (decide and settle add many)."""
    return math.lcm(*{w.denominator for w in weights}) if weights else 1


def in_units(weight: Fraction, unit: int) -> int:
    """`weight` as a whole number of 1/unit (unit from common_unit)."""
    return weight.numerator * (unit // weight.denominator)


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def value_fact(fact: str, value: str) -> str:
    """The name under which one value of a valued derived fact runs: `tier=senior`.

    Why a derived boolean per value: "a rule set tier to senior" then holds, fails and is
    refuted exactly as a boolean derived fact does, so compile, the cross-check and every
    explanation handle it unchanged; `=` cannot occur in a name written in schema.yaml."""
    return f"{fact}={value}"


def valued_facts(facts: dict) -> dict[str, tuple]:
    """Valued derived fact -> its values (in fact order), read back from the per-value names."""
    found: dict[str, tuple] = {}
    for name in facts:
        if "=" in name:
            fact, value = name.split("=", 1)
            found[fact] = found.get(fact, ()) + (value,)
    return found


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


def rule_reads(rs: "RuleSet") -> tuple:
    """Per rule, in rule order: (the input facts, the derived facts) its condition reads,
    each sorted; the inverse of `readers`, worked out once per rule set. A rule's
    three-valued answer is a function of exactly these, so the explanation keeps
    answers by their values."""
    def build() -> tuple:
        per_rule: list = [([], []) for _ in rs.rules]
        for fact, indices in sorted(rs.readers.items()):
            for i in indices:
                per_rule[i][rs.facts[fact].kind == "derived"].append(fact)
        return tuple((tuple(i), tuple(d)) for i, d in per_rule)
    return kept_with(rs.rules, _READS, build)


def kept_with(rules: tuple, table: dict, build: Callable[[], object]):
    """What `build()` makes for this rule list, made once and kept in `table` beside the
    rules it was made from: keyed by id, and an id reused by another rule list is never
    trusted. A long-lived process reloading rules keeps at most 64 per table."""
    held = table.get(id(rules))
    if held is None or held[0] is not rules:
        if len(table) >= 64:
            table.clear()
        held = table[id(rules)] = (rules, build())
    return held[1]


_READS: dict[int, tuple] = {}  # id(rules) -> (rules, rule_reads)


def rule_index(rules) -> tuple[dict, dict]:
    """-> (derivers, readers): derived fact -> indices of the rules deriving it, and
    fact -> indices of the rules reading it, both in rule order.

    The one place who-derives-what is worked out. A RuleSet carries the result
    (built once when it is read); lint, which also looks at rule lists that do
    not validate, calls this on its list."""
    derivers: dict[str, tuple] = {}
    readers: dict[str, tuple] = {}
    for i, rule in enumerate(rules):
        for fact in rule.then.derive:
            derivers[fact] = derivers.get(fact, ()) + (i,)
        for fact in dict.fromkeys(c.fact for c in facts_in(rule.when)):
            readers[fact] = readers.get(fact, ()) + (i,)
    return derivers, readers
