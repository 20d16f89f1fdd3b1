"""Every view that prints a settled decision's confidence says, as `recommend` does, when an answer
not yet given could still move it: the derivation tree (`explain`, the web page's tree), the HTML
report of a record and `audit show`. With `a` alone coaching is settled at confidence 1.00; `b`
answered true makes it 0.75, still coaching. A record keeps no waiting rule's effects, so it says
when it is made whether the figure could move (`confidence_open`), and its views say it as
`recommend` does; a record made before that, where a rule waited on an unknown fact, says that
whether the figure could move is not recorded; where none waited the figure is final and printed
as before."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pathfit.engine.audit.record import seal
from pathfit.engine.explain.how import how, render_how
from pathfit.engine.pipeline.figures import confidence_phrase
from pathfit.engine.reports.graph import build, tree_from_record

from .audit_support import run
from .helpers import SCORED_POLICY, yes_no_rule_set

# the words `recommend` prints (reports.wording), and those of a record that cannot tell
ON_ANSWERS_GIVEN = "(on the answers given: answers not yet given might move it, but not the recommendation)"
OPEN_NOT_RECORDED = "(whether answers not given could move it is not recorded)"

RULES = """rules:
  - id: c.a
    reason: A says coaching.
    cites: [goals]
    when: {fact: a, equals: true}
    then: {evidence: {coaching: 6}}
  - id: m.b
    reason: B says mentoring.
    cites: [mentors]
    when: {fact: b, equals: true}
    then: {evidence: {mentoring: 2}}
"""
POLICY = SCORED_POLICY.format(below="2")


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return yes_no_rule_set(tmp_path_factory.mktemp("confmove"), "confmove", "ab", RULES, POLICY)


def _how(rules: Path, *facts: str, fmt: str = "text") -> str:
    given = [arg for fact in facts for arg in ("--fact", fact)]
    result = run("explain", "--rules", rules, *given, "--format", fmt)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_explain_how_says_the_figure_is_on_the_answers_given(rules):
    text = _how(rules, "a=true")
    assert " ".join(text.split()).startswith(f"coaching confidence 1.00 {ON_ANSWERS_GIVEN} └─ c.a")
    assert json.loads(_how(rules, "a=true", fmt="json"))["confidence_open"] is True
    moved = _how(rules, "a=true", "b=true")  # what the words warn of
    assert moved.splitlines()[0] == "coaching  confidence 0.75"


@pytest.mark.parametrize("b", ["true", "false"])
def test_explain_how_with_nothing_open_is_as_before(rules, b):
    assert _how(rules, "a=true", f"b={b}").splitlines()[0].endswith(  # nothing waits: final, as it was
        "confidence 0.75" if b == "true" else "confidence 1.00")
    assert "confidence_open" not in json.loads(_how(rules, "a=true", f"b={b}", fmt="json"))


def _record(rules: Path, where: Path, *facts: str) -> Path:
    record = where / "r.json"
    given = [arg for fact in facts for arg in ("--fact", fact)]
    made = run("recommend", "--rules", rules, *given, "--record", record)
    assert made.exit_code == 0, made.output
    return record


def _made_before(record: Path) -> Path:
    """The record as pathfit wrote it before records said whether the figure could move."""
    doc = json.loads(record.read_text(encoding="utf-8"))
    del doc["decision"]["confidence_open"]
    old = record.with_name("old.json")
    old.write_text(json.dumps(seal(doc)), encoding="utf-8")
    return old


@pytest.mark.parametrize("before, words", [(False, ON_ANSWERS_GIVEN), (True, OPEN_NOT_RECORDED)])
def test_the_html_report_of_a_record_does_not_call_an_open_figure_final(rules, tmp_path, before, words):
    record = _record(rules, tmp_path, "a=true")
    made = run("report", _made_before(record) if before else record, "--out", tmp_path / "r.html")
    assert made.exit_code == 0, made.output
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert (f'Recommendation: <bdi>Executive coaching</bdi> &middot; confidence 1.00 {words}</p>') in page
    assert f"<title>the outcome: confidence 1.00 {words}</title>" in page  # the graph's node


def test_the_html_report_of_a_record_with_nothing_waiting_is_as_before(rules, tmp_path):
    record = _record(rules, tmp_path, "a=true", "b=true")
    assert run("report", record, "--out", tmp_path / "r.html").exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "Recommendation: <bdi>Executive coaching</bdi> &middot; confidence 0.75</p>" in page
    assert "<title>the outcome</title>" in page and "not recorded" not in page


def test_audit_show_does_not_call_an_open_figure_final(rules, tmp_path):
    log = tmp_path / "audit.jsonl"
    for facts in (["a=true"], ["a=true", "b=true"]):
        given = [arg for fact in facts for arg in ("--fact", fact)]
        assert run("recommend", "--rules", rules, *given, "--audit-log", log).exit_code == 0
    rows = run("audit", "show", log).stdout.splitlines()
    assert rows[1].split()[5] == "1.00?" and rows[2].split()[5] == "0.75"
    ids = [json.loads(line)["record"]["id"] for line in log.read_text(encoding="utf-8").splitlines()]
    opened = " ".join(run("audit", "show", log, "--id", ids[0]).stdout.split())
    assert f"Outcome: coaching, confidence 1.00 {ON_ANSWERS_GIVEN} Versions:" in opened
    closed = " ".join(run("audit", "show", log, "--id", ids[1]).stdout.split())
    assert "Outcome: coaching, confidence 0.75 Versions:" in closed


def test_one_phrase_owns_the_words():
    from pathfit.engine.audit.recorded_figures import record_open
    from pathfit.engine.reports import wording

    assert wording.ON_ANSWERS_GIVEN == ON_ANSWERS_GIVEN  # recommend's own words
    assert confidence_phrase(1.0, True) == "confidence 1.00"
    assert confidence_phrase(1.0, True, open_=True) == f"confidence 1.00 {ON_ANSWERS_GIVEN}"
    assert confidence_phrase(1.0, True, open_=None) == f"confidence 1.00 {OPEN_NOT_RECORDED}"
    assert confidence_phrase(1.0, False, open_=True) == "provisional: no confidence given"
    waiting = {"trace": {"not_fired": [{"rule": "m.b", "status": "waiting", "unknown": ["b"]}]}}
    failed = {"trace": {"not_fired": [{"rule": "m.b", "status": "failed"}]}}
    assert record_open(waiting) is None and record_open(failed) is False


def test_a_tree_from_a_record_carries_what_the_record_tells(rules, tmp_path):
    made = _record(rules, tmp_path, "a=true")
    tree = tree_from_record(json.loads(made.read_text(encoding="utf-8")))
    assert tree["confidence_open"] is True
    assert render_how(tree).splitlines()[0].startswith("coaching  confidence 1.00 (on the answers given")
    assert build(tree)[0]["o"].sub == f"confidence 1.00 {ON_ANSWERS_GIVEN}"
    tree = tree_from_record(json.loads(_made_before(made).read_text(encoding="utf-8")))
    assert tree["confidence_open"] is None
    assert render_how(tree).splitlines()[0].startswith("coaching  confidence 1.00 (whether answers not given")
    assert build(tree)[0]["o"].sub == f"confidence 1.00 {OPEN_NOT_RECORDED}"


def test_the_tree_of_a_decision_in_hand_uses_recommends_test(rules):
    from pathfit.engine import Engine

    with Engine.load(rules) as engine:
        d = engine.evaluate({"a": True})
        tree = how(engine.ruleset, d)
        assert tree["confidence_open"] is True
        assert render_how(tree, 200, d).splitlines()[0] == f"coaching  confidence 1.00 {ON_ANSWERS_GIVEN}"
