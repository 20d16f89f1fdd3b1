"""A rule test file read as a person's facts: a control character written as an escape in a
top-level `subject:` (or one in a top-level `facts:` block) was taken off the reader's problems,
as a profile's subject is handed to the subject's rule (PF628), but a rule test file has no
subject to hand on: its only problem left was the unknown key (PF801), and the control character
in its text went unsaid, where every other rule-set file's is PF101. It is PF101 at the value
again, beside the unknown key."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_with_cases

CASE = "cases:\n  - name: a\n    profile: {}\n    expect: {outcome: undetermined}\n"


@pytest.mark.parametrize("head, at", [('subject: "a\\u0007"\n', "1:10"), ('facts:\n  subject: "a\\u0007"\n', "2:12")])
def test_an_escaped_control_character_in_a_rule_test_file_is_pf101(tmp_path: Path, head: str, at: str) -> None:
    rules = tiny_with_cases(tmp_path, head + CASE)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 2 and result.stdout == "", result.output
    said = [line.split(": ", 2)[:2] for line in result.stderr.splitlines()]
    assert [f"{rules}/tests/cases.yaml:{at}", "PF101"] in said, result.stderr
