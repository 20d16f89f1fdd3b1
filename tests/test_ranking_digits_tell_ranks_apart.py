"""Two scores with different ranks never print the same. Before: coaching 2.004 and mentoring
2.001 printed "1. Executive coaching 2.00 / 2. Mentoring 2.00", in a block that says equal
scores share a rank; the HTML report printed 2.00004 and 2.00001 as recorded, 2.0 and 2.0.
Now the block is printed to as many places as tell such neighbours apart (2 in text and
Markdown, 4 in the report, at the least)."""
from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.pipeline.figures import places_text, telling_apart
from pathfit.engine.reports.html import render as html_report

from .helpers import scored_rule_set



def _rules(tmp_path: Path, coaching: str, mentoring: str) -> Path:
    return scored_rule_set(tmp_path, "ranks", coaching, mentoring)


def _recommend(rules: Path, *more: str) -> str:
    got = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", "a=true", "--fact", "b=true", *more])
    assert got.exit_code == 0, got.output
    return got.output


def test_scores_of_different_ranks_never_print_the_same_regression_2_004_and_2_001_both_2_00(tmp_path):
    rules = _rules(tmp_path, "2.004", "2.001")
    assert "  1. Executive coaching 2.004\n  2. Mentoring 2.001\n" in _recommend(rules)
    assert "- 1\\. Executive coaching 2.004\n- 2\\. Mentoring 2.001\n" in _recommend(rules, "--format", "markdown")


def test_equal_scores_and_scores_apart_at_two_places_keep_two_places(tmp_path):
    (tmp_path / "tie").mkdir()
    (tmp_path / "apart").mkdir()
    assert "  1. Executive coaching 2.00\n  1. Mentoring 2.00\n" in _recommend(_rules(tmp_path / "tie", "2", "2"))
    assert "  1. Executive coaching 2.50\n  2. Mentoring 2.00\n" in _recommend(_rules(tmp_path / "apart", "2.5", "2"))


def test_the_report_tells_apart_scores_its_four_places_cannot_regression_both_recorded_2_0(tmp_path):
    with Engine.load(_rules(tmp_path, "2.00004", "2.00001")) as engine:
        record = build_record(engine, engine.evaluate({"a": True, "b": True}), None, record_id="r1")
    assert [r["score"] for r in record["decision"]["ranking"]] == [2.0, 2.0]
    listed = re.search(r'<ol id="ranking">(.*?)</ol>', html_report(record)).group(1)
    assert re.findall(r'<li value="(\d)" title="exact [^"]*"><bdi>([^<]*)</bdi> ([^<]*)</li>', listed) == [
        ("1", "Executive coaching", "2.00004"), ("2", "Mentoring", "2.00001")]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.fractions(min_value=-3, max_value=3, max_denominator=10**6), min_size=1, max_size=5),
       st.sampled_from([2, 4]))
def test_neighbours_print_the_same_exactly_when_they_are_equal(values, places):
    exact = [Fraction(v).as_integer_ratio() for v in sorted(values, reverse=True)]
    shown = [places_text(v, telling_apart(exact, places)) for v in exact]
    assert telling_apart(exact, places) >= places
    assert all((a == b) == (x == y) for (x, y), (a, b) in zip(zip(exact, exact[1:]), zip(shown, shown[1:])))
