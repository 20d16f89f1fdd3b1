"""A misspelt conclusion in a decision clause gets its did-you-mean, as a misspelt name does
everywhere else in a rule set."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

ROOT = Path(__file__).resolve().parent.parent


def test_concluded_notnow_suggests_not_now(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", rules)
    policy = (rules / "policy.yaml").read_text()
    assert "concluded: not_now" in policy
    (rules / "policy.yaml").write_text(policy.replace("concluded: not_now", "concluded: notnow", 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    (problem,) = info.value.problems
    assert problem.code == "PF204" and problem.pos.file == str(rules / "policy.yaml")
    assert problem.message.endswith("(did you mean 'not_now'?)"), problem.message
