"""Regression: a referral was worded by a table in the engine written for the bundled rules, so
another rule set's `training` referral (here: the vendor's CRM course) was shown to HR staff as
"training in the basics first" by `recommend`, `explain`, the web page and the HTML report, and a
consultant could not word their own referrals. The words now belong to the policy
(`referrals: [{name, label}]`), every view takes them from there, the decision's JSON carries them
(`referral_label`), and a record keeps them, so its report words the referral from the record alone."""
from __future__ import annotations

import asyncio
import html
import json
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit.record import seal

from .audit_support import run
from .helpers import SCORED_RULES, TRAINING_RULE, yes_no_rule_set
from .serve_support import asgi_call, shut_down

CRM = "the vendor's course on the sales CRM"
BUNDLED = "training in the basics first"
POLICY = """evidence_outcomes: [coaching, mentoring]
referrals:
{referrals}
formats: {{}}
decision:
  - {{outcome: refer, when: {{concluded: refer}}, confidence: certain}}
  - {{outcome: undetermined, when: {{strongest_below: 2}}, confidence: shortfall}}
  - {{outcome: coaching, when: {{leads: coaching}}, confidence: share}}
  - {{outcome: mentoring, when: {{leads: mentoring}}, confidence: share}}
  - {{outcome: undetermined, when: {{}}, confidence: balance}}
"""
WORDED = f"  - name: training\n    label: {CRM}\n"
RULES = SCORED_RULES.format(coaching="3", mentoring="1") + TRAINING_RULE


def _rules(where: Path, referrals: str = WORDED) -> Path:
    return yes_no_rule_set(where, "crm-rules", "abr", RULES, POLICY.format(referrals=referrals))


@pytest.fixture(scope="module")
def crm(tmp_path_factory) -> Path:
    return _rules(tmp_path_factory.mktemp("crm"))


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_recommend_words_the_rule_sets_own_training_referral(crm):
    said = run("recommend", "--rules", crm, "--fact", "a=true", "--fact", "r=true")
    assert said.exit_code == 0, said.output
    assert f"Recommendation: Refer elsewhere: {CRM}" in _flat(said.output) and BUNDLED not in said.output


def test_the_decision_json_carries_the_policys_words(crm):
    said = run("recommend", "--rules", crm, "--fact", "r=true", "--format", "json")
    d = json.loads(said.stdout)
    assert (d["referral"], d["referral_label"]) == ("training", CRM)
    none = json.loads(run("recommend", "--rules", crm, "--fact", "a=true", "--format", "json").stdout)
    assert (none["referral"], none["referral_label"]) == (None, None)


def test_explain_why_not_words_the_rule_sets_own_referral(crm):
    said = run("explain", "--rules", crm, "--fact", "a=true", "--fact", "r=true", "--why-not", "coaching")
    assert said.exit_code == 0, said.output
    assert f"Refer elsewhere: {CRM}" in _flat(said.output) and BUNDLED not in _flat(said.output)


def test_the_web_page_and_the_json_api_word_the_rule_sets_own_referral(crm):
    from pathfit.engine.service.app import create_app
    from pathfit.engine.service.core import Service

    with Engine.load(crm) as engine:
        service = Service(engine)
        app = create_app(service)
        try:
            api = asyncio.run(asgi_call(app, "POST", "/v1/decisions", {"facts": {"a": True, "r": True}}))
            assert api.json["referral_label"] == CRM
            form = urlencode({"a": "true", "r": "true"}).encode()
            page = asyncio.run(asgi_call(app, "POST", "/decide", parts=[form],
                                         headers={"content-type": "application/x-www-form-urlencoded"}))
            text = html.unescape(page.body.decode())
            assert f"Refer elsewhere: {CRM}" in text and BUNDLED not in text
        finally:
            shut_down(app)


def _report(where: Path, record: dict) -> str:
    (where / "r.json").write_text(json.dumps(record), encoding="utf-8")
    made = run("report", where / "r.json", "--out", where / "r.html")
    assert made.exit_code == 0, made.output
    return _flat(html.unescape(re.sub(r"<[^>]*>", "", (where / "r.html").read_text(encoding="utf-8"))))


def test_the_html_report_words_the_referral_from_the_record_alone(crm, tmp_path):
    made = run("recommend", "--rules", crm, "--fact", "r=true", "--record", tmp_path / "made.json")
    assert made.exit_code == 0, made.output
    record = json.loads((tmp_path / "made.json").read_text(encoding="utf-8"))
    assert record["decision"]["referral_label"] == CRM
    # the rule set is gone: the report is made from the record alone
    for file in crm.iterdir():
        if file.is_file():
            file.rename(file.with_suffix(file.suffix + ".away"))
    try:
        page = _report(tmp_path, record)
    finally:
        for file in crm.iterdir():
            if file.name.endswith(".away"):
                file.rename(file.with_name(file.name.removesuffix(".away")))
    assert f"Recommendation: Refer elsewhere: {CRM}" in page and BUNDLED not in page


def test_a_referral_the_policy_does_not_word_is_shown_as_its_name(tmp_path):
    rules = _rules(tmp_path, "  - training\n")
    said = run("recommend", "--rules", rules, "--fact", "r=true")
    assert "Recommendation: Refer elsewhere: training Confidence" in _flat(said.output)
    assert BUNDLED not in said.output


def test_an_old_record_of_another_rule_set_is_not_given_the_bundled_words(crm, tmp_path):
    run("recommend", "--rules", crm, "--fact", "r=true", "--record", tmp_path / "made.json")
    record = json.loads((tmp_path / "made.json").read_text(encoding="utf-8"))
    del record["decision"]["referral_label"]
    record["versions"]["pathfit"] = "0.4.0"
    page = _report(tmp_path, seal(record))
    assert "Recommendation: Refer elsewhere: training ·" in page and BUNDLED not in page
    assert "keeps its name (training), shown as words" in page
