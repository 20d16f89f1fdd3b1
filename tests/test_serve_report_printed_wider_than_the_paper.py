"""Regression: the printable report (`/report/ID`, the page `pathfit report` writes) drew its
derivation graph at its own width, up to 1,100 CSS pixels, and its print style let the graph
run out of its box: printed, the page was wider than the paper (an A4 page less the margins
is about 718 pixels), so chromium shrank the whole report, every figure and reason with it,
to two thirds of its size, and a browser that does not shrink cut the graph's right side off
(the outcome, input facts and their values). Now, printed, the graph is scaled to the page's
width and nothing else changes. Measured in chromium (tests/test_report_browser.py's fixture)
with print media, on a report the service drew from its audit log."""
from __future__ import annotations

import re

from .helpers import ROOT, sideways
from .serve_support import audited  # the module-scoped audited service the serve tests share
from .serve_support import call, example_facts, form_body
from .test_report_browser import browser  # the chromium fixture

PAPER = 718  # CSS pixels: A4 (210 mm at 96 per inch) less chromium's default margins of 0.4 inch
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def test_the_printed_report_fits_the_paper_graph_and_all(browser, audited):
    facts = example_facts(ROOT / "examples" / "ceo-wants-sounding-board.yaml")
    reply = call(audited, "POST", "/decide", raw=form_body(facts), headers=FORM)
    assert reply.status == 200, reply.text[:600]
    link = re.search(r'href="(/report/[^"]+)" id="report-link"', reply.text).group(1)
    browser.set_window_size(1280, 1024)
    browser.get(audited.base + link)
    drawn = float(browser.find_element("css selector", "svg.graph").get_attribute("width"))
    assert drawn > PAPER  # a graph wider than the paper, as most of the examples' are
    browser.set_window_size(PAPER, 1024)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        client, scrolled, wide = sideways(browser)
        assert client <= PAPER
        assert scrolled <= client and not wide, (scrolled, client, wide)
        texts = browser.execute_script(
            "const w = document.documentElement.clientWidth;"
            "return [...document.querySelectorAll('svg.graph text')].map(t => t.getBoundingClientRect())"
            ".map(r => [r.left >= -1, r.right <= w + 1, r.height > 0])")
        assert texts and all(all(t) for t in texts)  # every word of the graph on the page
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        browser.set_window_size(1280, 1024)
