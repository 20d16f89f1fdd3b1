"""Lint valued derived facts: two rules that can both fire and set different values.

A valued derived fact's values exclude each other, so the engine refuses a person
for whom two are set (PF231). This finds the rule pairs that make that possible,
before anyone is evaluated: the two rules' conditions, alternative by alternative,
are joined and asked whether every fact keeps a possible value, with the same
domains (logic.py) and the same fixpoint over derived facts (rules.Analysis) that
"can never fire" uses, a derived fact the pair needs to hold followed down to the input
facts of a rule deriving it. So a pair is reported only when some input lets both fire.
"""
from __future__ import annotations

from ...errors import Collector
from .check import VALID, Check, Context
from .logic import Domain, is_empty, term_domains
from .rules import analysis


def _pairs(ctx: Context, out: Collector) -> None:
    a = analysis(ctx)
    setters: dict[str, list[tuple[str, int]]] = {}
    for name, ids in sorted(a.derivers.items()):
        if "=" in name:
            fact, value = name.split("=", 1)
            setters.setdefault(fact, []).extend((value, i) for i in ids)
    for fact, found in sorted(setters.items()):
        found.sort(key=lambda vi: (a.rules[vi[1]].pos.file, a.rules[vi[1]].pos.line, a.rules[vi[1]].id))
        for j, (value_b, b) in enumerate(found):
            for value_a, i in found[:j]:
                if value_a == value_b:
                    continue
                example = _both(a, i, b)
                if example is None:
                    continue
                first, later = a.rules[i], a.rules[b]
                out.add("PF232", f"rules {first.id!r} ({_place(first.pos, later.pos)}) and {later.id!r} (line "
                        f"{later.pos.line}) can both fire{example} and set {fact} to {value_a} and to {value_b}; "
                        "its values exclude each other", later.pos)


def _place(pos, reported) -> str:
    """Where a rule is, as read beside a problem reported at `reported`: its line alone in
    the same file, else file:line:col, as a line number would point into the wrong file."""
    return f"line {pos.line}" if pos.file == reported.file else f"{pos.file}:{pos.line}:{pos.col}"


def _both(a, i: int, j: int) -> str | None:
    """Words for an input under which rules i and j both fire (`` when it needs nothing
    in particular), or None when none can; conditions too large to expand are not judged."""
    if a.terms[i] is None or a.terms[j] is None or not (a.live[i] and a.live[j]):
        return None
    for ti in a.terms[i]:
        for tj in a.terms[j]:
            for term in _through_derivers(a, ti + tj, 0):
                domains = term_domains(term, a.facts)
                if not any(is_empty(d, a.can_hold, a.can_fail) for d in domains.values()):
                    words = [w for w in (_example(d) for _, d in sorted(domains.items())) if w]
                    return f" (for example {', '.join(words)})" if words else ""
    return None


MAX_DEPTH, MAX_TERMS = 4, 256  # how far derived facts are followed, and how many joined terms at most


def _through_derivers(a, term: tuple, depth: int) -> list:
    """`term` with each derived fact it needs to hold, or to be known, replaced by a term of
    a rule deriving it, one joined term per choice, down to input facts. A derived fact taken
    as free would let "both fire" be claimed where what derives it rules that out (busy needs
    hours >= 100, the other rule hours < 8), or an example be given under which it stays
    undecided, so `is: known` waits; a fact derived by no rule is false, so known, for
    everyone. A term that needs a derived fact to fail, or goes deeper or wider than the
    limits, yields nothing: such a pair is not claimed (the engine refuses such a person
    itself, PF231)."""
    domains = term_domains(term, a.facts)
    needed = [d for d in domains.values() if d.fact.kind == "derived"]
    if not needed:
        return [term]
    d = needed[0]
    name = d.fact.name
    rest = tuple(lit for lit in term if lit.cmp.fact != name)
    if "false" in d.need or depth >= MAX_DEPTH:
        return []
    if not a.derivers.get(name):
        return _through_derivers(a, rest, depth) if d.need == {"known"} else []
    out: list = []
    for r in a.derivers.get(name, ()):
        if a.terms[r] is None or not a.live[r]:
            continue
        for t in a.terms[r]:
            out += _through_derivers(a, rest + tuple(t), depth + 1)
            if len(out) > MAX_TERMS:
                return out[:MAX_TERMS]
    return out


def _example(d: Domain) -> str:
    """One input fact's part of the example (_through_derivers leaves no derived fact in
    it): a value that meets every test of the joined term, so that following the example
    makes both rules fire ('' for a fact left free). A set is stated whole, as PF230 states
    one: a member a rule needs absent is then visibly absent, where "containing x" would
    let the reader add it."""
    f = d.fact
    if d.presence is False:
        return f"{f.name} unknown"
    if d.presence is not True:
        return ""
    if f.type == "set":  # its exact members, as PF230 writes a set: those needed, none other
        held = sorted(m for m, want in d.members.items() if want)
        return f"{f.name}={{{', '.join(held)}}}"
    if f.type in ("enum", "bool"):
        value = sorted(d.allowed, key=repr)[0]
        return f"{f.name}={str(value).lower() if isinstance(value, bool) else value}"
    value = d.number_choices(1)[0]
    return f"{f.name}={int(value) if float(value).is_integer() else value}"


CHECKS = (Check("value-conflicts", {"PF232": "error"},
                "rules that can both fire and set a valued derived fact to different values", VALID, _pairs),)
