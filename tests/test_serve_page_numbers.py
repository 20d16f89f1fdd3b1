"""A number typed in a form readers disagree on (024, 0x10, 1_000) is PF407 on the web page
and by `--fact` alike, about the same question; the page says in plain words what to type
instead, where the CLI keeps its reason for developers (YAML 1.1 reads 024 as octal 20). The
same text sent to the JSON API as a JSON string is text to every reader (PF402), as in a
JSON profile."""
from __future__ import annotations

import html
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .serve_support import call
from .serve_support import server  # the module-scoped service the serve tests share

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _page_problems(text: str) -> list[tuple[str, str]]:
    """(the question's fact, the words shown) for each item of the page's error list."""
    section = re.search(r'<section class="errors" id="errors">(.*?)</section>', text, re.S).group(1)
    items = re.findall(r'<li><a href="#q-([^"]+)">.*?</a>(.*?)</li>', section, re.S)
    return [(fact, " ".join(html.unescape(words).split())) for fact, words in items]


@pytest.mark.parametrize("typed, plain", [("024", "24"), ("0x10", "16"), ("1_00", "100"), ("0120", "120")])
def test_a_number_readers_disagree_on_is_said_plainly_on_the_page(server, typed, plain):
    """Regression: the page answered `024` with the explanation written for a YAML profile's
    author ("readers disagree on it ... YAML 1.1 reads it as octal 20"), which means nothing
    to HR staff typing into a form. Same code and question as the API, in plain words."""
    api = call(server, "POST", "/v1/decisions", {"facts": {"horizon_months": typed}})
    assert api.status == 422  # a JSON string is text to every reader: refused as text, no reader disagreeing
    assert [(e["code"], e["fact"]) for e in api.json["errors"]] == [("PF402", "horizon_months")], api.body
    cli_said = CliRunner().invoke(cli, ["recommend", "--fact", f"horizon_months={typed}"]).stderr
    assert cli_said.startswith(f"--fact:0:0: PF407: horizon_months: {typed!r} is not a plain decimal number"), cli_said

    page = call(server, "POST", "/decide", raw=f"horizon_months={typed}".encode(), headers=FORM)
    assert page.status == 422
    shown = _page_problems(page.text)
    assert [fact for fact, _ in shown] == ["horizon_months"], shown  # beside the question the API names
    words = shown[0][1]
    assert f"write {plain}" in words, words
    assert not re.search(r"YAML|octal|readers disagree|hexadecimal|0x|'_'", words.replace(repr(typed), "")), words


# horizon_months takes a number from 1 to 120 (rules/schema.yaml), hours_per_month one from 0 to 160
@pytest.mark.parametrize("fact, typed, plain", [
    ("horizon_months", "-024", None), ("horizon_months", "1_000", None), ("horizon_months", "0x100", None),
    ("horizon_months", "0121", None), ("horizon_months", "00", None),
    ("hours_per_month", "00", "0"), ("hours_per_month", "0160", "160"), ("hours_per_month", "0161", None)])
def test_the_page_suggests_a_plain_number_only_if_the_question_takes_it(server, fact, typed, plain):
    """Regression: the page told HR staff to write the plain number whatever the question's
    range (`-024` for a number from 1 to 120: "write -24"), sending them to an answer the
    next submission refuses. Out of range, it says what the question takes, in the words the
    page's own checks use; the API keeps the CLI's words either way."""
    api = call(server, "POST", "/v1/decisions", {"facts": {fact: typed}})
    assert [(e["code"], e["fact"]) for e in api.json["errors"]] == [("PF402", fact)], api.body  # a JSON string: text
    cli_said = CliRunner().invoke(cli, ["recommend", "--fact", f"{fact}={typed}"]).stderr
    assert cli_said.startswith(f"--fact:0:0: PF407: {fact}: {typed!r} is not a plain decimal number"), cli_said

    page = call(server, "POST", "/decide", raw=f"{fact}={typed}".encode(), headers=FORM)
    assert page.status == 422
    (about, words), = _page_problems(page.text)
    assert about == fact
    if plain is not None:
        assert f"write {plain}" in words, words
    else:
        low, high = {"horizon_months": ("1", "120"), "hours_per_month": ("0", "160")}[fact]
        assert f"write a number from {low} to {high}" in words, words
        assert not re.search(r"write -?[0-9]", words), words  # no number suggested at all
