"""Lint valued derived facts: two rules that can both fire and set different values.

A valued derived fact's values exclude each other, so the engine refuses a person
for whom two are set (PF231). This finds the rule pairs that make that possible,
before anyone is evaluated: the two rules' conditions, alternative by alternative,
are joined and asked whether every fact keeps a possible value, with the same
domains (logic.py) and the same fixpoint over derived facts (rules.Analysis) that
"can never fire" uses. So a pair is reported only when some input lets both fire.
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
                out.add("PF232", f"rules {first.id!r} (line {first.pos.line}) and {later.id!r} (line "
                        f"{later.pos.line}) can both fire{example} and set {fact} to {value_a} and to {value_b}; "
                        "its values exclude each other", later.pos)


def _both(a, i: int, j: int) -> str | None:
    """Words for an input under which rules i and j both fire (`` when it needs nothing
    in particular), or None when none can; conditions too large to expand are not judged."""
    if a.terms[i] is None or a.terms[j] is None or not (a.live[i] and a.live[j]):
        return None
    for ti in a.terms[i]:
        for tj in a.terms[j]:
            domains = term_domains(ti + tj, a.facts)
            if not any(is_empty(d, a.can_hold, a.can_fail) for d in domains.values()):
                words = [w for w in (_example(d) for _, d in sorted(domains.items())) if w]
                return f" (for example {', '.join(words)})" if words else ""
    return None


def _example(d: Domain) -> str:
    f = d.fact
    if f.kind == "derived":
        return f"{f.name}={'true' if 'true' in d.need else 'false'}" if d.need - {"known"} else ""
    if d.presence is False:
        return f"{f.name} unknown"
    if d.presence is not True:
        return ""
    if f.type == "set":
        held = sorted(m for m, want in d.members.items() if want)
        return f"{f.name} containing {', '.join(held)}" if held else f"{f.name} known"
    if f.type in ("enum", "bool"):
        value = sorted(d.allowed, key=repr)[0]
        return f"{f.name}={str(value).lower() if isinstance(value, bool) else value}"
    value = d.number_choices(1)[0]
    return f"{f.name}={int(value) if float(value).is_integer() else value}"


CHECKS = (Check("value-conflicts", {"PF232": "error"},
                "rules that can both fire and set a valued derived fact to different values", VALID, _pairs),)
