"""What the sweep of what a killed run left beside an output (engine.leftovers) removes, and
what it leaves: the name whole, this output's only, a name holding a line break never taken for
two. The sweep once matched every name of the folder one by one in Python (about 11 ms per write
into a folder of 100,000 files, over the listing itself) and now searches them at C speed; these
held then as now, so they pin behaviour, not that speed, which no unit test times."""
from __future__ import annotations

import os
import time

from pathfit.engine.leftovers import SETTLED, sweep

TAIL = "-123-0123456789ab"


def _old(path) -> None:
    path.write_text("left")
    then = time.time() - SETTLED - 5
    os.utime(path, (then, then))


def test_a_leftover_among_thousands_of_names_is_removed_and_nothing_else(tmp_path):
    for i in range(5000):
        (tmp_path / f"f{i}.jsonl").touch()
    left = tmp_path / f".out.jsonl.partial{TAIL}"
    other_output = tmp_path / f".other.jsonl.partial{TAIL}"  # another output's: not this one's to sweep
    longer = tmp_path / f".out.jsonl.partial{TAIL}0"  # not the pattern whole
    lines = tmp_path / f"x\n.out.jsonl.partial{TAIL}"  # holds the pattern after a line break: not it
    for path in (left, other_output, longer, lines):
        _old(path)
    sweep(str(tmp_path), "out.jsonl")
    assert not left.exists()
    assert other_output.exists() and longer.exists() and lines.exists()


def test_the_current_folder_is_swept_by_a_bare_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _old(tmp_path / f".out.jsonl.partial{TAIL}")
    sweep("", "out.jsonl")
    assert os.listdir(tmp_path) == []
