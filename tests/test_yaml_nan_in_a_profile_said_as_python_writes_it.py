"""Regression: YAML's `.nan`, `.inf` and `-.inf` in a profile, given for a fact that takes no
number (an enum, a flag, a list's item), were refused as Python writes the float read:
"goal_clarity is one of ...; not nan", "not inf", "not -inf": values no one wrote, which YAML
reads as text ('nan'), where `--fact` and a CSV cell quote the same text as written ('.nan').
Now such a number is said in YAML's own words, `.nan`, `.inf`, `-.inf`, at the value."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_a_number_that_is_not_finite_is_said_as_yaml_writes_it(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("goal_clarity: .nan\nmeasurable_soon: .inf\nneeds: [-.inf]\n", encoding="utf-8")
    run = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert run.exit_code == 2, run.output
    lines = [line.split("p.yaml:", 1)[1] for line in run.stderr.splitlines()]
    assert [(line.split(": ")[:2], line.rsplit(" not ", 1)[1]) for line in lines] == [
        (["1:15", "PF403"], ".nan"), (["2:18", "PF402"], ".inf"), (["3:9", "PF403"], "-.inf")], run.stderr
