"""The one module that touches durable-rules.

pathfit drives durable-rules' C core (`durable_rules_engine`, compiled by pathfit's own build from the
durable-rules source release; docs/engine.md) directly instead of through durable-rules' Python `Host`,
because the Host's defaults are wrong for an auditable advisor:
- Host starts two self-rescheduling timer threads that occasionally run actions off the caller's thread: here
  no thread is ever started, and every action runs synchronously inside `evaluate`.
- Host swallows an exception raised in an action into the session state: here it propagates, after the session
  is abandoned and deleted.
- Host.assert_facts skips queued actions when one fact is unobserved: here a fact's "not handled" result is
  accepted (see _ASSERT_OK) and the action queue always drained.
- Host cannot unregister a ruleset: here `close` deletes it (after its sessions: the one idle session it keeps
  for the next person, and any an interruption left, `_sweep`), and a finalizer does so when the object is
  collected, so many rule-set versions never leak.
- The C core's createStateNode leaves a session's action context (two pointers) uninitialised; deleting a
  session in which no action ever started frees garbage and crashes the process (found here: a person for whom
  no rule fires). Every session therefore carries a sentinel fact that one sentinel rule matches, so at least
  one action starts, and completes, before the state is deleted (tests/test_regressions.py pins it).
- Retracting a fact after the rule it matched has fired made the C core search that rule's deleted result past
  the end of its block (a heap overflow, found while looking for the cause of rare crashes in Python's garbage
  collector). `_put_back` retracts every fact of a person after the run, so pathfit's build patches the core
  (build_tools/durable_core.py, STALE_RESULT; tests/test_core_memcheck.py).
- The C core's JSON tokenizer reads an exponent only after a decimal point: `1e-05` (Python's repr of 0.00001)
  is read as the integer 1. Every float written in exponent form is sent as `1.0e-05` instead (found by
  hypothesis; fact_text.py writes every text the core reads).
- The C core stores a fact under a 32-bit hash of its id and refuses one whose hash it already holds ("already
  observed", code 2), and a batch assert returns only the last non-OK code, so a refused fact followed by an
  unmatched one came back as the harmless "not handled" and the fact was lost without a word. Every fact now
  carries an id from fact_ids.py (checked collision-free at compile time), session ids are chosen so the
  core's own state message cannot collide either, and facts are asserted one call each so every fact's own
  code is read: anything but 0 or 1 raises FactRefused. On the bundled rules one call per fact costs the core
  90 microseconds against a batched call's 81, and with fact texts memoised (FactTexts) a whole evaluation,
  cross-check included, went from 0.36-0.38 ms to 0.32-0.34 ms.
Matching, joins and the agenda all stay inside durable-rules.
"""
from __future__ import annotations

import itertools
import weakref
from types import ModuleType
from typing import Callable, Iterable

from . import durable_rules_engine as _core

from ..errors import PathfitError, fail
from .fact_ids import SENTINEL_ID, STATE_ID_PREFIX, message_hash
from .fact_text import FactTexts, definition_text
from ..later import later  # by_signal_handler, imported when an evaluation fails

_names = itertools.count(1)
# Per-fact result codes (rules.h) taken as success. 0: stored and matched. 1, "not handled": the fact reached
# no join, so the core stored it nowhere. That is harmless here and only here: pathfit compiles no negation or
# absence test into durable-rules (negation is positive refutation facts, compile.py), so a fact no condition
# matches can take part in no match and its absence can make nothing fire; it is e.g. an input whose value no
# rule tests. Were the core ever to mis-report a matching fact as unhandled, the run's cross-check would find
# the rule that should have fired. 2, "already observed", drops the fact: an error. 3, "deferred", means the
# core queued it for later (only with a queue callback, never registered here): also an error.
_ASSERT_OK = (0, 1)
SENTINEL = "$pathfit_sentinel"
_SENTINEL_RULE = {"all": [{"x": {"$and": [{"t": "sentinel"}]}}], "pri": 0}
_SENTINEL_FACT = {"t": "sentinel", "id": SENTINEL_ID}


# The durable-rules release whose C core pathfit's build compiles (the pin in
# pyproject.toml, [tool.pathfit.durable-rules]; tests/test_packaging.py keeps them equal).
DURABLE_VERSION = "2.0.28"


class EngineFault(Exception):
    """An action raised; carries the durable rule name so the caller can name the rule."""

    def __init__(self, rule_name: str, cause: BaseException):
        super().__init__(f"{rule_name}: {cause!r}")
        self.rule_name = rule_name
        self.cause = cause


class FactRefused(Exception):
    """durable-rules did not take an asserted fact; carries the fact and the core's code."""

    def __init__(self, fact: dict, code: int):
        super().__init__(f"fact {fact.get('id')!r} refused with code {code}")
        self.fact = fact
        self.code = code


class DurableRuleset:
    """One registered durable-rules ruleset; `evaluate` runs one person in a session of their own facts, reused
    from one person to the next (see `evaluate`).

    `ids` are every fact id the caller may assert (fact_ids.assign_ids): session ids whose state message
    (`sid-<n>`, stored by the core beside the facts) would share a hash with one of them are skipped. `core` is
    the C core module to drive (the one pathfit builds unless given: the benchmark drives other builds with the
    same calls). `text`: the definition as `ruleset_text` writes it, when the caller has it kept. `id_hashes`:
    those ids' message hashes with the sentinel's, when the caller has them kept (model.Compiled)."""

    def __init__(self, definition: dict, label: str = "pathfit", ids: Iterable[str] = (),
                 core: ModuleType | None = None, text: str | None = None, id_hashes: frozenset | None = None):
        self.name = f"{label}-{next(_names)}"
        self._sids = itertools.count(1)
        self._taken = id_hashes if id_hashes is not None else \
            frozenset(message_hash(mid) for mid in [SENTINEL_ID, *ids])
        self._texts = FactTexts()
        self._module = core
        self._idle: list = []  # at most one clean session, [sid, state offset, tail]
        self._held: dict[str, bool] = {}  # every session the core may hold -> whether an action started in it
        c = core or _core
        odd = next((name for name in definition if '"' in name or "\\" in name), None)
        if odd is not None:  # _rule_of reads names off the core's text unescaped
            raise fail("PF503", f"a compiled rule name holds a quote or backslash: {odd!r}")
        try:
            self._handle = c.create_ruleset(self.name, text if text is not None else ruleset_text(definition))
        except Exception as exc:  # the C core reports failures as bare `error`
            raise fail("PF503", f"durable-rules refused the compiled rule set: {exc}") from None
        self._finalizer = weakref.finalize(self, _release, c, self._handle, self._held, self._texts)

    def evaluate(self, facts: list[dict], on_action: Callable[[str, Callable[[], dict]], list[dict] | None],
                 max_actions: int) -> int:
        """Assert `facts`, run every activation to quiescence, then retract every fact asserted, so the session
        is as it was. `on_action(rule_name, bindings)` returns facts to assert; `bindings()` parses the facts
        the action matched. Every fact must carry its `id` (fact_ids.py). Returns the number of actions run;
        raises FactRefused for a fact the core did not take.

        Why a session is reused: the core allocates its whole network memory for a new session (about 8 KiB per
        node) and frees it at the end; at 1,000 rules that was a quarter of an evaluation. A session goes back
        for the next person only when, after the retractions, the core holds exactly its sentinel fact and has
        no action to start, which is the state of a session just opened (checked every time, never assumed);
        otherwise, or on any error, it is deleted and the next person gets a new one (one an interruption left
        between two calls of the core, before the next person: `_sweep`).
        tests/test_session_reuse.py compares reused and new sessions decision by decision."""
        c = self._module or _core
        handle = self._handle
        if len(self._held) > len(self._idle):  # a session an interruption left: deleted first
            _sweep(c, handle, self._held, self._texts, {s[0] for s in self._idle})
        session = self._idle.pop() if self._idle else self._open(c)
        sid, state, tail = session
        stored: list = []  # texts of the facts the core took, to retract
        active = False  # an action is running now
        try:
            _assert_each(c, handle, facts, tail, self._texts, stored)
            count = 0
            result = c.start_action_for_state(handle, state)
            while result:
                active = True
                rule_name, bindings = _rule_of(result)
                count += 1
                if count > max_actions:
                    raise EngineFault(rule_name, RuntimeError(f"more than {max_actions} firings"))
                try:
                    new = on_action(rule_name, bindings)
                except Exception as exc:  # the stack running out (later.guarded) or a handler's, as itself
                    if isinstance(exc, RecursionError) or later.by_signal_handler(exc):
                        raise
                    raise EngineFault(rule_name, exc) from exc
                _assert_each(c, handle, new or (), tail, self._texts, stored)
                active = False
                result = c.complete_and_start_action(handle, state)
        except BaseException as exc:
            if active:
                c.abandon_action(handle, state)
            c.delete_state(handle, sid)  # safe: the sentinel's action ran when it was opened
            del self._held[sid]
            if isinstance(exc, (EngineFault, FactRefused, PathfitError, RecursionError)) or not isinstance(exc, Exception) \
                    or later.by_signal_handler(exc):  # else the C core's bare `error`
                raise
            raise fail("PF503", f"durable-rules failed during evaluation: {exc}") from None
        self._put_back(c, session, stored)
        return count

    def _open(self, c) -> list:
        """A new session holding the sentinel fact, whose action has run.

        The C core's createStateNode leaves a session's action context uninitialised, and deleting a session in
        which no action ever started frees garbage (module docstring): so the sentinel's action is started and
        completed before anything else is asserted, and any later deletion is safe."""
        sid = self._next_sid()
        self._held[sid] = False  # known before the core makes it, so an interruption cannot lose it
        tail = f',"sid":"{sid}"}}'
        code, state = c.assert_fact(self._handle, self._texts(_SENTINEL_FACT) + tail)
        result = c.start_action_for_state(self._handle, state) if code == 0 else None
        if not result:  # the sentinel rule always matches it; nothing started, nothing to delete
            del self._held[sid]
            raise FactRefused(_SENTINEL_FACT, code) if code else fail("PF503", "durable-rules did not start the sentinel rule")
        self._held[sid] = True
        try:
            if _rule_of(result)[0] != SENTINEL:
                raise RuntimeError("the sentinel rule did not fire first")
            if c.complete_and_start_action(self._handle, state):
                raise RuntimeError("an action other than the sentinel's in a new session")
        except Exception as exc:  # a KeyboardInterrupt, a handler's exception or the stack's goes on as itself (`_sweep`)
            if isinstance(exc, RecursionError) or later.by_signal_handler(exc):
                raise
            c.delete_state(self._handle, sid)
            del self._held[sid]
            raise fail("PF503", f"durable-rules failed opening a session: {exc}") from None
        return [sid, state, tail]

    def _put_back(self, c, session: list, stored: list) -> None:
        """Retract what the person's evaluation asserted; keep the session only if it is then exactly as opened
        (its sentinel alone, nothing to start)."""
        handle, (sid, state, tail) = self._handle, session
        try:
            for text in reversed(stored):
                c.retract_fact(handle, text)
            clean = _only_sentinel(c.get_facts(handle, sid), self._texts(_SENTINEL_FACT) + tail, sid) \
                and not c.start_action_for_state(handle, state)
        except Exception as exc:  # the core raises bare `error` objects; the session is dropped below
            if later.by_signal_handler(exc):  # the program's own, as itself; the session is left to `_sweep`
                raise
            clean = False
        if clean and not self._idle:
            self._idle.append(session)
        else:
            c.delete_state(handle, sid)
            del self._held[sid]

    def _next_sid(self) -> str:
        """The next session id whose state message cannot collide with a fact id."""
        while True:
            sid = str(next(self._sids))
            if message_hash(STATE_ID_PREFIX + sid) not in self._taken:
                return sid

    def close(self) -> None:
        """Free the C ruleset (and its sessions) now rather than at garbage collection."""
        self._finalizer()


def ruleset_text(definition: dict) -> str:
    """The JSON the core registers for `definition`, with the sentinel rule. Written when a rule set is compiled
    and kept with it (model.Compiled.text): encoding a large definition costs more than a cached start-up can
    spare. Compact (no spaces): the core reads the text over several times as it registers the rules, and the
    bundled rules' text registered 9% cheaper so (7.9 M instructions against 8.7 M)."""
    return definition_text(dict(definition, **{SENTINEL: _SENTINEL_RULE}))


def _only_sentinel(stored: str, sentinel_text: str, sid: str) -> bool:
    """Whether the core's list of a session's facts is exactly its sentinel fact. The core writes a stored fact
    back as the text it was asserted with, so that text in brackets is the common answer, recognised without
    importing json (every CLI start would pay for it); any other text is parsed and compared as before."""
    if stored == f"[{sentinel_text}]":
        return True
    import json

    return json.loads(stored) == [dict(_SENTINEL_FACT, sid=sid)]


def _release(c, handle, held: dict, texts: "FactTexts") -> None:
    """Delete every session (the core's ruleset frees none of a session's own memory), then the ruleset, that
    even when a signal's exception cuts the sessions' deletion short (a finalizer runs once)."""
    try:
        _sweep(c, handle, held, texts, ())
    finally:
        c.delete_ruleset(handle)


def _sweep(c, handle, held: dict, texts: "FactTexts", idle) -> None:
    """Delete each session held but `idle`: one a signal's exception (KeyboardInterrupt, a host's alarm) left
    between two calls of the core, where no clean-up ran; at 1,024 such sessions every evaluation was a
    MemoryError. One whose sentinel's action may not have started gets the sentinel again (stored once) and
    the action started first: deleting a session where none ever started frees garbage (module docstring)."""
    for sid, started in list(held.items()):
        if sid in idle:
            continue
        try:
            if not started:
                code, state = c.assert_fact(handle, texts(_SENTINEL_FACT) + f',"sid":"{sid}"}}')
                started = code in (0, 2) and (c.start_action_for_state(handle, state) or True)
            if started:
                c.delete_state(handle, sid)
        except Exception as exc:  # the core's bare `error`: one deleted before its entry here was removed
            if later.by_signal_handler(exc):  # the program's own, as itself; the entry kept for the next sweep
                raise
        del held[sid]


def _rule_of(result) -> tuple[str, Callable[[], dict]]:
    """The durable rule name of a started action, and a function that parses its bindings.

    Why lazily: parsing every action's JSON was a quarter of the floor's time at 1,000 rules, and only a firing
    that is recorded needs its bindings. The core writes the name first, as `{"<name>":` (serializeResult), and
    names are pathfit's own, with no quote or backslash (checked when the ruleset is registered), so it is read
    off the head of the text."""
    text = result[1] if isinstance(result, tuple) else result
    name = text[2:text.index('"', 2)]
    return name, lambda: __import__("json").loads(text)[name]  # json only when read: pathfit's run never reads them


def _assert_each(c, handle, facts, tail: str, texts: "FactTexts", stored: list) -> None:
    """One call per fact, so each fact's own result code is read; the texts of the facts the core took go to
    `stored`, to be retracted."""
    for fact in facts:
        text = texts(fact) + tail
        code, _ = c.assert_fact(handle, text)
        if code not in _ASSERT_OK:
            raise FactRefused(fact, code)
        stored.append(text)
