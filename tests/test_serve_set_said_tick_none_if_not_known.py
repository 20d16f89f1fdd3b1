"""Regression: under each list question ("What does the person need...? Name all that apply")
the page said "Tick all that apply; tick none if not known.", beside a box labelled "None of
these", which says the person needs none of them: one who did as the words seem to say, and
ticked "None of these" for an answer not known, was given a settled recommendation with a
confidence figure where not known gives a provisional one and the open questions (for three of
the examples the outcome's settledness changes). The words were not tied to the boxes either,
so a screen reader moving from box to box never said them. Now they say to leave every box
unticked if not known, and each box is described by them. Read in chromium's accessibility
tree (tests/test_report_browser.py's fixture)."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT
from .serve_support import server  # one plain service for this module's tests
from .test_report_browser import browser  # the chromium fixture


def _boxes(browser, name: str) -> list[dict]:
    """Each checkbox of question `name`: its accessible name and description, as chromium gives them."""
    browser.execute_cdp_cmd("Accessibility.enable", {})
    nodes = browser.execute_cdp_cmd("Accessibility.getFullAXTree", {})["nodes"]
    boxes = [n for n in nodes if n.get("role", {}).get("value") == "checkbox"]
    names = browser.execute_script(
        "return [...document.querySelectorAll('input[type=checkbox][name=\"' + arguments[0] + '\"]')].length", name)
    assert len(boxes) >= names > 1
    return [{"name": n.get("name", {}).get("value", "").strip(),
             "description": n.get("description", {}).get("value", "")} for n in boxes]


def test_every_box_of_a_list_question_is_described_by_how_to_say_not_known(browser, server):
    from selenium.webdriver.common.by import By

    browser.get(server.base + "/")
    instruction = browser.find_element(By.CSS_SELECTOR, "#q-needs .opts + p")
    said = instruction.text
    assert "none" not in said.lower() or "unticked" in said.lower(), said  # not "tick none" beside "None of these"
    for box in _boxes(browser, "needs"):
        assert said in box["description"], box


def test_none_of_these_is_not_not_known(server):
    """Why the words matter: for an example, "None of these" and not known give decisions that differ
    in whether they are settled (the page reads the boxes as the CLI reads `needs=` and no `needs`)."""
    profile = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
    said = {}
    for how, fact in (("none of these", "needs="), ("not known", "needs=unknown")):
        out = CliRunner().invoke(cli, ["recommend", "--profile", profile, "--fact", fact, "--format", "json"]).output
        said[how] = json.loads(out)["settled"]
    assert said == {"none of these": True, "not known": False}
