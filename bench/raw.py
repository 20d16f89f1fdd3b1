"""The baseline: the same rule base run by durable-rules' own Python API, as a
careful hand-writer would: a dict ruleset registered on a Host (with its timer
threads off), one session per person, facts asserted one by one, actions that
only assert the derived facts, then delete_state. No validation, no trace, no
decision. pathfit's own overhead is its time divided by this one's.

The dict ruleset is the one pathfit compiles (three-valued conditions in DNF,
refutation and closure rules, the sentinel rule that keeps durable-rules from
freeing an uninitialised pointer), so both give identical answers.
"""
from __future__ import annotations

import durable.engine as de

from engine.model import Compiled
from engine.durable_adapter import SENTINEL, _SENTINEL_FACT, _SENTINEL_RULE
from engine.run import encode


class QuietHost(de.Host):
    """durable-rules' Host without its two self-rescheduling timer threads."""

    def _run(self) -> None:
        return None


class RawRunner:
    def __init__(self, compiled: Compiled, name: str = "raw"):
        self.compiled = compiled
        self.name = name
        rules = compiled.ruleset.rules
        definition = {}
        for rule_name, body in compiled.definition.items():
            kind, ref = compiled.actions[rule_name]
            definition[rule_name] = dict(body, run=self._action(kind, ref, rules))
        definition[SENTINEL] = dict(_SENTINEL_RULE, run=lambda c: None)
        self.host = QuietHost()
        self.host.register_rulesets({name: definition})
        self.failed = sorted(f for f, r in compiled.fail_closures.items() if not r)
        self.sid = 0

    def _action(self, kind: str, ref, rules):
        if kind == "fire":
            derive = rules[ref].then.derive

            def fire(c):
                for fact in derive:
                    try:
                        c.assert_fact({"t": "d", "n": fact, "v": True})
                    except de.MessageObservedException:
                        pass  # another rule derived it already
            return fire
        if kind == "refute":
            return lambda c: c.assert_fact({"t": "r", "r": ref})
        return lambda c: c.assert_fact({"t": "d", "n": ref, "v": False})

    def run(self, facts: dict) -> None:
        self.sid += 1
        sid = str(self.sid)
        for fact in [_SENTINEL_FACT] + encode(self.compiled, facts, self.failed):
            try:
                self.host.assert_fact(self.name, dict(fact, sid=sid))
            except de.MessageNotHandledException:
                pass
        self.host.delete_state(self.name, sid)
