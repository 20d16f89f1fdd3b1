"""Regression: a profile the engine refused under both versions (PF231) was compared by its
label alone, `refused (PF231)`, so one refused because other rules now clash (`p.unready`'s
slow against `p.steady` before, `p.rushed`'s fast against it after) was "unchanged" and listed
nowhere, even with --all. It is now listed among the profiles whose decision did not change,
as refused for another reason, with both refusals; one refused for the same clash is not."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import UNREADY_SLOW, VALUED

RUSHED = UNREADY_SLOW.replace("p.unready", "p.rushed").replace("pace: slow", "pace: fast")
CLASH = {"id": "clash", "hours": 3, "ready": False}


def _rules(tmp_path: Path, name: str, extra: str) -> Path:
    rules = tmp_path / name
    shutil.copytree(VALUED, rules)
    with open(rules / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(extra)
    return rules


def _impact(tmp_path: Path, base: Path, new: Path, *more: str):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(CLASH) + "\n")
    return CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus),
                                    *more], catch_exceptions=False)


def test_a_profile_refused_under_both_for_other_clashes_is_listed(tmp_path):
    base, new = _rules(tmp_path, "base", UNREADY_SLOW), _rules(tmp_path, "new", RUSHED)
    result = _impact(tmp_path, base, new, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["decision_changed"] == []
    (row,) = report["firing_changed"]
    assert row["refusal_changed"] is True
    assert (row["before"]["error"]["code"], row["after"]["error"]["code"]) == ("PF231", "PF231")
    text = _impact(tmp_path, base, new, "--all").stdout
    assert "refused for another reason for 1" in text
    assert "'p.unready'" in text and "'p.rushed'" in text


def test_a_profile_refused_under_both_for_the_same_clash_is_unchanged(tmp_path):
    base, new = _rules(tmp_path, "base", UNREADY_SLOW), _rules(tmp_path, "new", "\n" + UNREADY_SLOW)
    report = json.loads(_impact(tmp_path, base, new, "--format", "json").stdout)
    assert report["decision_changed"] == [] and report["firing_changed"] == []
