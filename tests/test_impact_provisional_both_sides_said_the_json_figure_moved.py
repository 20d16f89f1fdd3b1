"""Where the advice is provisional under both versions, `impact` prints no figure and said that
"the figure --format json gives moved"; but a weight changed so little that both four-place
JSON `confidence` figures are 0.8 leaves that figure where it was, and only the exact value
(`confidence_exact`, 4/5 to 13334/16667) moved. The line now names the exact value it means."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

# blended 4/5 and provisional (readiness unknown) under both versions
ANN = {"id": "ann", "goal": "specific", "hours": 2, "needs": ["network", "skill"]}


def test_a_provisional_row_whose_json_confidence_stays_is_not_said_to_have_moved_it(tmp_path):
    old, new = tiny_copy(tmp_path / "old"), tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    was = "when: {fact: broad, equals: true}\n    then: {evidence: {mentoring: 2}}"
    assert text.count(was) == 1
    (new / "rules.yaml").write_text(text.replace(was, was.replace("mentoring: 2", "mentoring: 2.0001")))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps(ANN) + "\n")
    args = ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus), "--all"]
    row = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)["firing_changed"][0]
    sides = row["before"], row["after"]
    assert [(s["settled"], s["confidence"], s["confidence_exact"]) for s in sides] == [
        (False, 0.8, "4/5"), (False, 0.8, "13334/16667")]
    out = CliRunner().invoke(cli, args).stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("    confidence: "))
    assert "confidence_exact" in line, line  # the value that moved, not the four-place figure that did not
