"""A number is refused where readers would take it for another (PF407 in a profile, PF211 in
a rule file) or where a float does not hold it as written (PF402, PF211), however it is
written. A quoted scalar given YAML's own number tag (`!!float "0.10000000000000001"`,
`!!int "010"`) was read as the tag says but never judged as written, since only plain scalars
were: a profile was decided on 0.1, octal 8, 0 (for `!!float "1e-400"`) or 2**53 (for
`!!float "9007199254740993"`, in range as 2**53 + 1 is not), and a rule file compared with
such a number. Both are now refused, located at the value, as the same text written plainly is."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


@pytest.mark.parametrize("written, code", [
    ('!!float "4.10000000000000001"', "PF402"),  # a float reads 4.1
    ('!!float "1e-400"', "PF402"),  # read as 0
    ("!!float '12.0000000000000001'", "PF402"),  # read as 12
    ('!!int "010"', "PF407"),  # YAML 1.1 octal 8
    ('!!int "0x10"', "PF407"),
    ('!!int "1_0"', "PF407"),
    ('!!float "1:30"', "PF407"),  # base 60: 90
])
def test_a_profiles_tagged_quoted_number_is_judged_as_written(tmp_path: Path, written: str, code: str):
    profile = tmp_path / "p.yaml"
    profile.write_text(f"goal: specific\nhours: {written}\n")
    plain = tmp_path / "plain.yaml"
    plain.write_text(f"goal: specific\nhours: {written.split(' ', 1)[1].strip(chr(34) + chr(39))}\n")
    rules = tiny_copy(tmp_path)
    said = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(plain)])
    assert said.exit_code == 2 and f"{plain}:2:8: {code}:" in said.stderr  # written plainly: refused
    out = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(profile)])
    assert out.exit_code == 2, out.output
    assert f"{profile}:2:8: {code}:" in out.stderr


def test_a_wide_facts_tagged_quoted_number_past_two_to_the_53_is_not_taken_as_two_to_the_53(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("max: 160", "max: 9007199254740992"))
    profile = tmp_path / "p.yaml"
    profile.write_text('hours: !!float "9007199254740993"\n')
    out = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(profile)])
    assert out.exit_code == 2, out.output
    assert f"{profile}:1:8: PF402:" in out.stderr


@pytest.mark.parametrize("written", ['!!float "4.00000000000000001"', '!!float "1e-400"', '!!int "010"',
                                     '!!float "9007199254740993"'])
def test_a_rule_files_tagged_quoted_number_is_judged_as_written(tmp_path: Path, written: str):
    rules = tiny_copy(tmp_path)
    (rules / "extra.yaml").write_text(
        "rules:\n  - id: extra.hours\n    reason: Hours.\n    cites: [focus]\n"
        f"    when: {{fact: hours, gte: {written}}}\n    then: {{evidence: {{coaching: 1}}}}\n")
    out = CliRunner().invoke(cli, ["lint", str(rules)])
    assert out.exit_code == 1, out.output  # lint's status for errors
    assert f"{rules / 'extra.yaml'}:5:30: PF211:" in out.output + out.stderr
