"""What the collector's permanent generation (gc.freeze) holds, and whose it is.

Loads and long runs (engine.api, engine.long_lived) set objects apart from the collector
and hand them back with gc.unfreeze, which hands back everything there: that would undo a
process's own choice to set objects apart, so they do it only when nothing is there but the
interpreter's own objects.
"""
from __future__ import annotations

import gc
import sys


def interpreters_own() -> int:
    """How many objects the interpreter itself keeps in the collector's permanent generation,
    which pathfit may hand back: CPython 3.12 starts with the immortal tuples of its static
    types' bases and method resolution orders there (375 in 3.12.1), 3.11 and 3.13 with none.
    Counted from the types, not taken from the count at import, because a process may have
    set objects apart (gc.freeze) before it imported pathfit: those are its own choice."""
    global _OWN
    if _OWN is None:
        _OWN = _static_type_tuples() if sys.version_info[:2] == (3, 12) else 0
    return _OWN


_OWN: int | None = None
_IMMORTAL = 2**32 - 1  # CPython 3.12's reference count of an immortal object, on 64-bit builds


def _static_type_tuples() -> int:
    """The distinct immortal, tracked __bases__ and __mro__ tuples of the static types (0.7 ms)."""
    seen, stack, found = {object}, [object], set()
    while stack:
        kind = stack.pop()
        for sub in type.__subclasses__(kind):
            if sub not in seen:
                seen.add(sub)
                stack.append(sub)
        if not kind.__flags__ & (1 << 9):  # Py_TPFLAGS_HEAPTYPE: a class made at run time
            for parts in (kind.__bases__, kind.__mro__):
                if gc.is_tracked(parts) and sys.getrefcount(parts) >= _IMMORTAL:
                    found.add(id(parts))
    return len(found)


def frozen_by_process() -> bool:
    """Whether the process set objects apart from the collector itself (gc.freeze), before
    or after importing pathfit, which pathfit must not undo by handing everything back
    (gc.unfreeze): not when the permanent generation is empty or holds just the
    interpreter's own objects (`interpreters_own`), which would otherwise keep pathfit from
    setting anything apart in every process on CPython 3.12."""
    count = gc.get_freeze_count()
    return count != 0 and count != interpreters_own()
