"""Regression: the answer page's open questions, and the list of refused answers, are lists of
links, one a line, 21.75 px apart (the body's line height): under the 24 px WCAG 2.2 asks of
a target smaller than that (2.5.8 Target Size, minimum: a 24 px circle on each may not meet
another's), so a short question was hard to hit with a finger or a shaky hand. Now each
item of those lists has room around it. Measured in chromium."""
from __future__ import annotations

import math

from pathfit.engine.service import form, page

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .test_report_browser import browser  # the chromium fixture

MINIMUM = 24  # CSS px


def _too_close(browser, selector: str) -> list[tuple]:
    """Pairs of links under `selector` whose 24 px circles (on each box's centre) meet, where
    either box is under 24 px high or wide (a larger target needs no spacing)."""
    boxes = browser.execute_script(
        f"return [...document.querySelectorAll('{selector} a')].map(a => {{const r = a.getBoundingClientRect();"
        " return [a.textContent, r.x + r.width / 2, r.y + r.height / 2, r.width, r.height]; })")
    small = [b for b in boxes if b[3] < MINIMUM or b[4] < MINIMUM]
    assert len(boxes) > 1
    return [(a[0], b[0]) for i, a in enumerate(small) for b in boxes
            if b is not a and math.dist(a[1:3], b[1:3]) < MINIMUM and b[0] != a[0]]


def test_listed_links_are_far_enough_apart_to_hit(browser, engine, tmp_path):
    rs = engine.ruleset
    short = rs._replace(facts={n: f._replace(question=f"Q{i}?") if f.kind == "input" else f
                               for i, (n, f) in enumerate(rs.facts.items())})
    decision = engine.evaluate({"goal_clarity": "emerging"})
    refused = [{"code": "PF403", "message": "m", "fact": name, "where": None}
               for name in ("goal_clarity", "career_stage", "trigger")]
    answers = {"goal_clarity": "x", "career_stage": "x", "trigger": "x"}
    pages = {"#open-questions": page.page(short, [], {}, page.result(short, decision)),
             "#errors": page.page(short, [], answers, form.errors(refused, short, answers),
                                  form.field_problems(refused, short, answers))}
    for selector, text in pages.items():
        path = tmp_path / "page.html"
        path.write_text(text, encoding="utf-8")
        browser.get(path.as_uri())
        assert _too_close(browser, selector) == [], selector
