"""Terms, the conjunctions compile's disjunctive normal form is made of, and their algebra:
an atom's sort key, the conjunction of two terms (None where they contradict), the
conjunction of several DNFs under a size limit, and a DNF's terms without repeats.

Apart from compile.py: it changes with how terms are represented and merged, compile with
how the rule language maps onto durable-rules' joins.
"""
from __future__ import annotations

# An atom is a hashable tuple:
#   ("i", name, tests)          input fact; tests = ((op, value), ...) on the fact dict
#   ("m", name, member, bool)   set member fact
#   ("d", name, bool)           derived fact holds / fails
TRUE_TERM: tuple = ()


def atom_order():
    """An atom's sort key, its repr, worked out once per atom object: merging two terms
    sorts atoms that earlier merges sorted already, and at 1,000 rules the reprs were a
    fifth of compiling. Kept by identity, never by equality: 1, 1.0 and True are equal
    atoms' parts with different reprs. The memo holds each atom, so no id is reused
    while it is kept."""
    memo: dict = {}

    def key(atom: tuple) -> str:
        hit = memo.get(id(atom))
        if hit is None:
            hit = memo[id(atom)] = (atom, repr(atom))
        return hit[1]

    return key


def product(alternatives: list[list], limit: int, order=repr) -> list | None:
    """The conjunction of the derivers' negated conditions, as one DNF: every rule
    that could derive the fact is refuted exactly when one of these terms matches.
    None when it would have more than `limit` alternatives (the refutation facts
    then carry the closure: one action per refuted deriver, one for the closure)."""
    result = [TRUE_TERM]
    for terms in alternatives:
        result = dedupe([merge(a, b, order) for a in result for b in terms])
        if len(result) > limit:
            return None
    return result


def merge(a: tuple, b: tuple, order=repr):
    """Conjunction of two terms, with atoms on one input fact merged into one
    binding; None when the two contradict each other.

    Every term compile makes is already merged (one atom per fact binding) and sorted by
    `order`, so a term merged with the empty term, TRUE_TERM, is itself: each conjunction
    of the DNF starts from TRUE_TERM, and that first merge is most merges."""
    if not a:
        return b
    if not b:
        return a
    by_key: dict = {}
    for atom in a + b:
        key = atom[:2] if atom[0] == "i" else atom[:-1]
        if atom[0] == "i" and key in by_key:
            tests = tuple(sorted(set(by_key[key][2]) | set(atom[2]), key=_test_order))
            if _contradicts(tests):
                return None
            by_key[key] = ("i", atom[1], tests)
        elif key in by_key and by_key[key] != atom:
            return None  # member or derived fact both true and false
        else:
            by_key[key] = atom
    return tuple(sorted(by_key.values(), key=order))


def _test_order(test: tuple) -> tuple:
    """`k` (known) first, so every comparison on a fact shares that alpha node."""
    return (test[0] != "k", repr(test))


def _contradicts(tests: tuple) -> bool:
    ks = {v for op, v in tests if op == "k"}
    eqs = {repr(v) for op, v in tests if op == "v"}
    neqs = {repr(v) for op, v in tests if op == "$neq"}
    return len(ks) > 1 or len(eqs) > 1 or bool(eqs & neqs) or (0 in ks and len(tests) > 1)


def dedupe(terms: list) -> list:
    seen, result = set(), []
    for t in terms:
        if t is not None and t not in seen:
            seen.add(t)
            result.append(t)
    return result
