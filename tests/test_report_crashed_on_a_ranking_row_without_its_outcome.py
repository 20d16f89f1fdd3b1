"""`pathfit report` draws a record whose ranking rows lack an outcome, as it draws other hand-made rows.

Regression: the report took the policy's words for each outcome from the record's ranking as
`{row["outcome"]: row["label"]}`, so a resealed record (anyone can seal one) whose ranking row had
a label but no `outcome`, or an outcome that is a list or an object, stopped `report` with
"internal error: KeyError" or "TypeError: unhashable type" (exit 2, no code, no place), where a
row without a label, a score or an exact score, or with any of them of another type, is drawn as
the ranking's own code draws a hand-made row. Such a row now gives no words, and the page is drawn.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.record import record_text, seal


@pytest.fixture
def record(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    (tmp_path / "person.yaml").write_text("career_stage: senior_leader\ntrigger: new_role\n")
    made = CliRunner().invoke(cli, ["recommend", "--profile", "person.yaml", "--record", "d.json"])
    assert made.exit_code == 0, made.output
    return json.loads((tmp_path / "d.json").read_text())


@pytest.mark.parametrize("outcome", ["absent", [], {}, None, 3], ids=["absent", "list", "object", "null", "number"])
@pytest.mark.parametrize("row", [0, 1])
def test_a_ranking_row_without_a_text_outcome_never_crashes_the_report(record, tmp_path, outcome, row):
    ranking = record["decision"]["ranking"]
    assert len(ranking) > 1 and isinstance(ranking[row]["label"], str)
    if outcome == "absent":
        del ranking[row]["outcome"]
    else:
        ranking[row]["outcome"] = outcome
    (tmp_path / "crafted.json").write_text(record_text(seal(record)))
    result = CliRunner().invoke(cli, ["report", "crafted.json", "--out", "page.html"])
    assert not isinstance(result.exception, (KeyError, TypeError)), result.exception
    assert result.exit_code == 0, result.output
    page = (tmp_path / "page.html").read_text()
    assert 'id="ranking"' in page and ranking[row]["label"] in page
