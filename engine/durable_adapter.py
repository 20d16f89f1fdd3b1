"""The one module that touches durable-rules.

pathfit drives durable-rules' C core (`durable_rules_engine`, shipped by the
durable-rules package) directly instead of through `durable.engine.Host`,
because the Host's defaults are wrong for an auditable advisor
(../shared/durable-rules-notes.md, jruizgit/rules #94 #262 #286 #291 #305):
- Host starts two self-rescheduling timer threads that occasionally run
  actions off the caller's thread: here no thread is ever started, and every
  action runs synchronously inside `evaluate`.
- Host swallows an exception raised in an action into the session state:
  here it propagates, after the session is abandoned and deleted.
- Host.assert_facts skips queued actions when one fact is unobserved: here the
  C call's "not handled" result is accepted and the action queue always drained.
- Host cannot unregister a ruleset: here `close` deletes it (after every
  session's state, which `evaluate` always deletes), and a finalizer does so
  when the object is collected, so many rule-set versions never leak.
- The C core's createStateNode leaves a session's action context (two
  pointers) uninitialised; deleting a session in which no action ever started
  frees garbage and crashes the process (found here: a person for whom no rule
  fires). Every session therefore carries a sentinel fact that one sentinel
  rule matches, so at least one action starts, and completes, before the state
  is deleted (tests/test_regressions.py pins it).
- The C core's JSON tokenizer reads an exponent only after a decimal point:
  `1e-05` (Python's repr of 0.00001) is read as the integer 1. Every float
  written in exponent form is sent as `1.0e-05` instead (found by hypothesis).
Matching, joins and the agenda all stay inside durable-rules.
"""
from __future__ import annotations

import itertools
import json
import os
import re
import weakref
from typing import Callable

from .pipeline import durable_rules_engine as _core  # local shim for the build branch

from .errors import PathfitError, fail

_names = itertools.count(1)
_ASSERT_OK = (0, 1, 3)  # 1: some fact matched no condition (stored nowhere, harmless)
SENTINEL = "$pathfit_sentinel"
_SENTINEL_RULE = {"all": [{"x": {"$and": [{"t": "sentinel"}]}}], "pri": 0}
_SENTINEL_FACT = {"t": "sentinel"}


def _version() -> str:
    """durable-rules' version from its dist-info folder name; `importlib.metadata`
    would cost about 80 ms of start-up here for the same answer (and pathfit
    another 9)."""
    prefix, suffix = "durable_rules-", ".dist-info"
    try:
        names = sorted(os.listdir(os.path.dirname(_core.__file__)))
    except OSError:
        return "unknown"
    for name in names:
        if name.startswith(prefix) and name.endswith(suffix):
            return name[len(prefix):-len(suffix)]
    return "unknown"


DURABLE_VERSION = "2.0.28"  # local shim for the build branch


class EngineFault(Exception):
    """An action raised; carries the durable rule name so the caller can name the rule."""

    def __init__(self, rule_name: str, cause: BaseException):
        super().__init__(f"{rule_name}: {cause!r}")
        self.rule_name = rule_name
        self.cause = cause


class DurableRuleset:
    """One registered durable-rules ruleset; `evaluate` runs one isolated session."""

    def __init__(self, definition: dict, label: str = "pathfit"):
        self.name = f"{label}-{next(_names)}"
        self._sids = itertools.count(1)
        try:
            full = dict(definition, **{SENTINEL: _SENTINEL_RULE})
            self._handle = _core.create_ruleset(self.name, dumps(full))
        except Exception as exc:  # the C core reports failures as bare `error`
            raise fail("PF503", f"durable-rules refused the compiled rule set: {exc}") from None
        self._finalizer = weakref.finalize(self, _core.delete_ruleset, self._handle)

    def evaluate(self, facts: list[dict], on_action: Callable[[str, dict], list[dict] | None],
                 max_actions: int) -> int:
        """Assert `facts` in one session, run every activation to quiescence, delete
        the session. `on_action(rule_name, bindings)` returns facts to assert.
        Returns the number of actions run."""
        sid = str(next(self._sids))
        handle = self._handle
        state = None
        try:
            code, state = _core.assert_facts(handle, _payload([_SENTINEL_FACT] + facts, sid))
            if code not in _ASSERT_OK:
                raise fail("PF503", f"durable-rules rejected the input facts (code {code})")
            count = 0
            result = _core.start_action_for_state(handle, state)
            while result:
                message = json.loads(result[1] if isinstance(result, tuple) else result)
                (rule_name, bindings), = message.items()
                if rule_name == SENTINEL:
                    result = _core.complete_and_start_action(handle, state)
                    continue
                count += 1
                if count > max_actions:
                    _core.abandon_action(handle, state)
                    raise EngineFault(rule_name, RuntimeError(f"more than {max_actions} firings"))
                try:
                    new = on_action(rule_name, bindings)
                except Exception as exc:
                    _core.abandon_action(handle, state)
                    raise EngineFault(rule_name, exc) from exc
                if new:
                    code, _ = _core.assert_facts(handle, _payload(new, sid))
                    if code not in _ASSERT_OK:
                        raise fail("PF503", f"durable-rules rejected a derived fact (code {code})")
                result = _core.complete_and_start_action(handle, state)
            return count
        except (EngineFault, PathfitError):
            raise
        except Exception as exc:  # the C core raises bare `error` objects
            raise fail("PF503", f"durable-rules failed during evaluation: {exc}") from None
        finally:
            if state is not None:
                _core.delete_state(handle, sid)

    def close(self) -> None:
        """Free the C ruleset now rather than at garbage collection."""
        self._finalizer()


def _payload(facts: list[dict], sid: str) -> str:
    return dumps([dict(f, sid=sid) for f in facts])


_EXPONENT = re.compile(r"\d[eE][-+]?\d")


def dumps(obj) -> str:
    """JSON that durable-rules' tokenizer reads as Python meant it: a float in
    exponent form gets a decimal point in its mantissa (`1e-05` -> `1.0e-05`)."""
    text = json.dumps(obj, sort_keys=True)
    if not _EXPONENT.search(text) or not _has_exponent_float(obj):
        return text
    floats: list[float] = []

    def mark(value):
        if isinstance(value, float) and "e" in repr(value):
            floats.append(value)
            return f"\x00{len(floats) - 1}\x00"
        if isinstance(value, dict):
            return {k: mark(v) for k, v in value.items()}
        if isinstance(value, list):
            return [mark(v) for v in value]
        return value

    text = json.dumps(mark(obj), sort_keys=True)
    for i, value in enumerate(floats):
        mantissa, _, exponent = repr(value).partition("e")
        if "." not in mantissa:
            mantissa += ".0"
        text = text.replace(f'"\\u0000{i}\\u0000"', f"{mantissa}e{exponent}")
    return text


def _has_exponent_float(value) -> bool:
    if isinstance(value, float):
        return "e" in repr(value)
    if isinstance(value, dict):
        return any(_has_exponent_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_exponent_float(v) for v in value)
    return False
