"""The web page of `pathfit serve` in headless chromium (as tests/test_report_browser.py
drives it): fill the form for every example, submit, read the recommendation;
the page's decision is the CLI's; the page loads nothing but itself and has no
scripts (it works without JavaScript)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT
from .serve_support import Server, example_facts
from .test_report_browser import browser, requests_made  # browser: the chromium fixture

# Every example goes through the form by HTTP in tests/test_serve.py; in the browser a
# third of them (each click costs ~40 ms), plus a person with an empty set, cover every
# kind of field the way chromium encodes it.
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))[::3]


@pytest.fixture(scope="module")
def server():
    srv = Server()
    yield srv
    srv.stop()


def fill(browser, facts: dict) -> None:
    """Answer as a person would: open "More questions", tick boxes, pick options, type numbers
    (one click per answer, on a fresh form)."""
    from selenium.webdriver.common.by import By

    browser.find_element(By.CSS_SELECTOR, "#more > summary").click()
    for name, value in facts.items():
        if value is None:
            continue
        if isinstance(value, list):
            for item in value or [":none"]:
                browser.find_element(By.CSS_SELECTOR, f'input[type=checkbox][name="{name}"][value="{item}"]').click()
        elif isinstance(value, (bool, str)):
            shown = {True: "yes", False: "no"}.get(value, value) if isinstance(value, bool) else value
            browser.find_element(By.CSS_SELECTOR, f'#f-{name} option[value="{shown}"]').click()
        else:
            browser.find_element(By.ID, f"f-{name}").send_keys(str(value))


def submit(browser) -> None:
    """Click the button and wait until the answer page has replaced this one."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    # A mark on this document's window; the answer page is a new document without it.
    # (Waiting for an old element to go stale races chromium: while the page is being
    # replaced it can answer "node does not belong to the document" instead.)
    browser.execute_script("window.__pathfitFormPage = true;")
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 20, poll_frequency=0.02, ignored_exceptions=(WebDriverException,)).until(
        lambda b: b.execute_script("return !window.__pathfitFormPage && document.readyState === 'complete';"))


def test_every_example_through_the_form_gives_the_cli_decision(browser, server):
    from selenium.webdriver.common.by import By

    people = [(p.name, example_facts(p), ["--profile", str(p)]) for p in EXAMPLES]
    people.append(("empty set", {"needs": [], "goal_clarity": "emerging", "team_goal": True},
                   ["--fact", "needs=", "--fact", "goal_clarity=emerging", "--fact", "team_goal=true"]))
    kinds = {type(v).__name__ for _, facts, _ in people for v in facts.values()}
    assert kinds >= {"bool", "str", "list", "int"}
    for name, facts, options in people:
        browser.get(server.base + "/")
        fill(browser, facts)
        submit(browser)
        assert browser.find_elements(By.ID, "recommendation"), browser.find_element(By.TAG_NAME, "body").text[:600]
        head = browser.find_element(By.ID, "recommendation")
        expected = json.loads(CliRunner().invoke(cli, ["recommend", *options, "--format", "json"]).output)
        shown = json.loads(browser.find_element(By.ID, "decision-json").get_attribute("textContent"))
        assert shown == expected, name
        assert head.get_attribute("data-outcome") == expected["recommendation"]
        assert head.text.startswith("Recommendation: " if expected["settled"] else "Recommendation (provisional): ")


def test_the_page_shows_reasons_open_questions_and_the_derivation(browser, server):
    from selenium.webdriver.common.by import By

    browser.get_log("performance")
    browser.get(server.base + "/")
    page = browser.find_element(By.TAG_NAME, "body").text
    assert "What does the person need from this development?" in page
    labels = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#interview label, #interview option")]
    assert "A specific skill" in labels and not [t for t in labels if "_" in t]  # schema labels, not identifiers
    facts = dict(example_facts(ROOT / "examples" / "partial-intake-only-basics.yaml"))
    fill(browser, facts)
    submit(browser)
    text = browser.find_element(By.ID, "result").text
    assert "Recommendation (provisional)" in text
    assert browser.find_elements(By.CSS_SELECTOR, "#open-questions li")
    assert browser.find_element(By.ID, "how").get_attribute("textContent").strip()
    assert browser.execute_script("return document.scripts.length") == 0
    origin = server.base + "/"
    assert all(url.startswith(server.base) for url in requests_made(browser)), requests_made(browser)
    # the answers stay filled in, so HR can answer an open question and ask again
    assert browser.find_element(By.ID, "f-goal_clarity").get_attribute("value") == facts.get("goal_clarity", "")
    assert origin


def test_a_bad_answer_is_shown_on_the_page_beside_its_question_in_plain_words(browser, server):
    """The problem said about the answer to the question shown beside it (the fact's name is
    for consultants: docs/engine.md, "Who reads what"), and a number written with a zero in
    front told how to write it, not how YAML 1.1 reads it."""
    from selenium.webdriver.common.by import By

    browser.get(server.base + "/")
    browser.find_element(By.CSS_SELECTOR, "#more > summary").click()
    browser.execute_script("document.getElementById('f-horizon_months').type = 'text'")  # past the browser's check
    field = browser.find_element(By.ID, "f-horizon_months")
    field.send_keys("024")
    submit(browser)
    errors = browser.find_element(By.ID, "errors").text
    assert ("For how many months does the person expect to invest in this development? The answer: '024' is not "
            "a plain decimal number; write 24") in errors and "horizon_months" not in errors and "octal" not in errors
    assert browser.find_element(By.ID, "f-horizon_months").get_attribute("value") == "024"
