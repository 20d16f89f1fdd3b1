"""`pathfit impact`: two versions of the tiny rule set that differ by one rule,
run over JSONL and CSV corpora; and the shipped corpus."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.authoring.impact import compare
from pathfit.engine.pipeline.policy import outcomes as policy_outcomes

from .helpers import ROOT, tiny_copy

# The new version changes one rule: e.broad (broad development -> mentoring) now
# needs the person to be ready as well.
NEW_E_BROAD = """\
  - id: e.broad
    reason: Broad development points to mentoring, for someone ready to change.
    cites: [focus]
    when: {all: [{fact: broad, equals: true}, {fact: ready, equals: true}]}
    then: {evidence: {mentoring: 2}}
"""

PROFILES = [
    {"id": "a", "needs": ["network"]},  # e.broad alone: mentoring 2 -> nothing: undetermined
    {"id": "b", "needs": ["network"], "ready": True},  # unchanged: e.broad fires in both
    {"id": "c", "needs": ["network", "skill"], "goal": "specific"},  # coaching 3 + mentoring 2 -> coaching 3
    {"id": "d", "needs": ["basics"]},  # refer, unchanged
    {"id": "e", "ready": False, "needs": ["network"]},  # not_now either way; e.broad stops firing
]


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    old = tiny_copy(tmp_path / "old")
    new = tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    start = text.index("  - id: e.broad")
    end = text.index("  - id: n.ready")
    (new / "rules.yaml").write_text(text[:start] + NEW_E_BROAD + text[end:])
    return old, new


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in PROFILES))
    return path


def test_outcome_changes_and_firing_changes(versions, corpus):
    old, new = versions
    with Engine.load(old) as before, Engine.load(new) as after:
        report = compare(before, after, corpus)
        changes = report.rule_changes(before.ruleset.rules, after.ruleset.rules)
    decided = [(r.name, r.before.label, r.after.label) for r in report.rows if r.decision_changed]
    assert decided == [("row 1, id a", "mentoring", "undetermined"), ("row 3, id c", "blended", "coaching")]
    quiet = [(r.name, r.no_longer_fired) for r in report.rows if r.changed and not r.decision_changed]
    assert quiet == [("row 5, id e", ["e.broad"])]
    assert [r.no_longer_fired for r in report.rows if r.decision_changed] == [["e.broad"], ["e.broad"]]
    assert report.counts() == [("coaching", 0, 1), ("mentoring", 2, 1), ("blended", 1, 0),
                               ("refer (training)", 1, 1), ("not_now", 1, 1), ("undetermined", 0, 1)]
    assert changes == [{"rule": "e.broad", "status": "modified", "before": 4, "after": 1, "profiles_changed": 3}]


def test_cli_text_report(versions, corpus):
    old, new = versions
    result = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus)],
                                catch_exceptions=False)
    assert result.exit_code == 0
    out = result.stdout
    assert "Decision changed for 2 of 5 profiles:\n" \
           "  row 1, id a (line 1): mentoring -> undetermined\n    no longer fires: e.broad\n" \
           "  row 3, id c (line 3): blended -> coaching\n    no longer fires: e.broad\n" in out
    assert "Decision unchanged, for 1 profile: fired rules changed for 1 (--all lists them).\n" in out
    assert "  mentoring              2       1      -1\n" in out
    assert "  e.broad (modified)       4       1      -3\n" in out
    listed = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus),
                                      "--all", "--fail-on-change"])
    assert listed.exit_code == 1
    assert "  row 5, id e (line 5): not_now -> not_now\n    no longer fires: e.broad\n" in listed.stdout


def test_cli_json_report(versions, corpus):
    old, new = versions
    result = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus),
                                      "--format", "json"], catch_exceptions=False)
    data = json.loads(result.stdout)
    assert data["total"] == 5
    assert [(c["id"], c["before"]["decision"], c["after"]["decision"]) for c in data["decision_changed"]] == \
        [("a", "mentoring", "undetermined"), ("c", "blended", "coaching")]
    assert [c["id"] for c in data["firing_changed"]] == ["e"]
    assert {"decision": "undetermined", "before": 0, "after": 1} in data["counts"]


def test_csv_corpus_with_bom_sets_and_unknowns(versions, tmp_path: Path):
    old, new = versions
    csv = tmp_path / "corpus.csv"
    csv.write_bytes("\ufeffid,needs,goal,hours,ready\n"
                    'a,network,,,\n'
                    'b,network,,,yes\n'
                    'c,"network;skill",specific,,\n'
                    'd,basics,,,\n'
                    'e,"network, skill",,2,false\n'.encode("utf-8"))
    with Engine.load(old) as before, Engine.load(new) as after:
        report = compare(before, after, csv)
    assert [r.id for r in report.rows] == ["a", "b", "c", "d", "e"]
    assert [(r.name, r.before.label, r.after.label) for r in report.rows if r.decision_changed] == \
        [("row 1, id a", "mentoring", "undetermined"), ("row 3, id c", "blended", "coaching")]


def test_a_fact_removed_from_the_schema_shows_as_invalid(versions, tmp_path: Path):
    old, new = versions
    schema = (new / "schema.yaml").read_text()
    (new / "schema.yaml").write_text(schema.replace("  secret:\n    type: bool\n    question: Sensitive matter?\n"
                                                    "    sensitive: true\n", ""))
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "s", "secret": true, "needs": ["basics"]}\n')
    with Engine.load(old) as before, Engine.load(new) as after:
        row, = compare(before, after, corpus).rows
    assert (row.before.label, row.after.label) == ("refer (training)", "invalid (PF401)")
    assert row.after.error.pos.line == 1


@pytest.mark.parametrize("text,code,line", [
    ('{"needs": ["nope"]}\n', "PF403", 1),
    ('{"needs": ["network"]}\n{"needs": \n', "PF102", 2),
    ("", "PF406", 0),
])
def test_bad_corpus_is_bad_input(versions, tmp_path: Path, text: str, code: str, line: int):
    old, new = versions
    corpus = tmp_path / "bad.jsonl"
    corpus.write_text(text)
    result = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{corpus}:{line}:") and f": {code}: " in result.stderr


@pytest.mark.parametrize("name,text,line,col", [
    ("bad.jsonl", '{"needs": ["network"]}\n{"id": "x", "needs": ["nope"]}\n', 2, 22),
    ("bad.csv", 'id,needs,goal\nx,nope,specific\n', 2, 3),
])
def test_a_bad_row_is_located_at_its_value_not_at_the_rows_start(versions, tmp_path: Path, name, text, line, col):
    old, new = versions
    corpus = tmp_path / name
    corpus.write_text(text)
    result = CliRunner().invoke(cli, ["impact", "--base", str(old), "--rules", str(new), "--profiles", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{corpus}:{line}:{col}: PF403: "), result.stderr


def test_missing_inputs(versions, tmp_path: Path):
    old, new = versions
    nowhere = CliRunner().invoke(cli, ["impact", "--base", str(old), "--profiles", str(tmp_path / "none.jsonl")])
    assert nowhere.exit_code == 2 and "PF100" in nowhere.stderr
    no_base = CliRunner().invoke(cli, ["impact", "--base", str(tmp_path / "x"), "--profiles", str(tmp_path)])
    assert no_base.exit_code == 2


def test_shipped_corpus(tmp_path: Path):
    """examples/corpus.jsonl: at least 200 valid, varied profiles, reproducible by its script."""
    from tools.make_corpus import build

    text = (ROOT / "examples" / "corpus.jsonl").read_text()
    assert build() == build()
    rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) >= 200 and len({r["id"] for r in rows}) == len(rows)
    same = CliRunner().invoke(cli, ["impact", "--base", str(ROOT / "rules"),
                                    "--profiles", str(ROOT / "examples" / "corpus.jsonl"), "--format", "json"],
                              catch_exceptions=False)
    data = json.loads(same.stdout)
    assert data["total"] == len(rows) and data["decision_changed"] == [] and data["rules_changed"] == []
    decisions = {c["decision"].split(" ")[0] for c in data["counts"]}
    with Engine.load(ROOT / "rules") as bundled:  # every outcome a clause of the bundled policy gives
        assert decisions == set(policy_outcomes(bundled.ruleset.policy))
    assert "sponsorship" in decisions
    assert sum(1 for c in data["counts"] if c["decision"].startswith("refer (")) == 5


def test_counts_follow_the_policys_declared_outcome_order(tmp_path):
    """Counts were ordered by a hard-coded classic list, so a policy's own outcomes (here animals)
    came out alphabetically; they follow the policy's `outcomes:` order."""
    animals = ROOT / "tests" / "fixtures" / "animals"
    corpus = tmp_path / "animals.jsonl"
    rows = [{"diet": "plants", "coat": "plain", "neck": "ordinary", "speed_kmh": 40},
            {"diet": "plants", "coat": "plain", "neck": "long", "speed_kmh": 50},
            {"diet": "plants", "coat": "stripes", "neck": "ordinary", "speed_kmh": 60},
            {"diet": "meat", "coat": "stripes", "speed_kmh": 60},
            {"diet": "meat", "coat": "spots", "speed_kmh": 110}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with Engine.load(animals) as engine:
        report = compare(engine, engine, corpus)
    declared = [line.split("name: ")[1].split(",")[0] for line in (animals / "policy.yaml").read_text().splitlines()
                if line.startswith("  - {name: ")]
    assert declared == ["cheetah", "tiger", "zebra", "giraffe", "unknown_animal"]
    assert report.counts() == [(name, 1, 1) for name in declared]
