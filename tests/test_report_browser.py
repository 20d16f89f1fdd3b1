"""The HTML report in a real browser: Debian's chromium, headless, driven through
chromedriver with selenium. It must show the outcome, the rules and their
reasons, draw the derivation as an SVG graph, load nothing but the page itself,
and keep hostile rule text as text.

These tests are never skipped: without chromium they fail and say how to install
it (.ci/run installs it when it is absent)."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.sealing import open_record, values_hidden
from pathfit.engine.errors import Pos
from pathfit.engine.audit.record import seal
from pathfit.engine.reports.html import render

from .audit_support import SENSITIVE_EXAMPLE, make_key, record_for

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
INSTALL = "apt-get update -qq && apt-get install -y -qq chromium chromium-driver"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not shutil.which(p)]
    if missing:
        pytest.fail(f"the report tests need Debian's chromium and chromium-driver; missing {', '.join(missing)}. "
                    f"Install them with: {INSTALL}", pytrace=False)
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        pytest.fail("the report tests need selenium: pip install '.[test]'", pytrace=False)
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}", "--window-size=1280,1024"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PATHFIT_CACHE", "0")
        with Engine.load() as engine:
            key = load_key(str(make_key(tmp_path_factory.mktemp("key"))))
            sealed = record_for(engine, SENSITIVE_EXAMPLE, key)  # drawn as `pathfit report` draws it, opened
            return values_hidden(open_record(key, sealed, Pos("r.json"), "drawing its report"))


def open_page(browser, path):
    browser.get_log("performance")  # drop what earlier pages logged
    browser.get(path.as_uri())
    return browser.find_element("tag name", "body").text


def requests_made(browser) -> list[str]:
    """Every URL chromium's network layer was asked for, from the DevTools performance log."""
    urls = []
    for item in browser.get_log("performance"):
        message = json.loads(item["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def test_the_page_shows_the_decision_and_draws_the_derivation(browser, record, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(record))
    text = open_page(browser, page)
    assert record["decision"]["settled"] is False  # answers to open questions could change it
    assert record["decision"]["recommendation"] == "mentoring"
    # the policy's label for mentoring
    assert "Recommendation (provisional): Mentoring" in text and "no confidence given" in text
    assert "coaching.trigger" in text and "blend.senior_transition" in text
    assert record["rules"]["coaching.trigger"]["reason"] in text
    assert "kb#triggers" in text
    assert re.search(r"confidential_matter\s+masked", text)
    nodes = browser.execute_script("""
        const svg = document.querySelector('svg.graph');
        if (!svg) return null;
        const box = svg.getBoundingClientRect();
        return {width: box.width, height: box.height,
                nodes: [...svg.querySelectorAll('g.node')].map(g => {
                    const r = g.querySelector('rect').getBoundingClientRect();
                    return {id: g.dataset.id, text: g.textContent, w: r.width, h: r.height}; }),
                edges: svg.querySelectorAll('path.edge').length};""")
    assert nodes is not None and nodes["width"] > 300 and nodes["height"] > 200
    assert len(nodes["nodes"]) >= 10 and nodes["edges"] >= len(nodes["nodes"]) - 1
    assert all(n["w"] > 20 and n["h"] > 20 for n in nodes["nodes"])
    labels = " ".join(n["text"] for n in nodes["nodes"])
    assert "mentoring" in labels and "coaching.trigger" in labels and "trigger = new_role" in labels
    # coaching.confidential no longer gives evidence, so the sensitive fact is not in the
    # deciding derivation; its clear value must appear in no label either way
    assert "confidential_matter = true" not in labels and "confidential_matter = false" not in labels


def test_the_page_loads_nothing_but_itself(browser, record, tmp_path):
    page = tmp_path / "report.html"
    html = render(record)
    page.write_text(html)
    assert not re.search(r"https?://", html, re.IGNORECASE)
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b", html, re.IGNORECASE)
    open_page(browser, page)
    entries = browser.execute_script(
        "return performance.getEntries().map(e => [e.entryType, e.name]);")
    loaded = [name for kind, name in entries if kind in ("navigation", "resource")]
    assert loaded == [page.as_uri()]
    assert set(requests_made(browser)) <= {page.as_uri()}


def test_hostile_rule_text_stays_text(browser, record, tmp_path):
    hostile = json.loads(json.dumps(record))
    attack = ('</p><script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'
              '<a href="https://example.com/x">x</a>')
    hostile["rules"]["coaching.trigger"]["reason"] = attack
    hostile["rules"]["coaching.trigger"]["cites"][0]["title"] = '"><svg onload="document.title=\'pwned\'">'
    page = tmp_path / "hostile.html"
    page.write_text(render(seal(hostile)))
    text = open_page(browser, page)
    assert browser.title.startswith("pathfit decision") and "pwned" not in browser.title
    assert '<script>document.title="pwned"</script>' in text  # shown as the text it is
    assert browser.execute_script("return document.querySelectorAll('script, img, a, iframe').length") == 0
    assert set(requests_made(browser)) <= {page.as_uri()}
