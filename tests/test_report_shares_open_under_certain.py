"""Regression: the HTML report printed the reasons' shares of a settled confidence as final where
`recommend` says they are on the answers given. Under `confidence: certain` the figure is always 1,
shared by the rules that concluded; with one not-now rule fired and another waiting on an unknown
fact, the advice and the figure stay whatever is answered, but the shares do not (1 alone, or a
half each). `recommend` said so; the record held nothing that told it, so the report printed the
shares plain. A record now carries `decision.shares_open` (null for a provisional decision), and
the report says what `recommend` says, for every profile of the rule set; a record made before,
where a rule waited, says that whether the shares could change is not recorded."""
from __future__ import annotations

import html
import itertools
import json
from pathlib import Path

import pytest

from pathfit.engine.audit.record import seal

from .audit_support import run
from .helpers import NOT_NOW_FIRST_POLICY, NOT_NOW_RULE, SCORED_RULES, yes_no_rule_set

RULES = SCORED_RULES.format(coaching="3", mentoring="1") + NOT_NOW_RULE + """  - id: n.unwilling
    reason: M says not now.
    cites: [goals]
    when: {fact: m, equals: true}
    then: {not_now: true}
"""
POLICY = NOT_NOW_FIRST_POLICY
SAID = "the shares are on the answers given: answers not yet given might change them"  # recommend's words
NOT_RECORDED = "whether answers not given could change the reasons' shares is not recorded"
PROFILES = [dict(zip("abnm", values)) for values in itertools.product((True, False, None), repeat=4)]


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> Path:
    return yes_no_rule_set(tmp_path_factory.mktemp("shares"), "shares", "abnm", RULES, POLICY)


def _recorded(rules: Path, where: Path, facts: dict) -> tuple[str, dict]:
    """(recommend's text, the record it wrote) for `facts` (None: not given)."""
    record = where / "r.json"
    record.unlink(missing_ok=True)
    given = [a for f, v in facts.items() if v is not None for a in ("--fact", f"{f}={str(v).lower()}")]
    made = run("recommend", "--rules", rules, *given, "--record", record)
    assert made.exit_code == 0, made.output
    return " ".join(made.stdout.split()), json.loads(record.read_text(encoding="utf-8"))


def _headline(where: Path, record: dict) -> str:
    (where / "r.json").write_text(json.dumps(record), encoding="utf-8")
    page = where / "r.html"
    page.unlink(missing_ok=True)
    made = run("report", where / "r.json", "--out", page)
    assert made.exit_code == 0, made.output
    text = page.read_text(encoding="utf-8")
    line = text[text.index('id="outcome"'):]
    return html.unescape(" ".join(line[:line.index("</p>")].split()))


def test_the_report_says_the_shares_might_change_exactly_where_recommend_does(rules, tmp_path):
    said = set()
    for facts in PROFILES:
        text, record = _recorded(rules, tmp_path, facts)
        d = record["decision"]
        assert d["shares_open"] == ((SAID in text) if d["settled"] else None), (facts, text)
        assert (SAID in _headline(tmp_path, record)) is (SAID in text), facts
        said.add(SAID in text)
    assert said == {True, False}  # both seen: the property is not empty


def test_one_not_now_rule_fired_and_another_waiting_is_the_case(rules, tmp_path):
    text, record = _recorded(rules, tmp_path, {"a": True, "b": False, "n": True})
    assert record["decision"]["recommendation"] == "not_now" and record["decision"]["settled"] is True
    assert record["decision"]["shares_open"] is True and SAID in _headline(tmp_path, record)
    text, record = _recorded(rules, tmp_path, {"a": True, "b": False, "n": True, "m": False})
    assert record["decision"]["shares_open"] is False and SAID not in _headline(tmp_path, record)


def test_a_record_made_before_says_it_cannot_tell_where_a_rule_waited(rules, tmp_path):
    for facts, waited in (({"a": True, "b": False, "n": True}, True), ({"a": True, "b": False, "n": True, "m": False},
                                                                        False)):
        _, record = _recorded(rules, tmp_path, facts)
        del record["decision"]["shares_open"]
        line = _headline(tmp_path, seal(record))
        assert (NOT_RECORDED in line) is waited and SAID not in line, line
