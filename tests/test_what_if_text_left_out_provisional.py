"""`explain --what-if` and `--why-not` in text named each decision by its outcome alone: "Now:
Mentoring." and "-> Undetermined: ...: Hours per month? 1 -> unknown" where `recommend` of
the same facts says "Recommendation (provisional): ..." and the JSON gives the alternative's
`settled: false`. HR staff read such a change as leading to that advice, which pathfit could
not show stands. A decision that is provisional is now marked so, as `recommend` marks it; a
settled one is named as before."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = ["--rules", str(HERE / "fixtures" / "tiny")]
UNREADY = ["--fact", "goal=emerging", "--fact", "hours=1", "--fact", "needs=skill"]  # ready unknown: provisional


def _run(command: str, *args: str) -> str:
    result = CliRunner().invoke(cli, [command, *TINY, *args], env={"COLUMNS": "120", "NO_COLOR": "1"},
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_what_if_marks_the_provisional_decisions_as_its_json_does():
    found = json.loads(_run("explain", *UNREADY, "--what-if", "--format", "json"))["alternatives"]
    lines = _run("explain", *UNREADY, "--what-if").splitlines()
    assert lines[0].startswith("Now: Mentoring (provisional). Smallest changes")
    arrows = [line for line in lines if line.startswith("  -> ")]  # a wrapped line goes on indented further
    assert len(arrows) == len(found) and {a["settled"] for a in found} == {True, False}
    for line, alternative in zip(arrows, found):
        assert ("(provisional): " in line) is (alternative["settled"] is False), (line, alternative)


def test_why_not_says_the_decision_was_provisional():
    first = _run("explain", *UNREADY, "--why-not", "coaching").splitlines()[0]
    assert first.startswith("Why not Executive coaching? The decision was Mentoring (provisional) (evidence:")
    settled = _run("explain", *UNREADY, "--fact", "ready=true", "--why-not", "coaching").splitlines()[0]
    assert settled.startswith("Why not Executive coaching? The decision was Mentoring (evidence:")
