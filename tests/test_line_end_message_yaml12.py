"""PF101's words for a line end `grep -n` does not share: a lone carriage return was said to end
a line "for YAML 1.1 ... but not for YAML 1.2", though YAML 1.2 ends a line there too (its
b-break takes a carriage return alone); only U+0085, U+2028 and U+2029 it does not take."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("end, yaml12", [("\r", False), ("\u2028", True), ("\x85", True), ("\u2029", True)])
def test_pf101_names_yaml_1_2_only_where_it_does_not_end_a_line(tmp_path, end, yaml12):
    profile = tmp_path / "p.yaml"
    profile.write_bytes(f"goal_clarity: specific # note{end}more\n".encode("utf-8"))
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2
    line = result.output.strip().splitlines()[-1]
    assert line.startswith(f"{profile}:1:30: PF101: ")
    assert ("YAML 1.2" in line) is yaml12
    assert "grep -n" in line
