"""Lint, rule by rule: what can never fire, what always holds, what duplicates another rule.

A rule can fire only if one alternative of its condition (a DNF term) can hold:
every fact's domain under that term is non-empty, and every derived fact the
term needs can be established. Which derived facts can be established is a
greatest fixpoint over the rule/fact dependency graph: start by assuming every
derived fact can hold and fail, then remove what no live deriver can give,
until nothing changes. So "never fires" propagates through derivations, and a
claim is made only when it is certain: conditions too large to expand are not
judged at all.
"""
from __future__ import annotations

from typing import NamedTuple

from ...errors import Collector, Problem
from .check import PARSED, VALID, Check, Context, shared
from .logic import Domain, Lit, another_derived_fact, dnf, domain_words, is_empty, literals, term_domains
from ...pipeline.effects import same_effects
from ...pipeline.model import FactDef, Rule, rule_index
from ...quote import quote


class Reason(NamedTuple):
    """Why one alternative can never hold: a code, the literal to point at, words."""

    code: str
    lit: Lit
    text: str
    others: tuple = ()  # the literals it clashes with

    @property
    def lits(self) -> tuple:
        return (self.lit,) + self.others


class Analysis:
    """Satisfiability of every rule, with derived facts resolved over the whole set.

    `dependencies=False` (used while the rule set has validation errors) assumes
    every derived fact can hold and fail, so only claims local to a rule are made.
    """

    def __init__(self, rules: list[Rule], facts: dict[str, FactDef], dependencies: bool = True):
        self.rules, self.facts = rules, facts
        self.terms = [dnf(r.when) for r in rules]
        self.derivers, self.readers = rule_index(rules)  # a list that may not validate: no RuleSet to ask
        self.can_hold: dict[str, bool] = {}
        self.can_fail: dict[str, bool] = {}
        if dependencies:
            self._resolve()
        self.live = [self._sat(i) for i in range(len(rules))]
        self.forms_of: dict[int, frozenset | None] = {}

    def _resolve(self) -> None:
        derived = sorted(n for n, f in self.facts.items() if f.kind == "derived")
        negated = {i: dnf(self.rules[i].when, True) for ids in self.derivers.values() for i in ids}
        self.can_hold = {n: bool(self.derivers.get(n)) for n in derived}
        self.can_fail = {n: True for n in derived}
        changed = True
        while changed:
            changed = False
            for name in derived:
                ids = self.derivers.get(name)
                if not ids:
                    continue
                hold = any(self._sat(i) for i in ids)
                fails = all(negated[i] is None or self._terms_sat(negated[i]) for i in ids)
                if (hold, fails) != (self.can_hold[name], self.can_fail[name]):
                    self.can_hold[name], self.can_fail[name] = hold, fails
                    changed = True

    def _sat(self, i: int) -> bool:
        terms = self.terms[i]
        return terms is None or self._terms_sat(terms)

    def _terms_sat(self, terms: list) -> bool:
        for term in terms:
            domains = term_domains(term, self.facts)
            if not any(is_empty(d, self.can_hold, self.can_fail) for d in domains.values()):
                return True
        return False

    # -- explanations ---------------------------------------------------------------

    def reason(self, term: tuple) -> Reason | None:
        """None if the term can hold; else the first cause, in written order."""
        domains: dict[str, Domain] = {}
        seen: dict[str, list[Lit]] = {}
        for lit in term:
            fact = self.facts[lit.cmp.fact]
            alone = Domain(fact).add(lit)
            if is_empty(alone, self.can_hold, self.can_fail):
                return self._alone(lit, fact)
            narrowed = (domains.get(fact.name) or Domain(fact)).add(lit)
            if is_empty(narrowed, self.can_hold, self.can_fail):
                earlier = seen[fact.name]
                for prev in earlier:
                    if is_empty(Domain(fact).add(prev).add(lit), self.can_hold, self.can_fail):
                        return Reason("PF701", lit, f"`{lit.describe()}` contradicts `{prev.describe()}` "
                                                    f"(line {prev.cmp.pos.line})", (prev,))
                together = "`, `".join(p.describe() for p in earlier)
                return Reason("PF701", lit, f"`{lit.describe()}` cannot hold together with `{together}`", tuple(earlier))
            domains[fact.name] = narrowed
            seen.setdefault(fact.name, []).append(lit)
        return None

    def _alone(self, lit: Lit, fact: FactDef) -> Reason:
        name, said = fact.name, f"`{lit.describe()}`"
        if fact.kind != "derived":
            return Reason("PF702", lit, f"{said} can never hold: {domain_words(fact)}")
        want = "false" if (lit.cmp.op != "is" and bool(lit.cmp.value) == lit.negated) else "true"
        ids = self.derivers.get(name, [])
        if want == "true" and not ids:
            hint = another_derived_fact(name, self.derivers)
            return Reason("PF704", lit, f"it needs {name} to hold, but no rule derives {name}{hint}")
        if lit.cmp.op == "is":
            return Reason("PF705", lit, f"it needs {name} to be known, but {name} can be neither established nor refuted")
        if want == "true":
            dead = ", ".join(self.rules[i].id for i in ids)
            return Reason("PF705", lit, f"it needs {name} to hold, but every rule deriving it can never fire ({dead})")
        stuck = [self.rules[i].id for i in ids if not self._refutable(i)]
        return Reason("PF705", lit, f"it needs {name} to be false, but {name} can never be refuted: the condition of "
                                    f"{', '.join(stuck) or 'a rule deriving it'} is never false")

    def _refutable(self, i: int) -> bool:
        negated = dnf(self.rules[i].when, True)
        return negated is None or self._terms_sat(negated)

    def check(self, out: Collector) -> None:
        """Dead rules (errors), dead parts of live rules and redundant comparisons (warnings)."""
        for i, rule in enumerate(self.rules):
            terms = self.terms[i]
            if terms is not None:
                reasons = [self.reason(t) for t in terms]
                if self.live[i]:
                    self._dead_parts(rule, terms, reasons, out)
                else:
                    self._dead_rule(rule, reasons, out)
            self._redundant(rule, out)

    def _dead_rule(self, rule: Rule, reasons: list, out: Collector) -> None:
        """At the comparisons that clash; for a `first` table's row that only the negations of
        earlier rows make dead (every input it matches reaches an earlier row), once, at the row."""
        if reasons and all(_before(r.lit, rule) for r in reasons):
            lines = sorted({lit.cmp.pos.line for r in reasons for lit in r.lits if _before(lit, rule)})
            out.add("PF701", f"rule {quote(rule.id)} can never fire: an earlier row of its `first` table (line"
                             f"{'s' * (len(lines) > 1)} {', '.join(map(str, lines))}) matches every input it matches, "
                             "or leaves it waiting", rule.pos)
            return
        seen = set()
        for r in reasons:
            key = (r.code, r.lit.cmp.pos)
            if key not in seen:
                seen.add(key)
                out.add(r.code, f"rule {quote(rule.id)} can never fire: {r.text}", r.lit.cmp.pos)

    def _dead_parts(self, rule: Rule, terms: list, reasons: list, out: Collector) -> None:
        """PF714 at a part the rule's author wrote. A `first` table's row also holds the negation
        of every earlier row, written before it: a part of that never holding (the rows share a
        cell) is what `first` means, not a part to remove, and the author wrote no such part."""
        used = {id(lit.cmp) for t, r in zip(terms, reasons) if r is None for lit in t}
        seen = set()
        for r in reasons:
            if r is None:
                continue
            dead = [lit for lit in r.lits if id(lit.cmp) not in used and not _before(lit, rule)]
            if dead and id(dead[0].cmp) not in seen:
                seen.add(id(dead[0].cmp))
                out.add("PF714", f"rule {quote(rule.id)}: `{dead[0].describe()}` can never hold here, so that part of "
                                 f"the condition is dead ({r.text})", dead[0].cmp.pos, "warning")

    def _redundant(self, rule: Rule, out: Collector) -> None:
        for lit in literals(rule.when):
            fact = self.facts.get(lit.cmp.fact)
            if fact is None or fact.kind == "derived" or lit.cmp.op == "is" or _before(lit, rule):
                continue
            if Domain(fact).add(lit).total_when_known():
                out.add("PF703", f"rule {quote(rule.id)}: `{lit.describe()}` holds for every known value "
                                 f"({domain_words(fact)}); write `is: known` if that is meant", lit.cmp.pos, "warning")

    # -- duplicates -----------------------------------------------------------------

    def canonical(self, i: int) -> frozenset | None:
        """The rule's condition as a set of alternatives over value sets: equal for rules
        that fire on exactly the same facts, whatever way they were written."""
        if i not in self.forms_of:  # worked out once: PF709 and PF720 both read it
            terms = self.terms[i]
            self.forms_of[i] = None if terms is None or not self.live[i] else self.forms(terms)
        return self.forms_of[i]

    def forms(self, terms: list) -> frozenset:
        """Alternatives as fact -> value set, less those never holding or implied by a smaller one."""
        forms = set()
        for term in terms:
            domains = term_domains(term, self.facts)
            if any(is_empty(d, self.can_hold, self.can_fail) for d in domains.values()):
                continue
            forms.add(frozenset((n, d.canonical()) for n, d in domains.items() if d.canonical() != ("any",)))
        return frozenset(f for f in forms if not any(g < f for g in forms))

    def duplicates(self, out: Collector, unsure: frozenset = frozenset()) -> None:
        """PF709 for rules that fire on exactly the same facts. "The same effects" is claimed
        only of rules whose `then` validated: `unsure` holds the ids of rules with an error in
        them, whose effects as parsed lack what was refused (a weight of `1e3`), so of those
        only the shared conditions are certain. Two rules of one id are one rule written
        twice: PF206 says so, and PF709 would repeat it."""
        groups: dict[frozenset, list[Rule]] = {}
        for i, rule in enumerate(self.rules):
            form = self.canonical(i)
            if form:
                groups.setdefault(form, []).append(rule)
        for group in groups.values():
            group.sort(key=lambda r: (r.pos.file, r.pos.line, r.pos.col, r.id))
            first = group[0]
            for rule in group[1:]:
                if rule.id == first.id:
                    continue
                certain = rule.id not in unsure and first.id not in unsure
                same = (" and the same effects: it only repeats that rule (evidence would count twice)"
                        if certain and same_effects(rule.then, first.then) else
                        "; they always fire together: merge their effects into one rule")
                out.add("PF709", f"rule {quote(rule.id)} has the same conditions as {quote(first.id)} "
                                 f"({first.pos.file}:{first.pos.line}){same}", rule.pos, "warning")


def with_errors(rules: list[Rule], found: list[Problem]) -> frozenset:
    """The ids of rules with a validation error written inside them: from a rule's start to
    the next rule's in its file (a table's heading counts to the row before it, which can
    only keep a claim back, never make a false one)."""
    errors: dict[str, list[tuple[int, int]]] = {}
    for p in found:
        if p.severity == "error" and p.pos.file:
            errors.setdefault(p.pos.file, []).append((p.pos.line, p.pos.col))
    if not errors:
        return frozenset()
    hit = set()
    by_file: dict[str, list[Rule]] = {}
    for rule in rules:
        by_file.setdefault(rule.pos.file, []).append(rule)
    for file, group in by_file.items():
        if not (marks := errors.get(file)):
            continue
        group.sort(key=lambda r: (r.pos.line, r.pos.col))
        for k, rule in enumerate(group):
            start = (rule.pos.line, rule.pos.col)
            end = (group[k + 1].pos.line, group[k + 1].pos.col) if k + 1 < len(group) else None
            if any(start <= m and (end is None or m < end) for m in marks):
                hit.add(rule.id)
    return frozenset(hit)


def _before(lit: Lit, rule: Rule) -> bool:
    """Whether `lit` is written before `rule`: in a `first` table's row, part of the negation
    of an earlier row (tables.py), which the row's author did not write in the row."""
    return lit.cmp.pos.file == rule.pos.file and (lit.cmp.pos.line, lit.cmp.pos.col) < (rule.pos.line, rule.pos.col)


# -- the checks ---------------------------------------------------------------------------

def analysis(ctx: Context) -> Analysis:
    """The one Analysis of a lint run, shared by every check that reads it. Derived facts
    are resolved over the whole set only when it validates: with a rule missing, a fact
    would look underivable and its readers dead when they are not."""
    return shared(ctx, "analysis", lambda: Analysis(ctx.rules, ctx.facts, ctx.valid))


def _findings(ctx: Context) -> list[Problem]:
    """Analysis.check's problems, computed once: NEVER_FIRES and DEAD_DERIVATIONS split them by code."""
    def run() -> list[Problem]:
        out = Collector()
        analysis(ctx).check(out)
        return out.problems
    return shared(ctx, "findings", run)


def _never_fires(ctx: Context, out: Collector) -> None:
    out.problems.extend(p for p in _findings(ctx) if p.code in NEVER_FIRES.codes)


def _dead_derivations(ctx: Context, out: Collector) -> None:
    out.problems.extend(p for p in _findings(ctx) if p.code in DEAD_DERIVATIONS.codes)


def _duplicates(ctx: Context, out: Collector) -> None:
    analysis(ctx).duplicates(out, with_errors(ctx.rules, ctx.found) if ctx.found else frozenset())


NEVER_FIRES = Check(
    "never-fires", {"PF701": "error", "PF702": "error", "PF703": "warning", "PF714": "warning"},
    "comparisons that can never hold (or always hold), in rules or in parts of their conditions",
    PARSED, _never_fires)
DEAD_DERIVATIONS = Check(
    "dead-derivations", {"PF704": "error", "PF705": "error"},
    "rules that can never fire because of what other rules derive", VALID, _dead_derivations)
DUPLICATES = Check(
    "duplicates", {"PF709": "warning"},
    "rules with the same conditions as another rule, however they are written", PARSED, _duplicates)
CHECKS = (NEVER_FIRES, DEAD_DERIVATIONS, DUPLICATES)
