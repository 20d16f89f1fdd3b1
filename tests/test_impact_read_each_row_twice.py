"""`pathfit impact` read every row of its corpus twice, once for each rule-set version: a JSON
Lines row's text was decoded (JSON, its depth, its control characters, its keys) again for the
new version, though reading it takes no rule set at all, and a CSV row's cells were split and
typed again though both versions type every column alike. Each row is now read once where
its reading cannot differ between the versions, and once for each only where a CSV column
names a fact the two versions type differently. Counted here (rows read), never timed; the report is
checked to be the same either way.
"""
from __future__ import annotations

import json

import pytest

from pathfit.engine import Engine
from pathfit.engine.authoring.impact import compare
from pathfit.engine.cohort import rows as rows_module

from .helpers import tiny_versions

PROFILES = [
    {"id": "a", "needs": ["network"]},
    {"id": "b", "needs": ["network"], "ready": True},
    {"id": "c", "needs": ["network", "skill"], "goal": "specific"},
    {"id": "d", "needs": ["basics"]},
]


def _corpus(tmp_path, kind: str):
    if kind == "jsonl":
        text = "".join(json.dumps(p) + "\n" for p in PROFILES)
    else:
        text = "id,goal,needs,ready\n" + "".join(
            f"{p['id']},{p.get('goal', '')},\"{';'.join(p.get('needs', []))}\","
            f"{'' if 'ready' not in p else str(p['ready']).lower()}\n" for p in PROFILES)
    path = tmp_path / f"corpus.{kind}"
    path.write_text(text)
    return path


@pytest.fixture()
def counted(monkeypatch):
    """Rows read (each call that turns a row's text into its facts), by format."""
    reads = {"jsonl": 0, "csv": 0}
    jsonl_row, csv_row = rows_module.jsonl_row, rows_module.csv_row

    def json_read(*args):
        reads["jsonl"] += 1
        return jsonl_row(*args)

    def csv_read(*args):
        reads["csv"] += 1
        return csv_row(*args)

    monkeypatch.setattr(rows_module, "jsonl_row", json_read)
    monkeypatch.setattr(rows_module, "csv_row", csv_read)
    return reads


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
def test_each_row_is_read_once_when_both_versions_read_it_alike(tmp_path, counted, kind):
    old, new = tiny_versions(tmp_path)
    corpus = _corpus(tmp_path, kind)
    with Engine.load(old) as before, Engine.load(new) as after:
        report = compare(before, after, corpus)
    assert len(report.rows) == len(PROFILES)
    assert counted[kind] == len(PROFILES), counted
    assert [r.id for r in report.rows] == [p["id"] for p in PROFILES]
    assert [r.before.label for r in report.rows] and any(r.decision_changed or r.changed for r in report.rows)


def test_a_csv_column_typed_differently_is_read_for_each_version(tmp_path, counted):
    """A fact of another type in each version (a number before, a choice after) types its cells
    per version: the rows are read for each, and each version judges the cell as its own type."""
    old, new = tiny_versions(tmp_path)
    for rules, fact in ((old, "  level:\n    type: number\n    min: 0\n    max: 9\n    question: Level?\n"),
                        (new, "  level:\n    type: enum\n    values: [low, high]\n    question: Level?\n")):
        schema = (rules / "schema.yaml").read_text()
        (rules / "schema.yaml").write_text(schema.replace("  ready:\n", fact + "  ready:\n", 1))
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("id,needs,level\na,network,1\nb,basics,2\n")
    with Engine.load(old) as before, Engine.load(new) as after:
        report = compare(before, after, corpus)
    assert counted["csv"] == 2 * 2, counted
    assert [r.before.error for r in report.rows] == [None, None]
    assert [r.after.error.code for r in report.rows] == ["PF403", "PF403"]
