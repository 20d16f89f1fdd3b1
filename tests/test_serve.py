"""`pathfit serve` through HTTP against a real server process: the JSON API gives
exactly what the CLI's JSON output gives, bad input gets the CLI's located
errors as `{"errors": [...]}`, limits and guards hold, and a small load test.
The page in a browser: tests/test_serve_browser.py."""
from __future__ import annotations

import json
import threading
import time

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.sealing import open_record
from pathfit.engine.audit.subject import readable_subject
from pathfit.engine.errors import Pos

from .audit_support import make_key
from .helpers import ROOT
from .serve_support import Server, call, example_facts, form_body, recording_server
from .serve_support import server  # the module-scoped service the serve tests share

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
VP = ROOT / "examples" / "new-vp-wants-structure.yaml"
TOKEN = "s3cret-token-for-tests-only-0123456789"


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def cli_json(*args: str):
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.fixture(scope="module")
def audited(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audited")
    key = make_key(tmp)
    token = tmp / "token"
    token.write_text(TOKEN + "\n")
    token.chmod(0o600)
    srv = Server("--audit-log", str(tmp / "audit.jsonl"), "--token-file", str(token),
                 env={"PATHFIT_AUDIT_KEY_FILE": str(key)}, auth={"Authorization": f"Bearer {TOKEN}"})
    srv.log = tmp / "audit.jsonl"
    yield srv
    srv.stop()


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_api_decision_is_the_cli_decision_for_every_example(server, example):
    reply = call(server, "POST", "/v1/decisions", {"facts": example_facts(example)})
    assert reply.status == 200, reply.body
    assert reply.headers["content-type"] == "application/json"
    assert reply.json == cli_json("recommend", "--profile", str(example), "--format", "json")


def test_the_page_decision_is_the_cli_decision_for_every_example(server):
    """The form endpoint, posted as the page's form encodes answers; the page carries the decision as JSON."""
    import html
    import re

    for example in EXAMPLES:
        reply = call(server, "POST", "/decide", raw=form_body(example_facts(example)),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert reply.status == 200, reply.text[:500]
        shown = re.search(r'<pre id="decision-json">(.*?)</pre>', reply.text, re.S).group(1)
        assert json.loads(html.unescape(shown)) == cli_json("recommend", "--profile", str(example), "--format",
                                                            "json"), example.name


@pytest.mark.parametrize("options,body", [((), {}), (("--why-not", "mentoring"), {"why_not": "mentoring"}),
                                          (("--what-if",), {"what_if": True})], ids=["how", "why-not", "what-if"])
def test_api_explain_is_the_cli_explain(server, options, body):
    others = () if body.get("what_if") else (ROOT / "examples" / "graduate-seeking-career-direction.yaml",)
    for example in (VP, *others):  # what-if searches: one example keeps the test fast
        reply = call(server, "POST", "/v1/explain", {"facts": example_facts(example), **body})
        assert reply.status == 200, reply.body
        assert reply.json == cli_json("explain", "--profile", str(example), "--format", "json", *options)


def cli_messages(*facts: str) -> list[str]:
    """The messages `recommend --fact ...` prints, without the location."""
    result = CliRunner().invoke(cli, ["recommend", *[a for f in facts for a in ("--fact", f)]])
    assert result.exit_code == 2
    return [line.split(": ", 2)[2] for line in result.output.splitlines()]


def test_bad_facts_get_every_error_with_the_cli_did_you_mean_and_the_fact_named(server):
    reply = call(server, "POST", "/v1/decisions", {"facts": {"goal_clarity": "specfic", "needs": ["netwrk"],
                                                             "horizon_month": 3}})
    assert reply.status == 422
    errors = reply.json["errors"]
    assert [(e["code"], e["fact"]) for e in errors] == [("PF403", "goal_clarity"), ("PF401", "horizon_month"),
                                                       ("PF403", "needs")]
    assert sorted(e["message"] for e in errors) == sorted(cli_messages("goal_clarity=specfic", "horizon_month=3", "needs=netwrk"))
    assert "did you mean 'specific'?" in errors[0]["message"] and "did you mean 'network'?" in errors[2]["message"]


@pytest.mark.parametrize("raw,headers,status,code", [
    (b"{not json", {"Content-Type": "application/json"}, 400, "PF905"),
    (b'{"facts": {}, "facts": {}}', {"Content-Type": "application/json"}, 400, "PF905"),
    (b"[]", {"Content-Type": "application/json"}, 400, "PF905"),
    (b'{"facts": {"horizon_months": NaN}}', {"Content-Type": "application/json"}, 400, "PF905"),
    (b"\xff\xfe", {"Content-Type": "application/json"}, 400, "PF905"),
    (b'{"facts": {}}', {"Content-Type": "text/plain"}, 415, "PF905"),
    (b'{"fact": {}}', {"Content-Type": "application/json"}, 422, "PF905"),
    (b'{"facts": []}', {"Content-Type": "application/json"}, 422, "PF406"),
    (b'{"facts": {}, "subject": "a\\u001b[2Jb"}', {"Content-Type": "application/json"}, 422, "PF628"),
    (b'{"facts": {}, "operator": "' + b"x" * 257 + b'"}', {"Content-Type": "application/json"}, 422, "PF628"),
    (b'{"facts": {}, "subject": 7}', {"Content-Type": "application/json"}, 422, "PF628"),
    (b'{"facts": {"notes": "' + b"x" * 70_000 + b'"}}', {"Content-Type": "application/json"}, 413, "PF904"),
    # nested past what the JSON decoder recurses through (was a 500 and a traceback)
    (b'{"facts": {"needs": ' + b"[" * 1000 + b"]" * 1000 + b"}}", {"Content-Type": "application/json"}, 400, "PF107"),
    (b'{"facts": {}, "subject": ' + b"[" * 5000 + b"]" * 5000 + b"}", {"Content-Type": "application/json"}, 400,
     "PF107"),
    (b'{"facts": {"needs": ' + b"[" * 65 + b"]" * 65 + b"}}", {"Content-Type": "application/json"}, 400, "PF107"),
    # too small for a float: refused as written, not read as 0 hours (regression)
    (b'{"facts": {"hours_per_month": 1e-400}}', {"Content-Type": "application/json"}, 422, "PF402"),
], ids=["not-json", "duplicate-key", "not-object", "nan", "not-utf8", "wrong-type", "unknown-key", "facts-list",
        "control-chars", "too-long", "not-text", "too-large", "deep-facts", "deep-subject", "just-too-deep",
        "underflow"])
def test_malformed_requests_are_refused_with_a_code(server, raw, headers, status, code):
    reply = call(server, "POST", "/v1/decisions", raw=raw, headers=headers)
    assert reply.status == status, reply.body
    assert [e["code"] for e in reply.json["errors"]] == [code]


def test_a_body_nested_as_deep_as_a_row_may_be_is_read_and_deeper_on_explain_is_refused(server):
    reply = call(server, "POST", "/v1/decisions", raw=b'{"facts": {"needs": ' + b"[" * 62 + b"]" * 62 + b"}}",
                 headers={"Content-Type": "application/json"})
    assert reply.status == 422 and [e["code"] for e in reply.json["errors"]] == ["PF403"]  # read, then checked
    reply = call(server, "POST", "/v1/explain", raw=b'{"facts": {"needs": ' + b"[" * 1000 + b"]" * 1000 + b"}}",
                 headers={"Content-Type": "application/json"})
    assert reply.status == 400 and [e["code"] for e in reply.json["errors"]] == ["PF107"]


@pytest.mark.parametrize("method, path, status, allow", [
    ("GET", "/v1/decisions", 405, "POST"), ("PUT", "/v1/explain", 405, "POST"), ("POST", "/healthz", 405, "GET, HEAD"),
    ("GET", "/v1/nosuch", 404, None), ("POST", "/nosuch", 404, None)])
def test_a_path_or_method_not_served_gets_json_errors_with_a_code(server, method, path, status, allow):
    """Regression: these were Starlette's plain-text "Not Found" and "Method Not Allowed"."""
    reply = call(server, method, path, raw=b"{}", headers={"Content-Type": "application/json"})
    assert reply.status == status and [e["code"] for e in reply.json["errors"]] == ["PF909"]
    assert path in reply.json["errors"][0]["message"]
    if allow:
        assert reply.headers["allow"] == allow and reply.json["errors"][0]["message"].endswith(f"use {allow}")


@pytest.mark.parametrize("hours", ["1e-400", "[" * 3000 + "]" * 3000])
def test_a_form_number_too_small_or_nested_too_deep_is_an_answer_to_check(server, hours):
    """Regressions: 1e-400 was read as 0 hours; a value nested past what the JSON decoder
    recurses through was a 500."""
    reply = call(server, "POST", "/decide", raw=form_body({"hours_per_month": hours}),
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 422 and "Please check these answers" in reply.text


def test_subject_and_operator_take_what_the_cli_takes(tmp_path):
    """Regression: the service refused more than 200 characters where --subject and --operator
    take 256 (where a record keeps them: an audit log)."""
    srv = recording_server(tmp_path)
    try:
        reply = call(srv, "POST", "/v1/decisions", {"facts": {}, "subject": "s" * 256, "operator": "o" * 256})
    finally:
        srv.stop()
    assert reply.status == 200, reply.body


@pytest.mark.parametrize("body, status, code", [
    (b'{"facts": {"needs": ["performance"]}, "subject": "\\ud800"}', 422, "PF628"),
    (b'{"facts": {"needs": ["performance"]}, "operator": "\\ud800x"}', 422, "PF628"),
    (b'{"facts": {"needs": ["perf\\udc00"]}}', 400, "PF905"),
    (b'{"facts": {"\\ud800": 1}}', 400, "PF905"),
], ids=["subject", "operator", "fact-value", "fact-name"])
def test_a_lone_surrogate_in_a_request_is_refused_not_a_500(audited, body, status, code):
    """Regression: a lone surrogate escape in the subject or operator was a 500 with a
    traceback (the record could not be written as UTF-8); one in the facts could not be
    quoted in the errors. Now the CLI's code for a bad subject or operator, and nothing logged."""
    before = audited.log.read_bytes() if audited.log.exists() else b""
    reply = call(audited, "POST", "/v1/decisions", raw=body,
                 headers={"Content-Type": "application/json", **audited.auth})
    assert reply.status == status, reply.body
    assert [e["code"] for e in reply.json["errors"]] == [code]
    assert (audited.log.read_bytes() if audited.log.exists() else b"") == before


@pytest.mark.parametrize("subject, words", [("a\u2028b", "line separator (U+2028"), ("\u200b", "invisible"),
                                            ("a\u202eb", "bidirectional control character"),
                                            (42, "not a number")])
def test_the_api_refuses_a_subject_as_the_cli_does_with_its_code(server, subject, words):
    """Regression: the API refused U+2028 with PF906 where --subject took it, took a lone
    U+200B (an invisible subject), and refused numbers a batch turned into text: one rule
    (engine.audit.subject.check_who), one code (PF628), the CLI's words."""
    reply = call(server, "POST", "/v1/decisions", {"facts": {}, "subject": subject})
    assert reply.status == 422 and [e["code"] for e in reply.json["errors"]] == ["PF628"], reply.body
    if not isinstance(subject, int):  # a command line holds only text
        given = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=specific", "--subject", subject])
        assert given.exit_code == 2 and given.stderr.startswith("--subject:0:0: PF628: --subject ")
        assert reply.json["errors"][0]["message"] == given.stderr.split(": ", 2)[2].strip().replace(
            "--subject", "subject", 1)
    assert words in reply.json["errors"][0]["message"]


def test_the_form_endpoint_takes_only_a_form(server):
    """Regression: JSON posted to /decide was read as an empty form and answered 200."""
    reply = call(server, "POST", "/decide", raw=b'{"facts": {"goal_clarity": "specific"}}',
                 headers={"Content-Type": "application/json"})
    assert reply.status == 415 and [e["code"] for e in reply.json["errors"]] == ["PF905"]


def test_why_not_with_what_if_is_refused(server):
    reply = call(server, "POST", "/v1/explain", {"facts": {}, "why_not": "mentoring", "what_if": True})
    assert reply.status == 422 and reply.json["errors"][0]["code"] == "PF613"
    reply = call(server, "POST", "/v1/explain", {"facts": {}, "why_not": "mentorng"})
    assert reply.status == 422 and "did you mean 'mentoring'?" in reply.json["errors"][0]["message"]


def test_rules_schema_and_openapi_describe_what_is_served(server):
    schema = call(server, "GET", "/v1/schema").json
    assert schema == cli_json("schema", "--kind", "profile")
    rules = call(server, "GET", "/v1/rules").json
    listed = run("rules", "list").output.splitlines()
    assert [r["id"] for r in rules["rules"]] == [line.split("  [")[0] for line in listed if not line.startswith(" ")]
    api = call(server, "GET", "/openapi.json").json
    assert api["openapi"].startswith("3.1")
    assert set(api["paths"]) == {"/v1/decisions", "/v1/explain", "/v1/rules", "/v1/schema", "/healthz"}
    assert api["components"]["schemas"]["Facts"] == schema["$defs"]["facts"]
    decision = call(server, "POST", "/v1/decisions", {"facts": example_facts(VP)}).json
    assert set(api["components"]["schemas"]["Decision"]["required"]) == set(decision)
    health = call(server, "GET", "/healthz").json
    assert health["status"] == "ok" and health["ruleset"]["digest"] == decision["trace"]["ruleset"]["digest"]


def test_dns_rebinding_and_cross_site_posts_are_refused(server):
    reply = call(server, "GET", "/healthz", headers={"Host": "attacker.example:8000"})
    assert reply.status == 403 and reply.json["errors"][0]["code"] == "PF908"
    reply = call(server, "POST", "/decide", raw=b"goal_clarity=specific",
                 headers={"Origin": "http://attacker.example", "Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 403
    page = call(server, "GET", "/")
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-frame-options"] == "DENY" and "<script" not in page.text


def test_a_token_is_required_when_given_and_decisions_are_audited(audited, tmp_path):
    facts = example_facts(ROOT / "examples" / "new-coo-navigating-board-politics.yaml")  # a sensitive fact
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}):
        reply = call(audited, "POST", "/v1/decisions", {"facts": facts}, headers=headers)
        assert reply.status == 401 and reply.json["errors"][0]["code"] == "PF903"
        assert reply.headers["www-authenticate"] == 'Bearer, Basic realm="pathfit", charset="UTF-8"'
    reply = call(audited, "POST", "/v1/decisions", {"facts": facts, "subject": "E-1042", "operator": "HR Jo"},
                 headers=audited.auth)
    assert reply.status == 200 and reply.headers["x-pathfit-audit-seq"] == "1"
    assert call(audited, "GET", "/openapi.json", headers=audited.auth).json["security"] == [{"bearer": []}, {"basic": []}]
    verify = run("audit", "verify", str(audited.log))
    assert verify.exit_code == 0, verify.output
    shown = run("audit", "show", str(audited.log), "--format", "json")
    items = json.loads(shown.stdout)
    assert "confidential_matter" not in items[0]["record"]["facts"]  # sealed in the record
    key = load_key(str(audited.log.parent / "audit.key"))
    recorded = [open_record(key, i["record"], Pos("log"), "test")["decision"] for i in items]
    keys = ("recommendation", "confidence", "settled", "referral", "fired", "missing")
    assert [{k: d[k] for k in keys} for d in recorded] == [{k: reply.json[k] for k in keys}]
    assert recorded[0]["facts"]["confidential_matter"] == facts["confidential_matter"]  # opened with the key
    # regression: the service checked subject and operator, then recorded neither
    record = items[0]["record"]
    assert record["operator"] == "HR Jo" and "E-1042" not in json.dumps(record)  # the subject sealed
    assert readable_subject(record, key, Pos("log")) == "E-1042"


def test_serve_refuses_an_open_address_without_a_token_and_an_unsafe_token_file(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "--host:0:0: PF901:" in result.output
    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o644)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--token-file", str(token)])
    assert result.exit_code == 2 and "PF902" in result.output and "chmod 600" in result.output
    token.chmod(0o600)
    token.write_text("short")
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--token-file", str(token)])
    assert result.exit_code == 2 and "PF902" in result.output


def test_a_port_in_use_is_one_located_error_before_anything_is_served():
    """Regression: the banner was printed, then uvicorn's own "address already in use", exit 3."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port)])
    assert result.exit_code == 2 and result.stderr.startswith(f"--port:0:0: PF910: cannot listen on '127.0.0.1', port {port}: ")
    assert "serving" not in result.output and "Traceback" not in result.output


def test_an_audit_log_without_the_key_its_sensitive_facts_need_refuses_to_start(tmp_path, monkeypatch):
    """Regression: it started, then answered every decision about a sensitive fact with a 500."""
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    result = CliRunner().invoke(cli, ["serve", "--port", "0", "--audit-log", str(tmp_path / "a.jsonl")])
    assert result.exit_code == 2 and result.stderr.startswith("PATHFIT_AUDIT_KEY_FILE:0:0: PF610: the rule set has")
    assert "serving" not in result.output and not (tmp_path / "a.jsonl").exists()
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(tmp_path / "missing.key"))
    result = CliRunner().invoke(cli, ["serve", "--port", "0", "--audit-log", str(tmp_path / "a.jsonl")])
    assert result.exit_code == 2 and "PF610" in result.stderr and "serving" not in result.output


def test_a_slow_answer_is_cut_off_at_the_time_limit():
    """An in-process server whose evaluation is held up: the caller gets 503 in time."""
    from .serve_support import slowed_service

    with slowed_service("decide") as target:
        started = time.monotonic()
        reply = call(target, "POST", "/v1/decisions", {"facts": {}})
        assert reply.status == 503 and reply.json["errors"][0]["code"] == "PF907"
        assert time.monotonic() - started < 1.2

def test_load_300_requests_from_4_clients_without_an_error(server):
    import http.client

    bodies = [json.dumps({"facts": example_facts(p)}).encode() for p in EXAMPLES]
    failures, done = [], []

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
        try:
            for i in range(75):
                reply = call(server, "POST", "/v1/decisions", raw=bodies[(n * 75 + i) % len(bodies)],
                             headers={"Content-Type": "application/json"}, conn=conn)
                (done if reply.status == 200 else failures).append(reply.status)
        except Exception as exc:  # every failure is reported below
            failures.append(repr(exc))
        finally:
            conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    elapsed = time.monotonic() - started
    assert not any(t.is_alive() for t in threads), "the load test did not finish in 120 s"
    assert failures == [] and len(done) == 300
    print(f"\npathfit serve: 300 decisions from 4 clients in {elapsed:.2f} s, {300 / elapsed:.0f} requests/s")


def test_the_page_links_an_audited_decision_to_its_printable_report(audited):
    import re

    reply = call(audited, "POST", "/decide", raw=form_body(example_facts(VP)) + b"&%3Asubject=E-7",
                 headers={"Content-Type": "application/x-www-form-urlencoded", **audited.auth})
    assert reply.status == 200, reply.text[:500]
    link = re.search(r'<a href="(/report/[0-9a-f-]+)" id="report-link" target="_blank" rel="noopener">', reply.text).group(1)
    report = call(audited, "GET", link, headers=audited.auth)
    assert report.status == 200 and "Decision record" in report.text \
        and "Recommendation: <bdi>Executive coaching</bdi>" in report.text  # the policy's label
    assert "default-src 'none'" in report.headers["content-security-policy"]
    missing = call(audited, "GET", "/report/ffffffff", headers=audited.auth)
    assert missing.status == 404 and missing.json["errors"][0]["code"] == "PF616"


def test_ctrl_c_stops_the_service_cleanly():
    """Regression: with the service's own socket, Ctrl-C ended in click's "Aborted!" and exit 1."""
    import signal
    import socket
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "pathfit.cli.main", "serve", "--port", "0"], cwd=ROOT,
                            stderr=subprocess.PIPE, text=True)
    try:
        banner = proc.stderr.readline()
        assert banner.startswith("pathfit serving on http://127.0.0.1:"), banner
        port = int(banner.split("127.0.0.1:")[1].split("/")[0])
        for _ in range(100):  # answering: so it is stopped while serving, not while starting
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        proc.send_signal(signal.SIGINT)
        _, rest = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Aborted" not in rest and "Traceback" not in rest, rest


def test_an_api_list_answer_with_several_wrong_items_names_every_one(server):
    """Regression: `{"needs": ["netwrk", "foo"]}` was refused naming only 'netwrk'. The items
    share the fact's place in the request, so one problem names them all, each with its hint,
    in the words `recommend --fact` prints."""
    reply = call(server, "POST", "/v1/decisions", {"facts": {"needs": ["netwrk", "network", "foo"]}})
    assert reply.status == 422
    assert [(e["code"], e["fact"]) for e in reply.json["errors"]] == [("PF403", "needs")]
    message = reply.json["errors"][0]["message"]
    assert message.endswith("; not 'netwrk' (did you mean 'network'?) or 'foo'"), message
    assert [message] == cli_messages("needs=netwrk,network,foo")


def _page_errors(text: str) -> str:
    """The words of the page's "Please check these answers" list, tags and entities gone."""
    import html
    import re

    section = re.search(r'<section class="errors" id="errors">(.*?)</section>', text, re.S).group(1)
    return html.unescape(re.sub(r"<[^>]+>", " ", section))


def test_the_page_names_bad_answers_by_their_labels_never_by_identifiers(server):
    """Regression: the page's errors listed the schema's identifiers ("The answer takes
    specific_skill, performance, ..."), "true or false" for a question the form offers as
    Yes/No, and "unknown fact 'bogus'", where the page promises never to show an identifier.
    Now values and questions by their labels, and a field the form does not ask about said as
    such; the JSON API keeps the identifiers (developers read it)."""
    import re

    from pathfit.engine import Engine

    rs = Engine.load(ROOT / "rules").ruleset
    reply = call(server, "POST", "/decide",
                 raw=b"needs=netwrk&needs=foo&goal_clarity=specfic&ready_for_change=maybe&bogus=1",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 422
    shown = _page_errors(reply.text)
    identifiers = {name for f in rs.facts.values() for name in (f.name, *(f.values or ()))  # snake_case ones
                   if isinstance(name, str) and "_" in name}
    assert not [word for word in re.findall(r"[\w']+", shown) if word.strip("'") in identifiers], shown
    assert "true or false" not in shown and "unknown fact" not in shown
    needs, goal = rs.facts["needs"], rs.facts["goal_clarity"]
    assert f"{needs.question} The answer takes {', '.join(dict(needs.labels)[v] for v in needs.values)}; " \
           "not 'netwrk' (did you mean \"A wider network\"?) or 'foo'" in " ".join(shown.split()), shown
    assert (f"{goal.question} The answer is one of Specific, Emerging (a direction without a target), "
            "Not yet known; not 'specfic' (did you mean \"Specific\"?)") in " ".join(shown.split()), shown
    assert f"{rs.facts['ready_for_change'].question} The answer is Yes or No, not 'maybe'" in " ".join(shown.split())
    assert "The answers came with a field this form does not ask about" in shown, shown


def test_the_api_refusing_why_not_with_what_if_names_the_body_keys(server):
    """Regression: `/v1/explain` refused both `why_not` and `what_if` saying "--why-not and
    --what-if", options the API does not have. Same code (PF613), the body's keys named, and
    bad facts in the same request reported with it."""
    reply = call(server, "POST", "/v1/explain", {"facts": {}, "why_not": "mentoring", "what_if": True})
    assert reply.status == 422 and [e["code"] for e in reply.json["errors"]] == ["PF613"]
    message = reply.json["errors"][0]["message"]
    assert message == "why_not and what_if answer different questions; ask one at a time", message
    reply = call(server, "POST", "/v1/explain", {"facts": {"goal_clarity": "specfic"}, "why_not": "mentoring",
                                                 "what_if": True})
    assert [e["code"] for e in reply.json["errors"]] == ["PF403", "PF613"], reply.body


def test_a_bad_subject_is_refused_with_the_problems_of_the_facts(server):
    """Regression: a bad subject or operator was refused alone, the facts' problems unsaid
    until it was corrected, in the API and on the page (which also named the box `subject`)."""
    reply = call(server, "POST", "/v1/decisions", {"facts": {"goal_clarity": "specfic"}, "subject": "",
                                                   "operator": "a\u202eb"})
    assert reply.status == 422
    assert [(e["code"], e["fact"]) for e in reply.json["errors"]] == [("PF403", "goal_clarity"), ("PF628", None),
                                                                     ("PF628", None)], reply.body
    reply = call(server, "POST", "/decide", raw=b"goal_clarity=specfic&%3Asubject=%E2%80%8B",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    shown = " ".join(_page_errors(reply.text).split())
    assert reply.status == 422 and "not 'specfic'" in shown, shown
    assert "Who is this about (a name or reference)? The answer is empty: it holds only invisible characters" \
        in shown, shown


def test_the_schema_describes_the_rules_served_not_the_directory_read_again(tmp_path):
    """Regression: /v1/schema (and /openapi.json) read the rule directory again when first
    asked, so a schema.yaml edited after the server started was described while the old
    rules decided."""
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    shutil.copy(ROOT / "knowledge_base.md", tmp_path / "knowledge_base.md")  # schema.yaml names ../knowledge_base.md
    srv = Server("--rules", str(rules))
    try:
        schema_yaml = rules / "schema.yaml"
        text = schema_yaml.read_text()
        asked = "How clear is the person's goal?"
        assert asked in text
        schema_yaml.write_text(text.replace(asked, "A question the server never loaded?"))
        served = call(srv, "GET", "/v1/schema").json
        facts = json.dumps(served["$defs"]["facts"])
        assert asked in facts and "never loaded" not in facts
        api = call(srv, "GET", "/openapi.json").json
        assert api["components"]["schemas"]["Facts"] == served["$defs"]["facts"]
    finally:
        srv.stop()
