"""The floor: pathfit's compiled rules driven straight into a durable-rules C core.

The same calls pathfit's adapter makes (one assert per fact, each with its id
and its result code read, then the action loop), with actions that only assert what the compiled rule set
says to assert: no firing record, no decision, no trace. pathfit's own cost
is its time over this one's. Any module with the C core's functions can be
driven, so the same rules also measure pathfit's optimised build of the core
against durable-rules' own (unoptimised) build, when that is installed.
"""
from __future__ import annotations

import json
from types import ModuleType

from pathfit.engine.pipeline.durable_adapter import SENTINEL, _SENTINEL_FACT, _SENTINEL_RULE, FactTexts, dumps
from pathfit.engine.pipeline.model import Compiled
from pathfit.engine.pipeline.run import encode


class CoreRunner:
    """One registered ruleset on `core`; `run` evaluates one person in a fresh session."""

    def __init__(self, compiled: Compiled, core: ModuleType, name: str = "floor"):
        self.compiled, self.core = compiled, core
        self.handle = core.create_ruleset(name, dumps(dict(compiled.definition, **{SENTINEL: _SENTINEL_RULE})))
        self.failed = sorted(f for f, r in compiled.fail_closures.items() if not r)
        self.sid = 0
        self.texts = FactTexts()

    def run(self, facts: dict) -> frozenset:
        """The rule ids that fired, so callers can check agreement."""
        core, handle, compiled = self.core, self.handle, self.compiled
        rules = compiled.ruleset.rules
        self.sid += 1
        sid = str(self.sid)
        tail = f',"sid":"{sid}"}}'
        state = self._assert(_SENTINEL_FACT, tail)
        for fact in encode(compiled, facts, self.failed):
            self._assert(fact, tail)
        ids = compiled.fact_ids
        fired, holds, done = set(), set(), set()  # done: (kind, ref) already acted on
        result = core.start_action_for_state(handle, state)
        while result:
            (name, _), = json.loads(result[1] if isinstance(result, tuple) else result).items()
            new = []
            action = None if name == SENTINEL else compiled.actions[name]
            if action is not None and action not in done:  # several alternatives, one action
                done.add(action)
                kind, ref = action
                if kind == "fire":
                    fired.add(ref)
                    for fact in rules[ref].then.derive:
                        if fact not in holds and ("d", fact) in compiled.observed:
                            holds.add(fact)
                            new.append({"t": "d", "n": fact, "v": True, "id": ids[("d", fact)]})
                elif kind == "refute":
                    new.append({"t": "r", "r": ref, "id": ids[("r", ref)]})
                else:
                    new.append({"t": "d", "n": ref, "v": False, "id": ids[("d", ref)]})
            for fact in new:
                self._assert(fact, tail)
            result = core.complete_and_start_action(handle, state)
        core.delete_state(handle, sid)
        return frozenset(rules[i].id for i in fired)

    def _assert(self, fact: dict, tail: str) -> int:
        code, state = self.core.assert_fact(self.handle, self.texts(fact) + tail)
        if code not in (0, 1):
            raise RuntimeError(f"the core refused {fact!r} with code {code}")
        return state

    def close(self) -> None:
        self.core.delete_ruleset(self.handle)
