"""A batch CSV result cell keeps a line feed or a tab it was read with, inside its quotes, and
escapes every other control character. The docs said every control character in any cell was
written as an escape; this pins what the docs now say."""
from __future__ import annotations

import csv

from .audit_support import run


def test_a_csv_cell_keeps_its_line_feed_and_tab_and_escapes_other_controls(tmp_path):
    cohort = tmp_path / "c.csv"
    cohort.write_bytes(b'id,horizon_months\n"r5\nmulti",4\n"r6\ttab",4\n"r7\x1bx",4\n')
    out = tmp_path / "r.csv"
    done = run("batch", cohort, "--out", out, "--jobs", "1")
    with out.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["id"] for r in rows] == ["r5\nmulti", "r6\ttab", ""], done.output
    assert [r["error_code"] for r in rows] == ["", "", "PF101"]
    assert "\x1b" not in out.read_text(encoding="utf-8")
