"""`pathfit test` printed a case's small number in Python's exponent form, a form no profile
takes (PF407): a case giving `hours: 0.0000005` that fired a rule expected not to fire read
"it fired on: hours = 5e-07", one whose expected rule failed "(observed [emerging, 1e-07])"
(PF812's coverage lines alike), while the case's own profile wrote 0.0000005 and 0.0000001. The values are now written as the profile gives them (reports.numbers.number_text)."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

CASES = """cases:
  - name: small hours
    profile: {goal: emerging, hours: 0.0000005, needs: [skill], ready: true}
    expect: {outcome: coaching, not_fired: [d.structured]}
  - name: smaller hours
    profile: {goal: emerging, hours: 0.0000001, needs: [skill], ready: true}
    expect: {outcome: mentoring, fired: [d.structured]}
"""


def test_a_cases_numbers_are_written_as_its_profile_gives_them(tmp_path):
    rules = tiny_copy(tmp_path)
    text = (rules / "rules.yaml").read_text()
    (rules / "rules.yaml").write_text(text.replace("{fact: hours, gte: 4}", "{fact: hours, gte: 0.0000004}", 1))
    (rules / "tests").mkdir()
    (rules / "tests" / "t.yaml").write_text(CASES)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules)])
    assert result.exit_code == 1, result.output
    out = result.stdout + result.stderr
    assert "it fired on: hours = 0.0000005\n" in out
    assert "hours >= 0.0000004 failed (observed [emerging, 0.0000001])\n" in out
    assert "e-0" not in out, out
