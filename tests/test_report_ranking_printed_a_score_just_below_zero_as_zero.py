"""`pathfit report` drew a ranked score between -0.00005 and 0 (evidence against an outcome, under
`combine: certainty`) as its recorded figure, 0.0, where `recommend` prints the same score "-0.00":
the figure of an outcome no rule spoke of, beside the exact "-1/25000" in its own title. The record
keeps the exact score, so the report keeps its sign as recommend does: "-0.0", in the ranking and
in the decision policy's evidence alike."""
from __future__ import annotations

from pathfit.engine.reports.html_ranking import ranked_scores, ranking_html

RECORD = {"settled": True, "evidence_open": False, "ranking": [
    {"outcome": "white", "label": "A white wine", "score": 0.3, "exact": "3/10"},
    {"outcome": "rose", "label": "A rose", "score": 0.2, "exact": "1/5"},
    {"outcome": "red", "label": "A red wine", "score": 0.0, "exact": "-1/25000"}]}


def test_a_score_just_below_zero_keeps_its_minus_sign_in_the_report():
    assert {k: str(v) for k, v in ranked_scores(RECORD).items()} == {"white": "0.3", "rose": "0.2", "red": "-0.0"}
    items = ranking_html(RECORD)[1]
    assert "</bdi> -0.0</li>" in items and "</bdi> 0.0</li>" not in items, items


def test_a_hand_made_score_that_is_no_zero_is_printed_as_recorded():
    rows = [dict(row) for row in RECORD["ranking"]]
    rows[2]["score"] = 5
    rows[1]["score"] = ""
    assert [str(v) for v in ranked_scores({"ranking": rows}).values()] == ["0.3", "", "5"]
