"""Regression: the printable report's "The same derivation as text", opened at 320 CSS pixels
wide (a phone, or 400% zoom: WCAG 2.2 1.4.10 Reflow), made the whole page scroll sideways:
its <pre> kept every line of the indented outline unbroken (a rule's id and effects, a fact
and its value), some twice the screen's width, where the reflow criterion lets only the
graph, a diagram, scroll (in its own box). Its lines now wrap, indentation kept, as the web
page's derivation does. Measured in chromium (tests/test_report_browser.py's fixture), on
the bundled rules' report for an example person, and with an unbroken word in a rule id."""
from __future__ import annotations

import shutil

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.reports.html import render

from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.sealing import open_record, values_hidden
from pathfit.engine.errors import Pos

from .audit_support import make_key, record_for
from .helpers import HERE, ROOT, sideways
from .test_report_browser import browser  # the chromium fixture

NARROW = 320
LONG_ID = "zebra." + "striped" * 12  # a rule id with no place to break it but anywhere
STRIPED = {"diet": "plants", "coat": "stripes", "neck": "ordinary", "speed_kmh": 40}


def _bundled(tmp_path) -> str:
    """The report /report/ID draws, opened with the audit key (tests/test_report_browser.py's record)."""
    with Engine.load() as engine:
        key = load_key(str(make_key(tmp_path)))
        sealed = record_for(engine, ROOT / "examples" / "new-vp-wants-structure.yaml", key)
        return render(values_hidden(open_record(key, sealed, Pos("r.json"), "drawing its report")))


def _long_id(tmp_path) -> str:
    rules = tmp_path / "animals"
    shutil.copytree(HERE / "fixtures" / "animals", rules)
    text = rules / "rules.yaml"
    text.write_text(text.read_text(encoding="utf-8").replace("id: zebra.stripes", f"id: {LONG_ID}"), encoding="utf-8")
    with Engine.load(rules) as engine:
        return render(build_record(engine, engine.evaluate(STRIPED), None, record_id="r1"))


@pytest.mark.parametrize("made", [_bundled, _long_id], ids=["bundled rules", "an unbroken rule id"])
def test_the_derivation_as_text_opened_fits_a_320_pixel_screen(browser, tmp_path, made):
    text = made(tmp_path)
    assert "The same derivation as text" in text
    path = tmp_path / "report.html"
    path.write_text(text, encoding="utf-8")
    browser.set_window_size(NARROW, 900)
    try:
        browser.get(path.as_uri())
        browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true)")
        lines = browser.execute_script(
            "const s = [...document.querySelectorAll('summary')].find(s => s.textContent === "
            "'The same derivation as text'); return s.parentElement.querySelector('pre').textContent")
        assert len(max(lines.splitlines(), key=len)) * 7 > NARROW  # a line wider than the screen, unwrapped
        assert made is _bundled or LONG_ID in lines
        client, scrolled, wide = sideways(browser, inside=".graph-box")
        assert client <= NARROW
        assert scrolled <= client and not wide, (scrolled, client, wide)
    finally:
        browser.set_window_size(1280, 1024)
