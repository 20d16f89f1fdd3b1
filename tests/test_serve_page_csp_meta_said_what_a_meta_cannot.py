"""Regression: every page of `pathfit serve` (the form, the answer, the answers refused) put
its whole Content Security Policy in a <meta> element too, `frame-ancestors 'none'` included,
which a browser ignores there (CSP 3: only a header can say it); chromium logged a security
error on each page load ("The Content Security Policy directive 'frame-ancestors' is ignored
when delivered via a <meta> element"). Now the <meta> says only what a <meta> can, the header
says it all (framing is still refused: the header, and X-Frame-Options). Loaded in chromium
(tests/test_report_browser.py's fixture), its own console read."""
from __future__ import annotations

from .serve_support import call
from .serve_support import server  # one plain service for this module's tests
from .test_report_browser import browser  # the chromium fixture
from .test_serve_browser import submit


def _security_messages(browser) -> list[str]:
    return [e["message"] for e in browser.get_log("browser") if e.get("source") == "security"]


def test_no_page_of_the_service_logs_a_security_error_in_the_browser(browser, server):
    from selenium.webdriver.common.by import By

    browser.get_log("browser")  # drop what earlier pages logged
    browser.get(server.base + "/")
    said = {"form": _security_messages(browser)}
    browser.find_element(By.ID, "f-formal_performance_process").send_keys("No")
    submit(browser)
    assert browser.find_elements(By.ID, "recommendation")
    said["answer"] = _security_messages(browser)
    browser.execute_script("document.getElementById('f-horizon_months').type = 'text'")  # past the browser's check
    browser.find_element(By.ID, "f-horizon_months").send_keys("many")
    submit(browser)
    assert browser.find_elements(By.ID, "e-horizon_months")
    said["refused"] = _security_messages(browser)
    assert said == {"form": [], "answer": [], "refused": []}


def test_the_header_still_forbids_framing_and_the_meta_still_forbids_loading(server):
    reply = call(server, "GET", "/")
    header = reply.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in header and reply.headers["x-frame-options"] == "DENY"
    meta = reply.text.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    assert "default-src 'none'" in meta and "form-action 'self'" in meta and "frame-ancestors" not in meta
