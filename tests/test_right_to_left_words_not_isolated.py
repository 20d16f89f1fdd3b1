"""An author's right-to-left words inside a sentence of the page's are isolated.

Regression: the report put a Hebrew outcome label straight before its score (`<li>זברה 0.5</li>`)
and the web page a Hebrew reason straight before its share (`<li>...(+0.5)</li>`). By the Unicode
bidirectional algorithm the number then joins the right-to-left run and is shown on the label's
other side, so a reader of a list of outcomes could pair a score with the wrong one. Checked on
the parsed markup: each author's text sits in a `<bdi>` of its own (or a paragraph of its own
whose direction is `auto`), with the figure outside it.
"""
from __future__ import annotations

import re
import shutil

from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.reports.html import render
from pathfit.engine.service.page import result

from .helpers import HERE
from .html_support import TextRuns

ZEBRA = "זברה מצויה"
REASON = "מפוספס ואוכל צמחים הוא זברה."
KB_TITLE = "אוכלי עשב"
PLAIN = {"diet": "plants", "coat": "plain", "neck": "ordinary", "speed_kmh": 40}
STRIPED = {"diet": "plants", "coat": "stripes", "neck": "ordinary", "speed_kmh": 40}


def _runs_with(html: str, words: str) -> list[tuple[str, list]]:
    parser = TextRuns()
    parser.feed(html)
    found = [(text, around) for text, around in parser.runs if words in text]
    assert found, words
    return found


def _isolated(text: str, around: list, words: str) -> bool:
    innermost, attrs = around[-1]
    return text.strip() == words and (innermost == "bdi" or attrs.get("dir") == "auto")


def _hebrew_animals(tmp_path):
    rules = tmp_path / "animals"
    shutil.copytree(HERE / "fixtures" / "animals", rules)
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text().replace("label: Zebra,", f"label: {ZEBRA},"))
    text = rules / "rules.yaml"
    text.write_text(text.read_text().replace("reason: A striped plant-eater is a zebra.", f"reason: {REASON}"))
    kb = rules / "kb.md"
    kb.write_text(kb.read_text().replace("## Grazers", f"## {KB_TITLE}"))
    return rules


def test_a_right_to_left_label_in_the_reports_ranking_and_headline_is_isolated_from_its_score(tmp_path):
    with Engine.load(_hebrew_animals(tmp_path)) as engine:
        decision = engine.evaluate(STRIPED)
        assert decision.outcome == "zebra"
        page = render(build_record(engine, decision, None, record_id="r1"))
    runs = _runs_with(page, ZEBRA)
    body = [(text, around) for text, around in runs if around[-1][0] != "title"]  # a title is a text alone
    assert len(body) >= 2  # the headline and the ranking
    for text, around in body:
        assert _isolated(text, around, ZEBRA), (text, around)
    ranking = page.split('<ol id="ranking">', 1)[1].split("</ol>", 1)[0]
    assert re.search(r'<li value="1" title="exact [^"]*"><bdi>' + ZEBRA + r'</bdi> \d\.\d+</li>', ranking), ranking


def test_a_right_to_left_reason_and_citation_title_in_the_report_are_isolated(tmp_path):
    with Engine.load(_hebrew_animals(tmp_path)) as engine:
        page = render(build_record(engine, engine.evaluate(STRIPED), None, record_id="r1"))
    for words in (REASON, KB_TITLE):
        for text, around in _runs_with(page, words):
            if around[-1][0] == "title":  # the graph's tooltip: a text alone
                continue
            assert _isolated(text, around, words), (words, text, around)


def test_a_right_to_left_reason_on_the_web_page_is_isolated_from_its_share(tmp_path):
    with Engine.load(_hebrew_animals(tmp_path)) as engine:
        decision = engine.evaluate(STRIPED)
        shown = result(engine.ruleset, decision)
    reasons = shown.split('<ul id="reasons">', 1)[1].split("</ul>", 1)[0]
    assert "(+" in reasons  # the shares are shown: the case where a figure follows the reason
    for text, around in _runs_with(reasons, REASON):
        assert _isolated(text, around, REASON), (text, around)
