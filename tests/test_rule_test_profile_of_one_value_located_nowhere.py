"""A rule test case whose `profile` was one plain value (text, a number, true) was PF406 at the
test file alone (`cases.yaml:0:0`), where a list there was located at its value: a plain value
carries no place of its own. Each is now located where the profile is written."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_with_cases

CASES = """\
cases:
  - name: a
    profile: abc
    expect: {outcome: undetermined}
  - name: b
    profile: 5
    expect: {outcome: undetermined}
  - name: c
    profile: true
    expect: {outcome: undetermined}
  - name: d
    profile: [1]
    expect: {outcome: undetermined}
"""


def test_a_profile_of_one_plain_value_is_located_at_it(tmp_path):
    rules = tiny_with_cases(tmp_path, CASES)
    result = CliRunner().invoke(cli, ["test", str(rules)])
    assert result.exit_code == 2
    said = [line.split(": PF406")[0] for line in result.stderr.splitlines() if ": PF406: " in line]
    assert said == [f"{rules / 'tests' / 'cases.yaml'}:{line}:14" for line in (3, 6, 9, 12)]
