"""Regression: the page's subject and operator boxes had `maxlength="256"`, so a reference or
name longer than the 256 characters allowed was cut short by the browser as it was typed or
pasted, and the decision was recorded (with `--audit-log`) for the first 256 characters: a
subject other than the one typed, and nothing said. The server refuses a longer one (PF628,
as `--subject` does), so the boxes now take four times that: a longer one is refused, the
problem said beside the box, the box still holding what was typed, and nothing recorded.
Typed in chromium (tests/test_report_browser.py's fixture)."""
from __future__ import annotations

import pytest

from .serve_support import audited  # the module-scoped audited service the serve tests share
from .serve_support import call
from .test_report_browser import browser  # the chromium fixture
from .test_serve_browser import submit

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
TYPED = "Case 2026/" + "x" * 250 + "/final"  # 266 characters: 10 more than allowed


def _lines(server) -> int:
    return len(server.log.read_bytes().splitlines()) if server.log.exists() else 0


@pytest.mark.parametrize("box", ["subject", "operator"])
def test_a_subject_or_operator_typed_too_long_is_refused_beside_its_box_not_cut_short(browser, audited, box):
    from selenium.webdriver.common.by import By

    before = _lines(audited)
    browser.get(audited.base + "/")
    field = browser.find_element(By.ID, f"p-{box}")
    field.send_keys(TYPED)
    assert field.get_attribute("value") == TYPED  # all of it is in the box, as typed
    submit(browser)
    assert not browser.find_elements(By.ID, "recommendation")
    assert browser.title.startswith("Error:")
    shown = browser.find_element(By.ID, f"p-{box}")
    assert shown.get_attribute("value") == TYPED and shown.get_attribute("aria-invalid") == "true"
    assert f"e-p-{box}" in shown.get_attribute("aria-describedby").split()
    assert _lines(audited) == before  # nothing recorded


@pytest.mark.parametrize("box", ["subject", "operator"])
def test_the_same_post_is_refused_with_the_subject_and_operator_rule(audited, box):
    before = _lines(audited)
    reply = call(audited, "POST", "/v1/decisions", body={"facts": {}, box: TYPED})
    assert reply.status == 422 and [e["code"] for e in reply.json["errors"]] == ["PF628"]
    assert _lines(audited) == before


def test_a_whole_document_pasted_into_the_subject_box_is_refused_on_the_page_not_as_json(browser, audited):
    """A box that took any length let a paste make the form's body larger than the service
    reads (64 KiB): the browser showed the raw JSON refusal (PF904) in place of the page. The
    boxes cut a paste at four times what is allowed: still too long, so refused beside the box,
    never recorded cut short."""
    from selenium.webdriver.common.by import By

    before = _lines(audited)
    browser.get(audited.base + "/")
    field = browser.find_element(By.ID, "p-subject")
    field.click()
    browser.execute_cdp_cmd("Input.insertText", {"text": "é" * 70_000})  # as a paste inserts it
    kept = field.get_attribute("value")
    assert 256 < len(kept) < 70_000
    submit(browser)
    assert browser.title.startswith("Error:"), browser.find_element(By.TAG_NAME, "body").text[:300]
    shown = browser.find_element(By.ID, "p-subject")
    assert shown.get_attribute("value") == kept and shown.get_attribute("aria-invalid") == "true"
    assert _lines(audited) == before


def test_both_boxes_full_leave_the_form_inside_the_body_the_service_reads():
    """Each UTF-16 unit a box holds is at most 9 bytes sent (a 3-byte character, %-escaped):
    both boxes full take under half of the body the service reads, the rest of the form far less."""
    from pathfit.engine.service import page
    from pathfit.engine.service.request import MAX_BODY_BYTES, MAX_PERSON_TEXT

    assert MAX_PERSON_TEXT < page.BOX_LENGTH and 2 * 9 * page.BOX_LENGTH < MAX_BODY_BYTES // 2
