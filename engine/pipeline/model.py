"""The validated rule set, as plain immutable data shared by every later stage.

Records (engine/record.py) rather than dataclasses or typing.NamedTuple: the same
immutability and the same tuple behaviour, for a fraction of the import cost, which
every CLI start pays. A record's fields are its `__new__`'s parameters.

Each object keeps the position it was written at, so compile-time and
run-time problems can still point into the YAML.
"""
from __future__ import annotations

import os

from typing import Callable, TypeAlias

from ..errors import Pos
from ..record import Record

CONCLUSIONS = ("refer", "not_now")  # outcomes a rule's effect concludes (`concluded:`), not evidence
COMBINE = ("sum", "certainty")  # how a policy adds up evidence (docs/rule-language.md)
FACT_TYPES = ("enum", "set", "bool", "number")
OPERATORS = ("equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains", "is")


class FactDef(Record):
    """One fact of the schema. `kind` is "input" or "derived" (derived facts are bool);
    `type` enum | set | bool | number; `screening`: a safety question, asked and listed
    before the others; `label`: how HR staff read the fact's name (empty: its words,
    explain.labels); `labels`: (value, readable label) pairs for enum and set values;
    `unit`: a number's unit, shown with its range."""

    __slots__ = ()

    def __new__(cls, name: str, kind: str, type: str, values: tuple = (), minimum: float | None = None,
                maximum: float | None = None, integer: bool = False, question: str = "", help: str = "",
                description: str = "", sensitive: bool = False, pos: Pos = Pos(), screening: bool = False,
                label: str = "", labels: tuple = (), unit: str = "") -> FactDef:
        return tuple.__new__(cls, (name, kind, type, values, minimum, maximum, integer, question, help, description,
                                   sensitive, pos, screening, label, labels, unit))


class Cmp(Record):
    """One comparison on one fact: `{fact: goal_clarity, equals: specific}`."""

    __slots__ = ()

    def __new__(cls, fact: str, op: str, value: object, pos: Pos = Pos()) -> Cmp:
        return tuple.__new__(cls, (fact, op, value, pos))

    def describe(self) -> str:
        """In words, as a trace's `condition` and lint's messages give it (condition_words.py)."""
        from .condition_words import described

        return described(self)


class All(Record):
    __slots__ = ()

    def __new__(cls, items: tuple, pos: Pos = Pos()) -> All:
        return tuple.__new__(cls, (items, pos))


class Any(Record):
    __slots__ = ()

    def __new__(cls, items: tuple, pos: Pos = Pos()) -> Any:
        return tuple.__new__(cls, (items, pos))


class Not(Record):
    __slots__ = ()

    def __new__(cls, item: Cond, pos: Pos = Pos()) -> Not:
        return tuple.__new__(cls, (item, pos))


# text, as every annotation here is: typing.Union built on every start cost 0.12 M instructions
Cond: TypeAlias = "Cmp | All | Any | Not"


class Effects(Record):
    """What a rule does when it fires; `evidence` is ((outcome, weight), ...)."""

    __slots__ = ()

    def __new__(cls, derive: tuple = (), evidence: tuple = (), suggest: tuple = (), refer: str | None = None,
                not_now: bool = False) -> Effects:
        return tuple.__new__(cls, (derive, evidence, suggest, refer, not_now))


class Rule(Record):
    """One rule. `id_pos` is where the id was written (a table row's id cell, or the row
    when it has none) and `derive_pos` where each `derive` entry was, in `then.derive`
    order: duplicate ids and cycles point there."""

    __slots__ = ()

    def __new__(cls, id: str, reason: str, cites: tuple, when: Cond, then: Effects, salience: int = 0,
                file: str = "", pos: Pos = Pos(), id_pos: Pos = Pos(), derive_pos: tuple = ()) -> Rule:
        return tuple.__new__(cls, (id, reason, cites, when, then, salience, file, pos, id_pos, derive_pos))


class WrittenId(Record):
    """An id where it is written, for the check that ids are unique (validate_rules.check_rule_set):
    a rule's (`kind` "rule"), a table row's ("row", `table` where its table's id is written)
    or a decision table's own ("table"). Rules and rows share one set of ids; tables have their
    own, since a row's id is its table's and the row's."""

    __slots__ = ()

    def __new__(cls, id: str, pos: Pos, kind: str = "rule", table: Pos | None = None) -> WrittenId:
        return tuple.__new__(cls, (id, pos, kind, table))


class Clause(Record):
    """One ordered clause of the decision policy: the first that holds decides.
    `tests` is ((test_name, argument), ...)."""

    __slots__ = ()

    def __new__(cls, outcome: str, tests: tuple, confidence: str, pos: Pos = Pos()) -> Clause:
        return tuple.__new__(cls, (outcome, tests, confidence, pos))


class OutcomeDef(Record):
    """One outcome a policy declares: the identifier rules and clauses name, and
    the words every view shows for it."""

    __slots__ = ()

    def __new__(cls, name: str, label: str, description: str = "", pos: Pos = Pos()) -> OutcomeDef:
        return tuple.__new__(cls, (name, label, description, pos))


class Policy(Record):
    """`referrals` in precedence order; `formats` ((format, (outcomes...)), ...);
    `subject` "public": records keep the subject in clear (docs/audit.md), not in the
    digest; `outcomes` the OutcomeDefs in declared order (engine.pipeline.policy reads
    them); `combine` "sum": weights add up, "certainty": certainty factors
    (engine.pipeline.certainty); `referral_labels` ((referral, words), ...): where each
    referral the policy words sends the person, as every view says it (policy.referral_label)."""

    __slots__ = ()

    def __new__(cls, evidence_outcomes: tuple, referrals: tuple, formats: tuple, clauses: tuple, pos: Pos = Pos(),
                subject: str = "sensitive", outcomes: tuple = (), combine: str = "sum",
                referral_labels: tuple = ()) -> Policy:
        return tuple.__new__(cls, (evidence_outcomes, referrals, formats, clauses, pos, subject, outcomes, combine,
                                   referral_labels))


class RuleSet(Record):
    """What validate produces and compile consumes. `facts`: name -> FactDef, inputs then
    derived, sorted by name; `rules` sorted by id (definition order never depends on file
    order); `sections`: knowledge-base anchor -> heading title; `files`: ((relative path,
    sha256 hex), ...) sorted; `knowledge_base`: the path it was read from, `kb_sha256`: the
    digest of the bytes read there (knowledge_base.read_sections); `derivers`:
    derived fact -> indices into `rules` of the rules that derive it, `readers`: fact ->
    indices into `rules` of the rules whose condition reads it (see rule_index);
    `language`: the BCP 47 tag of the text its authors wrote (schema.yaml `language`), or
    '' where the rule set declares none, so a page can mark that text as written in it."""

    __slots__ = ()

    def __new__(cls, name: str, facts: dict, rules: tuple, policy: Policy, sections: dict, files: tuple, digest: str,
                directory: str = "", knowledge_base: str = "", derivers: dict = {}, readers: dict = {},
                kb_sha256: str | None = None, language: str = "") -> RuleSet:
        return tuple.__new__(cls, (name, facts, rules, policy, sections, files, digest, directory, knowledge_base,
                                   derivers, readers, kb_sha256, language))

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


class Compiled(Record):
    """What compile produces: the durable-rules definition and how its rules map back.
    `definition`: the durable-rules ruleset, name -> {"all": [...], "pri": n}; `actions`:
    durable rule name -> ("fire"|"refute", rule index) | ("fail", fact name);
    `refutable`: derived facts whose failure some rule reads; `fail_closures`: derived
    fact -> indices of the rules that could derive it; `observed`: (t, n) or ("m", n,
    member) patterns some compiled condition reads; `fact_ids`: fact key -> the id it is
    asserted with (fact_ids.assign_ids); `text`: the definition's JSON as durable-rules
    registers it (durable_adapter.ruleset_text); `id_hashes`: the message hashes of those
    ids and the adapter's sentinel (fact_ids.check_ids)."""

    __slots__ = ()

    def __new__(cls, ruleset: RuleSet, definition: dict, actions: dict, refutable: frozenset, fail_closures: dict,
                observed: frozenset, fact_ids: dict, text: str, id_hashes: frozenset) -> Compiled:
        return tuple.__new__(cls, (ruleset, definition, actions, refutable, fail_closures, observed, fact_ids, text,
                                   id_hashes))


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


def rule_reads(rs: RuleSet) -> tuple:
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


def input_files(rs: RuleSet) -> list[str]:
    """Every file the rule set was read from: schema.yaml, policy.yaml, the rule files,
    the tables' CSV files (`rs.files`, named relative to the directory) and the knowledge
    base. An output of a rule-author command must be none of them (engine.files.check_target
    compares the files themselves, so a hard link or another spelling is caught too)."""
    return [os.path.join(rs.directory, name) for name, _ in rs.files] + [rs.knowledge_base]
