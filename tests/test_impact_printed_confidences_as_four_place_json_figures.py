"""`pathfit impact` printed a confidence as its four-place JSON figure (`0.8 -> 0.9091`), and a
provisional one too (`0.8 (provisional)`), where `recommend` prints the same decision's figure
from its exact value at two places (0.91) and no figure at all for provisional advice; and it
compared the four-place figures, so a change they round away was said not to be one.

Each side is now printed as `recommend` prints that decision (more places only where two places
would print a change as no change), provisional advice as no figure, and the JSON gives each
side's exact confidence (`confidence_exact`, as a ranking's `exact`) beside the four-place figure.

And where the advice was provisional on both sides, the line read `none given (provisional) -> none
given (provisional)`: a change to the same words, for a row listed because the figure moved. It
now says that the figure `--format json` gives moved."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine

from .helpers import tiny_copy

ANN = {"goal": "specific", "hours": 2, "needs": ["network", "skill"], "ready": True}  # blended 4/5, then 10/11
BEN = {"goal": "specific", "hours": 2, "needs": ["network", "skill"]}  # the same, provisional: ready unknown


def _versions(tmp_path):
    old, new = tiny_copy(tmp_path / "old"), tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    was = "when: {fact: broad, equals: true}\n    then: {evidence: {mentoring: 2}}"
    assert text.count(was) == 1
    (new / "rules.yaml").write_text(text.replace(was, was.replace("mentoring: 2", "mentoring: 2.5")))
    return old, new


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _recommended(rules, person: dict, tmp_path) -> str:
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(person))
    out = run("recommend", "--rules", rules, "--profile", profile).stdout
    return re.search(r"^Confidence: (\S+)", out, re.M).group(1)


def test_impact_prints_each_confidence_as_recommend_does(tmp_path):
    old, new = _versions(tmp_path)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "ann", **ANN}) + "\n" + json.dumps({"id": "ben", **BEN}) + "\n")
    before, after = _recommended(old, ANN, tmp_path), _recommended(new, ANN, tmp_path)
    assert (before, after) == ("0.80", "0.91")
    result = run("impact", "--base", old, "--rules", new, "--profiles", corpus, "--all")
    assert result.exit_code == 0, result.output
    assert f"  row 1, id ann (line 1): blended -> blended\n    confidence: {before} -> {after}\n" in result.stdout, result.stdout
    ben = result.stdout[result.stdout.index("  row 2, id ben (line 2)"):]
    assert "confidence: none given (provisional) before or after" in ben.splitlines()[1], ben
    assert not re.search(r"\d\.\d", ben.splitlines()[1]), ben  # no figure for provisional advice
    as_json = json.loads(run("impact", "--base", old, "--rules", new, "--profiles", corpus, "--format", "json").stdout)
    row = next(r for r in as_json["firing_changed"] if r["id"] == "ann")
    assert (row["before"]["confidence_exact"], row["after"]["confidence_exact"]) == ("4/5", "10/11")
    assert (row["before"]["confidence"], row["after"]["confidence"]) == (0.8, 0.9091)


def test_a_provisional_figure_that_moved_is_said_to_have_moved(tmp_path):
    old, new = _versions(tmp_path)
    with Engine.load(old) as a, Engine.load(new) as b:  # worked out from each version's decisions
        x, y = a.evaluate(BEN), b.evaluate(BEN)
        assert (x.settled, y.settled, x.outcome, x.confidence != y.confidence) == (False, False, y.outcome, True)
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "ben", **BEN}) + "\n")
    lines = run("impact", "--base", old, "--rules", new, "--profiles", corpus, "--all").stdout.splitlines()
    line = lines[lines.index(f"  row 1, id ben (line 1): {x.outcome} -> {y.outcome}") + 1]
    said = line.removeprefix("    confidence: ")
    assert said != line and " -> " not in said, line  # not a change from some words to the same words
    assert "provisional" in said and "moved" in said and not any(c.isdigit() for c in said), line
