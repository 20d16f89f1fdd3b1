"""`audit show`'s listing, made in two passes over the log, holding one record and a few bytes an
entry whatever the log's size.

Keeping every listed record's row (seven strings, about 1.8 KB) until the columns' widths were
known, and then the whole table as one string, took gigabytes for a year's log. Neither the
columns' widths nor which of the listing's three forms fits the width (full; times to the minute
and ids shortened; then without the rule set) is known before the last row, but both follow from
a few numbers a row at a time: each column's widest cell, and the longest text a line ending in
each column holds. The first pass (show_survey) gives each listed record to `Listing.add`, which
keeps those numbers and the length of the record's id prefix; the second reads each listed record
again and prints its row as it is made (`Listing.lines`, `write_lines`). The id prefixes need
every id of the log: they are kept sorted and packed (`SortedIds`), about an id's length and
8 bytes an id.
"""
from __future__ import annotations

import time
from array import array
from collections.abc import Iterable, Iterator

from pathfit.engine.reports.wide_text import columns as _columns

from ..audit_show import field, row
from ..interrupts import HeldInterrupt

HEADS = ("seq", "decided (UTC)", "id", "outcome", "conf", "rules")
PIECE_CHARS = 1 << 16  # a piece of the listing written at once: whole lines, this many characters or more
PIECE_SECONDS = 0.25  # or whatever lines were made in this long, so a slow listing shows as it goes


class _Form:
    """One form of the table, as its lines will be laid out: columns left-aligned, two spaces
    apart, each as wide as its widest cell, a line's trailing blanks cut. Its widest line is
    known from each column's width and, for each column, the most text a line whose last text
    is in that column holds there. Widths are terminal columns (engine.reports.wide_text): a
    CJK character takes two, a combining accent none, so that the columns line up and the
    listing fits the terminal in any script."""

    def __init__(self, columns: int) -> None:
        self.widths = [0] * columns
        self._ends = [0] * columns

    def add(self, cells: tuple) -> None:
        for c, cell in enumerate(cells):
            n = _columns(cell)
            if n > self.widths[c]:
                self.widths[c] = n
        for c in range(len(cells) - 1, -1, -1):
            text = cells[c].rstrip()
            if text:
                self._ends[c] = max(self._ends[c], _columns(text))
                break

    def widest(self) -> int:
        """The columns the widest line takes, as `line` will make it."""
        start, most = 0, 0
        for width, end in zip(self.widths, self._ends):
            if end:
                most = max(most, start + end)
            start += width + 2
        return most

    def line(self, cells: tuple) -> str:
        return "  ".join(cell + " " * (w - _columns(cell)) for cell, w in zip(cells, self.widths)).rstrip()


class Listing:
    """seq, when, id, outcome, confidence, rule set: one record per line, oldest first, within
    `width` terminal columns. When the full row is wider: the time to the minute, the id as its shortest
    unique prefix among `ids` (at least 8 characters; `--id` takes a prefix), the rule set's
    name without its digest; then, if still too wide, no rule-set column. Every cell is shown as
    `field` shows it: a value's newline never starts a row."""

    def __init__(self, ids: Iterable[str], width: int) -> None:
        self._ids = SortedIds(ids)
        self._width = width
        self._forms = (_Form(6), _Form(6), _Form(5))
        self._prefixes = array("Q")  # each listed record's id prefix length, in the order added
        self._put(HEADS, HEADS)

    def add(self, item) -> None:
        """A record listed (engine.audit.read.Item, opened if it could be), in its turn."""
        made = row(item)
        n = self._ids.prefix_length(made[2])
        self._prefixes.append(n)
        self._put(*_cells(made, n))

    def _put(self, full: tuple, short: tuple) -> None:
        for form, cells in zip(self._forms, (full, short, short[:5])):
            form.add(cells)

    def lines(self, items: Iterable) -> Iterator[str]:
        """The listing's lines, header first: `items` are the records added, in the same order,
        read again."""
        form = next((k for k, f in enumerate(self._forms) if f.widest() <= self._width), 2)
        yield self._forms[form].line(HEADS[:5] if form == 2 else HEADS)
        for item, n in zip(items, self._prefixes, strict=True):
            cells = _cells(row(item), n)[min(form, 1)]
            yield self._forms[form].line(cells[:5] if form == 2 else cells)


def _cells(made: tuple, prefix: int) -> tuple[tuple, tuple]:
    """A row's cells in the full form and in the short, as they are shown."""
    seq, when, rid, out, conf, name, digest = made
    full = (seq, when[:19], rid, out, conf, f"{name} {digest[:12]}")
    short = (seq, when[:16].replace("T", " "), rid[:prefix], out, conf, name)
    return tuple(map(field, full)), tuple(map(field, short))


def write_lines(lines: Iterable[str]) -> None:
    """Print `lines`, each whole, in pieces of many lines, each written and flushed as one: the
    listing shows as it is made and is never held whole. Ctrl-C while a piece is written takes
    effect once it is written (cli.interrupts.HeldInterrupt), so an interrupted listing ends at
    the end of a line."""
    from ..common import echo

    piece: list[str] = []
    size, since = 0, time.monotonic()
    for line in lines:
        piece.append(line)
        size += len(line) + 1
        if size >= PIECE_CHARS or time.monotonic() - since >= PIECE_SECONDS:
            with HeldInterrupt():
                echo("\n".join(piece))
            piece, size, since = [], 0, time.monotonic()
    if piece:
        with HeldInterrupt():
            echo("\n".join(piece))


class SortedIds:
    """A log's record ids, sorted, each once, packed in one byte string: UTF-8 (lone surrogates
    kept), whose byte order is the ids' order. Held as Python strings they took about 90 bytes
    an id; here they take the id's length and 8."""

    def __init__(self, ids: Iterable[str]) -> None:
        self._text = bytearray()
        self._ends = array("Q")
        every = list(ids)
        every.sort(reverse=True)  # taken from the end, smallest first, each string dropped once packed
        last: str | None = None
        while every:
            rid = every.pop()
            if last is None or rid != last:
                self._text += rid.encode("utf-8", "surrogatepass")
                self._ends.append(len(self._text))
                last = rid

    def __len__(self) -> int:
        return len(self._ends)

    def _bytes(self, k: int) -> bytes:
        return bytes(self._text[self._ends[k - 1] if k else 0:self._ends[k]])

    def __getitem__(self, k: int) -> str:
        return self._bytes(k).decode("utf-8", "surrogatepass")

    def prefix_length(self, rid: str, least: int = 8) -> int:
        """How long the shortest prefix of `rid`, at least `least` long, is that no other id
        starts with: found from its neighbours in sorted order (the other id sharing the longest
        prefix with it is one of the two beside it), a search, not a scan of every id."""
        wanted, lo, hi = rid.encode("utf-8", "surrogatepass"), 0, len(self)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._bytes(mid) < wanted:
                lo = mid + 1
            else:
                hi = mid
        beside = [self[j] for j in (lo - 1, lo, lo + 1) if 0 <= j < len(self)]
        shared = max((_common(rid, other) for other in beside if other != rid), default=0)
        return max(least, shared + 1)


def _common(a: str, b: str) -> int:
    """How many leading characters `a` and `b` share."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n
