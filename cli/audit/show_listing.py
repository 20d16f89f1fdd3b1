"""`audit show`'s listing, made as the log's records are read once after the log was verified,
holding one record and a row's text packed, not the row.

Keeping every listed record's row (seven strings, about 1.8 KB) until the columns' widths were
known, and then the whole table as one string, took gigabytes for a year's log. Neither the
columns' widths nor which of the listing's three forms fits the width (full; times to the minute
and ids shortened; then without the rule set) is known before the last row, but both follow from
a few numbers a row at a time: each column's widest cell, and the longest text a line ending in
each column holds. The pass over the records (show_survey) gives each listed record to
`Listing.add`, which keeps those numbers, the length of the record's id prefix and the text the
row's cells are made of, packed (`PackedRows`: the text's UTF-8 bytes and 8 bytes a row); the rows
are then printed from that as they are made (`Listing.lines`, `write_lines`), no record read,
parsed or opened again. That one read checks each line against the bytes verified
(engine.audit.stream): a line changed since stops the command there (PF100) before any row is
printed, and a line changed after its row was kept is not read, so every row printed is of the
line verified. The id prefixes need every id of the log: they are kept sorted and packed
(`SortedIds`), about an id's length and 8 bytes an id. Measured with tracemalloc, output to
/dev/null, on logs of 5,010 and 10,010 entries made by `batch` with the bundled rules and an audit
key: about 400 bytes an entry (270 when each listed record was read a second time to print its
row, 1,870 when every row was kept), and with the key set the listing takes a quarter less time
(6.4 s, not 8.6 s, for 5,000 records; 5.2 s, not 5.8 s, without it).
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
        self._rows = PackedRows()  # each listed record's text the cells are made of, in the order added
        self._put(HEADS, HEADS)

    def add(self, item) -> None:
        """A record listed (engine.audit.read.Item, opened if it could be), in its turn."""
        seq, when, rid, out, conf, name, digest = made = row(item)
        n = self._ids.prefix_length(rid)
        self._prefixes.append(n)
        self._rows.append((seq, when[:19], rid, out, conf, name, digest[:12]))  # all that _cells takes of it
        self._put(*_cells(made, n))

    def _put(self, full: tuple, short: tuple) -> None:
        for form, cells in zip(self._forms, (full, short, short[:5])):
            form.add(cells)

    def lines(self) -> Iterator[str]:
        """The listing's lines, header first, made from what `add` kept of each record: no record
        is read again."""
        form = next((k for k, f in enumerate(self._forms) if f.widest() <= self._width), 2)
        yield self._forms[form].line(HEADS[:5] if form == 2 else HEADS)
        for kept, n in zip(self._rows, self._prefixes, strict=True):
            cells = _cells(kept, n)[min(form, 1)]
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


class PackedRows:
    """Rows of text kept in the order added, packed in one byte string: each cell in UTF-8 (lone
    surrogates kept), cells apart by the byte FF, which UTF-8 never holds, a row's end in an
    array. Held as tuples of Python strings a row took about 1.8 KB; here it takes its text's
    length, 6 bytes for the separators and 8 for its end."""

    def __init__(self) -> None:
        self._text = bytearray()
        self._ends = array("Q")

    def append(self, cells: tuple[str, ...]) -> None:
        self._text += b"\xff".join(cell.encode("utf-8", "surrogatepass") for cell in cells)
        self._ends.append(len(self._text))

    def __len__(self) -> int:
        return len(self._ends)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        start = 0
        for end in self._ends:
            yield tuple(cell.decode("utf-8", "surrogatepass") for cell in self._text[start:end].split(b"\xff"))
            start = end


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
