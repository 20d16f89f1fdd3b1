"""The printable report at 320 CSS pixels wide (a phone, or 400% zoom: WCAG 2.2 1.4.10 Reflow):
the page never scrolls sideways, with long unbroken and right-to-left words in its labels,
reasons and citations too. The derivation graph is a diagram, which the criterion lets keep
its two dimensions: it scrolls inside its own box, and only there. Measured in chromium
(tests/test_report_browser.py's fixture)."""
from __future__ import annotations

import shutil

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.reports.html import render

from .helpers import HERE, sideways
from .test_report_browser import browser  # the chromium fixture

NARROW = 320
LONG_WORD = "Supercalifragilistic_" * 6  # no place to break it but anywhere
STRIPED = {"diet": "plants", "coat": "stripes", "neck": "ordinary", "speed_kmh": 40}


def _animals(tmp_path, odd: bool):
    rules = tmp_path / "animals"
    shutil.copytree(HERE / "fixtures" / "animals", rules)
    if odd:
        policy = rules / "policy.yaml"
        policy.write_text(policy.read_text().replace("label: Zebra,", f"label: Zebra {LONG_WORD},")
                          .replace("label: Giraffe,", "label: زرافة طويلة العنق,"))
        text = rules / "rules.yaml"
        text.write_text(text.read_text().replace("reason: A striped plant-eater is a zebra.",
                                                 f"reason: A striped plant-eater is a zebra {LONG_WORD}."))
        kb = rules / "kb.md"
        kb.write_text(kb.read_text().replace("## Grazers", f"## Grazers {LONG_WORD}"))
    return rules


@pytest.mark.parametrize("odd", [False, True], ids=["plain labels", "long and right-to-left words"])
def test_the_report_fits_a_320_pixel_screen_but_for_the_graph_in_its_own_box(browser, tmp_path, odd):
    with Engine.load(_animals(tmp_path, odd)) as engine:
        page = render(build_record(engine, engine.evaluate(STRIPED), None, record_id="r1"))
    assert not odd or LONG_WORD in page
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    browser.set_window_size(NARROW, 900)
    try:
        browser.get(path.as_uri())
        client, scrolled, wide = sideways(browser, inside=".graph-box")
        assert client <= NARROW
        assert scrolled <= client and not wide, (scrolled, client, wide)
        box = browser.execute_script(
            "const b = document.querySelector('.graph-box'); return [b.getBoundingClientRect().right, "
            "b.scrollWidth > b.clientWidth]")
        assert box[0] <= client + 1  # the box itself fits; the graph scrolls inside it
    finally:
        browser.set_window_size(1280, 1024)
