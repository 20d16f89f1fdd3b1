"""Questions asked of a rule set rather than of a person: which rules read a fact
(directly, or through what other rules derive from it), which give an outcome, which cite
a knowledge-base section, and which rules one rule depends on or is depended on by.

Every answer is read off the rule set's own `derivers` and `readers` (model.rule_index),
the one place who-derives-what is worked out, so `pathfit rules` can never disagree with
what the engine, lint and the explanations use. Among the authoring tools, not in the
pipeline: nothing a decision runs needs it, and the rule-set cache's code stamp covers only
the pipeline's modules.
A valued derived fact is asked for by its written name (`pace`: every value) or by one
value (`pace=fast`), as the rule set keeps each value as a fact of its own.
"""
from __future__ import annotations

from typing import Iterable

from ..errors import PathfitError, Pos, Problem, did_you_mean
from ..quote import quote
from ..record import Record
from ..pipeline.model import CONCLUSIONS, RuleSet, rule_reads, valued_facts
from ..pipeline.policy import declared_names

UNKNOWN_NAME = "PF634"


class Link(Record):
    """One step of a dependency: `rule` (an index into the rules) is linked by `fact` to
    `to` (the index of the rule one step nearer the one asked about), `depth` steps away
    from it."""

    __slots__ = ()

    def __new__(cls, rule: int, fact: str, to: int, depth: int) -> Link:
        return tuple.__new__(cls, (rule, fact, to, depth))


def fact_names(rs: RuleSet) -> dict[str, tuple[str, ...]]:
    """A fact as `--reads` may name it -> the rule set's facts it stands for."""
    names = {name: (name,) for name in rs.facts}
    for fact, values in valued_facts(rs.facts).items():
        names[fact] = tuple(f"{fact}={v}" for v in values)
    return names


def outcome_names(rs: RuleSet) -> set[str]:
    """The names `--gives` may take: an evidence outcome, a referral, `refer` (any
    referral), `not_now`, a format suggested, or a derived fact (a valued one by its name or
    one value). A name that is two of these (a format called as an outcome) matches rules
    giving either."""
    return {*_derived_names(rs), *(fmt for fmt, _ in rs.policy.formats), *CONCLUSIONS, *rs.policy.referrals,
            *rs.policy.evidence_outcomes}


def _derived_names(rs: RuleSet) -> dict[str, tuple[str, ...]]:
    return {name: facts for name, facts in fact_names(rs).items() if all(rs.facts[f].kind == "derived" for f in facts)}


def reading(rs: RuleSet, facts: Iterable[str], through: bool = False) -> dict[int, tuple[str, ...]]:
    """Rule index -> the facts it reads of `facts`, or, `through`, of `facts` and every
    derived fact a rule reading one of them derives (to a fixed point): what those facts
    carry on to. In rule order."""
    carried = dict.fromkeys(facts)
    todo = list(carried)
    while todo:
        fact = todo.pop()
        for i in rs.readers.get(fact, ()):
            for derived in rs.rules[i].then.derive if through else ():
                if derived not in carried:
                    carried[derived] = None
                    todo.append(derived)
    found: dict[int, tuple[str, ...]] = {}
    for fact in sorted(carried):
        for i in rs.readers.get(fact, ()):
            found[i] = found.get(i, ()) + (fact,)
    return dict(sorted(found.items()))


def giving(rs: RuleSet, name: str) -> set[int]:
    """The rules whose effect gives `name` (see outcome_names)."""
    derived = set(_derived_names(rs).get(name, ()))
    found = set()
    for i, rule in enumerate(rs.rules):
        then = rule.then
        if (any(o == name for o, _ in then.evidence) or then.refer == name or name in then.suggest
                or (name == "refer" and then.refer) or (name == "not_now" and then.not_now)
                or derived.intersection(then.derive)):
            found.add(i)
    return found


def citing(rs: RuleSet, section: str) -> set[int]:
    """The rules citing the knowledge-base section `section` (its anchor, `kb#` allowed)."""
    anchor = section.removeprefix("kb#")
    return {i for i, rule in enumerate(rs.rules) if anchor in rule.cites}


def select(rs: RuleSet, reads: tuple = (), through: bool = False, gives: tuple = (), cites: tuple = ()) -> list[int]:
    """The indices of the rules that meet every filter given, in rule order. A name the
    rule set does not have is PF634 at its option, with the closest name as a hint; every
    such name is reported at once."""
    facts, outcomes, decided = fact_names(rs), outcome_names(rs), set(declared_names(rs.policy))
    problems = [_unknown("--reads", name, facts, "fact") for name in reads if name not in facts]
    problems += [_decided(rs, name) if name in decided else
                 _unknown("--gives", name, outcomes, "outcome, referral, format or derived fact")
                 for name in gives if name not in outcomes]
    problems += [_unknown("--cites", name, rs.sections, "knowledge-base section", name.removeprefix("kb#"))
                 for name in cites if name.removeprefix("kb#") not in rs.sections]
    if problems:
        raise PathfitError(problems)
    chosen = set(range(len(rs.rules)))
    for name in reads:
        chosen &= set(reading(rs, facts[name], through))
    for name in gives:
        chosen &= giving(rs, name)
    for name in cites:
        chosen &= citing(rs, name)
    return sorted(chosen)


def _decided(rs: RuleSet, name: str) -> Problem:
    """PF613 for `--gives` naming an outcome the policy declares but only ever decides itself
    (`blended`, `undetermined`): the rule set has it, so PF634's "has no" would be untrue,
    yet no rule gives it; the rules reach it through evidence for the outcomes named here."""
    weighed = ", ".join(quote(o) for o in rs.policy.evidence_outcomes)
    said = (f"policy.yaml decides it from the evidence rules give for {weighed}; ask --gives for one of those"
            if weighed else "policy.yaml decides it itself")
    return Problem("PF613", f"no rule gives {quote(name)}: {said}", Pos("--gives"))


def _unknown(option: str, name: str, choices, what: str, near: str | None = None) -> Problem:
    hint = did_you_mean(name if near is None else near, choices)
    return Problem(UNKNOWN_NAME, f"the rule set has no {what} {quote(name)}{hint}", Pos(option))


def depends_on(rs: RuleSet, index: int) -> list[Link]:
    """Every rule the rule at `index` depends on, transitively: a rule deriving a fact it
    reads, or one a rule it depends on reads. Each link once, nearest first."""
    derived_read = [derived for _, derived in rule_reads(rs)]
    return _walk(rs, index, lambda i: [(f, j) for f in derived_read[i] for j in rs.derivers.get(f, ())])


def depended_on_by(rs: RuleSet, index: int) -> list[Link]:
    """Every rule depending on the rule at `index`, transitively: one reading a fact it
    derives, or one a rule depending on it derives. Each link once, nearest first."""
    return _walk(rs, index, lambda i: [(f, j) for f in rs.rules[i].then.derive for j in rs.readers.get(f, ())])


def _walk(rs: RuleSet, start: int, step) -> list[Link]:
    """Breadth first from `start`: a rule is reached at its nearest depth, with every link
    from a rule reached before it at the depth before. Cycles are refused when the rule set
    is read (PF208, PF209), so the walk ends; `seen` keeps it finite regardless."""
    seen, frontier, links, depth = {start}, [start], [], 0
    while frontier:
        depth += 1
        found: dict[int, list] = {}
        for near in frontier:
            for fact, far in step(near):
                if far not in seen:
                    found.setdefault(far, []).append(Link(far, fact, near, depth))
        seen.update(found)
        frontier = sorted(found)
        links += [link for far in frontier for link in sorted(set(found[far]), key=lambda k: (k.fact, k.to))]
    return links
