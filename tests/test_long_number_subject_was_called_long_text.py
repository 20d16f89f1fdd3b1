"""A whole number of 10,000 digits given as `subject` (a JSON Lines row, a `serve`
request's `subject` or `facts.subject`) was refused as "subject is 10000 characters;
at most 256 are allowed": untrue, as it is a number, and a short number is told it is
"text, not a number". JSON's reader keeps such digits as their text (they are too many
to read as one number), and the subject check took that text for text. A long number
now gets the number's words, at the same place as before; the same digits in quotes
are still text that is too long."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT
from .serve_support import call
from .serve_support import server  # the module-scoped service

DIGITS = "9" * 10_000


def _batch_messages(tmp_path: Path, rows: list[str]) -> list[str]:
    path = tmp_path / "people.jsonl"
    path.write_text("".join(r + "\n" for r in rows))
    result = CliRunner().invoke(cli, ["batch", "--rules", str(ROOT / "rules"), str(path),
                                      "--out", str(tmp_path / "out.jsonl")])
    assert "Traceback" not in result.output
    return [ln.strip() for ln in result.output.splitlines() if "PF628" in ln]


def test_a_long_number_as_a_rows_subject_is_a_number_at_its_value(tmp_path: Path):
    row = '{"id": "a", "subject": ' + DIGITS + ', "ready_for_change": true}'
    col = row.index(DIGITS) + 1
    assert _batch_messages(tmp_path, [row]) == [
        f"{tmp_path / 'people.jsonl'}:1:{col}: PF628: subject is text, not a number (quote it) (row 1, id a)"]


def test_the_same_digits_quoted_are_text_too_long(tmp_path: Path):
    row = '{"id": "a", "subject": "' + DIGITS + '", "ready_for_change": true}'
    [message] = _batch_messages(tmp_path, [row])
    assert "PF628: subject is 10000 characters; at most 256 are allowed" in message


def test_a_short_number_keeps_its_words(tmp_path: Path):
    row = '{"id": "a", "subject": 42, "ready_for_change": true}'
    [message] = _batch_messages(tmp_path, [row])
    assert 'PF628: subject is text, not a number (quote it: "42")' in message


@pytest.mark.parametrize("body,fact", [
    ('{"facts": {"ready_for_change": true}, "subject": ' + DIGITS + "}", None),
    ('{"facts": {"ready_for_change": true, "subject": ' + DIGITS + "}}", "subject"),
    ('{"facts": {"ready_for_change": true}, "operator": ' + DIGITS + "}", None),
], ids=["subject", "facts.subject", "operator"])
def test_a_long_number_in_a_request_is_a_number(server, body, fact):
    reply = call(server, "POST", "/v1/decisions", raw=body.encode(), headers={"Content-Type": "application/json"})
    assert reply.status == 422, reply.body
    [error] = reply.json["errors"]
    assert (error["code"], error["fact"]) == ("PF628", fact)  # placed as a short number is
    assert error["message"].endswith("is text, not a number (quote it)"), error
    assert "characters" not in json.dumps(error)
