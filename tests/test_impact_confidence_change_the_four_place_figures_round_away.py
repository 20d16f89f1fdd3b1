"""`impact` compares confidences exactly: a weight changed so little that both four-place JSON
figures are 0.8 still moves the exact confidence (4/5 to 13334/16667), and that row is reported
as a confidence change, printed with the places that tell the two apart, in text and JSON.
Comparing the four-place figures would say the version changed nothing for that person."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

ANN = {"id": "ann", "goal": "specific", "hours": 2, "needs": ["network", "skill"], "ready": True}  # blended 4/5


def _versions(tmp_path):
    old, new = tiny_copy(tmp_path / "old"), tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    was = "when: {fact: broad, equals: true}\n    then: {evidence: {mentoring: 2}}"
    assert text.count(was) == 1
    (new / "rules.yaml").write_text(text.replace(was, was.replace("mentoring: 2", "mentoring: 2.0001")))
    return old, new


def test_a_confidence_change_both_four_place_figures_round_away_is_reported(tmp_path):
    old, new = _versions(tmp_path)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(ANN) + "\n")
    args = ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus)]
    as_json = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)
    rows = as_json["firing_changed"]
    assert [r["id"] for r in rows] == ["ann"] and rows[0]["confidence_changed"] is True, as_json
    assert (rows[0]["before"]["confidence"], rows[0]["after"]["confidence"]) == (0.8, 0.8)  # the figures alike
    assert (rows[0]["before"]["confidence_exact"], rows[0]["after"]["confidence_exact"]) == ("4/5", "13334/16667")
    text = CliRunner().invoke(cli, [*args, "--all"])
    assert text.exit_code == 0, text.output
    assert "  row 1, id ann (line 1): blended -> blended\n    confidence: 0.80000 -> 0.80002\n" in text.stdout, text.stdout
