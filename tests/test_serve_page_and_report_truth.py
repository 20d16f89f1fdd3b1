"""What `pathfit serve`'s page and the printable report (`/report/ID`, `pathfit report`) say is
exactly true: an undecodable byte is refused as the CLI refuses it (PF628, nothing recorded),
never turned into U+FFFD and recorded; a provisional decision's report prints no figure and
says pathfit could not rule a change out, as `recommend` does; a failure of the server's is
not put to HR staff as a problem with their answers; the page is headed in the policy's own
labels; and a number box's NaN is quoted as typed."""
from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.record import build_record
from pathfit.engine.audit.sealing import open_record, values_hidden
from pathfit.engine.audit.subject import check_who
from pathfit.engine.errors import PathfitError, Pos
from pathfit.engine.reports.html import render as html_report
from pathfit.engine.reports.wording import ranking
from pathfit.engine.service import form, page

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import example_facts as profile_facts, make_key
from .helpers import HERE, ROOT
from .serve_support import Server, call, example_facts, form_body, slowed_service
from .serve_support import audited  # the module-scoped audited service the serve tests share

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
GRADUATE = ROOT / "examples" / "graduate-seeking-career-direction.yaml"  # provisional
VP = ROOT / "examples" / "new-vp-wants-structure.yaml"  # settled, no sensitive fact
ANIMALS = HERE / "fixtures" / "animals"
SHARE = re.compile(r"confidence [+-]\d|plus each rule's share|baseline")


def _log(server) -> bytes:
    return server.log.read_bytes() if server.log.exists() else b""


def _section(text: str, section_id: str) -> list[str]:
    """The items of one of the page's error sections, unescaped, whitespace collapsed."""
    found = re.search(rf'<section class="errors" id="{section_id}">(.*?)</section>', text, re.S)
    assert found, text[:2000]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", "", item)).split())
            for item in re.findall(r"<li>(.*?)</li>", found.group(1), re.S)]


def _cli_words(option: str, raw: bytes) -> str:
    """What `recommend --subject/--operator` says of these bytes on a command line, after the option's name."""
    value = raw.decode("utf-8", "surrogateescape")  # how Python reads a command line's bytes
    given = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=specific", option, value])
    assert given.exit_code == 2 and given.stderr.startswith(f"{option}:0:0: PF628: {option} "), given.stderr
    return given.stderr.strip().split(f"PF628: {option} ", 1)[1]


@pytest.mark.parametrize("sent", [b"needs=performance&%3Asubject=J%FFane&%3Aoperator=Op%C3%28x",
                                  b"needs=performance&%3Asubject=J\xffane&%3Aoperator=Op\xc3(x"],
                         ids=["percent-escaped", "raw-bytes"])
def test_an_undecodable_byte_in_subject_or_operator_is_pf628_and_nothing_is_recorded(audited, engine, sent):
    """Regression: the form decoded with errors='replace', so `J%FFane` became "J\\ufffdane" and
    was recorded, where `--subject` refuses the same byte with PF628. Now the byte is read as
    the CLI reads it (a lone surrogate, U+DCFF), the one rule refuses it with the CLI's words,
    beside its box, and nothing is appended to the log."""
    facts, person = form.read_form(engine.ruleset, sent)
    assert facts == {"needs": ["performance"]} and person == {"subject": "J\udcffane", "operator": "Op\udcc3(x"}
    for key, value in person.items():
        with pytest.raises(PathfitError) as info:
            check_who(value, key, Pos(key))
        assert [(p.code, p.pos.file) for p in info.value.problems] == [("PF628", key)]

    before = _log(audited)
    reply = call(audited, "POST", "/decide", raw=sent, headers=FORM)
    assert reply.status == 422, reply.text[:1000]
    assert _log(audited) == before
    assert "\ufffd" not in reply.text and "report-link" not in reply.text
    said = _section(reply.text, "errors")
    subject, operator = _cli_words("--subject", b"J\xffane"), _cli_words("--operator", b"Op\xc3(x")
    assert sorted(said) == sorted([f"{page.PERSON_QUESTIONS['subject']} The answer {subject}",
                                   f"{page.PERSON_QUESTIONS['operator']} The answer {operator}"])
    assert "U+DCFF at character 2" in subject and "U+DCC3 at character 3" in operator
    assert 'name=":subject" maxlength="1024" value=""' in reply.text  # no byte a page cannot hold is echoed


def test_an_undecodable_byte_in_an_answer_is_quoted_as_the_cli_quotes_it_never_a_500(audited):
    """The same reading for every field: a fact's answer with a byte that is not UTF-8 is
    refused beside its question, the byte quoted as `--fact` quotes it (\\udcff, not U+FFFD),
    and a number box is not echoed with it (the page could not be written)."""
    cli_said = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=sp\udcffecific"]).stderr
    assert "PF403" in cli_said and "'sp\\udcffecific'" in cli_said
    before = _log(audited)
    reply = call(audited, "POST", "/decide", raw=b"goal_clarity=sp%FFecific&horizon_months=1%FF", headers=FORM)
    assert reply.status == 422, reply.text[:1000]
    assert _log(audited) == before and "\ufffd" not in reply.text
    said = _section(reply.text, "errors")
    assert any("not 'sp\\udcffecific'" in s for s in said) and any("not '1\\udcff'" in s for s in said), said
    assert re.search(r'name="horizon_months" id="f-horizon_months"[^>]* value=""', reply.text)


def _cli_provisional_line(profile) -> str:
    out = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)], env={"COLUMNS": "200"}).stdout
    block = out.split("\n\n")[0].splitlines()
    at = next(i for i, line in enumerate(block) if line.startswith("Confidence:"))
    return " ".join(" ".join(block[at:]).split())


def test_a_provisional_decisions_report_prints_no_figure_and_says_a_change_was_not_ruled_out(engine):
    """Regression: the printable report of a provisional decision tagged each rule with its
    confidence share ("[+2 mentoring; confidence +0.1334]") and said "confidence = baseline 0.5
    plus each rule's share", where every other view prints no figure for it. Now no figure,
    and `recommend`'s provisional line, word for word."""
    decision = engine.evaluate(profile_facts(GRADUATE))
    record = build_record(engine, decision, None, record_id="r1")
    assert record["decision"]["settled"] is False and record["decision"]["contributions"]
    text = html_report(record)
    assert not SHARE.search(text), SHARE.search(text)
    line = re.search(r'<p id="confidence">(.*?)</p>', text).group(1)
    assert html.unescape(line) == _cli_provisional_line(GRADUATE)
    assert "(pathfit could not rule it out)" in line
    listed = re.search(r'<p id="open-questions">Open questions that might change this: (.*?)</p>', text).group(1)
    assert listed.split(", ") == list(record["decision"]["missing"])


def test_a_settled_report_keeps_its_figures_and_an_unknown_or_sealed_settledness_is_said(engine, tmp_path):
    """The figures stay where every view prints them: a settled decision, and a record made
    before pathfit recorded settledness (saying so, as confidence_phrase does); where whether it
    was settled is sealed, none (it may have been provisional)."""
    key = load_key(str(make_key(tmp_path)))  # its facts include sensitive ones: drawn as `pathfit report` draws it
    sealed = build_record(engine, engine.evaluate(profile_facts(VP)), key, record_id="r2")
    record = values_hidden(open_record(key, sealed, Pos("r.json"), "drawing its report"))
    assert record["decision"]["settled"] is True
    text = html_report(record)
    assert re.search(r"confidence [+-]0\.\d+\]", text) and "plus each rule's share" in text
    assert 'id="confidence"' not in text

    del record["decision"]["settled"]  # a record made before settledness was recorded
    text = html_report(record)
    assert "(whether it was settled is not recorded)" in text and "plus each rule's share" in text

    record["decision"]["sealed"] = ["settled"]  # the clear part of a sealed record, read without its key
    text = html_report(record)
    assert "confidence not shown (whether it was settled is sealed)" in text  # as `audit show` says it
    assert not SHARE.search(text)


def test_the_services_report_of_a_provisional_decision_prints_no_figure(audited):
    reply = call(audited, "POST", "/decide", raw=form_body(example_facts(GRADUATE)), headers=FORM)
    assert reply.status == 200, reply.text[:1000]
    assert 'data-settled="false"' in reply.text
    link = re.search(r'<a href="(/report/[0-9a-f-]+)" id="report-link" target="_blank" rel="noopener">', reply.text).group(1)
    report = call(audited, "GET", link)
    assert report.status == 200
    assert not SHARE.search(report.text), SHARE.search(report.text)
    assert "(pathfit could not rule it out)" in report.text


def test_a_damaged_audit_log_is_not_shown_as_a_problem_with_the_answers(tmp_path):
    """Regression: an audit log whose last entry is damaged was put to HR staff under "Please
    check these answers", though the answers were fine. Now a heading of its own says the
    decision could not be recorded and nothing was, with the log's located message."""
    log = tmp_path / "audit.jsonl"
    srv = Server("--audit-log", str(log), env={"PATHFIT_AUDIT_KEY_FILE": str(make_key(tmp_path))})
    try:
        assert call(srv, "POST", "/decide", raw=form_body(example_facts(VP)), headers=FORM).status == 200
        with log.open("a") as out:
            out.write('{"garbage": 1}\n')
        before = log.read_bytes()
        reply = call(srv, "POST", "/decide", raw=form_body(example_facts(VP)), headers=FORM)
    finally:
        srv.stop()
    assert reply.status == 500
    assert log.read_bytes() == before
    assert "Please check these answers" not in reply.text and 'id="errors"' not in reply.text
    assert '<h2 tabindex="-1" autofocus>The decision could not be recorded</h2>' in reply.text and "nothing was recorded" in reply.text
    (said,) = _section(reply.text, "failure-audit")
    assert said.startswith(f"{log}: PF601: the last entry"), said


def test_the_time_limit_on_the_page_is_not_a_problem_with_the_answers():
    """Regression: a form whose evaluation ran past --timeout (503, PF907) was shown under
    "Please check these answers". Its heading says no answer came in time, and it does not
    claim nothing was recorded: the evaluation goes on, and is recorded when it ends."""
    with slowed_service("decide_facts") as target:
        reply = call(target, "POST", "/decide", raw=b"goal_clarity=specific", headers=FORM)
    assert reply.status == 503
    assert "Please check these answers" not in reply.text and "nothing was recorded" not in reply.text
    assert '<h2 tabindex="-1" autofocus>No answer in time</h2>' in reply.text
    (said,) = _section(reply.text, "failure-timeout")
    assert said.startswith("PF907: no answer within 0.3 s"), said


def test_the_page_is_headed_in_the_policys_own_labels():
    """Regression: the page's title and heading said "coaching, mentoring, a blend, or something
    else" whatever the rule set. Now the policy's labels, escaped."""
    srv = Server("--rules", str(ANIMALS))
    try:
        text = call(srv, "GET", "/").text
    finally:
        srv.stop()
    assert "<title>pathfit: Cheetah, Tiger, Zebra, Giraffe, or something else</title>" in text
    assert "<h1>pathfit: Cheetah, Tiger, Zebra, Giraffe, or something else</h1>" in text
    assert "coaching" not in text.lower() and "mentoring" not in text.lower()
    with Engine.load(ANIMALS) as engine:
        rs = engine.ruleset
    odd = rs._replace(policy=rs.policy._replace(outcomes=tuple(
        o._replace(label=f"<i>{o.label}</i> & co") for o in rs.policy.outcomes)))
    shown = page.page(odd, [])
    assert "<h1>pathfit: &lt;i&gt;Cheetah&lt;/i&gt; &amp; co, " in shown and "<i>" not in shown


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "-Infinity"])
def test_nan_or_infinity_in_a_number_box_is_quoted_as_typed(audited, engine, typed):
    """Regression: `NaN` typed in a number box was echoed "not nan" (Python's words for the
    float it was read as), `Infinity` "not inf". Now what was typed, quoted."""
    assert form.read_form(engine.ruleset, f"horizon_months={typed}".encode())[0] == {"horizon_months": typed}
    reply = call(audited, "POST", "/decide", raw=f"horizon_months={typed}".encode(), headers=FORM)
    assert reply.status == 422
    (said,) = _section(reply.text, "errors")
    assert said.endswith(f"The answer is a number from 1 to 120, not '{typed}'"), said


def test_a_server_failure_beside_problems_with_the_answers_does_not_say_they_need_no_change(engine):
    """Each under its own heading; the failure's words do not vouch for answers that have a problem."""
    text = form.errors([{"code": "PF617", "message": "cannot append: disk full", "fact": None, "where": "a.jsonl"},
                        {"code": "PF403", "message": "goal_clarity is one of specific, emerging, undefined; not 'x'",
                         "fact": "goal_clarity", "where": "facts.goal_clarity"}], engine.ruleset, {"goal_clarity": "x"})
    assert _section(text, "failure-audit") == ["a.jsonl: PF617: cannot append: disk full"]
    assert "need no change" not in text and "Show this to whoever runs pathfit:" in text
    (said,) = _section(text, "errors")
    assert said.startswith(engine.ruleset.facts["goal_clarity"].question) and "not 'x'" in said


def test_a_reports_ranking_says_so_far_where_recommend_does(engine, tmp_path):
    """Regression: the printable report headed a provisional decision's ranking "Ranking", where
    `recommend` says "so far": an answer not yet given could still add evidence to it."""
    provisional = build_record(engine, engine.evaluate(profile_facts(GRADUATE)), None, record_id="r3")
    assert provisional["decision"]["settled"] is False
    assert "<h2>Ranking so far</h2>" in html_report(provisional)
    key = load_key(str(make_key(tmp_path)))  # its facts include sensitive ones: drawn as `pathfit report` draws it
    sealed = build_record(engine, engine.evaluate(profile_facts(VP)), key, record_id="r4")
    settled = values_hidden(open_record(key, sealed, Pos("r.json"), "drawing its report"))
    entries = settled["decision"]["trace"]["not_fired"]
    assert settled["decision"]["settled"] is True and any(e.get("status") == "waiting" for e in entries)
    decision = engine.evaluate(profile_facts(VP))
    header, _ = ranking(engine.ruleset, decision)  # recommend's: no rule with evidence waits, the ranking is final
    assert "so far" not in header and settled["decision"]["evidence_open"] is False
    assert "<h2>Ranking</h2>" in html_report(settled)  # the record says so (`evidence_open`)
    del settled["decision"]["evidence_open"]  # a record made before it: a rule waited, evidence not ruled out
    assert "<h2>Ranking so far</h2>" in html_report(settled)
    settled["decision"]["trace"]["not_fired"] = [e for e in entries if e.get("status") != "waiting"]
    assert "<h2>Ranking</h2>" in html_report(settled)  # nothing waits: every score is final
