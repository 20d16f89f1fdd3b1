"""Loading with Python's cyclic garbage collector paused (Engine.load): a loaded rule set is
hundreds of thousands of small acyclic objects that live as long as their engine."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


def _frozen_by_process() -> bool:
    from .frozen import frozen_by_process

    return frozen_by_process()


@contextmanager
def no_gc() -> Iterator[None]:
    """Loading allocates hundreds of thousands of small, acyclic objects; each
    one can trigger a cyclic collection that walks everything else alive in the
    process. Pausing the collector cut a 1,000-rule load by 25-50% (more in a
    busy process); it runs again, as it was, right after.

    A loaded rule set lives as long as its engine, so once loaded its objects
    go straight to the collector's oldest generation (gc.freeze then
    gc.unfreeze: two list splices, no walk), where they would arrive anyway
    after two young collections that each walk all of them: 70,000 objects at
    1,000 rules, 12-35 ms with the machine lightly loaded and up to 116 ms busy.
    Not if the process froze objects itself (frozen.frozen_by_process): unfreezing
    would undo that. Asked only when something is frozen, so that a process with
    nothing there (any on Python 3.11 and 3.13 that froze nothing) never imports it."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
        if gc.get_freeze_count() == 0 or not _frozen_by_process():
            gc.freeze()
            gc.unfreeze()
    finally:
        if was:
            gc.enable()
