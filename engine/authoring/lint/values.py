"""Lint valued derived facts: two rules that can both fire and set different values.

A valued derived fact's values exclude each other, so the engine refuses a person
for whom two are set (PF231). This finds the rule pairs that make that possible,
before anyone is evaluated: the two rules' conditions, alternative by alternative,
are joined, and each derived fact they test is followed down to input facts as the
engine settles it (witness.py): to what makes it hold, or what refutes every rule deriving
it, either one for `is: known`. Taken as free, a derived fact would let "both fire" be
claimed where what derives it rules that out (busy needs hours >= 100, the other rule
hours < 8), or an example be given under which it stays undecided. An input found so, in
the same domains (logic.py) that "can never fire" uses, is the example: a pair is reported
only when some input lets both fire, and that input is the one printed.
"""
from __future__ import annotations

from ...errors import Collector
from .check import VALID, Check, Context
from .logic import Domain, term_domains
from .rules import analysis
from .witness import Search
from ...quote import quote
from ...reports.numbers import number_text


def _pairs(ctx: Context, out: Collector) -> None:
    a = analysis(ctx)
    search = Search(a)
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
                example = _both(search, a, i, b)
                if example is None:
                    continue
                first, later = a.rules[i], a.rules[b]
                out.add("PF232", f"rules {quote(first.id)} ({_place(first.pos, later.pos)}) and {quote(later.id)} (line "
                        f"{later.pos.line}) can both fire{example} and set {fact} to {value_a} and to {value_b}; "
                        "its values exclude each other", later.pos)


def _place(pos, reported) -> str:
    """Where a rule is, as read beside a problem reported at `reported`: its line alone in
    the same file, else file:line:col, as a line number would point into the wrong file."""
    return f"line {pos.line}" if pos.file == reported.file else f"{pos.file}:{pos.line}:{pos.col}"


def _both(search: Search, a, i: int, j: int) -> str | None:
    """Words for an input under which rules i and j both fire (`` when it needs nothing
    in particular), or None when the search finds none (witness.py)."""
    if a.terms[i] is None or a.terms[j] is None or not (a.live[i] and a.live[j]):
        return None
    term = search.first(ti + tj for ti in a.terms[i] for tj in a.terms[j])
    if term is None:
        return None
    words = [w for w in (_example(d) for _, d in sorted(term_domains(term, a.facts).items())) if w]
    return f" (for example {', '.join(words)})" if words else ""


def _example(d: Domain) -> str:
    """One input fact's part of the example (the search leaves no derived fact in it): a
    value that meets every test of the joined term, so that following the example makes
    both rules fire ('' for a fact left free). A set is stated whole, as PF230 states one:
    a member a rule needs absent is then visibly absent, where "containing x" would let
    the reader add it."""
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
    return f"{f.name}={number_text(value)}"  # as a profile takes it: 0.00000035, never 3.5e-07


CHECKS = (Check("value-conflicts", {"PF232": "error"},
                "rules that can both fire and set a valued derived fact to different values", VALID, _pairs),)
