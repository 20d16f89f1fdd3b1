"""The ranking: every evidence outcome with its exact score, strongest first, equal
scores in the policy's evidence_outcomes order; shown in JSON, text, Markdown and the
HTML report; the recommendation stays the policy's one answer."""
from __future__ import annotations

import json
import re
from fractions import Fraction
from types import SimpleNamespace

from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.pipeline.policy import ranking
from pathfit.engine.reports.html import render as html_report

from .helpers import HERE

ANIMALS = HERE / "fixtures" / "animals"
ADVISOR = HERE / "fixtures" / "advisor"
PLAIN = {"diet": "plants", "coat": "plain", "neck": "ordinary", "speed_kmh": 40}


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_ranking_is_strongest_first_with_ties_in_the_policys_order():
    with Engine.load(ANIMALS) as engine:
        d = engine.evaluate(PLAIN)
    # zebra and giraffe 1/2 each, cheetah and tiger 0: ties keep evidence_outcomes' order
    assert [(r["outcome"], r["label"], r["exact"], r["score"]) for r in d.ranking] == [
        ("zebra", "Zebra", "1/2", 0.5), ("giraffe", "Giraffe", "1/2", 0.5),
        ("cheetah", "Cheetah", "0", 0.0), ("tiger", "Tiger", "0", 0.0)]
    assert d.outcome == "unknown_animal"  # the ranking orders the evidence; the policy still decides
    assert d.to_dict()["ranking"] == d.ranking


def test_text_and_markdown_share_ranks_between_equal_scores():
    facts = [f"--fact={k}={v}" for k, v in PLAIN.items()]
    text = run("recommend", "--rules", ANIMALS, *facts).output
    assert "Ranking (evidence weight, strongest first):\n  1. Zebra 0.50\n  1. Giraffe 0.50\n" \
           "  3. Cheetah 0.00\n  3. Tiger 0.00\n" in text
    md = run("recommend", "--rules", ANIMALS, "--format", "markdown", *facts).output
    assert "## Ranking (evidence weight, strongest first)\n\n- 1\\. Zebra 0.50\n- 1\\. Giraffe 0.50\n" in md


def test_markdown_ranks_are_shown_as_ranks_once_rendered():
    """Regression: the Markdown ranking was an ordered list (1., 1., 3., 3.), which a Markdown
    viewer numbers 1, 2, 3, 4: tied outcomes were shown ranked apart once the text was read."""
    from markdown_it import MarkdownIt

    facts = [f"--fact={k}={v}" for k, v in PLAIN.items()]
    md = run("recommend", "--rules", ANIMALS, "--format", "markdown", *facts).output
    html = MarkdownIt().render(md)
    block = html.split("Ranking")[1]
    assert "<ol" not in block.split("</ul>")[0]
    assert [item for item in re.findall(r"<li>(.*?)</li>", block.split("</ul>")[0])] == [
        "1. Zebra 0.50", "1. Giraffe 0.50", "3. Cheetah 0.00", "3. Tiger 0.00"]


def test_ranking_under_certainty_is_of_exact_certainties():
    with Engine.load(ADVISOR) as engine:
        d = engine.evaluate({"main": "red_meat", "sauce": "none", "tastes": ["sweet"]})
    assert [(r["outcome"], Fraction(r["exact"])) for r in d.ranking] == [
        ("red", Fraction(5, 7)), ("rose", Fraction(2, 5)), ("white", Fraction(-1, 2))]
    assert [r["score"] for r in d.ranking] == [0.7143, 0.4, -0.5]
    out = run("recommend", "--rules", ADVISOR, "--fact", "main=red_meat", "--fact", "sauce=none",
              "--fact", "tastes=sweet").output
    assert "Ranking (certainty, strongest first):\n  1. A red wine 0.71\n  2. A rosé 0.40\n" \
           "  3. A white wine -0.50\n" in out


def test_html_report_shows_the_recorded_ranking_and_an_old_record_none():
    with Engine.load(ANIMALS) as engine:
        record = build_record(engine, engine.evaluate(PLAIN), None, record_id="r1")
    page = html_report(record)
    assert ('<ol id="ranking"><li value="1" title="exact 1/2"><bdi>Zebra</bdi> 0.5</li>'
            '<li value="1" title="exact 1/2"><bdi>Giraffe</bdi> 0.5</li>'
            '<li value="3" title="exact 0"><bdi>Cheetah</bdi> 0.0</li>') in page
    del record["decision"]["ranking"]  # a record made before rankings
    assert 'id="ranking"' not in html_report(record)


def test_html_report_gives_equal_scores_one_rank_as_the_text_does():
    """Regression: the page's ranking was a plain ordered list, so tied outcomes were numbered
    1, 2, 3, 4 where `recommend` prints 1, 1, 3, 3."""
    with Engine.load(ANIMALS) as engine:
        record = build_record(engine, engine.evaluate(PLAIN), None, record_id="r1")
    listed = re.search(r'<ol id="ranking">(.*?)</ol>', html_report(record)).group(1)
    shown = [int(n) for n in re.findall(r'<li value="(\d+)"', listed)]
    text = run("recommend", "--rules", ANIMALS, *(f"--fact={k}={v}" for k, v in PLAIN.items())).output
    printed = [int(n) for n in re.findall(r"^  (\d+)\. ", text.split("Ranking", 1)[1], re.M)]
    assert shown == printed == [1, 1, 3, 3]


def test_json_ranking_of_the_bundled_rules():
    out = json.loads(run("recommend", "--profile", HERE.parent / "examples" / "new-vp-wants-structure.yaml",
                         "--format", "json").output)
    assert [r["outcome"] for r in out["ranking"]] == ["coaching", "mentoring", "sponsorship"]
    assert out["recommendation"] == "coaching"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.fractions(min_value=-3, max_value=3, max_denominator=4), min_size=1, max_size=6))
def test_ranking_sorts_by_score_then_in_the_policys_order(values):
    """policy.ranking sorts strongest first with a stable descending sort; the reference sorts
    by (minus the score, place in evidence_outcomes), as it was first written."""
    outcomes = tuple(f"o{i}" for i in range(len(values)))
    policy = SimpleNamespace(evidence_outcomes=outcomes)
    scores = dict(zip(outcomes, values))
    expected = sorted(scores.items(), key=lambda pair: (-pair[1], outcomes.index(pair[0])))
    assert ranking(policy, scores) == expected
