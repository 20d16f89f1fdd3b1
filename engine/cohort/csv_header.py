"""A cohort CSV's header, checked before any row is read.

Why the whole input is refused for a bad header rather than each row: a column named twice
or naming no fact would change what every row means silently (one cell overriding
another, a misnamed column read as if it were not there), so the file is refused at the
header's column, before a row is decided.
"""
from __future__ import annotations

from ..errors import PathfitError, Problem, Pos, did_you_mean
from ..pipeline.model import valued_facts
from ..pipeline.profile import ROW_ID, SUBJECT
from .lines import CONTROL, control_problem
from .locate import csv_cell_positions
from ..quote import quote

NAMED = (ROW_ID, SUBJECT)  # the columns that are no fact


def check_header(header: list, text: str, label: str, facts: dict) -> None:
    """Raise PathfitError for a header (`header` its names, stripped; `text` its lines as
    written) naming a column twice, or a column that is no fact, `id` or `subject`, or holding a
    control character."""
    _no_controls(text, label)
    _no_column_twice(header, text, label)
    _columns_known(header, text, label, facts)


def _no_controls(text: str, label: str) -> None:
    """Refuse a header holding a control character, as a row holding one is refused (PF101, at
    it): UTF-16 text without its byte order mark reads as names with NULs between their letters,
    and is named so."""
    bad = CONTROL.search(text)
    if bad is None:
        return
    problem = control_problem(text, label, 1)
    what = ("the CSV header holds NUL bytes, as UTF-16 text without its byte order mark does: save the file as "
            "UTF-8" if bad.group() == "\x00" else f"{problem.message} in the CSV header")
    raise PathfitError([problem._replace(message=f"{what} (the input is refused before any row)")])


def _no_column_twice(header: list, text: str, label: str) -> None:
    """A header naming a column twice would let one cell of each row silently override the
    other, as a duplicate key would in JSON: the whole input is refused (PF105), located at
    the second column, before any row is read."""
    seen: dict[str, int] = {}
    for index, name in enumerate(header):
        if not name:  # an empty column (a spreadsheet's trailing commas): read as no fact, so it clashes with none
            continue
        if name in seen:
            raise PathfitError([Problem("PF105", f"column {quote(name)} appears twice in the header (columns "
                                        f"{seen[name] + 1} and {index + 1}); each row would lose one of its cells",
                                        _at(text, index, label))])
        seen[name] = index


def _columns_known(header: list, text: str, label: str, facts: dict) -> None:
    """Refuse a header with a column that names no input fact, `id` or `subject`, before any
    row is read: each row would be refused for its cell under it, or, left empty, decided as if
    the column were not there, so that one misnamed column split a cohort silently (PF401 at
    each such column, with a hint; PF405 at one naming a derived fact). A header of one cell
    holding semicolons or tabs is a CSV saved with another separator, and JSON Lines read as
    CSV names nothing at all (PF406). A U+FFFD written in a name is a character like any
    other: that column names no fact."""
    valued = valued_facts(facts)  # a valued derived fact runs as one fact per value (pace=fast): `pace` is derived
    unknown = [(i, name) for i, name in enumerate(header)
               if name and name not in facts and name not in NAMED and name not in valued]
    derived = [(i, name) for i, name in enumerate(header)
               if (facts[name].kind == "derived" if name in facts else name in valued)]
    if not unknown and not derived:
        return
    if unknown and len(header) == 1 and (";" in header[0] or "\t" in header[0]):
        sep = "semicolons" if ";" in header[0] else "tabs"
        raise PathfitError([Problem("PF406", f"the CSV header is separated by {sep}; a cohort's CSV is "
                                    "comma-separated: save it as CSV with commas", Pos(label, 1, 1))])
    if unknown and len(unknown) == len([n for n in header if n]) and header[0].startswith("{"):  # not a cohort's
        raise PathfitError([Problem("PF406", "the CSV header names no fact, `id` or `subject`, so no row could be "
                                    "read (JSON Lines given a name pathfit reads as CSV? give --input-format jsonl)",
                                    Pos(label, 1, 1))])
    choices = [*(n for n, f in facts.items() if f.kind == "input"), *NAMED]
    # a derived fact's column, which the rules set and no row gives: taken, its empty cells were
    # passed over as if it were not there (a filled one was its row's PF405)
    problems = [Problem("PF405", f"column {quote(name)} is a fact the rules derive, which no row gives: remove it (the "
                        "input is refused before any row)", _at(text, index, label)) for index, name in derived]
    for index, name in unknown:
        same = next((c for c in choices if c.lower() == name.lower()), None)  # names are matched exactly
        hint = f" (names are matched exactly: did you mean {quote(same)}?)" if same else did_you_mean(name, choices)
        problems.append(Problem("PF401", f"column {quote(name)} names no fact, `id` or `subject`{hint}: rename it or "
                                "remove it (the input is refused before any row)", _at(text, index, label)))
    raise PathfitError(problems)


def _at(text: str, index: int, label: str) -> Pos:
    """Where the header's column `index` is written (the header starts on line 1)."""
    cells = csv_cell_positions(text, 1)
    return Pos(label, *cells[index]) if index < len(cells) else Pos(label, 1, 1)
