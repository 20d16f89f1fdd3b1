"""A person's facts as the facts durable-rules matches (compile.py says what they look like).

Why a module of its own: every evaluation asserts some thirty to a few hundred facts,
and most of them have the same content for every person who has them (an unknown
input, an enum or yes/no value, a set's member being in or out, a derived fact true
or false, a rule's refutation). Those are built once per rule set, as Pinned facts that
keep their own JSON text, so a person costs a list of references, not new dicts and
their encoding. Only a number is new per person.
"""
from __future__ import annotations

from .fact_text import Pinned, number_fact, number_prefix
from .model import Compiled


class Encoder:
    """One compiled rule set's facts; facts no condition observes are left out
    (durable-rules would drop them anyway)."""

    def __init__(self, compiled: Compiled):
        observed, ids = compiled.observed, compiled.fact_ids
        self._inputs: list[tuple] = []  # (name, kind, unknown fact, known fact(s), set members)
        for f in compiled.ruleset.inputs:
            name, key = f.name, ("i", f.name)
            reads = key in observed
            unknown = Pinned(t="i", n=name, k=0, id=ids[key]) if reads else None
            if f.type == "set":
                members = tuple((m, Pinned(t="m", n=name, m=m, v=True, id=ids[("m", name, m)]),
                                 Pinned(t="m", n=name, m=m, v=False, id=ids[("m", name, m)]))
                                for m in f.values if ("m", name, m) in observed)
                self._inputs.append((name, "set", unknown, Pinned(t="i", n=name, k=1, id=ids[key]) if reads else None,
                                     members))
            elif f.type == "number":
                known = {"t": "i", "n": name, "k": 1, "id": ids[key]} if reads else None
                self._inputs.append((name, "number", unknown, (number_prefix(known), known) if reads else None, ()))
            else:
                values = f.values if f.type == "enum" else (True, False)
                known = {v: Pinned(t="i", n=name, k=1, v=v, id=ids[key]) for v in values} if reads else None
                self._inputs.append((name, "value", unknown, known, ()))
        derived = [f.name for f in compiled.ruleset.facts.values() if f.kind == "derived"]
        # derived facts true: only those some condition reads; false: every failure closure's fact
        self.holds = {n: Pinned(t="d", n=n, v=True, id=ids[("d", n)]) for n in derived if ("d", n) in observed}
        self.fails = {n: Pinned(t="d", n=n, v=False, id=ids[("d", n)]) for n in compiled.fail_closures}
        self.refuted = {ref: Pinned(t="r", r=ref, id=ids[("r", ref)])
                        for kind, ref in compiled.actions.values() if kind == "refute"}

    def person(self, facts: dict, failed: list) -> list[dict]:
        """The person's known facts (canonical) in schema order, then `failed`: derived
        facts with no rule to derive them, false from the start."""
        out: list[dict] = []
        for name, kind, unknown, known, members in self._inputs:
            if name not in facts:
                if unknown is not None:
                    out.append(unknown)
                continue
            if kind == "value":
                if known is not None:
                    out.append(known[facts[name]])
            elif kind == "set":
                if known is not None:
                    out.append(known)
                value = facts[name]
                out.extend(yes if m in value else no for m, yes, no in members)
            elif known is not None:  # a number: new for each person
                out.append(number_fact(*known, facts[name]))
        out.extend(self.fails[f] for f in failed)
        return out
