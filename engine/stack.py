"""The call stack running out inside the public API: PF509, never Python's bare RecursionError.

pathfit walks a rule's condition, its digest's text and a decision's explanation by
recursion, as deep as a rule file may nest (64 levels, PF107 past them): a few dozen frames
past the caller's, more for a deeply nested rule. A program that lowered its recursion limit,
or calls the engine from deep in its own stack, can run out of frames in any of them. The
rules and the facts are then not at fault, so nothing in pathfit reports it as a problem of
theirs (a YAML error, a rule's action failing, durable-rules' own failure): the RecursionError
travels to the outermost call of the API, where the stack has unwound to the caller's, and
becomes PF509 there, saying how deep the caller was and what the limit is."""
from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from .errors import PathfitError, fail

F = TypeVar("F", bound=Callable)


def stack_ran_out(doing: str) -> PathfitError:
    """PF509 for a RecursionError met while `doing` ("deciding a person"), with how many Python
    frames of the caller's own were on the stack: pathfit's (a guarded call inside another) not
    counted."""
    frame, depth = sys._getframe(1), 0
    while frame is not None:
        depth += not frame.f_globals.get("__name__", "").startswith(_OWN)
        frame = frame.f_back
    return fail("PF509", f"Python's call stack ran out while {doing}: the caller's stack held {depth} Python frames "
                         f"and the recursion limit is {sys.getrecursionlimit()}; nothing is wrong with the rules or "
                         f"the facts: call pathfit from a shallower stack or raise the limit (sys.setrecursionlimit)")


_OWN = __name__.rpartition(".engine.")[0] + "."  # "pathfit.": this package's modules


def stack_guarded(doing: str) -> Callable[[F], F]:
    """A public call whose RecursionError is PF509 (`stack_ran_out`); a guarded call inside another
    says so first, and if even that cannot be said for want of frames, the outer one says it."""

    def guard(call: F) -> F:
        @wraps(call)
        def guarded(*args, **kwargs):
            try:
                return call(*args, **kwargs)
            except RecursionError:
                raise stack_ran_out(doing) from None
        return guarded  # type: ignore[return-value]

    return guard
