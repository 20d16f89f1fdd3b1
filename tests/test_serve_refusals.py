"""How `pathfit serve` refuses: a token it could never match (refused at start-up), the
guards' 401 and 403 carrying the headers and compact JSON of every other answer, a path
with a trailing slash (404, never a redirect), a report with no audit log kept (404 PF616), and /openapi.json listing every status
docs/serve.md's table gives."""
from __future__ import annotations

import json
import socket

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .serve_support import Server, call, token_server

TOKEN = "s3cret-token-for-tests-only-0123456789"
EVERY_ANSWER = {"x-content-type-options": "nosniff", "x-frame-options": "DENY", "referrer-policy": "same-origin",
                "cache-control": "no-store"}


@pytest.fixture(scope="module")
def plain():
    """One plain service (the bundled rules, no audit log, no token) for this module's tests."""
    srv = Server()
    yield srv
    srv.stop()


def _compact(reply) -> bytes:
    """The service's errors as it writes them (its 404s, 422s): compact JSON."""
    return json.dumps(reply.json, ensure_ascii=False, separators=(",", ":")).encode()


@pytest.mark.parametrize("token", ["abcdefghijklmnopqrstuvwxyzé", "abcdefghijklmnop\u00a0qrstuvwxyz",
                                   "ключ-ключ-ключ-ключ-ключ"], ids=["latin-1", "nbsp", "cyrillic"])
def test_a_token_that_is_not_printable_ascii_is_refused_at_start(tmp_path, token):
    """Regression: accepted, then never matched (headers are read as Latin-1 and compared with the
    token's UTF-8), so every request was refused 401. A port in use is taken here so that the old
    start-up reached its own refusal (PF910) instead of serving."""
    path = tmp_path / "token"
    path.write_text(token + "\n", encoding="utf-8")
    path.chmod(0o600)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = CliRunner().invoke(cli, ["serve", "--port", str(port), "--token-file", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{path}:0:0: PF902: "), result.stderr
    assert "printable ASCII" in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert "serving" not in result.output and "Traceback" not in result.output


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    srv = token_server(tmp_path_factory.mktemp("token"), TOKEN)
    yield srv
    srv.stop()


def test_the_guards_refusals_carry_every_answers_headers_and_compact_json(plain, guarded):
    """Regression: 401 and 403 lacked nosniff, X-Frame-Options and no-store, and their JSON was
    spaced unlike the service's other errors."""
    refusals = [(guarded, 401, "PF903", {}), (plain, 403, "PF908", {"Host": "attacker.example:8000"}),
                (plain, 403, "PF908", {"Origin": "http://attacker.example"})]
    for srv, status, code, headers in refusals:
        reply = call(srv, "POST", "/v1/decisions", {"facts": {}}, headers=headers)
        assert reply.status == status and [e["code"] for e in reply.json["errors"]] == [code], reply.body
        assert {k: reply.headers.get(k) for k in EVERY_ANSWER} == EVERY_ANSWER, reply.headers
        assert reply.headers["content-type"] == "application/json"
        assert reply.body == _compact(reply) and reply.json["errors"][0]["fact"] is None
    assert call(guarded, "GET", "/healthz").headers["www-authenticate"] == 'Bearer, Basic realm="pathfit", charset="UTF-8"'
    assert call(guarded, "GET", "/healthz", headers=guarded.auth).status == 200


@pytest.mark.parametrize("path", ["/healthz/", "/v1/rules/", "/openapi.json/"])
def test_a_path_with_a_trailing_slash_is_not_served_nor_redirected(plain, path):
    """Regression: `/healthz/` was answered 307 to `/healthz`, not the documented 404 PF909."""
    reply = call(plain, "GET", path)
    assert reply.status == 404 and "location" not in reply.headers, (reply.status, reply.headers)
    assert [e["code"] for e in reply.json["errors"]] == ["PF909"]


def test_a_report_asked_of_a_service_without_an_audit_log_is_refused_as_every_error_is(plain):
    """Regression: answered 404 with an HTML fragment and no code, where every other error is
    the compact `{"errors": [...]}` and an id no record has, with a log, is PF616."""
    reply = call(plain, "GET", "/report/anything")
    assert reply.status == 404 and reply.headers["content-type"] == "application/json"
    assert [e["code"] for e in reply.json["errors"]] == ["PF616"] and reply.body == _compact(reply)


def test_openapi_lists_every_status_the_service_answers_with(plain, guarded):
    """docs/serve.md's table: 403 (Host, cross-site posts), 404 and 405 (PF909), 500 (audit
    log or key, on the endpoints that decide); 401 with a token. Regression: 403, 404, 405 and
    500 were missing."""
    for srv, token in ((plain, False), (guarded, True)):
        paths = call(srv, "GET", "/openapi.json", headers=srv.auth).json["paths"]
        for path, operations in paths.items():
            for method, operation in operations.items():
                listed = set(operation["responses"])
                expected = {"200", "403", "404", "405"} | ({"401"} if token else set())
                if method == "post":
                    expected |= {"400", "408", "413", "415", "422", "500", "503"}
                if path == "/v1/schema":  # made within --timeout
                    expected |= {"503"}
                assert listed == expected, (path, method, sorted(listed))
                allow = operation["responses"]["405"]["headers"]["Allow"]
                assert allow["schema"] == {"type": "string"}, allow
