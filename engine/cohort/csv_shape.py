"""Where a CSV record ends, followed without the csv module: for the lines it is never
handed as written.

A line that is not UTF-8 or is over the size limit is never decoded or held whole; the
csv reader is handed a short stand-in instead. If the stand-in ended inside a quoted cell
where the line did not (or the other way round), the reader would run the rest of the file
into one cell, or split a record in two, and the rows after it would be lost or invented.
So each such line's effect on the one thing that carries over to the next line, whether
the record is still inside a quoted cell, is worked out here from its bytes, and the
stand-in is a line with the same effect. The same states let the reader resume at the
true end of a record it gave up on (a cell over the field limit).

The states are the csv reader's own, for its default dialect (comma, double quote, quotes
doubled, not strict), checked against it in the tests: a quote opens a quoted cell only at
the start of a cell; in one, a quote followed by another is a quote; a carriage return
outside quotes ends the record (anything after it on the line is an error, which also ends
it).
"""
from __future__ import annotations

import re

START, FIELD, QUOTED, QUOTE_IN_QUOTED, ENDED = range(5)
_QUOTE, _COMMA, _CR = ord('"'), ord(","), ord("\r")
_OTHER = re.compile(rb'[^",\r\n]+')  # a run of any other bytes acts as one: keep one


def _step(state: int, byte: int) -> int:
    if state == ENDED:
        return ENDED
    if state == QUOTED:
        return QUOTE_IN_QUOTED if byte == _QUOTE else QUOTED
    if byte == _CR:
        return ENDED
    if byte == _COMMA:
        return START
    if byte == _QUOTE:
        return QUOTED if state in (START, QUOTE_IN_QUOTED) else FIELD
    return FIELD


_TABLE = {(s, b): _step(s, b) for s in range(5) for b in (_QUOTE, _COMMA, _CR, ord("x"))}
# a line that, fed to the csv reader, has each effect: (ends quoted from a record's start,
# ends quoted from inside a quoted cell) -> the line
_STAND_IN = {(False, True): "\n", (True, False): '"\n', (False, False): 'x"\n', (True, True): 'x","\n'}


class LineShape:
    """One line's effect, fed its bytes in pieces (a line over the limit is read in parts):
    from a record's start and from inside a quoted cell, where the line leaves the reader."""

    __slots__ = ("states", "quote")

    def __init__(self) -> None:
        self.states = (START, QUOTED)
        self.quote = False  # whether the line holds a quote at all (it may close or open a quoted cell)

    def feed(self, data: bytes) -> None:
        self.quote = self.quote or b'"' in data
        a, b = self.states
        table = _TABLE
        for byte in _OTHER.sub(b"x", data.rstrip(b"\n")):
            a, b = table[a, byte], table[b, byte]
        self.states = a, b

    def ends_quoted(self, quoted_before: bool) -> bool:
        """Whether the record is still inside a quoted cell after this line."""
        return self.states[quoted_before] == QUOTED

    def stand_in(self) -> str:
        """A short line the csv reader takes as it would take this one, as far as the
        records after it are concerned."""
        return _STAND_IN[self.ends_quoted(False), self.ends_quoted(True)]


def shape_of(data: bytes) -> LineShape:
    shape = LineShape()
    shape.feed(data)
    return shape


def still_quoted(lines: list[str]) -> bool:
    """Whether a record whose lines (as handed to the csv reader) are `lines` is still
    inside a quoted cell after the last of them."""
    quoted = False
    for text in lines:
        quoted = shape_of(text.encode("utf-8", "surrogatepass")).ends_quoted(quoted)
    return quoted
