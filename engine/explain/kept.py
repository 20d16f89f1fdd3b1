"""Why-not's answers kept from person to person (explain/why_not.py uses them).

A rule's three-valued answer, and which part of it failed, is a function of what the
rule reads, told apart only as finely as the rule tells it apart: a number by its region
among the rule's numbers, a set by the members the rule asks about, other facts by their
values, derived facts by their state. So one answer serves every person who reads alike,
and only the values a failure shows are the person's own. Kept apart from the wording of
answers since it changes for another reason: what makes an explanation fast, not what
it says.

A rule's answers are kept along the reads its evaluation made (`Answers`), not by all it
could read: an `all` whose first part fails reads nothing after it, so every person alike
in that one fact shares the answer, whatever the rest of their facts.
"""
from __future__ import annotations

import os
from _thread import RLock  # loaded with Python itself
from bisect import bisect_left

from ..pipeline.model import Cmp, Not, RuleSet, facts_in, kept_with, rule_reads


# answers kept per rule (or derived fact): at most 512, and at most KEPT_IN_ALL over a rule
# set, so a long batch on a large rule set holds some megabytes of them, not hundreds
KEPT_PER_RULE, KEPT_IN_ALL = 512, 32768
_KEPT: dict[int, tuple] = {}  # id(rules) -> (rules, (plan, budget, (shown, by_fact)))


def plan(rs: RuleSet, evaluators: tuple) -> tuple[list, "Budget", tuple]:
    """Per rule: its id, its evaluator, what its input facts are told apart by
    (`kept_by`), the derived facts it reads, and its answers kept so far (`Answers`); the
    budget they share (`Budget`); the facts some rule reads through a coarse key, whose
    failures are worded again; per derived fact, what its state is kept by and the
    states kept so far. Held with the rules they were built from."""
    def build() -> tuple[list, Budget, tuple]:
        plan = []
        for rule, evaluate, (inputs, derived) in zip(rs.rules, evaluators, rule_reads(rs)):
            keys = kept_by(rs, rule, inputs)
            plan.append((rule.id, evaluate, keys, derived, Answers(dict(zip(inputs, keys)))))
        # a derived fact's state, kept by what its derivers read, as a rule's answer is
        by_fact = {name: (tuple(k for i in derivers for k in plan[i][2]),
                          tuple(dict.fromkeys(d for i in derivers for d in plan[i][3])), {})
                   for name, derivers in rs.derivers.items()}
        budget = Budget([seen for *_, seen in plan] + [seen for *_, seen in by_fact.values()])
        shown = frozenset(k[1] for _, _, keys, _, _ in plan for k in keys if type(k) is tuple)
        return plan, budget, (shown, by_fact)
    return kept_with(rs.rules, _KEPT, build)


NOT_KEPT = object()  # what a lookup finds where no answer is kept


class Answers:
    """One rule's kept answers, along the reads that reached them: a tree whose inner
    nodes (`Read`) each read one thing, an input fact through the rule's key for it
    (`keys`, from kept_by) or a derived fact's state, and branch on what they find, and
    whose leaves are answers. Evaluation is deterministic and reads nothing it does not
    need, so the reads made so far say what is read next: one path per answer."""

    __slots__ = ("keys", "root", "count")

    def __init__(self, keys: dict):
        self.keys = keys  # input fact -> what its value is told apart by (kept_by)
        self.root = NOT_KEPT
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def clear(self) -> None:
        self.root, self.count = NOT_KEPT, 0

    def keep(self, reads: list, read, state_of, answer) -> bool:
        """Keep `answer` at the end of the path the evaluation's `reads` took ((name,
        derived?) in the order read; a fact read twice counts once). False, keeping
        nothing, where the path meets what is kept in a way evaluation could not
        have made (it never does; then the answer is simply not kept)."""
        holder, branch, node, done = self, None, self.root, set()
        for name, derived in reads:
            key = name if derived else self.keys[name]
            if (key, derived) in done:
                continue
            done.add((key, derived))
            if node is NOT_KEPT:
                node = Read(key, derived)
                if holder is self:
                    self.root = node
                else:
                    holder.branches[branch] = node
            elif type(node) is not Read or node.key != key or node.derived != derived:
                return False
            holder, branch = node, state_of(name) if derived else read(key)
            node = node.branches.get(branch, NOT_KEPT)
        if node is not NOT_KEPT:
            return False
        if holder is self:
            self.root = answer
        else:
            holder.branches[branch] = answer
        self.count += 1
        return True


class Read:
    """An inner node of Answers: what to read, and the answers (or further reads) by what is found."""

    __slots__ = ("key", "derived", "branches")

    def __init__(self, key, derived: bool):
        self.key, self.derived, self.branches = key, derived, {}


class Reading:
    """A person's facts and derived-fact state as an evaluator reads them (`in` and `[]`
    for input facts, `get` for derived ones), noting each read in order, for Answers.keep."""

    __slots__ = ("facts", "derived", "reads")

    def __init__(self, facts: dict, derived):
        self.facts, self.derived, self.reads = facts, derived, []

    def __contains__(self, name: str) -> bool:
        self.reads.append((name, False))
        return name in self.facts

    def __getitem__(self, name: str):
        self.reads.append((name, False))
        return self.facts[name]

    def get(self, name: str) -> tuple:
        self.reads.append((name, True))
        return self.derived.get(name)


class Budget:
    """The answers kept for one rule set: at most KEPT_PER_RULE for one rule or derived
    fact and KEPT_IN_ALL in all. Shared rather than split evenly, since on a large rule
    set a few rules see many more combinations than the rest; when a limit is reached,
    that rule's answers, or all of them, are forgotten.

    `lock` is held wherever an answer is kept (make_room, then Answers.keep or a derived
    fact's table): threads explaining people of one engine at once keep answers one at a
    time, so the counts are those of the answers held and the limits hold. Looking answers
    up takes no lock: a lookup reads one dict or attribute at a time, each whole, and a
    path being built or a table cleared meanwhile only makes it find nothing and evaluate
    the rule itself. Re-entrant, for an explanation begun on the same thread by a signal
    handler of the program's."""

    __slots__ = ("tables", "used", "lock")

    def __init__(self, tables: list):
        self.tables, self.used, self.lock = tables, 0, RLock()

    def make_room(self, seen: dict) -> None:
        """Before one more answer is kept in `seen`."""
        if len(seen) >= KEPT_PER_RULE:
            self.used -= len(seen)
            seen.clear()
        if self.used >= KEPT_IN_ALL:
            for table in self.tables:
                table.clear()
            self.used = 0
        self.used += 1


def _fresh_locks() -> None:
    """In a forked child, a new lock for every budget: a fork copies only the thread that
    forked, so a lock another thread held while keeping an answer stayed held in the child
    for ever, and its first explanation never returned. What that thread was keeping is
    left as it stood: a path with no answer at its end finds nothing (the rule is evaluated
    and the answer kept there), and the counts are exact again once every table is next
    cleared. A `with` holding the old lock on the forking thread itself lets go of that one."""
    for _, (_, budget, _) in list(_KEPT.values()):
        budget.lock = RLock()


if hasattr(os, "register_at_fork"):  # not where there is no fork (Windows)
    os.register_at_fork(after_in_child=_fresh_locks)


def kept_by(rs: RuleSet, rule, inputs: tuple) -> tuple:
    """What a rule's answer is kept by, per input fact it reads (model.rule_reads).

    Only the values this rule compares a fact with tell its values apart here: a number
    by its region among the rule's numbers (below the first, equal to one, between two,
    above the last), a set by the members the rule asks about that it holds. Every
    comparison of the rule, and so its answer and which part of it failed, is the same
    within one of these; only the value shown as observed differs. Any other fact (an
    enum has a handful of values, each shown as it is) is kept by its value."""
    by_fact: dict[str, list] = {}
    for c in facts_in(rule.when):
        if c.op != "is":
            by_fact.setdefault(c.fact, []).append(c)
    keys = []
    for name in inputs:
        fact, compared = rs.facts[name], by_fact.get(name, [])
        values = [v for c in compared for v in (c.value if isinstance(c.value, tuple) else (c.value,))]
        if fact.type == "set" and all(c.op == "contains" for c in compared):
            keys.append(("members", name, frozenset(values)))
        elif fact.type == "number" and values and all(type(v) in (int, float) for v in values):
            keys.append(("region", name, tuple(sorted(set(values)))))
        else:
            keys.append(name)
    return tuple(keys)


class Classes(dict):
    """One person's facts as answers are kept by (`kept_by`): under each coarse key the
    number's region or the members asked about that the set holds; under its name each
    fact as it is; an unknown fact reads as None. A coarse key is worked out when first
    read: a person's answers are mostly found along a read or two (`Answers`), so most
    keys are never read."""

    __slots__ = ()

    def __missing__(self, key):
        if type(key) is not tuple:  # a fact's name: the fact is unknown
            return None
        kind, name, spec = key
        v = self.get(name)
        if v is None:
            found = None
        elif kind == "region":
            i = bisect_left(spec, v)
            found = 2 * i + 1 if i < len(spec) and spec[i] == v else 2 * i
        else:
            found = spec.intersection(v)
        self[key] = found
        return found


def shows(why, shown: frozenset) -> bool:
    """Whether a failure's words show the value of a fact read through a coarse key."""
    part, observed = why
    if isinstance(part, Cmp):
        return part.fact in shown and part.op != "is"
    if isinstance(part, Not):
        return False
    return any(w is not None and shows(w, shown) for w in observed)


def copy_lists(items: list) -> list:
    """A list of strings, numbers, booleans and lists of them, copied down to its lists."""
    return [copy_lists(v) if type(v) is list else v for v in items]
