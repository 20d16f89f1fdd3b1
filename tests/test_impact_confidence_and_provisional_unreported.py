"""`pathfit impact` reports a changed confidence and advice turned provisional or settled.

Regression: impact compared outcome, referral, formats and fired rules only. A weight
changed from 2 to 3 moved a settled `blended` from confidence 0.8 to 1.0 for every such
person, and a rule narrowed turned provisional advice settled, and impact said of those
people that nothing changed, even with --all: what HR staff read of them had changed.

The expected changes are worked out here from each version's own decisions
(Engine.evaluate), not from impact's comparison.
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine

from .helpers import tiny_copy

UNKNOWN = object()
# every combination of these, a fact left out where UNKNOWN: complete and partial people alike
GRID = {"goal": [UNKNOWN, "specific", "emerging"], "hours": [UNKNOWN, 2, 6],
        "needs": [UNKNOWN, [], ["network"], ["network", "skill"], ["skill"]], "ready": [UNKNOWN, True, False]}


def _people() -> list[dict]:
    people = []
    for number, values in enumerate(itertools.product(*GRID.values()), 1):
        person = {name: value for name, value in zip(GRID, values) if value is not UNKNOWN}
        people.append({"id": f"p{number}", **person})
    return people


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """The new version weighs broad development at 3, not 2, and concludes `not now` from
    unreadiness only under 4 hours a month."""
    old = tiny_copy(tmp_path / "old")
    new = tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    for was, now in (("when: {fact: broad, equals: true}\n    then: {evidence: {mentoring: 2}}",
                      "when: {fact: broad, equals: true}\n    then: {evidence: {mentoring: 3}}"),
                     ("when: {fact: ready, equals: false}\n    then: {not_now: true}",
                      "when: {all: [{fact: ready, equals: false}, {fact: hours, lt: 4}]}\n    then: {not_now: true}")):
        assert text.count(was) == 1
        text = text.replace(was, now)
    (new / "rules.yaml").write_text(text)
    return old, new


def _expected(old: Path, new: Path, people: list[dict]) -> dict:
    """Per person: (decision changed, before, after, kinds of other change), from each version's decisions."""
    out = {}
    with Engine.load(old) as a, Engine.load(new) as b:
        for person in people:
            facts = {k: v for k, v in person.items() if k != "id"}
            x, y = a.evaluate(facts), b.evaluate(facts)
            kinds = {kind for kind, moved in (
                ("confidence", x.confidence != y.confidence), ("settled", x.settled != y.settled),
                ("fired", set(x.fired) != set(y.fired)), ("formats", x.formats != y.formats)) if moved}
            out[person["id"]] = ((x.outcome, x.referral) != (y.outcome, y.referral),
                                 (x.confidence, x.settled), (y.confidence, y.settled), kinds)
    return out


def test_confidence_and_provisional_changes_are_reported(versions, tmp_path):
    old, new = versions
    people = _people()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(p) + "\n" for p in people))
    expected = _expected(old, new, people)
    quiet_kinds = [kinds for changed, _, _, kinds in expected.values() if not changed]
    # the grid holds what this regression is about: people whose decision is the same and whose
    # confidence alone changed, or whose advice alone turned settled
    assert {"confidence"} in quiet_kinds and {"settled"} in quiet_kinds

    result = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    rows = {r["id"]: r for r in report["decision_changed"] + report["firing_changed"]}
    assert {r["id"] for r in report["decision_changed"]} == {i for i, e in expected.items() if e[0]}
    assert {r["id"] for r in report["firing_changed"]} == {i for i, e in expected.items() if not e[0] and e[3]}
    for person_id, row in rows.items():
        _, before, after, kinds = expected[person_id]
        assert (row["before"]["confidence"], row["before"]["settled"]) == before, person_id
        assert (row["after"]["confidence"], row["after"]["settled"]) == after, person_id
        assert row["confidence_changed"] is ("confidence" in kinds), person_id
        assert row["settled_changed"] is ("settled" in kinds), person_id

    text = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus)])
    assert text.exit_code == 0, text.output
    quiet = len(quiet_kinds) - quiet_kinds.count(set())
    words = {"confidence": "confidence changed", "settled": "provisional or settled in turn",
             "fired": "fired rules changed", "formats": "formats changed"}
    counts = [(words[kind], sum(kind in kinds for kinds in quiet_kinds)) for kind in words]
    assert counts[0][1] and counts[1][1]
    said = ", ".join(f"{what} for {n}" for what, n in counts if n)  # a kind no profile shows is not named
    assert f"Decision unchanged, for {quiet} profiles: {said} (--all lists them).\n" in text.stdout


def test_a_confidence_change_is_listed_with_both_figures(versions, tmp_path):
    old, new = versions
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(json.dumps({"id": "ann", "goal": "specific", "hours": 2, "needs": ["network", "skill"],
                                  "ready": True}) + "\n")
    with Engine.load(old) as a, Engine.load(new) as b:
        facts = {"goal": "specific", "hours": 2, "needs": ["network", "skill"], "ready": True}
        x, y = a.evaluate(facts), b.evaluate(facts)
        assert (x.outcome, x.confidence, x.settled, y.outcome, y.confidence, y.settled) == \
            ("blended", 0.8, True, "blended", 1.0, True)
    result = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus),
                                      "--all"])
    assert result.exit_code == 0, result.output
    assert "Decision changed for 0 of 1 profile.\n" in result.stdout
    assert ("Decision unchanged, for 1 profile: confidence changed for 1:\n"
            "  row 1, id ann (line 1): blended -> blended\n"
            "    confidence: 0.80 -> 1.00\n") in result.stdout  # as recommend prints each
    # --fail-on-change is about decisions: a confidence alone does not fail a CI job
    held = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus),
                                    "--fail-on-change"])
    assert held.exit_code == 0, held.output
