"""An identifier is its pattern's characters and nothing else: `"e.coach\\n"` is not a rule id.

Python's `$` also matches before a final line break, so a pattern checked with `match`
took a quoted rule id, fact name, outcome name, referral, value or table id ending in `\\n`: it
printed exactly as another (`rules`, `docs`, records), two rules could be told apart by
nothing a reader sees, and `docs` split the id's heading across two lines. Each is PF212
at the value, as any other character outside the pattern is, and the JSON Schemas
(whose `$` ends the text) agree with the check.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError

from .helpers import tiny_copy

# (file, text replaced, its replacement, line and column of the value)
CASES = {
    "rule id": ("rules.yaml", "  - id: e.coach\n", '  - id: "e.coach\\n"\n', 12, 9),
    "fact name": ("schema.yaml", "  hours:\n", '  "hours_per_month\\n":\n    type: number\n    min: 0\n'
                  "    max: 1\n    question: x\n  hours:\n", 8, 3),
    "value": ("schema.yaml", "values: [specific, emerging, undefined]",
              'values: [specific, emerging, undefined, "vague\\n"]', 6, 45),
    "referral": ("policy.yaml", "referrals: [counselling, training]",
                 'referrals: [counselling, training, "careers\\n"]', 2, 36),
}


def _rules(tmp: Path, case: str) -> Path:
    name, old, new, _, _ = CASES[case]
    rules = tiny_copy(tmp)
    text = (rules / name).read_text()
    assert old in text
    (rules / name).write_text(text.replace(old, new, 1))
    return rules


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_identifier_ending_in_a_line_break_is_pf212_at_it(tmp_path: Path, case: str) -> None:
    rules = _rules(tmp_path, case)
    name, _, _, line, col = CASES[case]
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    found = [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in info.value.problems]
    assert ("PF212", name, line, col) in found, found


def test_a_rule_id_ending_in_a_line_break_is_refused_by_the_cli_with_exit_2(tmp_path: Path) -> None:
    rules = _rules(tmp_path, "rule id")
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert f"{rules / 'rules.yaml'}:12:9: PF212" in result.output
    assert "Traceback" not in result.output


# A table whose id and first row's id are given: the table.yaml of the two cases below
TABLE = ("tables:\n"
         "  - id: {table}\n"
         "    hit: collect\n"
         "    reason: r\n"
         "    cites: [focus]\n"
         "    inputs: [{{fact: goal}}]\n"
         "    rows:\n"
         "      - {{id: {row}, when: [specific], then: {{evidence: {{coaching: 1}}}}}}\n")


@pytest.mark.parametrize("table, row, line, col", [("t", '"first\\n"', 8, 14), ('"t\\n"', "first", 2, 9)],
                         ids=["row id", "table id"])
def test_a_table_or_row_id_ending_in_a_line_break_is_pf212(tmp_path: Path, table: str, row: str, line: int,
                                                           col: int) -> None:
    rules = tiny_copy(tmp_path)
    (rules / "table.yaml").write_text(TABLE.format(table=table, row=row))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    found = [(p.code, p.pos.line, p.pos.col) for p in info.value.problems]
    assert ("PF212", line, col) in found, found


# Names checked by their own calls, each its own way of being wrong: (file, text replaced, its
# replacement, line and column of the value)
OTHER_NAMES = {
    "format": ("policy.yaml", "  external_coach: {for: [coaching, blended]}\n",
               '  "external_coach\\n": {for: [coaching, blended]}\n', 4, 3),
    "outcome name": ("policy.yaml", "referrals: [counselling, training]\n",
                     "referrals: [counselling, training]\noutcomes:\n"
                     '  - {name: "coaching\\n", label: Coaching}\n', 4, 12),
    "evidence outcome": ("policy.yaml", "evidence_outcomes: [coaching, mentoring]",
                         'evidence_outcomes: [coaching, "mentoring\\n"]', 1, 31),
}


@pytest.mark.parametrize("case", sorted(OTHER_NAMES))
def test_a_format_or_outcome_name_ending_in_a_line_break_is_pf212_at_it(tmp_path: Path, case: str) -> None:
    name, old, new, line, col = OTHER_NAMES[case]
    rules = tiny_copy(tmp_path)
    text = (rules / name).read_text()
    assert old in text
    (rules / name).write_text(text.replace(old, new, 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    found = [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in info.value.problems]
    assert ("PF212", name, line, col) in found, found
