"""With `--token-file`, every request needed `Authorization: Bearer TOKEN`, which no browser
sends, so HR staff on other machines got the 401 JSON and never the page. The service now also
takes HTTP Basic authentication whose password is the token (any user name), and a request
without credentials is challenged for both schemes, so a browser asks for them. Checked on a
real server with http.client (every malformed Basic header, a wrong and a right password, the
page's GET and form post) and in headless chromium, which is answered the Basic challenge and
sends the page's form; every guard still holds with Basic, and the token is logged nowhere."""
from __future__ import annotations

import base64
import http.client
from urllib.parse import urlencode

import pytest

from .html_support import Tree
from .serve_support import Server, token_server
from .test_report_browser import browser  # the chromium fixture

TOKEN = "s3cret:token-for-tests-only-0123456789"  # a colon in it: the password is all after the first
BASIC = 'Basic realm="pathfit", charset="UTF-8"'
EVERY_ANSWER = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "same-origin",
                "cache-control": "no-store"}


def basic(credentials: bytes) -> dict:
    return {"Authorization": "Basic " + base64.b64encode(credentials).decode("ascii")}


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    srv = token_server(tmp_path_factory.mktemp("token"), TOKEN)
    yield srv
    srv.err = srv.stop()


def request(srv, method: str, path: str, headers: dict, body: bytes | None = None):
    """(status, every header as a list of (lower-cased name, value), body): a header sent twice
    (WWW-Authenticate) kept twice."""
    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers)
        reply = conn.getresponse()
        return reply.status, [(k.lower(), v) for k, v in reply.getheaders()], reply.read()
    finally:
        conn.close()


def refused_as_unauthorized(status: int, headers: list, body: bytes) -> None:
    import json

    assert status == 401, (status, body)
    assert json.loads(body) == {"errors": [{"code": "PF903", "fact": None,
                                            "message": json.loads(body)["errors"][0]["message"]}]}
    assert b", " not in body.split(b'"message"')[0], body  # the compact JSON of every error
    assert [v for k, v in headers if k == "www-authenticate"] == ["Bearer", BASIC], headers
    assert {k: v for k, v in headers if k in EVERY_ANSWER} == EVERY_ANSWER, headers


MALFORMED = {
    "scheme-alone": {"Authorization": "Basic"},
    "empty": {"Authorization": "Basic "},
    "not-base64": {"Authorization": "Basic !!!not*base64"},
    "bad-padding": {"Authorization": "Basic " + base64.b64encode(b"hr:" + TOKEN.encode()).decode()[:-1]},
    "not-ascii": {"Authorization": "Basic aHI6\u00e9"},
    "no-colon": basic(b"hr-and-no-colon-at-all"),
    "not-utf8-user": basic(b"\xff\xfe:" + TOKEN.encode()),
    "not-utf8-password": basic(b"hr:" + TOKEN.encode() + b"\xff"),
    "empty-credentials": basic(b""),
    "colon-alone": basic(b":"),
    "token-as-user": basic(TOKEN.encode() + b":"),
    "wrong-password": basic(b"hr:" + TOKEN.encode()[:-1] + b"X"),
    "token-cut-short": basic(b"hr:" + TOKEN.encode()[:-1]),
    "token-and-more": basic(b"hr:" + TOKEN.encode() + b"0"),
    "token-split-at-its-colon": basic(TOKEN.encode()),  # user "s3cret", password "token-...": not the token
}


def test_a_request_without_credentials_is_challenged_for_basic_and_bearer(guarded):
    for method, path in (("GET", "/"), ("GET", "/healthz"), ("POST", "/decide")):
        refused_as_unauthorized(*request(guarded, method, path, {}))


@pytest.mark.parametrize("headers", MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_or_wrong_basic_header_is_401_never_500(guarded, headers):
    refused_as_unauthorized(*request(guarded, "GET", "/", headers))


@pytest.mark.parametrize("user", [b"", b"hr", b"J. Smith", "Zo\u00eb".encode(), b"token"])
def test_the_page_is_served_and_its_form_taken_with_the_token_as_basic_password(guarded, user):
    """The page's GET and its form post, as a browser sends them once told the credentials."""
    auth = basic(user + b":" + TOKEN.encode())
    status, headers, body = request(guarded, "GET", "/", auth)
    assert status == 200 and dict(headers)["content-type"].startswith("text/html"), body[:300]
    assert "www-authenticate" not in dict(headers)
    assert {k: v for k, v in headers if k in EVERY_ANSWER} == EVERY_ANSWER, headers
    form = Tree(body.decode()).by_id("interview")
    assert form is not None and form["attrs"]["action"] == "/decide" and form["attrs"]["method"] == "post"
    origin = f"http://127.0.0.1:{guarded.port}"
    status, headers, body = request(guarded, "POST", "/decide", {
        **auth, "Content-Type": "application/x-www-form-urlencoded", "Origin": origin},
        urlencode({"goal_clarity": "specific"}).encode())
    assert status == 200, body[:600]
    assert Tree(body.decode()).by_id("recommendation") is not None
    assert {k: v for k, v in headers if k in EVERY_ANSWER} == EVERY_ANSWER, headers


def test_bearer_still_works_and_basic_reaches_the_json_api_too(guarded):
    for auth in (guarded.auth, {"Authorization": f"bearer {TOKEN}"}, basic(b"ci:" + TOKEN.encode())):
        status, _, body = request(guarded, "POST", "/v1/decisions", {**auth, "Content-Type": "application/json"},
                                  b'{"facts": {"goal_clarity": "specific"}}')
        assert status == 200 and b'"recommendation"' in body, (auth, status, body[:300])


def test_the_guards_still_hold_with_basic(guarded):
    """Host (DNS rebinding) and cross-site post refusals come after the token's check: right
    credentials do not get past them."""
    auth = basic(b"hr:" + TOKEN.encode())
    form = {**auth, "Content-Type": "application/x-www-form-urlencoded"}
    refused = [("GET", "/", {**auth, "Host": "attacker.example"}, None),
               ("POST", "/decide", {**form, "Host": "rebound.example:8000"}, b"goal_clarity=specific"),
               ("POST", "/decide", {**form, "Origin": "http://attacker.example"}, b"goal_clarity=specific"),
               ("POST", "/decide", {**form, "Origin": "null"}, b"goal_clarity=specific")]
    for method, path, headers, body in refused:
        status, got, text = request(guarded, method, path, headers, body)
        assert status == 403 and b'"PF908"' in text, (headers, status, text)
        assert {k: v for k, v in got if k in EVERY_ANSWER} == EVERY_ANSWER, got
    status, _, text = request(guarded, "POST", "/v1/decisions", {**auth, "Content-Type": "text/plain"}, b"{}")
    assert status == 415, text  # what a cross-site form can send is still refused by the JSON API


def test_a_browser_is_challenged_and_uses_the_page_with_the_token(browser, guarded):
    """Chromium is given the credentials in the address (it answers a Basic challenge with them, as
    with what a person types at its prompt), loads the page and sends its form."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(f"http://hr:{TOKEN.replace(':', '%3A')}@127.0.0.1:{guarded.port}/")
    assert browser.find_elements(By.ID, "interview"), browser.page_source[:600]
    browser.find_element(By.CSS_SELECTOR, "#more > summary").click()
    browser.find_element(By.CSS_SELECTOR, '#f-goal_clarity option[value="specific"]').click()
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 20).until(lambda b: b.find_elements(By.ID, "recommendation")
                                     or "PF9" in b.page_source)
    assert browser.find_elements(By.ID, "recommendation"), browser.page_source[:600]


def test_the_token_is_written_nowhere_by_the_server(tmp_path):
    """What the service prints, up to its stop, holds neither the token nor its Basic form."""
    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o600)
    srv = Server("--token-file", str(token), auth={"Authorization": f"Bearer {TOKEN}"})
    try:
        for headers in (basic(b"hr:" + TOKEN.encode()), basic(b"hr:wrong-" + TOKEN.encode()), {}):
            request(srv, "GET", "/", headers)
    finally:
        srv.proc.terminate()
        out, err = srv.proc.communicate(timeout=10)
    encoded = base64.b64encode(b"hr:" + TOKEN.encode()).decode()
    for said in (out, err):
        assert TOKEN not in said and encoded not in said and "s3cret" not in said, said



def test_openapi_names_the_schemes_that_carry_the_token_and_each_does(guarded):
    """/openapi.json's security schemes are the ones the service takes and challenges for: the
    token sent by each documented scheme is let in, and the challenges name exactly those."""
    import json

    status, _, body = request(guarded, "GET", "/openapi.json", guarded.auth)
    doc = json.loads(body)
    schemes = doc["components"]["securitySchemes"]
    assert doc["security"] == [{name: []} for name in schemes] and "PF903" in doc["paths"]["/healthz"]["get"][
        "responses"]["401"]["description"]
    sent = {"bearer": {"Authorization": f"Bearer {TOKEN}"}, "basic": basic(b"any:" + TOKEN.encode())}
    for name, scheme in schemes.items():
        assert scheme["type"] == "http" and request(guarded, "GET", "/healthz", sent[scheme["scheme"]])[0] == 200
    _, headers, _ = request(guarded, "GET", "/healthz", {})
    challenged = [v.split(" ")[0].lower() for k, v in headers if k == "www-authenticate"]
    assert challenged == [s["scheme"] for s in schemes.values()]
