"""A rule id used twice (PF206) is reported at the copy written later in the files (file,
line, column), naming the first's place: not in the order a file is read, where its
decision tables come before its rules."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

RULE_ABOVE_TABLE = """rules:
  - {id: t.1, reason: r, cites: [focus], when: {fact: goal, equals: specific}, then: {evidence: {coaching: 1}}}
tables:
  - id: t
    hit: collect
    reason: r
    cites: [focus]
    inputs: [{fact: goal}]
    rows:
      - {when: [emerging], then: {evidence: {coaching: 1}}}
"""


def _pf206(rules: Path) -> list[str]:
    result = CliRunner().invoke(cli, ["lint", str(rules)])
    assert "Traceback" not in result.output
    return [line for line in result.output.splitlines() if ": PF206: " in line]


def test_a_rule_above_a_table_keeps_its_id_and_the_later_id_less_row_is_the_copy(tmp_path):
    rules = tiny_copy(tmp_path)
    (rules / "extra.yaml").write_text(RULE_ABOVE_TABLE, encoding="utf-8")
    where = rules / "extra.yaml"
    assert _pf206(rules) == [f"{where}:10:9: PF206: rule id 't.1' already used at {where}:2:10"]


def test_a_table_above_a_rule_makes_the_rule_the_copy(tmp_path):
    rules = tiny_copy(tmp_path)
    table, rule = RULE_ABOVE_TABLE.split("tables:\n")[1], RULE_ABOVE_TABLE.split("tables:\n")[0]
    (rules / "extra.yaml").write_text("tables:\n" + table + rule, encoding="utf-8")
    where = rules / "extra.yaml"
    assert _pf206(rules) == [f"{where}:10:10: PF206: rule id 't.1' already used at {where}:8:9"]


def test_across_files_the_first_file_by_name_holds_the_first(tmp_path):
    rules = tiny_copy(tmp_path)
    (rules / "a.yaml").write_text(RULE_ABOVE_TABLE.split("tables:\n")[0], encoding="utf-8")
    (rules / "b.yaml").write_text("tables:\n" + RULE_ABOVE_TABLE.split("tables:\n")[1], encoding="utf-8")
    assert _pf206(rules) == [f"{rules / 'b.yaml'}:8:9: PF206: rule id 't.1' already used at {rules / 'a.yaml'}:2:10"]
