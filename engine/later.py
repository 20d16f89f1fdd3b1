"""The explanation's functions, and the public API's refusals, imported where first needed; the guard
that makes the stack running out in the API PF509.

A rule set from the cache needs neither loading's nor the explanation's modules, and
start-up time is what HR staff feel on every command: `recommend` never imports the
explanation unless asked (engine.api)."""
from __future__ import annotations

import _thread  # loaded with Python itself: no start-up cost
import importlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import TypeVar

    F = TypeVar("F", bound=Callable[..., object])


class _Later:
    """The explanation's functions, imported on first use and kept as attributes. An
    import statement inside a function runs the import machinery on every call, about
    4,000 instructions, and explaining a person at 30 rules made five: a tenth of the
    explanation. `recommend` on a cached rule set still never imports them unless asked."""

    def __getattr__(self, name: str):
        module, _, attr = _LATER[name].rpartition(".")
        value = getattr(importlib.import_module(module, __package__), attr)
        if name in _EXPLAINING:  # a decision's lazy parts recurse through the rules' conditions
            value = guarded(value, "explaining a decision")
        setattr(self, name, value)
        return value


_LATER = {"missing_facts": ".explain.missing.missing_facts", "explained": ".explain.trace.explained",
          "is_settled": ".pipeline.settle.is_settled", "waiting": ".explain.waiting.waiting",
          "json_copy": ".json_copy.json_copy", "rules_path": ".refusals.rules_path",
          "not_pickled": ".refusals.not_pickled", "by_signal_handler": ".pipeline.raised.by_signal_handler",
          "frozen_by_process": ".frozen.frozen_by_process"}
later = _Later()
_EXPLAINING = {"missing_facts", "explained", "is_settled", "waiting", "json_copy"}


# Python's call stack running out inside the API is PF509, never a bare RecursionError. pathfit
# walks a rule's condition, its text and a decision's explanation by recursion, as deep as a rule
# file may nest (64 levels); a program that lowered its recursion limit, or calls from deep in its
# own stack, can run out of frames in any of them. The rules and facts are then not at fault, so
# nothing reports it as theirs (a YAML error, a rule's action, durable-rules' own failure): it
# goes on to the guarded call, where the stack is back near the caller's. The message is made
# here, not in a module imported then (an import takes frames there may not be), and the why is
# in comments, not docstrings: every start of `pathfit` reads this module's bytes. Wording it takes
# frames (this module's function, `fail`, the problem's formatting) the stack ran out of, and a second
# RecursionError there would escape bare from pathfit: the limit is raised by _ROOM frames while it is
# worded, then put back, under a lock (re-entrant: a signal handler may decide on this thread) so that
# two threads' raises never leave it changed. Only a guard with no frame left for a call at all lets
# the RecursionError go on.
def guarded(call: F, doing: str) -> F:
    """`call`, its RecursionError PF509."""

    def run(*args, **kwargs):
        try:
            return call(*args, **kwargs)
        except RecursionError:
            with _LIMIT:
                limit = sys.getrecursionlimit()
                sys.setrecursionlimit(limit + _ROOM)
                try:
                    ran_out = _stack_ran_out(doing, limit)
                finally:
                    sys.setrecursionlimit(limit)
            raise ran_out from None

    run.__name__, run.__qualname__, run.__doc__, run.__wrapped__ = call.__name__, call.__qualname__, call.__doc__, call
    return run  # type: ignore[return-value]


def guards(doing: str) -> Callable[[F], F]:
    """`guarded` as a decorator."""
    return lambda call: guarded(call, doing)


def _stack_ran_out(doing: str, limit: int) -> Exception:
    from .errors import fail  # loaded long before, yet the import machinery takes a frame or two

    frame, depth = sys._getframe(1), 0
    while frame is not None:  # the caller's own frames: pathfit's not counted
        depth += not frame.f_globals.get("__name__", "").startswith(_OWN)
        frame = frame.f_back
    return fail("PF509", f"Python's call stack ran out while {doing}: the caller's stack held {depth} Python frames "
                         f"and the recursion limit is {limit}; this is not a problem found in the rules or "
                         f"the facts: call pathfit from a shallower stack or raise the limit (sys.setrecursionlimit)")


_OWN = __name__.rpartition(".engine.")[0] + "."  # "pathfit.": this package's modules
_ROOM = 50  # frames to word PF509 in: it takes about ten
_LIMIT = _thread.RLock()
