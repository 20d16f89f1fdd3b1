"""A derived fact's state as the explanation reads it: what the engine settled, else
false once every rule that could derive it fails here, else unknown with the unknown
inputs underneath. A fact the engine left open is false outright when the cross-check
found none of its derivers unknown (`RunResult.waiting`): none fired, or the fact would
hold, so each is false there, and reading more derived facts as settled cannot take a
known value back. Shared by the full explanation (why_not.py, which keeps states across
people through kept.py) and the waiting rules alone (waiting.py, which keeps none), so
both read derived facts alike.
"""
from __future__ import annotations

from ..pipeline.model import RuleSet, rule_reads
from ..pipeline.firings import RunResult
from .conditions import FALSE, NONE, TRUE, UNKNOWN


class DerivedState:
    """Derived facts: what the engine settled; otherwise false if every deriver
    failed here, else unknown (with the unknown inputs underneath). Worked out once
    per person, and kept across people by what the derivers read (`plan`)."""

    # slots, and `Worked` made with no Python __init__: one is made for every person explained
    __slots__ = ("rs", "result", "evaluators", "read", "by_fact", "budget", "cache", "waiting", "states", "depth")

    def __init__(self, rs: RuleSet, result: RunResult, evaluators: tuple, read, by_fact: dict, budget):
        """`budget`: kept.Budget, or None when no state is kept across people (`by_fact` empty)."""
        self.rs, self.result, self.evaluators = rs, result, evaluators
        self.read, self.by_fact, self.budget = read, by_fact, budget
        self.cache: dict[str, tuple] = {}
        self.depth = 0  # derived facts being worked out, each inside the one before
        self.waiting = frozenset(result.waiting)  # the rules the cross-check found unknown
        # each derived fact's state, worked out once per person; what the engine settled put in
        # at once: at 1,000 rules a person's explanation reads some 150 settled derived facts,
        # each a call to `state` when read
        states = self.states = Worked(dict.fromkeys(result.holds, True))
        states.update(dict.fromkeys(result.fails, False))
        states.work = self.state

    def done(self) -> None:
        """The states refer to this object (through `state`) and it to them: a loop that
        would keep the person's whole run alive until the collector next looked for
        loops (some 870 objects a person at 1,000 rules). Broken when the person is
        explained, so the run is freed as soon as its decision is."""
        self.states = None

    def state(self, name: str):
        """What a rule reading `name` can see of it: settled true or false, else its
        value here with the unknown inputs underneath."""
        if name in self.result.holds:
            return True
        if name in self.result.fails:
            return False
        return self.get(name)

    def get(self, name: str) -> tuple:
        """(value, frozenset of the unknown inputs underneath)."""
        if name in self.result.holds:
            return TRUE, NONE
        if name in self.result.fails:
            return FALSE, NONE
        found = self.cache.get(name)
        if found is None and self.waiting.isdisjoint(self.rs.derivers.get(name, ())):
            found = self.cache[name] = _FALSE
        if found is None:
            if self.depth > DEEP:
                self._below(name)
            # counted without try/finally: a person whose explanation raised is not explained further
            self.depth += 1
            inputs, derived, seen = self.by_fact.get(name, ((), (), None))
            key = (tuple(map(self.read, inputs)), tuple(map(self.states.__getitem__, derived)))
            found = seen.get(key) if seen is not None else None
            if found is None:
                waits: set = set()
                value = FALSE
                for i in self.rs.derivers.get(name, ()):
                    v, _, w = self.evaluators[i](self.result.facts, self)
                    if v is UNKNOWN:
                        value = UNKNOWN
                        waits |= w
                found = (value, frozenset(waits) if waits else NONE)
                if seen is not None:
                    # kept one at a time (kept.Budget), and once: another thread may have kept
                    # it since the lookup, which would count one state twice
                    with self.budget.lock:
                        if key not in seen:
                            self.budget.make_room(seen)
                            seen[key] = found
            self.cache[name] = found
            self.depth -= 1
        return found

    def _below(self, name: str) -> None:
        """Work out, deepest first, the states of the derived facts `name`'s derivers read,
        and theirs: each is then worked out with those below it known, one level deep.
        Worked out only as each is read, each level of a chain of derived facts takes
        Python frames of its own, and a chain of 250 ran out of Python's stack. Only from DEEP
        levels down: the values are the same either way, and above it a shallower rule set
        works out no state it does not read."""
        reads, derivers, states = rule_reads(self.rs), self.rs.derivers, self.states
        order: list[str] = []
        stack = [(name, iter([d for i in derivers.get(name, ()) for d in reads[i][1]]))]
        met = {name}
        while stack:  # depth first, each fact after everything it reads: an order to work them out in
            fact, below = stack[-1]
            d = next(below, None)
            if d is None:
                stack.pop()
                order.append(fact)
            elif d not in met and d not in states:
                met.add(d)
                stack.append((d, iter([e for i in derivers.get(d, ()) for e in reads[i][1]])))
        for fact in order[:-1]:  # `name` itself last, by the caller
            states[fact]


_FALSE = (FALSE, NONE)
DEEP = 16  # levels of derived facts worked out inside one another before `_below` steps in


class Worked(dict):
    """A dict that works out a missing value with `work(key)` and keeps it (`work` set after
    it is made)."""

    __slots__ = ("work",)

    def __missing__(self, key):
        value = self[key] = self.work(key)
        return value
