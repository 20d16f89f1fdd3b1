"""A process forked while another of its threads evaluates gets engines it can use.

A fork copies one thread: the one that forked. An engine's lock (engine.pipeline.run),
held by another thread inside durable-rules when the process forked, stayed held in the
child for ever, and the child's first evaluation with that engine waited for ever; the
C ruleset it copied was, besides, half way through that other thread's person. So the
process waits, before forking, for every evaluation under way to end, holding each
live engine's lock across the fork, and both sides let go of them after it: the child
gets each engine between two people, as close() does from another thread.
"""
from __future__ import annotations

import os
import threading
from weakref import WeakSet

_RUNNERS: WeakSet = WeakSet()  # the runners of live engines
_HELD: dict[int, list] = {}  # forking thread -> the runners whose locks it holds across the fork


def watch(runner: object) -> None:
    """Hold `runner`'s lock (its `_lock`) across every fork while it lives."""
    _RUNNERS.add(runner)


def _before() -> None:
    held = _HELD[threading.get_ident()] = []
    for runner in list(_RUNNERS):
        runner._lock.acquire()
        held.append(runner)


def _after() -> None:
    for runner in _HELD.pop(threading.get_ident(), ()):
        runner._lock.release()


if hasattr(os, "register_at_fork"):  # not where there is no fork (Windows)
    os.register_at_fork(before=_before, after_in_parent=_after, after_in_child=_after)
