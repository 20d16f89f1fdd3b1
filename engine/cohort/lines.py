"""What both cohort readers (CSV, JSON Lines) share: the row types, the limits on a row,
reading a file line by line within them, and what a row id may be.

Why lines are read here and not by each reader: a line is read at most MAX_ROW_BYTES at
a time whatever its format, so memory stays bounded by these limits however hostile
the file (a 64 MB line is never held whole).
"""
from __future__ import annotations

import re
from typing import BinaryIO, Iterator, NamedTuple

from ..errors import PathfitError, Problem, Pos, char_column
from .csv_shape import LineShape, shape_of

MAX_FIELD = 64 * 1024
MAX_COLUMNS = 1000  # CSV fields or JSON keys in one row
MAX_ROW_BYTES = 1024 * 1024  # as a profile file (cli.profile_input.MAX_PROFILE_BYTES)
MAX_DEPTH = 64  # JSON nesting, as YAML's in engine.pipeline.load
MAX_ID = 256  # characters in a row id


class Unparsed(NamedTuple):
    """A row as read, its content not yet parsed: a JSON Lines row's text, or a CSV row's
    cells with the header they go under. A batch reads its input in one process and
    evaluates it in several; parsing (JSON decoding, typing cells) is per-row work, so it
    is done where the row is evaluated (`rows.parsed`), not in the one process that reads."""

    number: int
    line: int
    content: str | list
    header: list | None  # None: a JSON Lines row
    text: str = ""  # a CSV row as written (its lines), kept to locate a cell with a problem


class Row(NamedTuple):
    number: int  # 1-based data row (the header is not counted)
    line: int  # 1-based line in the file where the row starts
    id: str | None
    profile: dict | None  # None: no facts to check (a row refused as read); beside an error, checked too
    error: Problem | None = None
    # the row as read, for a row with a profile: a problem the profile check finds later is
    # located at its cell or key from it (locate.relocated), and only then
    source: Unparsed | None = None
    more: tuple = ()  # the row's problems found as it was read after `error`, in order of place


class TooLong(str):
    """Stands for a line over MAX_ROW_BYTES, which is never held whole: its size in bytes,
    and (`shape`) where it leaves a CSV record (csv_shape.py); as a first line, the text
    before a carriage return in it with more after it (`cr_alone`, else None); the text it
    starts with (`head`, see `line_head`)."""

    shape: LineShape
    cr_alone: str | None
    head: str


_CR_ALONE = re.compile(b"\r(?=[^\n])")


class Undecodable:
    """Stands for a line that is not UTF-8: where it leaves a CSV record (csv_shape.py), its
    size in bytes (a CSV row is limited as a whole), and the text before its first bad byte
    (`head`, see `line_head`)."""

    __slots__ = ("shape", "size", "head", "bad")

    def __init__(self, shape: LineShape, size: int, head: str = "", bad: Problem | None = None):
        self.shape = shape
        self.size = size
        self.head = head
        self.bad = bad  # PF101 at its first byte that is not UTF-8 (`_bad_byte`)


HEAD_BYTES = 65536  # of a line not held, what is read as text for its row's id: more than any id's cell needs


def line_head(raw: bytes) -> str:
    """The text a line not held whole starts with, up to its first byte that is not UTF-8 and
    at most HEAD_BYTES: where a row's id comes first, enough to say whose row was refused,
    whether the line breaks the record or not."""
    part = raw[:HEAD_BYTES]
    try:
        return part.decode("utf-8")
    except UnicodeDecodeError as exc:
        return part[:exc.start].decode("utf-8")


# byte order marks of the encodings a spreadsheet may save "Unicode text" in; UTF-32's
# little-endian mark opens with UTF-16's, so it is looked for first
_OTHER_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
               (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"))
_BOM_LEADS = b"\xef\xfe\xff\x00"  # the first bytes of these marks and of UTF-8's


def read_lines(stream: BinaryIO, label: str = "", undecodable: list[Problem] | None = None,
               no_nul: bool = False) -> Iterator[tuple[int, str | None]]:
    """(line number, text, or an Undecodable when the bytes are not UTF-8, or a TooLong
    holding the line's size). A line is read at most MAX_ROW_BYTES at a time, so
    memory stays bounded whatever one line holds. A UTF-8 BOM opening the file is dropped;
    a NUL, or any other control character, is kept for the row's reader to refuse
    (`control_problem`): made U+FFFD, it was decided, and sealed in a record, as another text.

    A file opening with a UTF-16 or UTF-32 byte order mark is refused whole (PathfitError,
    PF101): none of its lines is UTF-8, so every row would be refused for a reason that is not
    the file's. The first line that is not UTF-8 is kept in `undecodable` (when given), located
    at its first bad byte: only a line that is not UTF-8 costs anything, and the CSV reader
    refuses a header that is not UTF-8 with it.

    With `no_nul` (JSON Lines), a first line holding anything but white space that holds a
    NUL byte refuses the file too, at that byte: no JSON text holds one, and UTF-16 or UTF-32
    text without its byte order mark does, on every line, so each row would be refused as
    malformed JSON when the file's encoding is the one thing wrong."""
    number = 0
    first = no_nul  # the first line that holds anything is still to be looked at
    while True:
        raw = stream.readline(MAX_ROW_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_ROW_BYTES:
            cr_alone = None
            if number == 1:
                _no_other_bom(raw, label)
                found = _CR_ALONE.search(raw)  # lines that end in CR alone read as one line
                cr_alone = raw[:found.start()].decode("utf-8", "replace") if found else None
            size, shape, head = len(raw), LineShape(), line_head(raw)
            shape.feed(raw)
            while not raw.endswith(b"\n"):
                raw = stream.readline(MAX_ROW_BYTES)
                if not raw:
                    break
                size += len(raw)
                shape.feed(raw)
            long = TooLong(str(size))
            long.shape = shape
            long.cr_alone = cr_alone  # noted on a first line only: a CSV header
            long.head = head
            yield number, long
            continue
        if number == 1 and raw[:1] in _BOM_LEADS:  # any other line stops at `number == 1`, as before
            _no_other_bom(raw, label)
            if raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
                if not raw:  # the mark alone: read as the unmarked copy, the empty file, with no line
                    return
        if first and raw.strip():
            first = False
            if b"\x00" in raw:
                _no_nul(raw, label, number)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = _bad_byte(raw, exc, label, number)
            if undecodable is not None and not undecodable:
                undecodable.append(bad)
            yield number, Undecodable(shape_of(raw), len(raw), line_head(raw), bad)
            continue
        yield number, text


def other_encoding(data: bytes) -> str | None:
    """"UTF-16" or "UTF-32" where `data` opens with that encoding's byte order mark (as Windows
    Notepad's "Unicode" and Excel's Unicode text write), else None: what a message says a file
    that is no UTF-8 is, so that the person knows to save it as UTF-8."""
    return next((encoding for bom, encoding in _OTHER_BOMS if data.startswith(bom)), None)


def _no_other_bom(raw: bytes, label: str) -> None:
    """Refuse a file that opens with a UTF-16 or UTF-32 byte order mark, at its first byte
    that is not UTF-8, saying how to make it one pathfit reads."""
    for bom, encoding in _OTHER_BOMS:
        if raw.startswith(bom):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problem = _bad_byte(raw, exc, label, 1)
                raise PathfitError([problem._replace(message=(
                    f"{problem.message}: the file is {encoding} (it opens with a {encoding} byte order mark); "
                    "save it as UTF-8 (the input is refused before any row)"))]) from None


def _no_nul(raw: bytes, label: str, line: int) -> None:
    raise PathfitError([Problem(
        "PF101", "the first row holds NUL bytes, as UTF-16 or UTF-32 text without its byte order mark does: "
        "save the file as UTF-8 (the input is refused before any row)",
        Pos(label, line, char_column(raw, raw.index(b"\x00"))))])


def _bad_byte(raw: bytes, exc: UnicodeDecodeError, label: str, line: int) -> Problem:
    """PF101 at the first byte of line `line` (its bytes `raw`) that is not UTF-8, worded as a
    profile's (engine.pipeline.load.decode): the column counts characters, as there."""
    return Problem("PF101", f"invalid UTF-8 byte 0x{raw[exc.start]:02x}", Pos(label, line, char_column(raw, exc.start)))


# the characters a profile file may not hold (engine.pipeline.load: C0 but tab, line feed and
# carriage return, and DEL; tests/test_control_scans.py holds the two to each other)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def control_problem(text: str, label: str, line: int) -> Problem | None:
    """PF101 at the first control character of a row (`text`, its lines as written from line
    `line`), worded as a profile's, its column counted in characters; None if it holds none.

    Why refused, not read: every other way in refuses such a character (a profile, PF101; a
    subject, PF628), so a row holding one must not be decided, nor sealed in a record, as if it
    were text; JSON holds none unescaped. Checked where the row is parsed, one search a row."""
    bad = CONTROL.search(text)
    if bad is None:
        return None
    at = bad.start()
    before = text.count("\n", 0, at)
    col = at + 1 if not before else at - text.rfind("\n", 0, at)
    return Problem("PF101", f"control character U+{ord(bad.group()):04X} not allowed", Pos(label, line + before, col))


def too_long(size: int | TooLong, label: str, line: int) -> Problem:
    """PF106 for a row of `size` bytes, over the limit: a JSON Lines row is one line, a CSV row
    its record, whatever lines it spans."""
    return Problem("PF106", f"row is {size} bytes; the limit is {MAX_ROW_BYTES}", Pos(label, line, 1))


def not_utf8(label: str, line: int, bad: Problem | None = None) -> Problem:
    """A row's PF101 for a line that is not UTF-8: at its first bad byte (`bad`, the line's
    Undecodable.bad), worded as a profile's is, else at the row's start."""
    if bad is None:
        return Problem("PF101", "row is not valid UTF-8", Pos(label, line, 1))
    return bad._replace(pos=bad.pos._replace(file=label))


def row_id(value, label: str, line: int) -> tuple[str | None, Problem | None]:
    """A row id is text or a whole number, at most MAX_ID characters. A problem is at the
    row's start: the reader that knows where the id is written moves it there."""
    if value is None:
        return None, None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None, Problem("PF406", "row id must be text or a whole number", Pos(label, line, 1))
    text = value if isinstance(value, str) else str(value) if abs(value) < 10 ** MAX_ID else None
    if text is None or len(text) > MAX_ID:
        size = len(text) if text is not None else f"over {MAX_ID}"
        return None, Problem("PF406", f"row id is {size} characters; at most {MAX_ID} are kept", Pos(label, line, 1))
    return text, None
