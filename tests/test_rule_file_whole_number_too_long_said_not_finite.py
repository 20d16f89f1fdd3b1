"""Regression: a whole number written with more digits than pathfit reads as one (over 4,300,
Python's limit for int()) in a rule file was PF203 "must be a finite number". It is a whole,
finite number, beyond what the engine compares exactly, as one of 4,300 digits is: PF219 at
the value, in a rule's weight and threshold, a schema's range and a CSV table's cell alike,
its size told by its count of digits (never the digits themselves)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError

TINY = Path(__file__).parent / "fixtures" / "tiny"
LONG = "1" + "0" * 5000  # 5,001 digits: past int()'s 4,300
READ = "1" + "0" * 4299  # 4,300 digits: read as a whole number, refused as beyond 2**53


def _rules(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    return rules


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(rules: Path) -> list:
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col, p.message) for p in info.value.problems]


@pytest.mark.parametrize("sign", ["", "-"])
def test_a_weight_of_more_digits_than_int_reads_is_pf219_with_its_digits_counted(tmp_path, sign):
    rules = _rules(tmp_path)
    _edit(rules / "rules.yaml", "{evidence: {mentoring: 2}}", f"{{evidence: {{mentoring: {sign}{LONG}}}}}")
    assert _problems(rules) == [("PF219", "rules.yaml", 26, 34, "evidence weight: a whole number of 5,001 digits is "
                                 "beyond +-9007199254740992 (2**53), the largest magnitude the engine compares exactly")]


@pytest.mark.parametrize("digits", [READ, LONG])
def test_a_threshold_of_any_length_is_pf219_at_its_value(tmp_path, digits):
    rules = _rules(tmp_path)
    _edit(rules / "rules.yaml", "{fact: hours, gte: 4}", f"{{fact: hours, gte: {digits}}}")
    assert [p[:4] for p in _problems(rules)] == [("PF219", "rules.yaml", 5, 69)]


def test_a_schema_range_of_more_digits_than_int_reads_is_pf219(tmp_path):
    rules = _rules(tmp_path)
    _edit(rules / "schema.yaml", "    max: 160\n", f"    max: {LONG}\n")
    assert [p[:4] for p in _problems(rules)] == [("PF219", "schema.yaml", 11, 10)]


def test_a_csv_cell_of_more_digits_than_int_reads_is_pf219(tmp_path):
    rules = _rules(tmp_path)
    (rules / "t.yaml").write_text("tables:\n  - id: t\n    hit: first\n    reason: r\n    cites: [focus]\n"
                                  "    rows_from: t.csv\n")
    (rules / "t.csv").write_text(f"goal,evidence.coaching\nspecific,{LONG}\n")
    assert [p[:4] for p in _problems(rules)] == [("PF219", "t.csv", 2, 10)]


def test_the_cli_refuses_it_with_exit_status_2_and_no_digits_written_out(tmp_path):
    rules = _rules(tmp_path)
    _edit(rules / "rules.yaml", "{evidence: {mentoring: 2}}", f"{{evidence: {{mentoring: {LONG}}}}}")
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(rules)])
    assert result.exit_code == 2
    assert ":26:34: PF219: " in result.output
    assert "finite" not in result.output and "0" * 100 not in result.output
