"""Stage 3, compile: a validated RuleSet -> a durable-rules ruleset definition.

How three-valued logic ("unknown is not false") runs inside durable-rules:
- Every input fact is asserted either known, `{t:i, n, k:1, v}`, or unknown,
  `{t:i, n, k:0}`; a set also asserts one member fact per allowed value,
  `{t:m, n, m, v: true|false}`. A comparison therefore never matches an
  unknown fact, and its negation is a positive test too (`not x = a` becomes
  `x known and x != a`), so conditions are pushed into negation normal form
  and then into disjunctive normal form: each conjunction becomes one
  durable-rules rule of plain joins. durable-rules' own `any`/`$or` are not
  used (measured here: `any` fires once per combination, `$or` crashes the C
  core beyond about 100 rules).
- A derived fact holds, `{t:d, n, v:true}`, when a rule deriving it fires. It
  fails, `{t:d, n, v:false}`, only when every rule that could derive it is
  refuted (its condition is false). The failure closure joins the derivers'
  negated conditions directly (the DNF of their conjunction) when that has at
  most DIRECT_TERMS alternatives; otherwise each deriver gets a refutation rule
  (the DNF of its negated condition) asserting `{t:r, r}`, and the closure
  joins those. Why both: the direct form saves a C-to-Python round trip and a
  fact per deriver, but its alternatives multiply. So negation over derived
  facts is stratified by construction, never by salience, and a rule waiting
  on an unknown fact neither fires nor is refuted.
Capacity limits of the C core, and that no two fact ids collide under its
message hash (fact_ids.py), are checked here, before anything runs.
"""
from __future__ import annotations

from .capacity import check_capacity
from .durable_adapter import ruleset_text
from .fact_ids import assign_ids, check_ids
from ..errors import Collector
from .model import All, Any, Cmp, Compiled, Cond, Not, RuleSet
from .terms import TRUE_TERM, atom_order, dedupe, merge, product
from ..quote import quote, shown_path

MAX_TERMS = 64
DIRECT_TERMS = 8  # see compile_ruleset: at most this many alternatives per direct failure closure
BASE_PRI = 1000  # durable-rules: lower pri fires first; salience s maps to BASE_PRI - s


def compile_ruleset(rs: RuleSet, direct_limit: int = DIRECT_TERMS) -> Compiled:
    """`direct_limit`: the most alternatives a failure closure may have and still join
    its derivers' negated conditions itself (0: always through refutation facts)."""
    out = Collector()
    rules = rs.rules
    derivers = rs.derivers  # who derives what: worked out once, on the rule set

    order = atom_order()  # one for the whole compile: atoms recur from term to term
    leaves: dict = {}  # a comparison's terms, by what it compares and its polarity (see _dnf)
    positive = {idx: _dnf(rule.when, False, rs, out, rule, order, leaves) for idx, rule in enumerate(rules)}
    memo: dict = {}  # rule index -> DNF of its negated condition (see _negated)

    refuted_for: dict = {}  # rule index -> why it must be refuted, as _refutable first asked

    def negated(idx: int, because: tuple | None = None) -> list:
        return _negated(idx, rules, rs, out, memo, order, leaves, refuted_for.setdefault(idx, because))

    refutable = _refutable(positive, negated, derivers, rules)
    bodies: dict = {}  # an atom's repr -> its binding's body, one object however often it is bound
    definition: dict = {}
    actions: dict = {}
    for idx, rule in enumerate(rules):
        pri = BASE_PRI - rule.salience
        for k, term in enumerate(positive[idx]):
            name = f"{idx}.{k}"
            definition[name] = _durable_rule(term, pri, bodies, order)
            actions[name] = ("fire", idx)
    closures, direct = {}, {}
    for fact in sorted(refutable):
        closures[fact] = tuple(derivers.get(fact, []))
        terms = product([negated(i) for i in closures[fact]], direct_limit, order) \
            if closures[fact] and direct_limit > 0 else None
        if terms is not None:
            direct[fact] = terms
    for idx in sorted({i for f in refutable if f not in direct for i in derivers.get(f, [])}):
        for k, term in enumerate(negated(idx)):
            name = f"{idx}!{k}"
            definition[name] = _durable_rule(term, BASE_PRI, bodies, order)
            actions[name] = ("refute", idx)
    for fact in sorted(refutable):
        if fact in direct:
            for k, term in enumerate(direct[fact]):
                name = f"fail:{fact}:{k}"
                definition[name] = _durable_rule(term, BASE_PRI, bodies, order)
                actions[name] = ("fail", fact)
        elif closures[fact]:
            name = f"fail:{fact}"
            definition[name] = {
                "all": [{f"b{j}": {"$and": [{"t": "r"}, {"r": i}]}} for j, i in enumerate(closures[fact])],
                "pri": BASE_PRI,
            }
            actions[name] = ("fail", fact)
    out.raise_if_errors()
    observed = check_capacity(rs, definition, actions)
    ids = assign_ids(rs)
    hashes = check_ids(rs, ids)
    return Compiled(rs, definition, actions, frozenset(refutable), closures, observed, ids, ruleset_text(definition),
                    hashes)


def _negated(idx: int, rules, rs: RuleSet, out: Collector, memo: dict, order=repr,
             leaves: dict | None = None, because: tuple | None = None) -> list[tuple]:
    """The DNF of rule `idx`'s negated condition, worked out once per rule: it is asked
    for when finding the refutable facts, for a direct closure and for a refutation
    rule. A problem found in it (PF210) is reported once, naming `because` (_refutable)."""
    if idx not in memo:
        memo[idx] = _dnf(rules[idx].when, True, rs, out, rules[idx], order, leaves, because)
    return memo[idx]


def _refutable(positive: dict, negated, derivers, rules) -> set:
    """Derived facts whose failure must be established: read negatively, then closed
    over the refutation rules of their derivers (which read their inputs negated).
    Each is kept with the first rule, in rule order, whose test needs it false, handed to
    `negated` as why its derivers must be refuted: a test that cannot be refuted is then
    reported with the rule that needs it refuted, which is what the author may change."""
    need: dict[str, tuple] = {}  # fact -> (fact, the rule needing it false, its test, read refuted)
    for idx, terms in positive.items():
        for term in terms:
            for a in term:
                if a[0] == "d" and not a[2] and a[1] not in need:
                    need[a[1]] = (a[1], rules[idx], _reads_false(rules[idx].when, a[1], False), False)
    todo = list(need)
    for fact in todo:  # grows while it is walked: first in, first out, so the same order every run
        for idx in derivers.get(fact, []):
            for term in negated(idx, need[fact]):
                for atom in term:
                    if atom[0] == "d" and not atom[2] and atom[1] not in need:
                        need[atom[1]] = (atom[1], rules[idx], _reads_false(rules[idx].when, atom[1], True), True)
                        todo.append(atom[1])
    return set(need)


def needed_false(rule, rs: RuleSet, negated: bool = False) -> set[str]:
    """The derived facts some alternative of `rule`'s condition (`negated`: of its negation, what
    refuting it reads) needs false: those _refutable starts from, for lint to ask what a rule's
    absence would leave unrefuted (a problem found on the way is for compiling to report)."""
    return {a[1] for term in _dnf(rule.when, negated, rs, Collector(), rule) for a in term if a[0] == "d" and not a[2]}


def _reads_false(cond: Cond, fact: str, negated: bool) -> Cmp | None:
    """The first comparison in `cond`, taken `negated`, that needs derived `fact` false
    (`is: known` needs it true or false); one exists wherever an atom reads `fact` false."""
    if isinstance(cond, Cmp):
        return cond if cond.fact == fact and (cond.op == "is" or bool(cond.value) == negated) else None
    if isinstance(cond, Not):
        return _reads_false(cond.item, fact, not negated)
    return next((c for c in (_reads_false(item, fact, negated) for item in cond.items) if c is not None), None)


def _undecidable(rule, name: str, test: Cmp, because: tuple | None) -> str:
    """PF210's words for `not ... is known` on derived fact `name`. Written so in `rule`, the
    test is the thing to change (to equals false). Reached in refuting `rule`, the test is
    fine where it stands: what makes the refutation needed is another rule's test of the
    fact `rule` derives, so that rule is named, by line in the same file, else file:line:col."""
    head = f"rule {quote(rule.id)}: 'not ... is known' on derived fact {quote(name)} cannot be decided"
    if because is None:
        return head + "; test equals false instead"
    fact, reader, read, refuted = because
    at = read.pos if read is not None else reader.pos
    place = f"line {at.line}" if at.file == test.pos.file else f"{shown_path(at.file)}:{at.line}:{at.col}"
    return (f"{head}, and {'refuting ' if refuted else ''}rule {quote(reader.id)} ({place}) needs {quote(fact)} false, "
            f"so {quote(rule.id)} must be refuted; derive {quote(fact)} without `is: known`, or test {quote(fact)} another "
            f"way in {quote(reader.id)}")


def _durable_rule(term: tuple, pri: int, bodies: dict | None = None, order=repr) -> dict:
    """`bodies` (atom repr -> body) lets every binding of equal atoms share one body: at
    1,000 rules 5,000 bindings have 700 distinct bodies. Kept by repr, which tells 1, 1.0
    and True apart as the JSON does; nothing changes a definition once compiled, and
    capacity.check_capacity walks a shared body once."""
    bindings = []
    for j, atom in enumerate(term):
        key = order(atom) if bodies is not None else None
        body = bodies.get(key) if key is not None else None
        if body is None:
            if atom[0] == "i":
                tests = [{"t": "i"}, {"n": atom[1]}] + [_test(op, v) for op, v in atom[2]]
            elif atom[0] == "m":
                tests = [{"t": "m"}, {"n": atom[1]}, {"m": atom[2]}, {"v": atom[3]}]
            else:
                tests = [{"t": "d"}, {"n": atom[1]}, {"v": atom[2]}]
            body = {"$and": tests}
            if key is not None:
                bodies[key] = body
        bindings.append({f"a{j}": body})
    return {"all": bindings, "pri": pri}


def _test(op: str, value) -> dict:
    if op in ("k", "v"):
        return {op: value}
    return {op: {"v": value}}


# -- negation normal form, then disjunctive normal form --------------------------

def _dnf(cond: Cond, negated: bool, rs: RuleSet, out: Collector, rule, order=repr,
         leaves: dict | None = None, because: tuple | None = None) -> list[tuple]:
    """-> list of conjunctions (sorted tuples of atoms); [] means never true.
    `order` is the sort key of an atom: its repr (atom_order keeps each atom's).

    `leaves` keeps a comparison's terms by what it compares (fact, operator, the
    value and its type) and its polarity: at 1,000 rules 3,100 comparisons, each
    taken both ways, compare 660 distinct things. Its terms are the same wherever
    it stands (only a reported problem names the rule, and those are not kept), and
    equal atoms are then one object, whose sort key atom_order keeps once. A value
    kept by equality is a plain string, int, bool or float other than zero (0.0 and
    -0.0 are equal with different reprs; _num writes both as 0 anyway)."""
    if cond.__class__ is not Cmp:  # a comparison, most conditions, is none of these
        if isinstance(cond, Not):
            return _dnf(cond.item, not negated, rs, out, rule, order, leaves, because)
        if isinstance(cond, (All, Any)):
            conjunctive = isinstance(cond, All) != negated
            parts = [_dnf(item, negated, rs, out, rule, order, leaves, because) for item in cond.items]
            if not conjunctive:
                return dedupe([t for p in parts for t in p])
            result = [TRUE_TERM]
            for p in parts:
                # dedupe drops the merges that contradict themselves (None)
                result = dedupe([merge(a, b, order) for a in result for b in p])
                if len(result) > MAX_TERMS:
                    out.add("PF215", f"rule {quote(rule.id)}: condition expands to more than {MAX_TERMS} alternatives; "
                            "split the rule or derive an intermediate fact", rule.pos)
                    return []
            return result
    value = cond.value
    key = (cond.fact, cond.op, value.__class__, value, negated) \
        if leaves is not None and value.__class__ in _KEPT and (value or value.__class__ is not float) else None
    if key is not None:
        terms = leaves.get(key)
        if terms is not None:
            return list(terms)
    reported = len(out.problems)
    # a term of one atom needs no sort: _atoms writes every term so
    terms = [(t[0],) if len(t) == 1 else tuple(sorted(set(t), key=order))
             for t in _atoms(cond, negated, rs, out, rule, because)]
    if key is not None and len(out.problems) == reported:
        leaves[key] = terms
        return list(terms)
    return terms


_KEPT = frozenset((str, int, bool, float))  # the values _dnf keeps a comparison's terms by


def _atoms(c: Cmp, neg: bool, rs: RuleSet, out: Collector, rule, because: tuple | None = None) -> list[list]:
    """A comparison (possibly negated) as a disjunction of conjunctions of atoms; `because`:
    why `rule` is being refuted, when it is (_refutable)."""
    fact = rs.facts[c.fact]
    n = c.fact
    if fact.kind == "derived":
        if c.op == "is":
            if neg:
                out.add("PF210", _undecidable(rule, n, c, because), c.pos)
                return []
            return [[("d", n, True)], [("d", n, False)]]
        return [[("d", n, bool(c.value) != neg)]]
    if c.op == "is":
        known = (c.value == "known") != neg
        return [[("i", n, (("k", 1 if known else 0),))]]
    if fact.type == "set":
        return [[("m", n, c.value, not neg)]]
    if c.op == "equals":
        v = _num(c.value)
        return [[("i", n, (("k", 1), ("$neq", v) if neg else ("v", v)))]]
    if c.op in ("one_of", "not_one_of"):
        inside = (c.op == "one_of") != neg
        if inside:
            return [[("i", n, (("k", 1), ("v", v)))] for v in c.value]
        return [[("i", n, (("k", 1),) + tuple(("$neq", v) for v in c.value))]]
    flip = {"lt": "$gte", "lte": "$gt", "gt": "$lte", "gte": "$lt"}
    op = flip[c.op] if neg else "$" + c.op
    return [[("i", n, (("k", 1), (op, _num(c.value))))]]


def _num(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
