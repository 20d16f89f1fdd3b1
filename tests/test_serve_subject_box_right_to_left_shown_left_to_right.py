"""Regression: the web page's subject and operator boxes took the page's direction (left to
right) whatever was typed in them, so a Hebrew or Arabic name was drawn against it, its
brackets and trailing punctuation on the wrong side, left-aligned, and so again when the answer
page showed it back in the box. Each box now takes the direction of its own text (`dir="auto"`,
the first strong character's, as the Unicode bidirectional algorithm's rules P2 and P3 give a
paragraph's), so a right-to-left name is drawn right to left and a Latin one left to right.
Measured in chromium, typed and posted through the page of a running `pathfit serve`."""
from __future__ import annotations

import pytest

from .serve_support import recording_server
from .test_report_browser import browser  # the chromium fixture
from .test_serve_browser import submit

HEBREW = "שרה כהן (מנהלת)"
ARABIC = "علي حسن (الموارد البشرية)"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = recording_server(tmp_path_factory.mktemp("recorded"))  # the subject and operator boxes need a record
    yield srv
    srv.stop()


def _directions(browser) -> dict:
    return browser.execute_script(
        "return Object.fromEntries(['p-subject', 'p-operator'].map(id => "
        "[id, document.getElementById(id).matches(':dir(rtl)') ? 'rtl' : 'ltr']))")


def test_a_right_to_left_name_is_drawn_right_to_left_typed_and_shown_back(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server.base + "/")
    assert _directions(browser) == {"p-subject": "ltr", "p-operator": "ltr"}  # empty: the page's own
    browser.find_element(By.ID, "p-subject").send_keys(HEBREW)
    browser.find_element(By.ID, "p-operator").send_keys(ARABIC)
    assert _directions(browser) == {"p-subject": "rtl", "p-operator": "rtl"}
    submit(browser)
    assert browser.find_elements(By.ID, "recommendation")
    assert browser.find_element(By.ID, "p-subject").get_attribute("value") == HEBREW
    assert _directions(browser) == {"p-subject": "rtl", "p-operator": "rtl"}


def test_a_latin_name_stays_left_to_right(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server.base + "/")
    browser.find_element(By.ID, "p-subject").send_keys("HR-4521 " + HEBREW)  # first strong: Latin
    browser.find_element(By.ID, "p-operator").send_keys("Ana Pérez")
    assert _directions(browser) == {"p-subject": "ltr", "p-operator": "ltr"}
