"""A subject or operator made only of invisible characters is refused (PF628) by one fixed
table, not by the running Python's Unicode database.

Regression: check_who asked `unicodedata` whether a character is a format character (Cf).
Python 3.11 carries Unicode 14.0, where U+13439-U+1343F are unassigned; 3.12 and 3.13 carry
15.0 and 15.1, where they are format characters that show nothing. So the same
`recommend --subject $'\\U00013439' --record r.json` wrote a sealed record on 3.11 and was
PF628 (exit 2, nothing written) on 3.12, and `pathfit schema --kind profile` wrote another
pattern on each.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key
from .helpers import ROOT

EXAMPLE = ROOT / "examples" / "new-vp-wants-structure.yaml"
# Egyptian hieroglyph format controls Unicode 15.0 added: Cf from 15.0 on, unassigned before
ADDED_IN_15 = ["\U00013439", "\U0001343c", "\U0001343f", "\U00013439\u200b\U0001343a"]
WORDS = "is empty: it holds only invisible characters"


def run(*args, env=None):
    return CliRunner().invoke(cli, list(map(str, args)), env=env)


@pytest.fixture
def keyed(tmp_path, monkeypatch):
    key = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    return key


@pytest.mark.parametrize("value", ADDED_IN_15)
def test_a_subject_of_format_characters_unicode_15_added_is_refused_on_every_python(tmp_path, keyed, value):
    record = tmp_path / "r.json"
    given = run("recommend", "--profile", EXAMPLE, "--record", record, "--subject", value)
    assert (given.exit_code, given.stderr) == (2, f"--subject:0:0: PF628: --subject {WORDS}\n")
    operator = run("recommend", "--profile", EXAMPLE, "--record", record, "--operator", value)
    assert (operator.exit_code, operator.stderr) == (2, f"--operator:0:0: PF628: --operator {WORDS}\n")
    rows = tmp_path / "in.jsonl"
    rows.write_text(json.dumps({"id": "a", "subject": value, "goal_clarity": "specific"}) + "\n")
    batch = run("batch", rows, "--out", tmp_path / "out.jsonl", "--audit-log", tmp_path / "audit.jsonl")
    [row] = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert batch.exit_code == 1 and (row["error"]["code"], row["error"]["message"]) == ("PF628", f"subject {WORDS}")
    assert not record.exists()


def test_the_profile_schema_refuses_those_subjects_on_every_python():
    """The schema's pattern of invisible-only text, as `pathfit schema` writes it, matches
    them too (it was built from `unicodedata` as well)."""
    written = run("schema", "--kind", "profile")
    assert written.exit_code == 0, written.output
    found = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("pattern"), str) and re.fullmatch(r"\^\[[^\]]*\]\*\$", node["pattern"]):
                found.append(node["pattern"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(written.stdout))
    assert found
    for pattern in found:
        for value in ADDED_IN_15 + ["\u200b", " \u3164"]:
            assert re.fullmatch(pattern, value), (pattern, value)
        assert not re.fullmatch(pattern, "Zo\u00eb")


def _unicode(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def test_the_table_is_what_its_unicode_version_says_as_far_as_this_python_can_tell():
    """Checked against this Python's own database: exactly, where it carries the table's
    Unicode version; on every character it has assigned, where it carries an older one; and
    where it carries a newer one, every character the table holds still shows nothing."""
    from pathfit.engine.audit.invisible import RUNS, UNICODE_VERSION, shows_nothing

    blank = shows_nothing()
    assert all(first <= last < nxt - 1 for (first, last), (nxt, _) in zip(RUNS, RUNS[1:]))
    extra = set("\u034f\u115f\u1160\u2800\u3164\uffa0")  # blanks that are neither spaces nor Cf
    here, table = _unicode(unicodedata.unidata_version), _unicode(UNICODE_VERSION)
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        char = chr(code)
        category = unicodedata.category(char)
        says = char.isspace() or char in extra or category == "Cf"
        if here == table or (here < table and category != "Cn"):
            assert (char in blank) == says, f"U+{code:04X}"
        elif here > table and char in blank:
            assert says, f"U+{code:04X}"
