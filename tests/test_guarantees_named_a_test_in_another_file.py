"""Each test the README's Guarantees table names is where the row says: a `file::name` is
defined in that file, and a bare `name` written after a file in the same row (the row's way of
naming more tests of that file) is defined in the file named last before it; a bare name with no
file before it in its row may be anywhere under tests/. Before: the table's own check looked
for each name anywhere, so a row could send a reader to a file without the test (the batch kill
loop's tests named after test_batch_interrupted_while_reading_the_log.py)."""
from __future__ import annotations

import re

from .helpers import ROOT


def _rows() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    return [line for line in table.splitlines() if line.startswith("| ") and not line.startswith("| promise")]


def _defined(path: str) -> set[str]:
    return set(re.findall(r"^\s*(?:async )?def (test_\w+)\(", (ROOT / path).read_text(encoding="utf-8"), re.M))


def misplaced(rows: list[str]) -> list[tuple[str, str]]:
    """(file, name) for every name the table places in a file that does not define it."""
    anywhere = set().union(*(_defined(str(p.relative_to(ROOT))) for p in (ROOT / "tests").rglob("*.py")))
    wrong = []
    for row in rows:
        held_by = row.rstrip().rstrip("|").rsplit("|", 1)[1]
        current = None  # the file named last in this row
        for ref in re.findall(r"`([^`]+)`", held_by):
            ref = ref.split(" via ")[0]
            path, _, name = ref.rpartition("::") if "::" in ref else ("", "", ref)
            if path:
                current = path
            elif not name.startswith("test_"):
                current = name if name.endswith(".py") else current
                continue
            where = current if path or current else None
            if where is None:
                if name not in anywhere:
                    wrong.append(("tests/", name))
            elif name not in _defined(where):
                wrong.append((where, name))
    return wrong


def test_every_test_the_guarantees_name_is_in_the_file_its_row_names():
    rows = _rows()
    assert len(rows) >= 100
    assert misplaced(rows) == []


def test_a_name_placed_after_a_file_that_lacks_it_is_found():
    row = ("| a promise | `tests/test_readme.py`, `test_every_test_the_guarantees_name_exists`, "
           "`tests/test_decide.py::test_every_test_the_guarantees_name_exists` |")
    assert misplaced([row]) == [("tests/test_decide.py", "test_every_test_the_guarantees_name_exists")]
