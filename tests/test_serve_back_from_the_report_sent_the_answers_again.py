"""Regression: the answer page's "printable report" link opened the report in the answer
page's own tab, so going back to the answer (a page a post gave, kept by no browser: every
answer is `Cache-Control: no-store`) showed chromium's "Confirm Form Resubmission", and going on
sent the answers again and recorded the decision a second time, under a new id, in the audit
log. The report now opens in a tab of its own, the link saying so, and the answer page stays
as it was, its decision recorded once. Measured in chromium against a running `pathfit serve
--audit-log`."""
from __future__ import annotations

from .serve_support import audited  # the module-scoped audited service the serve tests share
from .test_report_browser import browser  # the chromium fixture
from .test_serve_browser import submit


def _records(log) -> int:
    return len(log.read_bytes().splitlines()) if log.exists() else 0


def test_the_report_opens_beside_the_answer_which_is_not_sent_again(browser, audited):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(audited.base + "/")
    browser.find_element(By.ID, "p-subject").send_keys("Ana Pérez")
    submit(browser)
    answer = browser.current_window_handle
    before = _records(audited.log)
    link = browser.find_element(By.ID, "report-link")
    record_id = link.get_attribute("href").rsplit("/", 1)[1]
    assert "new tab" in link.find_element(By.XPATH, "..").text
    link.click()
    try:
        WebDriverWait(browser, 10).until(lambda b: len(b.window_handles) == 2)
        (report,) = [h for h in browser.window_handles if h != answer]
        browser.switch_to.window(report)
        WebDriverWait(browser, 10).until(lambda b: record_id in b.title)
    finally:
        for handle in browser.window_handles:
            if handle != answer:
                browser.switch_to.window(handle)
                browser.close()
        browser.switch_to.window(answer)
    assert browser.find_element(By.ID, "report-link").get_attribute("href").endswith(record_id)  # as it was
    assert browser.find_elements(By.ID, "recommendation")
    assert _records(audited.log) == before  # nothing sent again, nothing recorded again
