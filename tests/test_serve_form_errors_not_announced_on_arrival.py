"""Regression: when the web page refused a post (an answer it does not take, a failure of the
server's), nothing took the focus as the answer page opened: a screen reader started at the
top of a page that looked like the one just sent, and one using the keyboard alone had to find
the problems. Now the heading of the first problem listed at the top ("Please check these
answers", or the failure's own, such as "The service is busy") takes the focus as the page
opens (`autofocus`, so without scripts too: the page has none), is said at once, and the next
Tab reaches the first problem's link (WCAG 2.2: 3.3.1, 4.1.3). A page with a recommendation
moves no focus. Measured in chromium: through a running `pathfit serve`, and on a page written
for a full queue (PF911), which a test cannot ask a running service for in time."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine
from pathfit.engine.service import form, page

from .serve_support import recording_server
from .test_report_browser import browser  # the chromium fixture
from .test_serve_browser import submit

FOCUSED = ("const e = document.activeElement; return [e.tagName, e.textContent, "
           "e.closest('section') ? e.closest('section').id : null, "
           "document.querySelectorAll('[autofocus]').length]")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = recording_server(tmp_path_factory.mktemp("recorded"))  # the subject and operator boxes need a record
    yield srv
    srv.stop()


def _tab(browser) -> list:
    from selenium.webdriver.common.keys import Keys

    browser.switch_to.active_element.send_keys(Keys.TAB)
    return browser.execute_script("const e = document.activeElement; return [e.tagName, e.getAttribute('href')]")


def test_a_refused_answer_takes_the_focus_to_the_problems(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server.base + "/")
    assert browser.execute_script(FOCUSED)[0] == "BODY"
    browser.find_element(By.ID, "p-subject").send_keys("\u202eevil")  # a bidirectional override: PF628
    submit(browser)
    assert browser.title.startswith("Error:")
    assert browser.execute_script(FOCUSED) == ["H2", "Please check these answers", "errors", 1]
    assert _tab(browser) == ["A", "#p-subject"]


def test_a_recommendation_moves_no_focus(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server.base + "/")
    browser.find_element(By.ID, "p-subject").send_keys("Ana")
    submit(browser)
    assert browser.find_elements(By.ID, "recommendation")
    assert browser.execute_script(FOCUSED)[0] == "BODY"


def test_a_failure_of_the_servers_takes_the_focus_before_the_answers_problems(browser, tmp_path):
    with Engine.load() as engine:
        rs = engine.ruleset
        answers = {"goal_clarity": "x"}
        problems = [{"code": "PF911", "message": "the queue is full", "fact": None, "where": "<request>"},
                    {"code": "PF403", "message": "goal_clarity: 'x' is not one of specific, emerging, undefined",
                     "fact": "goal_clarity", "where": None}]
        text = page.page(rs, [], answers, form.errors(problems, rs, answers), form.field_problems(problems, rs, answers),
                         refused=True)
    path = tmp_path / "busy.html"
    path.write_text(text, encoding="utf-8")
    browser.get(path.as_uri())
    assert browser.execute_script(FOCUSED) == ["H2", "The service is busy", "failure-busy", 1]
