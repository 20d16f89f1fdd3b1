"""Regression: neither the web page nor the printable report (`/report/ID`) had a main
landmark, so all their content lay outside every landmark and one using a screen reader
could not jump to it (WCAG 2.2: 1.3.1, 2.4.1). Now each page's content is in one <main>,
the report's footer beside it."""
from __future__ import annotations

from pathfit.engine.reports.html import render
from pathfit.engine.service import page

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .test_report_browser import record  # a sealed record of an example, opened
from .html_support import Tree


def test_the_page_and_the_report_each_have_one_main_landmark_holding_the_heading(engine, record):
    rs = engine.ruleset
    decision = engine.evaluate({"goal_clarity": "emerging"})
    for text in (page.page(rs, []), page.page(rs, [], {}, page.result(rs, decision)), render(record)):
        tree = Tree(text)
        mains = [e for e in tree.elements if e["tag"] == "main"]
        assert len(mains) == 1
        h1 = next(e for e in tree.elements if e["tag"] == "h1")
        assert mains[0] in h1["ancestors"]
        outside = [e["tag"] for e in tree.elements if e["ancestors"] and e["ancestors"][-1]["tag"] == "body"
                   and e["tag"] not in ("main", "footer")]
        assert outside == []
