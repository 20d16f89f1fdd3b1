"""Regression: a profile neither version decided, for a reason of each (refused under both for
other clashes, or refused under the base and invalid under the new), was listed in the text
with the problems of both sides one after the other, none saying which version it was of: a
reader could not tell the base's refusal from the new version's, nor which of two problems
made a row invalid. Each problem line now ends with its version, as a problem of one version
alone does on stderr when neither takes a row (`(under the base rule set)`); the JSON keeps
each side's under `before` and `after`."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import UNREADY_SLOW, VALUED

RUSHED = UNREADY_SLOW.replace("p.unready", "p.rushed").replace("pace: slow", "pace: fast")
CLASH = {"id": "clash", "hours": 3, "ready": False}  # PF231 under both, other rules clashing
EXTRA = {"id": "extra", "hours": 3, "ready": False, "extra": True}  # PF231 in the base, PF401 in the new


def _rules(tmp_path: Path, name: str, extra_rule: str, extra_fact: bool = False) -> Path:
    rules = tmp_path / name / "rules"
    shutil.copytree(VALUED, rules)
    with open(rules / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(extra_rule)
    if extra_fact:
        schema = (rules / "schema.yaml").read_text()
        (rules / "schema.yaml").write_text(schema.replace("derived:\n", "  extra:\n    type: bool\n"
                                                                        "    question: Extra?\nderived:\n", 1))
    return rules


def _impact(tmp_path: Path, row: dict, *more: str):
    base = _rules(tmp_path, "v1", UNREADY_SLOW, extra_fact=True)
    new = _rules(tmp_path, "v2", RUSHED)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps(row) + "\n")
    result = CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus),
                                      "--all", *more], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return corpus, result.stdout


def _said(corpus: Path, out: str) -> list:
    """Each problem line of a listed row: (code, the version it says it is of, or '')."""
    return re.findall(rf"^    {re.escape(str(corpus))}:\d+:\d+: (PF\d+): .*?(?: \(under the (base|new) rule set\))?$",
                      out, re.M)


def test_a_row_refused_under_both_says_which_refusal_is_whose(tmp_path):
    corpus, out = _impact(tmp_path, CLASH)
    assert "  row 1, id clash (line 1): refused (PF231) -> refused (PF231)\n" in out
    assert _said(corpus, out) == [("PF231", "base"), ("PF231", "new")]
    lines = [line for line in out.splitlines() if "PF231: " in line]
    assert "'p.unready'" in lines[0] and "'p.rushed'" in lines[1]


def test_a_row_refused_under_one_and_invalid_under_the_other_says_whose(tmp_path):
    corpus, out = _impact(tmp_path, EXTRA)
    assert "  row 1, id extra (line 1): refused (PF231) -> invalid (PF401)\n" in out
    assert _said(corpus, out) == [("PF231", "base"), ("PF401", "new")]


def test_the_json_keeps_each_sides_problems_under_its_side(tmp_path):
    _, out = _impact(tmp_path, EXTRA, "--format", "json")
    (row,) = json.loads(out)["decision_changed"]
    assert [e["code"] for e in row["before"]["errors"]] == ["PF231"]
    assert [e["code"] for e in row["after"]["errors"]] == ["PF401"]
