"""A decision table's rows kept in a CSV file beside its rule file (`rows_from: name.csv`).

Why a CSV is turned into the very `inputs:` and `rows:` a YAML table holds (Map and Seq
values whose positions point into the CSV): tables.py then checks and compiles a CSV row
exactly as it does a YAML row, so the two give the same rules, ids, trace and errors, and
every error points at the CSV's line and cell. The format (docs/rule-language.md):

- line 1 is the header: the input columns (`FACT`, or `FACT TEST` such as `hours lt`),
  then the result columns: `id`, `reason`, `cites`, `evidence.OUTCOME`, `derive.FACT`,
  `suggest`, `refer`, `not_now`;
- each later line is one row; a blank line is skipped; cells are separated by commas and
  a cell holding a comma or a quote is quoted (`"[a, b]"`, a quote doubled), as
  spreadsheets write CSV; a cell may not span lines;
- `id` and `reason` cells are text as written; every other cell is read as that cell
  would be in a YAML row's flow list (`[specific, true]`), with `-` for any value; an
  empty result cell leaves that result out (csv_cells.py reads such a cell). A YAML 1.1
  surprise (`yes`, `no`, `010`) is refused in every cell read so (PF211): a spreadsheet
  shows text, so nothing may read otherwise; so is YAML that leaves no trace in the value
  (a comment, a tag, an anchor or alias).
"""
from __future__ import annotations

import os

from ..errors import Collector, PathfitError, Pos, closest, did_you_mean
from .csv_cells import REFUSED, SKIP_ROW, SpoiltRow, read_cell
from .load import Map, Seq, read_text
from ..quote import quote

RESULTS = ("id", "reason", "cites", "suggest", "refer", "not_now")
PREFIXES = ("evidence", "derive")
TEXT_COLUMNS = ("id", "reason")


def with_csv_rows(body: Map, label: str, out: Collector, sources: dict | None = None) -> Map | None:
    """A copy of the table `body` whose `inputs` and `rows` come from its `rows_from` CSV,
    or None when the path, the file or its header is refused (reported). `sources` gets
    the CSV's file name -> text, for the rule set's file digests."""
    if "rows" in body or "inputs" in body:
        key = "rows" if "rows" in body else "inputs"
        out.add("PF235", f"a table takes `rows_from` or `rows` and `inputs`, not both: the CSV's header names "
                         f"the inputs; remove {quote(key)}", body.key_at(key))
        return None
    name, pos = body["rows_from"], body.at("rows_from")
    path = _path(name, pos, os.path.dirname(label), out)
    if path is None:
        return None
    try:
        text = read_text(path, path)
    except PathfitError as err:
        out.problems.extend(err.problems)
        return None
    if sources is not None:
        sources[name] = text
    lines = [line[:-1] if line.endswith("\r") else line for line in text.split("\n")]
    header = _split(lines[0], 1, path, out) if lines[0].strip() else None
    if header is None:
        if not lines[0].strip():
            out.add("PF236", "the first line of a table's CSV is its header: input columns, then result columns",
                    Pos(path, 1, 1))
        return None
    columns = _header(header, path, out)
    if columns is None:
        return None
    rows = _seq(path, 2, 1)
    for n, line in enumerate(lines[1:], start=2):
        if line.strip():
            rows.append(_row(line, n, columns, path, out))
            rows.marks.append((n, 1))
    copy = Map(body)
    copy.label, copy.line, copy.col = body.label, body.line, body.col
    copy.marks, copy.surprises, copy.as_written = dict(body.marks), dict(body.surprises), dict(body.as_written)
    del copy["rows_from"]
    copy.put("inputs", columns[1], Pos(path, 1, 1))
    copy.put("rows", rows, Pos(path, 2 if len(lines) > 1 else 1, 1))
    return copy


def _path(name, pos: Pos, directory: str, out: Collector) -> str | None:
    """The CSV's path: a file name in the rule file's own directory (the rule set's), no
    folder, no `..`, no absolute path, not a link, so the rule set is every file it reads."""
    if not isinstance(name, str) or not name.endswith(".csv") or name.startswith("."):
        out.add("PF235", "rows_from names a .csv file in the rule set's directory", pos)
        return None
    if "/" in name or "\\" in name or os.path.isabs(name) or ":" in name:
        out.add("PF235", f"rows_from {quote(name)} must be a file name in the rule set's own directory: no folder, "
                         "no `..`, no absolute path", pos)
        return None
    path = os.path.join(directory, name)
    if os.path.islink(path):
        out.add("PF235", f"rows_from {quote(name)} is a link; the table's CSV must be a file of the rule set itself", pos)
        return None
    if not os.path.isfile(path):  # a pipe, a folder or a device there is no plain file, but not "no such file"
        said = "is not a plain file" if os.path.lexists(path) else "no such file"
        out.add("PF235", f"rows_from {quote(name)}: {said} in the rule set's directory", pos)
        return None
    return path


def _split(line: str, n: int, path: str, out: Collector) -> list[tuple[str, int, bool]] | None:
    """One CSV line -> (cell text, the cell's 1-based column, quoted?) per cell."""
    cells: list[tuple[str, int, bool]] = []
    i, end = 0, len(line)
    while True:
        start = i + len(line[i:]) - len(line[i:].lstrip(" "))
        if start < end and line[start] == '"':
            parts, k = [], start + 1
            while True:
                q = line.find('"', k)
                if q < 0:
                    out.add("PF237", "a quoted cell is not closed on its line (a cell may not span lines)",
                            Pos(path, n, start + 1))
                    return None
                parts.append(line[k:q])
                if line[q + 1:q + 2] != '"':
                    break
                parts.append('"')
                k = q + 2
            i = q + 1
            while i < end and line[i] == " ":
                i += 1
            if i < end and line[i] != ",":
                out.add("PF237", "text after a quoted cell's closing quote", Pos(path, n, i + 1))
                return None
            cells.append(("".join(parts).strip(), start + 1, True))
        else:
            comma = line.find(",", i)
            comma = end if comma < 0 else comma
            raw = line[i:comma]
            if '"' in raw:
                out.add("PF237", "a quote inside an unquoted cell: quote the whole cell and double the quote",
                        Pos(path, n, i + raw.index('"') + 1))
                return None
            cells.append((raw.strip(), start + 1 if raw.strip() else i + 1, False))
            i = comma
        if i >= end:
            return cells
        i += 1  # the comma
        if i == end:
            cells.append(("", i + 1, False))
            return cells


def _header(cells: list, path: str, out: Collector):
    """-> (result columns [(name, column)], the `inputs:` Seq), or None after reporting."""
    inputs, results, seen, ok = _seq(path, 1, 1), [], {}, True
    if len(cells) == 1 and (";" in cells[0][0] or "\t" in cells[0][0]):
        sep = "semicolons" if ";" in cells[0][0] else "tabs"
        out.add("PF236", f"the header is separated by {sep}; a table's CSV is comma-separated: save it as "
                         "CSV with commas (a spreadsheet's \"CSV (comma delimited)\")", Pos(path, 1, 1))
        return None
    for text, col, _ in cells:
        pos = Pos(path, 1, col)
        prefix, _, rest = text.partition(".")
        if not text:
            out.add("PF236", "a column needs a name", pos)
        elif text in seen:
            out.add("PF236", f"column {quote(text)} appears twice (first at column {seen[text]})", pos)
        elif text in RESULTS or (prefix in PREFIXES and rest):
            results.append((text, col))
            seen[text] = col
            continue
        elif "." in text:
            out.add("PF236", f"unknown result column {quote(text)}: results are {', '.join(RESULTS)}, evidence.OUTCOME "
                             f"and derive.FACT{_result_hint(prefix, rest)}", pos)
        elif results:
            hint = did_you_mean(text, RESULTS, "the result column")  # a misspelt one reads as an input column
            out.add("PF236", f"input column {quote(text)} after a result column: the input columns come first{hint}", pos)
        elif len(text.split()) > 2:
            out.add("PF236", f"an input column is `FACT` or `FACT TEST`, not {quote(text)}", pos)
        else:
            seen[text] = col
            column = _map(path, 1, col)
            fact, *test = text.split()
            column["fact"] = fact
            column.marks["fact"] = (1, col, 1, col)
            if test:
                column["test"] = test[0]
                at = col + text.index(test[0], len(fact))
                column.marks["test"] = (1, at, 1, at)
            inputs.append(column)
            inputs.marks.append((1, col))
            continue
        ok = False
    if ok and not len(inputs):
        out.add("PF236", "the header names no input column before the result columns", Pos(path, 1, 1))
        ok = False
    if ok and not results:
        out.add("PF236", "the header names no result column after the input columns: evidence.OUTCOME, "
                         "derive.FACT, suggest, refer or not_now", Pos(path, 1, cells[-1][1] + len(cells[-1][0])))
        ok = False
    return (results, inputs) if ok else None


def _result_hint(prefix: str, rest: str) -> str:
    """The did-you-mean for an unknown `PREFIX.NAME` result column: a misspelt prefix is
    corrected with the rest kept (`evidnce.coaching` -> `evidence.coaching`), since the
    author wrote the whole column name and wants the whole name back."""
    close = closest(prefix, PREFIXES + RESULTS)
    if close in PREFIXES and rest:
        return f" (did you mean {quote(close + '.' + rest)}?)"
    return did_you_mean(prefix, PREFIXES + RESULTS)


def _row(line: str, n: int, columns: tuple, path: str, out: Collector):
    """One CSV line as the Map a YAML row would be, or SKIP_ROW after reporting."""
    results, inputs = columns
    cells = _split(line, n, path, out)
    if cells is None:
        return SKIP_ROW
    width = len(inputs) + len(results)
    if len(cells) != width:
        col = cells[width][1] if len(cells) > width else len(line) + 1
        out.add("PF225", f"row has {len(cells)} cells; the header has {width} columns", Pos(path, n, col))
        return SKIP_ROW
    row, then, spoilt = _map(path, n, 1), None, False
    when = _seq(path, n, cells[0][1])
    for text, col, quoted in cells[:len(inputs)]:
        if not text:
            out.add("PF204", "an input cell is empty: write - for any value", Pos(path, n, col))
            value = SKIP_ROW
        else:
            value = read_cell(text, col, quoted, n, path, out)
        if value is SKIP_ROW:
            # reported: the cell stands as `-` so that the row's other cells, its reason and its
            # citations are still checked, as a YAML row's are; a spoilt row is never compiled
            value, spoilt = ("-", None, None), True
        when.append(value[0])
        when.marks.append((n, col))
        if value[1] is not None:
            when.surprises[len(when) - 1] = value[1]
        if value[2] is not None:
            when.as_written[len(when) - 1] = value[2]
    row["when"] = when
    row.marks["when"] = (n, 1, n, cells[0][1])
    for (name, hcol), (text, col, quoted) in zip(results, cells[len(inputs):]):
        if not text:
            continue
        value = (text, None, None) if name in TEXT_COLUMNS else read_cell(text, col, quoted, n, path, out, name)
        if value is SKIP_ROW or value is REFUSED:  # reported; the rest of the row is still checked
            spoilt = True
            continue
        prefix, _, key = name.partition(".")
        if then is None:
            then = _map(path, n, col)
        target = row if name in ("id", "reason", "cites") else then
        if prefix in PREFIXES:
            if prefix not in then:
                then[prefix] = _map(path, n, col)
                then.marks[prefix] = (n, col, n, col)
            target, name = then[prefix], key
        target[name] = value[0]
        target.marks[name] = (1, hcol, n, col) if prefix in PREFIXES else (n, col, n, col)
        if value[2] is not None:  # a number not written plainly: judged where it is read (PF211)
            target.as_written[name] = value[2]
    row["then"] = then if then is not None else _map(path, n, cells[len(inputs)][1])
    row.marks["then"] = (n, row["then"].col, n, row["then"].col)
    if spoilt:
        marked = SpoiltRow(row)
        marked.label, marked.line, marked.col = row.label, row.line, row.col
        marked.marks, marked.surprises, marked.as_written = row.marks, row.surprises, row.as_written
        return marked
    return row


def _map(path: str, line: int, col: int) -> Map:
    m = Map()
    m.label, m.line, m.col = path, line, col
    m.marks, m.surprises, m.as_written = {}, {}, {}
    return m


def _seq(path: str, line: int, col: int) -> Seq:
    s = Seq()
    s.label, s.line, s.col = path, line, col
    s.marks, s.surprises, s.as_written = [], {}, {}
    return s
