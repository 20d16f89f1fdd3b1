"""`pathfit impact` listed a confidence that moved under provisional advice on both sides as
`confidence: none given (provisional) -> none given (provisional)`: a change to the same words,
which reads as no change, while the row was listed for it. Provisional advice still shows no
figure; the line now says that the figure `--format json` gives moved.

Which people are provisional on both sides with a figure that moved is worked out here from each
version's own decisions (Engine.evaluate), not from impact's comparison."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine

from .helpers import tiny_copy

BEN = {"goal": "specific", "hours": 2, "needs": ["network", "skill"]}  # blended, provisional: ready unknown


def test_a_provisional_figure_that_moved_is_said_to_have_moved(tmp_path):
    old, new = tiny_copy(tmp_path / "old"), tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    was = "when: {fact: broad, equals: true}\n    then: {evidence: {mentoring: 2}}"
    assert text.count(was) == 1
    (new / "rules.yaml").write_text(text.replace(was, was.replace("mentoring: 2", "mentoring: 2.5")))
    with Engine.load(old) as a, Engine.load(new) as b:
        x, y = a.evaluate(BEN), b.evaluate(BEN)
        assert (x.settled, y.settled, x.outcome == y.outcome) == (False, False, True)
        assert x.confidence != y.confidence
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "ben", **BEN}) + "\n")
    result = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus),
                                      "--all"])
    assert result.exit_code == 0, result.output
    line = result.stdout.splitlines()[result.stdout.splitlines().index(f"  ben (line 1): {x.outcome} -> {y.outcome}") + 1]
    said = line.removeprefix("    confidence: ")
    assert said != line and " -> " not in said, line  # not a change from some words to the same words
    assert "provisional" in said and "moved" in said and not any(c.isdigit() for c in said), line
