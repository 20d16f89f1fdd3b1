"""`explain --what-if` and `--why-not` in text mark a decision that is not settled
"(provisional)", but their JSON (and `/v1/explain`'s, the same object) said nothing of it: a
program reading `outcome` (what-if) or `decided` (why-not) could not tell firm advice from
advice the unanswered questions might still change. The what-if JSON now gives `settled` beside
the decision now, and the why-not JSON `decided_settled` beside the decision given, each the
decision object's own `settled`, as `recommend --format json` gives it."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = ["--rules", str(HERE / "fixtures" / "tiny")]
UNREADY = ["--fact", "goal=emerging", "--fact", "hours=1", "--fact", "needs=skill"]  # ready unknown: provisional


def _json(command: str, *args: str) -> dict:
    result = CliRunner().invoke(cli, [command, *TINY, *UNREADY, *args, "--format", "json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("more", [[], ["--fact", "ready=true"]], ids=["provisional", "settled"])
def test_the_explanations_json_says_whether_the_decision_is_settled_as_recommend_does(more):
    settled = _json("recommend", *more)["settled"]
    assert _json("explain", *more, "--what-if")["settled"] is settled
    assert _json("explain", *more, "--why-not", "coaching")["decided_settled"] is settled
