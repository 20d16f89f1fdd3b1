"""A profile's bad `subject` is one problem, said once. `recommend` checks the facts (whose
check judges a top-level `subject`) and the subject and operator apart, so that each step's
problems are said together, and printed the subject's problem from both: every line twice."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("text,line,col", [("subject: 5\n", 1, 10), ('subject: ""\n', 1, 10),
                                           ("facts:\n  subject: 5\n", 2, 12)])
@pytest.mark.parametrize("command", [["recommend"], ["recommend", "--format", "json"], ["explain"]])
def test_a_bad_subject_in_a_profile_is_said_once(tmp_path: Path, text: str, line: int, col: int,
                                                 command: list[str]) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(text)
    result = CliRunner().invoke(cli, [*command, "--profile", str(profile)])
    assert result.exit_code == 2, result.output
    said = [ln for ln in result.stderr.splitlines() if "PF628" in ln]
    assert said == [said[0]] and said[0].startswith(f"{profile}:{line}:{col}: PF628: "), result.stderr


def test_a_bad_subject_beside_a_bad_fact_gives_each_problem_once(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("subject: 5\nhours_per_month: lots\n")
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2
    codes = [ln.split(": ")[1] for ln in result.stderr.splitlines() if ": PF" in ln]
    assert sorted(codes) == ["PF402", "PF628"] or sorted(codes) == ["PF403", "PF628"], result.stderr
