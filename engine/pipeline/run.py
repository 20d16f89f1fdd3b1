"""Stage 4, run: one person's facts through durable-rules, recording every firing.

The actions durable-rules calls do bookkeeping only: record the firing with
the facts it matched, apply the rule's effects, and hand back the derived
facts to assert. They never test a condition; all matching happens in
durable-rules. A rule whose condition expands to several alternatives fires
once: a later alternative is counted, not applied twice. Every fact is
asserted with its id from the compiled rule set (fact_ids.py), and every run
ends with the cross-check (cross_check.py) before its result is returned.
"""
from __future__ import annotations

import os
from threading import Lock, RLock, get_ident
from weakref import WeakSet

from .cross_check import CrossCheck
from .firings import Firing, Matched, RunResult, Settled, effect, firing_shape
from .durable_adapter import DurableRuleset, EngineFault, FactRefused
from .encode import Encoder
from ..errors import PathfitError, Pos, fail
from .model import Compiled


class Runner:
    """A compiled rule set bound to its durable-rules ruleset."""

    def __init__(self, compiled: Compiled):
        self.compiled = compiled
        self.engine = DurableRuleset(compiled.definition, label=f"pathfit-{compiled.ruleset.digest[:12]}",
                                     ids=compiled.fact_ids.values(), text=compiled.text, id_hashes=compiled.id_hashes)
        self.check = CrossCheck(compiled)
        self._max_actions = len(compiled.definition) + 16  # each durable rule fires at most once per session
        self._no_derivers = sorted(f for f, rules in compiled.fail_closures.items() if not rules)
        self._matches = match_specs(compiled)  # durable rule -> (specs, the firing's shape, its nested keys)
        self._encoder = Encoder(compiled)
        rules = compiled.ruleset.rules
        self._ids = tuple(rule.id for rule in rules)
        # per rule, a firing's fields after (step, rule, matched): joined to them, not looked up, per firing
        self._effects = tuple(map(effect, rules))
        # the rules setting a value of a valued derived fact, found from the derived facts' keys
        # (`pace=fast`: a few dozen, where the rules are hundreds): only their firings can set two
        derivers = compiled.ruleset.derivers
        self._valued = frozenset(rules[i].id for key in derivers if "=" in key for i in derivers[key])
        # held while durable-rules runs a person and while closing: close() from another thread waits
        # for the run under way, since it frees the C ruleset that run is using. Re-entrant for one
        # caller only, a fork (below); evaluate and close on the holding thread are PF508 before it
        self._lock = RLock()
        # the threads between asking for the lock and letting it go: one of them asking again (a signal
        # handler of its own evaluating) would wait on itself for ever. Joined before the lock is
        # asked for and left after it is let go, so no instant of holding it is outside the set
        self._inside: set[int] = set()
        self.closed = False
        with _JOINING:
            _LIVE.add(self)

    def close(self) -> None:
        """Free the C ruleset; every later run is PF506 (`closed_error`), never the core's bare
        error on a freed ruleset. Called on a thread inside an evaluation of this engine (a signal
        handler of the program's), it is PF508: waiting for that evaluation would wait for ever."""
        if get_ident() in self._inside:
            raise reentered_error("close")
        with self._lock:
            self.closed = True
            self.engine.close()

    def run(self, facts: dict) -> RunResult:
        compiled, rules, ids, effects = self.compiled, self.compiled.ruleset.rules, self._ids, self._effects
        actions, closures, matches, encoder = compiled.actions, compiled.fail_closures, self._matches, self._encoder
        result = RunResult(dict(facts))
        firings, holds, fails, refuted_ids = result.firings, result.holds, result.fails, result.refuted
        fired_idx: set[int] = set()
        refuted_idx: set[int] = set()
        step = [0]
        for fact in self._no_derivers:
            fails.add(fact)
            step[0] += 1
            result.settled.append(Settled(step[0], fact, ()))
        made = tuple.__new__  # a Firing from its fields, as Firing(...) makes it, without a Python call

        def on_action(name: str, bindings):  # bindings unread: match_specs says what matched
            kind, ref = actions[name]
            if kind == "fire":
                if ref in fired_idx:
                    return None
                if ref in refuted_idx:
                    raise RuntimeError(f"rule {ids[ref]} fired after it was refuted")
                fired_idx.add(ref)
                step[0] += 1
                effect = effects[ref]
                firings.append(made(Firing, (step[0], ids[ref], Matched(matches[name], facts)) + effect))
                new = []
                for fact in effect[0]:  # the rule's derived facts
                    if fact not in holds:
                        holds.add(fact)
                        if fact in encoder.holds:  # read by a rule or a refutation
                            new.append(encoder.holds[fact])
                return new
            if kind == "refute":
                if ref in refuted_idx:
                    return None
                if ref in fired_idx:
                    raise RuntimeError(f"rule {ids[ref]} refuted after it fired")
                refuted_idx.add(ref)
                refuted_ids.add(ids[ref])
                return [encoder.refuted[ref]]
            if ref in fails:  # a closure with several alternatives fails the fact once
                return None
            if ref in holds:
                raise RuntimeError(f"derived fact {ref} both holds and fails")
            fails.add(ref)
            derivers = closures[ref]  # every deriver is refuted when its closure fires
            if not fired_idx.isdisjoint(derivers):
                raise RuntimeError(f"rule {ids[next(i for i in derivers if i in fired_idx)]} fired, yet {ref} failed")
            refuted_idx.update(derivers)
            refuted_ids.update(map(ids.__getitem__, derivers))
            step[0] += 1
            result.settled.append(Settled(step[0], ref, tuple(map(ids.__getitem__, derivers))))
            return [encoder.fails[ref]]

        me, inside = get_ident(), self._inside
        try:
            if me in inside:
                raise reentered_error()
            try:  # noted inside the try: a handler's exception raised as the call returns still forgets it
                inside.add(me)
                with self._lock:
                    if self.closed:
                        raise closed_error()
                    result.actions = self.engine.evaluate(encoder.person(facts, self._no_derivers), on_action,
                                                          self._max_actions)
            finally:
                inside.discard(me)
        except EngineFault as exc:
            kind, ref = compiled.actions.get(exc.rule_name, ("?", None))
            who = f"rule {rules[ref].id!r}" if kind in ("fire", "refute") else f"closure of {ref!r}"
            code = "PF502" if "firings" in str(exc.cause) else "PF501"
            raise fail(code, f"{who}: {exc.cause}", rules[ref].pos if kind in ("fire", "refute") else None) from None
        except FactRefused as exc:
            what, pos = _describe(compiled, exc.fact)
            if exc.code == 2:
                raise fail("PF504", f"durable-rules dropped {what} as already observed (id {exc.fact['id']!r})",
                           pos) from None
            raise fail("PF503", f"durable-rules did not take {what} (code {exc.code})", pos) from None
        result.waiting = self.check.check(result.facts, result.holds, result.fails, fired_idx, refuted_idx)
        if self._valued:
            _one_value_each(result, compiled.ruleset, self._valued)
        return result


# Every live runner, for a fork: a fork copies only the thread that forks, so a runner's lock
# held by another thread inside durable-rules stayed held in the child for ever, and the C
# ruleset the child copied was half way through that thread's person. Before a fork the process
# takes every live runner's lock, waiting for the runs under way (as close() does), and both
# sides let go of them after it. A runner joins the set under _JOINING, which a forking thread
# holds from before the fork until after it: a runner added while the set was read made its
# iteration raise, and the fork went ahead with no lock taken; and one forking thread at a time
# takes the runners' locks, so two cannot each hold what the other waits for. The child forgets
# every thread but its own that was noted inside an evaluation (`_inside`: one waiting for the lock
# at the fork): that thread is gone, and a new thread of the child's is often given its identity,
# which made every evaluation that thread asked for PF508. A fork from a signal handler on a thread
# running a person takes that thread's lock again (it is re-entrant): waiting for the run it had
# interrupted hung the fork for ever; both processes go on with that run once the handler returns.
_LIVE: WeakSet = WeakSet()
_JOINING = Lock()
_HELD: dict[int, list] = {}  # forking thread -> the runners whose locks it holds across the fork


def _before_fork() -> None:
    _JOINING.acquire()
    held = _HELD[get_ident()] = []  # only the locks taken: an interrupted wait leaves the others alone
    for runner in list(_LIVE):
        runner._lock.acquire()
        held.append(runner)


def _after_fork(child: bool = False) -> None:
    held = _HELD.pop(get_ident(), None)
    if held is None:  # the hook before the fork was interrupted before it took _JOINING
        return
    for runner in held:
        if child:
            runner._inside.intersection_update((get_ident(),))
        runner._lock.release()
    _JOINING.release()


if hasattr(os, "register_at_fork"):  # not where there is no fork (Windows)
    os.register_at_fork(before=_before_fork, after_in_parent=_after_fork, after_in_child=lambda: _after_fork(True))


def reentered_error(call: str = "evaluate") -> PathfitError:
    """An evaluation begun, or the engine closed, on the thread already running this engine's person
    (from a signal handler of the program's, say): waiting for the engine would wait on itself for ever."""
    then = "load the rule set again for a second engine" if call == "evaluate" else \
        "close it once that evaluation has returned"
    return fail("PF508", f"this engine is deciding a person on this thread already ({call} was called from "
                         f"inside an evaluation, e.g. by a signal handler): {then}")


def closed_error() -> PathfitError:
    """Using an engine after close(): what happened and what to do, with a code of its own."""
    return fail("PF506", "this engine was closed (Engine.close); load the rule set again to evaluate")


def _one_value_each(result: RunResult, ruleset, valued: frozenset) -> None:
    """A valued derived fact set to two values for one person is a located fault (PF231),
    never a silent choice. Named by value and rule id, so the message never depends on
    firing order; located at the first rule (by id) setting the second value. `valued`:
    the ids of the rules that set such values, whose firings alone are looked at."""
    setters: dict[str, dict[str, list]] = {}
    for firing in (f for f in result.firings if f.rule in valued):
        for name in firing.derived:
            if "=" in name:
                fact, value = name.split("=", 1)
                setters.setdefault(fact, {}).setdefault(value, []).append(firing.rule)
    for fact, values in sorted(setters.items()):
        if len(values) > 1:
            shown = [(v, min(ids)) for v, ids in sorted(values.items())]
            words = " and ".join(f"{v} (rule {rid!r})" for v, rid in shown)
            raise fail("PF231", f"derived fact {fact!r} was set to {len(shown)} values for this person: {words}; "
                       "its values exclude each other", ruleset.rule(shown[1][1]).pos)


def _describe(compiled: Compiled, fact: dict) -> tuple[str, Pos | None]:
    """A fact durable-rules refused, named for the error message and located."""
    rs = compiled.ruleset
    kind = fact.get("t")
    if kind == "r":
        rule = rs.rules[fact["r"]]
        return f"the refutation of rule {rule.id!r}", rule.pos
    if kind in ("i", "m", "d") and fact.get("n") in rs.facts:
        from ..quote import quote  # only for this message: a decision never loads it

        name = fact["n"]
        what = {"i": f"input fact {name!r}", "m": f"member {quote(fact.get('m'))} of {name!r}",
                "d": f"derived fact {name!r} = {str(fact.get('v')).lower()}"}[kind]
        return what, rs.facts[name].pos
    return "the sentinel fact", None


def match_specs(compiled: Compiled) -> dict:
    """Per durable rule that fires a rule: what each of its bindings matches, in binding
    order (`_spec`), with the firing's dict as a trace writes it (`firing_shape`).

    Why from the compiled rule and not from the bindings the core hands back: an
    alternative's bindings are exactly the facts its atoms name, asserted from the
    person's facts (encode.Encoder), so the core's text need not be parsed, which cost
    more than the rest of a firing's bookkeeping. tests/test_matched.py compares
    the two on every firing of many people.

    Worked out for a durable rule when it first fires and kept (MatchSpecs): a one-shot
    command fires a few dozen of them, and working out all of a rule set's on loading
    cost about 0.9 M instructions of every `pathfit recommend`."""
    return MatchSpecs(compiled)


class MatchSpecs(dict):
    """match_specs' mapping: durable rule name -> (its specs, its rule's firing shape and
    nested keys), each made on first use."""

    def __init__(self, compiled: Compiled):
        super().__init__()
        self._compiled = compiled
        self._shapes: dict[int, tuple] = {}  # rule index -> firing_shape: a rule's alternatives share it
        self._types = {f.name: f.type for f in compiled.ruleset.facts.values()}
        self._kept: dict[int, tuple] = {}  # a body's id -> its spec: compile shares equal bodies, the definition holds them

    def __missing__(self, name: str) -> tuple:
        kind, ref = self._compiled.actions[name]
        if kind != "fire":
            raise KeyError(name)
        specs = []
        for binding in self._compiled.definition[name]["all"]:
            (body,) = binding.values()
            spec = self._kept.get(id(body))
            if spec is None:
                spec = self._kept[id(body)] = _spec(body["$and"], self._types)
            specs.append(spec)
        shape = self._shapes.get(ref)
        if shape is None:
            rule = self._compiled.ruleset.rules[ref]
            shape = self._shapes[ref] = firing_shape(rule.id, effect(rule))
        made = self[name] = (tuple(specs), *shape)
        return made


def _spec(tests: list, types: dict) -> str | dict:
    """A binding's matched fact: the fact's name where the person's value is shown (an
    input fact with a value), else the whole entry, which no person changes (copied
    when written out)."""
    t, fact = tests[0]["t"], tests[1]["n"]
    if t == "i":  # an input fact: unknown; a set, known (its members are other facts); else its value
        if {"k": 0} in tests:
            return {"fact": fact, "known": False}
        return {"fact": fact, "known": True} if types[fact] == "set" else fact
    if t == "m":
        return {"fact": fact, "member": tests[2]["m"], "value": tests[3]["v"]}
    return {"fact": fact, "value": tests[2]["v"]}
