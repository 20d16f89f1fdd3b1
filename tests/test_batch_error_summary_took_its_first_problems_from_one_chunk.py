"""`batch`'s stderr lists the first 5 problems of rows in input order, however the rows are
shared into chunks: a cohort whose first chunk (64 rows) has one bad row and whose later rows
have six lists row 1's problem and then the next four, then "and 2 more". Taking the first
problems from the first chunk that had any, or from each chunk anew, lists another count or
other rows, which only a cohort of more than one chunk shows."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

BAD = (1, 100, 101, 102, 103, 150, 200)  # rows with a bad value; the first chunk holds rows 1 to 64


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_summary_lists_the_first_five_problems_in_input_order_across_chunks(tmp_path, jobs):
    lines = ["id,willing_to_change,hours_per_month"]
    lines += [f"r{n},{'maybe' if n in BAD else 'yes'},6" for n in range(1, 301)]
    cohort = tmp_path / "in.csv"
    cohort.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(out), "--jobs", jobs])
    assert result.exit_code == 1, result.output
    summary = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    shown = [re.search(r"^  .*:(\d+):\d+: (PF\d+): .*\(row (\d+), id (r\d+)\)$", line) for line in summary[:-1]]
    assert all(shown), summary
    assert [(int(m[1]), int(m[3]), m[4]) for m in shown] == [(n + 1, n, f"r{n}") for n in BAD[:5]], summary
    code = shown[0][2]
    assert summary[-1] == f"  and 2 more ({code} 2); {out} has every row's error", summary
