"""Regression: at 320 CSS pixels wide (a phone, or a desktop window at 400% zoom: WCAG 2.2
1.4.10 Reflow) the web page scrolled sideways: the subject and operator boxes were 20rem
wide whatever the screen, a list question's select was as wide as its longest label, and a
label or legend with a long unbroken word (a code, a URL) pushed its fieldset out. Now
boxes and selects fit the screen and long words wrap, in the form, the answers refused, and
the result. Measured in chromium (tests/test_report_browser.py's fixture)."""
from __future__ import annotations

import pytest

from pathfit.engine.service import form, page

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .helpers import sideways
from .test_report_browser import browser  # the chromium fixture

NARROW = 320
LONG_WORD = "Supercalifragilistic_" * 6  # no place to break it but anywhere


def _odd(rs):
    """The bundled rules with a long unbroken word in a question, an option's label, a box's
    label and a help text, and right-to-left and accented labels beside them."""
    facts = dict(rs.facts)
    for name, fact in rs.facts.items():
        if fact.kind == "input" and fact.type in ("enum", "set"):
            labels = dict(fact.labels)
            first, second = fact.values[0], fact.values[1]
            labels[first] = f"Précis: {LONG_WORD}"
            labels[second] = "هدف ناشئ (اتجاه بدون هدف) 2 أشهر"
            facts[name] = fact._replace(labels=tuple(labels.items()), question=f"{fact.question} {LONG_WORD}",
                                        help=f"{fact.help} {LONG_WORD}")
    return rs._replace(facts=facts)


def _pages(rs, decision) -> dict[str, str]:
    names = [f.name for f in rs.inputs]
    values = {name: None for name in names}  # every question shown: "More questions" open
    refused = [{"code": "PF403", "message": "goal_clarity: 'x' is not one of specific, emerging, undefined",
                "fact": "goal_clarity", "where": None}]
    answers = {"goal_clarity": "x"}
    return {
        "form": page.page(rs, [], values),
        "refused": page.page(rs, [], {**values, **answers}, form.errors(refused, rs, answers),
                             form.field_problems(refused, rs, answers)),
        "result": page.page(rs, [], values, page.result(rs, decision)),
    }


@pytest.mark.parametrize("odd", [False, True], ids=["bundled rules", "long and right-to-left labels"])
def test_the_page_fits_a_320_pixel_screen_without_scrolling_sideways(browser, engine, tmp_path, odd):
    rs = _odd(engine.ruleset) if odd else engine.ruleset
    decision = engine.evaluate({"goal_clarity": "emerging", "needs": ["network"]})
    browser.set_window_size(NARROW, 900)
    try:
        for name, text in _pages(rs, decision).items():
            assert not odd or (LONG_WORD in text and "هدف ناشئ" in text), name
            path = tmp_path / f"{name}.html"
            path.write_text(text, encoding="utf-8")
            browser.get(path.as_uri())
            client, scrolled, wide = sideways(browser)
            assert client <= NARROW
            assert scrolled <= client and not wide, (name, scrolled, client, wide)
    finally:
        browser.set_window_size(1280, 1024)
