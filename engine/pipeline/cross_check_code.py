"""The cross-check's conditions as one Python function, for a long run.

`cross_check.condition` makes each condition a tree of closures: cheap to build, one
Python call per comparison and per `all`/`any`/`not` to evaluate. After a rule set has
checked many people (CrossCheck.check, `COMPILE_AFTER`), this module writes every
rule's condition into one function that evaluates them all in a single frame, each
input fact read once: about a third of the closures' time, for a build costing
about as much as a few hundred evaluations (measured in bench/run.py). A comparison
that several conditions make (the same fact, operator and value) is worked out once,
before the conditions, and read by name: large rule sets repeat their tests (1,000
generated rules make 3,093 comparisons, 660 of them different), and that took a
quarter off the function's time there. A comparison made once stays in its condition,
where an `all` or `any` decided before it never works it out.

Nothing a rule file contains becomes program text. The text written here is made
only of this module's own words, names it numbers itself (`x3`, `d0`, `t17`) and
whole numbers; every fact name and every value a rule compares with is an object
in the tuple `K`, read by its index (`K[5]`). `program_text` returns that text,
and tests/test_cross_check_code.py checks it holds nothing else, whatever the rule
files hold. The function runs with no builtins.

The Kleene logic is the closures', written out: a comparison on an unknown fact is
unknown; an `all` is false at its first false part (later parts are not evaluated),
else unknown if a part is, else true; `any` the same with true and false swapped;
`not` swaps true and false and keeps unknown.
"""
from __future__ import annotations

from collections import Counter
from typing import Callable

from .model import All, Cmp, Cond, Not, RuleSet, facts_in

# comparison -> the test on the fact's value {v} and the rule's value {c}
_TESTS = {"equals": "{v} == {c}", "lt": "{v} < {c}", "lte": "{v} <= {c}", "gt": "{v} > {c}", "gte": "{v} >= {c}",
          "one_of": "{v} in {c}", "not_one_of": "{v} not in {c}", "contains": "{c} in {v}"}


class _Writer:
    """Writes one rule set's conditions as expressions over numbered names."""

    def __init__(self, rs: RuleSet):
        self.rs = rs
        self.constants: list = []
        self._index: dict = {}  # (type, value) -> index in constants, for hashable values
        self.reads: list[str] = []  # `x0 = get(K[3])` lines: each fact read once
        self._names: dict[str, str] = {}  # fact -> its local name
        self._temps = 0
        self.shared: list[str] = []  # `c0 = (None if x1 is None else x1 == K[4])` lines: comparisons made once
        self._shared: dict[tuple, str] = {}  # a comparison's key -> its local name
        self._shared_names: set[str] = set()
        self._uses = Counter(self._key(c) for rule in rs.rules for c in facts_in(rule.when))

    def constant(self, value: object) -> str:
        try:
            key = (type(value), value)
            found = self._index.get(key)
        except TypeError:  # an unhashable value: a place of its own
            key, found = None, None
        if found is None:
            found = len(self.constants)
            self.constants.append(value)
            if key is not None:
                self._index[key] = found
        return f"K[{found}]"

    def fact(self, name: str, derived: bool) -> str:
        local = self._names.get(name)
        if local is None:
            local = self._names[name] = f"{'d' if derived else 'x'}{len(self._names)}"
            self.reads.append(f"    {local} = {'dget' if derived else 'get'}({self.constant(name)})")
        return local

    def temp(self) -> str:
        self._temps += 1
        return f"t{self._temps}"

    def _key(self, c: Cmp) -> tuple:
        """Comparisons alike exactly when their fact, operator and value are (the value as
        `constant` tells values apart)."""
        return c.fact, c.op, self.constant(c.value)

    def write(self, cond: Cond) -> str:
        if isinstance(cond, Cmp):
            return self._comparison(cond)
        if isinstance(cond, Not):
            test, t = self._held(self.write(cond.item))
            return f"(None if {test} is None else not {t})"
        decisive, other = ("False", "True") if isinstance(cond, All) else ("True", "False")
        if not cond.items:  # an empty `all` holds, an empty `any` does not, as in the closures
            return other
        tests, temps = zip(*(self._held(self.write(item)) for item in cond.items))
        first = " or ".join(f"{test} is {decisive}" for test in tests)
        unknown = " or ".join(f"{t} is None" for t in temps)
        return f"({decisive} if ({first}) else (None if ({unknown}) else {other}))"

    def _held(self, written: str) -> tuple[str, str]:
        """(the expression that works `written` out and holds it, the name that holds it):
        a shared comparison is a name already."""
        if written in self._shared_names:
            return written, written
        t = self.temp()
        return f"({t} := {written})", t

    def _comparison(self, c: Cmp) -> str:
        key = self._key(c)
        if self._uses[key] == 1:
            return self._written(c)
        name = self._shared.get(key)
        if name is None:
            name = self._shared[key] = f"c{len(self._shared)}"
            self._shared_names.add(name)
            self.shared.append(f"    {name} = {self._written(c)}")
        return name

    def _written(self, c: Cmp) -> str:
        if self.rs.facts[c.fact].kind == "derived":
            d = self.fact(c.fact, derived=True)
            if c.op == "is":  # only `is: known` is valid on a derived fact
                return f"(None if {d} is None else True)"
            return f"(None if {d} is None else {d} == {self.constant(c.value)})"
        x = self.fact(c.fact, derived=False)
        if c.op == "is":  # an unknown fact is absent, so read as None; a known value never is None
            return f"({x} is {'not ' if c.value == 'known' else ''}None)"
        test = _TESTS[c.op].format(v=x, c=self.constant(c.value))
        return f"(None if {x} is None else {test})"


def program_text(rs: RuleSet) -> tuple[str, tuple]:
    """(the text of `make(K)`, which returns the function, and K)."""
    w = _Writer(rs)
    values = [f"        {w.write(rule.when)}," for rule in rs.rules]
    lines = ["def make(K):", "  def values(facts, derived):", "    get = facts.get", "    dget = derived.get",
             *w.reads, *w.shared, "    return [", *values, "    ]", "  return values", ""]
    return "\n".join(lines), tuple(w.constants)


def compiled_values(rs: RuleSet) -> Callable[[dict, dict], list] | None:
    """`values(facts, derived)`: every rule's condition in rule order, True, False or None
    (unknown), as the closures give them. None when Python cannot compile the text (a
    condition nested deeper than its parser allows): the closures go on serving."""
    try:
        text, constants = program_text(rs)
        code = compile(text, "<pathfit cross-check>", "exec")
    except (SyntaxError, RecursionError, MemoryError):
        return None
    space: dict = {"__builtins__": {}}
    exec(code, space)
    return space["make"](constants)
