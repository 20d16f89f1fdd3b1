"""One cell of a decision table's CSV (csv_rows.py) read as the value it would be in a YAML
row's flow list, where it stands in the CSV.

Why a cell is parsed as YAML at its own line and column: every position inside it (an item
of `[a, b]`) and every problem is then the CSV's own, and a YAML 1.1 surprise (`yes`, `012`)
is found exactly as in a YAML table; a result cell's is refused here, in its column's terms.

Why YAML syntax that leaves no trace in the value (a comment, an anchor, an alias, a tag) is
refused in a cell, where a YAML row may hold it: a spreadsheet shows the whole cell as its
text, so `5 # was 0.5` would be read as 5 while every reader of the sheet sees the note. The
syntax a cell is told to use stays: `[a, b]` for a list and YAML's quotes for a name; a flow
mapping is refused by the column's own check, as in a YAML row.
"""
from __future__ import annotations

import yaml

from ..errors import Collector, PathfitError, Pos
from .load import Map, Seq, parse_yaml
from ..quote import quote

_MARKERS = frozenset("#&*!")  # what starts a comment, an anchor, an alias or a tag: looked for first
SKIP_ROW = object()  # a row whose problem is already reported (wrong cell count, unreadable cell)
REFUSED = object()  # a result cell refused (reported): the row is checked without it, and not compiled


class SpoiltRow(Map):
    """A CSV row one of whose result cells was refused (reported): tables.py checks the rest
    of it, so one run reports every problem of the row, but compiles no rule from it, since
    the rule would lack a result the author wrote."""

    __slots__ = ()


def read_cell(text: str, col: int, quoted: bool, n: int, path: str, out: Collector,
          result: str | None = None) -> tuple | object:
    """(value, YAML 1.1 surprise or None, the text of a number not written as a plain decimal
    or None) of one cell, read as in a YAML row's flow list,
    or SKIP_ROW after reporting (REFUSED for a result cell whose value is refused). The cell is parsed where it stands in the CSV (its line,
    its column), so a position inside it (an item of `[a, b]`) is the CSV's own.
    An input cell's surprise is handed on and judged against its column's fact (operands.py);
    a result cell's (`result` names its column) is refused here, in the column's terms."""
    if text == "-":
        return ("-", None, None)
    at = col + 1 if quoted else col
    wrapped = "[\n" + " " * (at - 1) + text + "\n]"
    hidden = _hidden_syntax(wrapped, text) if not _MARKERS.isdisjoint(text) else None
    if hidden is not None:
        out.add(*hidden, Pos(path, n, col))
        return SKIP_ROW
    try:  # on line 2 of its own text, then moved to line n: no padding that grows with the file
        seq = _shift(parse_yaml(wrapped, path), n - 2)
    except PathfitError as err:
        for p in err.problems:
            out.add(p.code, p.message, Pos(path, n, p.pos.col) if p.pos.line == 2 else Pos(path, n, col))
        return SKIP_ROW
    if not isinstance(seq, Seq) or len(seq) != 1:
        out.add("PF204", "a cell holds one value; write a list as \"[a, b]\" (quoted, for the commas)",
                Pos(path, n, col))
        return SKIP_ROW
    surprise = seq.surprises.get(0)
    if result is not None and result.startswith("evidence.") and 0 in seq.as_written \
            and not isinstance(seq[0], bool):
        # a weight YAML 1.1 reads as octal (`010`): a number not written plainly, judged where the
        # weight is read (PF211) as `0x10` is, so the rest of the row is checked as well
        return (seq[0], None, seq.as_written[0])
    if result is not None:  # a plain scalar YAML 1.1 read as other than its text (`y` and `n` stay text)
        found = [(surprise, seq[0])] if surprise is not None and not isinstance(seq[0], str) else []
        if isinstance(seq[0], Seq):
            found += [(seq[0].surprises[i], seq[0][i]) for i in sorted(seq[0].surprises)
                      if not isinstance(seq[0][i], str)]
        if found:
            out.add("PF211", _surprise_message(result, *found[0]), Pos(path, n, col))
            return REFUSED
    return (seq[0], surprise, seq.as_written.get(0))


def _hidden_syntax(wrapped: str, text: str) -> tuple[str, str] | None:
    """(code, message) for the first comment, anchor, alias or tag YAML finds in the cell `text`
    (inside `wrapped`, the flow list it is read in), or None. Asked of YAML's own scanner,
    so a `#` or `!` inside a quoted name or a plain word (`5#x`) is no such syntax; a
    cell the scanner refuses is left to the parse, which reports it."""
    spans, found = [], None
    try:
        for token in yaml.scan(wrapped, Loader=yaml.SafeLoader):
            start, end = token.start_mark.index, token.end_mark.index
            spans.append((start, end))
            if found is None and isinstance(token, (yaml.AnchorToken, yaml.AliasToken, yaml.TagToken)):
                found = (start, token)
    except yaml.YAMLError:
        return None
    covered = set()
    for start, end in spans:
        covered.update(range(start, end))
    comment = next((i for i, ch in enumerate(wrapped) if ch == "#" and i not in covered), None)
    shown = "where a spreadsheet shows the whole cell"
    if comment is not None and (found is None or comment < found[0]):
        note = wrapped[comment:].split("\n", 1)[0].rstrip()
        return ("PF204", f"{quote(text)}: YAML reads {quote(note)} as a comment and leaves it out, {shown}: write the value "
                         "alone (a note belongs in the reason column)")
    if found is None:
        return None
    start, token = found
    written = wrapped[start:token.end_mark.index]
    if isinstance(token, yaml.TagToken):
        return ("PF103", f"{quote(text)}: YAML reads {quote(written)} as a tag and leaves it out, {shown}: write the value "
                         "alone (a name in single quotes is text)")
    kind = "an anchor" if isinstance(token, yaml.AnchorToken) else "an alias of a value anchored elsewhere"
    return ("PF104", f"{quote(text)}: YAML reads {quote(written)} as {kind}, {shown}: write the value itself")


def _surprise_message(column: str, text: str, read) -> str:
    """PF211's words for a result cell that YAML 1.1 reads otherwise than a spreadsheet shows
    it (`yes` as true, `012` as 10), with a fix for that column that works in a CSV: the
    CSV's own quotes are gone before the cell is read, so "quote it" cannot help; YAML's
    single quotes inside the cell (`'no'`) can, where the column takes a name."""
    prefix = column.partition(".")[0]
    said = f"{quote(text)} is YAML 1.1 for {'true' if read is True else 'false' if read is False else read}"
    if prefix == "evidence":
        fix = f"{column} is a number" if isinstance(read, bool) else "write the number without a leading zero"
    elif column == "not_now":
        fix = "write true" if read is True else "not_now takes true: leave the cell empty for no"
    elif prefix == "derive" and read is True:
        fix = f"write true, or '{text}' in single quotes for the value named so"
    elif prefix == "derive":
        fix = f"write '{text}' in single quotes for the value named so, or leave the cell empty"
    else:
        fix = f"write '{text}' in single quotes for the name"
    return f"{said}; {fix}"


def _shift(value, lines: int):
    """`value` with every position moved down by `lines` (a cell parsed on its own)."""
    if isinstance(value, (Map, Seq)):
        value.line += lines
        if isinstance(value, Map):
            value.marks = {k: (m[0] + lines, m[1], m[2] + lines, m[3]) for k, m in value.marks.items()}
        else:
            value.marks = [(m[0] + lines, m[1]) for m in value.marks]
        for item in value.values() if isinstance(value, Map) else value:
            _shift(item, lines)
    return value
