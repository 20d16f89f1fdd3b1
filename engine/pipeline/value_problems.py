"""Where a fact's wrong value is reported, and with which code: asked only once a value is
refused, so a profile with nothing wrong in it never loads this module."""
from __future__ import annotations

from ..errors import Collector, Pos
from ..safe_text import control_in
from .located import Seq


def place(out: Collector, bad, value, pos: Pos) -> None:
    """Report `bad` (profile._Bad) for `value`, written at `pos`: a control character in it is
    PF101 wherever it came from, as a profile file's text has it; a list's wrong items each where
    it was written, when that is known; else one message at `pos` naming every wrong item."""
    if (said := control_in(value)) is not None:
        out.add("PF101", said, pos)
    elif bad.items and isinstance(value, Seq) and value.marks:
        for index, message in bad.items:
            out.add(bad.code, message, value.at(index))
    else:  # one place for the whole value (--fact, a request's fact): one message naming every item
        out.add(bad.code, bad.message, pos)
