"""A problem's message quotes a value the same, byte for byte, on Python 3.11, 3.12 and 3.13.

Regression: messages quoted with Python's repr, which escapes what `str.isprintable` refuses
by the running Python's Unicode version. U+1FAE8 (SHAKING FACE), assigned in Unicode 15.0,
was `'\\U0001fae8'` in `--fact takes NAME=VALUE, not ...` on 3.11 (Unicode 14.0) and the
character itself on 3.12 and 3.13. engine/quote.py now writes what 3.13's repr writes,
judging printability by one fixed Unicode 15.1 table (engine/printable.py). The expected
messages below are written out by hand, as 3.13 prints them.
"""
from __future__ import annotations

import bisect
import sys
import unicodedata

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.quote import quote, quoted_text

from .helpers import ROOT, tiny_copy
from .test_startup import EXAMPLE, _probe

SHAKING = "\U0001fae8"  # Unicode 15.0: printable from 3.12 on, unassigned (escaped) to 3.11's repr
HIEROGLYPH_FORMAT = "\U00013439"  # Unicode 15.0's format character: escaped either way
CJK_EXTENSION_I = "\U0002ebf0"  # Unicode 15.1: printable on 3.13 only, escaped to 3.11's and 3.12's repr
UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"}


def _unicode(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _agrees(char: str, here: tuple, table: tuple, printable_then) -> bool:
    """Whether this Python's Unicode database and the table's may be compared on `char`:
    all of it where they are one version; where this one is older, what it has assigned;
    where it is newer, what the table's version had assigned and printable (assigned stays
    assigned)."""
    if here == table:
        return True
    if here < table:
        return unicodedata.category(char) != "Cn"
    return printable_then(ord(char))


def test_quote_is_this_pythons_repr_wherever_its_unicode_agrees_with_the_table():
    from pathfit.engine.printable import RUNS, UNICODE_VERSION

    here, table = _unicode(unicodedata.unidata_version), _unicode(UNICODE_VERSION)
    firsts = [first for first, _ in RUNS]

    def printable_then(code: int) -> bool:
        at = bisect.bisect_right(firsts, code) - 1
        return at < 0 or code > RUNS[at][1]

    compared = 0
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if not _agrees(char, here, table, printable_then):
            continue
        for text in (char, "a" + char + "'", char + "'\"", "\\" + char + '"'):
            assert quote(text) == repr(text), f"U+{code:04X}: {text!r}"
        compared += 1
    assert compared > (sys.maxunicode + 1) // 4 if here != table else compared == sys.maxunicode + 1


def test_quote_keeps_repr_for_what_is_not_text_and_quotes_the_texts_in_a_list():
    for value in (1, 2.5, -0.0, None, True, {"a": 1}, b"x", 10 ** 30):
        assert quote(value) == repr(value)
    assert quote(["a", 1, ("b",), ("c", None)]) == "['a', 1, ('b',), ('c', None)]"
    assert quote([SHAKING, "it's"]) == "['" + SHAKING + "', \"it's\"]"
    assert quote((SHAKING,)) == "('" + SHAKING + "',)"
    assert quote("it's " + SHAKING) == "\"it's " + SHAKING + "\""
    assert quote("it's \"" + SHAKING) == "'it\\'s \"" + SHAKING + "'"
    assert quote(HIEROGLYPH_FORMAT + "\u00a0\u0085\u2028\ud800\U000e0001") == \
        "'\\U00013439\\xa0\\x85\\u2028\\ud800\\U000e0001'"


def test_the_table_is_unicode_15_1_as_this_python_can_tell():
    """Its runs ordered and apart on every Python; where this Python carries Unicode 15.1,
    exactly its characters of the unprintable categories (but the space), and exactly what
    tools/printable_table.py writes."""
    from pathfit.engine.printable import RUNS, UNICODE_VERSION

    assert all(first <= last < nxt - 1 for (first, last), (nxt, _) in zip(RUNS, RUNS[1:]))
    assert RUNS[0][0] == 0 and RUNS[-1][1] == sys.maxunicode
    if unicodedata.unidata_version != UNICODE_VERSION:
        return
    import tools.printable_table as script

    table = {code for first, last in RUNS for code in range(first, last + 1)}
    for code in range(sys.maxunicode + 1):
        says = unicodedata.category(chr(code)) in UNPRINTABLE and code != 0x20
        assert (code in table) == says == (not chr(code).isprintable()), f"U+{code:04X}"
    assert script.text() == (ROOT / "engine" / "printable.py").read_text(encoding="utf-8")


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


@pytest.mark.parametrize("value, shown", [
    (SHAKING, "'\U0001fae8'"),
    ("it's " + SHAKING, "\"it's \U0001fae8\""),
    (HIEROGLYPH_FORMAT, "'\\U00013439'"),
    (CJK_EXTENSION_I + "\u2028", "'\U0002ebf0\\u2028'"),
])
def test_a_fact_option_quoting_a_unicode_15_character_reads_as_on_python_3_13(value, shown):
    given = run("recommend", "--fact", value)
    assert (given.exit_code, given.stderr) == (2, f"--fact:0:0: PF406: --fact takes NAME=VALUE, not {shown}\n")


def test_a_profile_quoting_a_unicode_15_character_reads_as_on_python_3_13(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(f'facts:\n  goal_clarity: "{SHAKING}"\n  "x{SHAKING}": 1\n', encoding="utf-8")
    given = run("recommend", "--profile", profile)
    assert (given.exit_code, given.stderr) == (2, (
        f"{profile}:2:17: PF403: goal_clarity is one of specific, emerging, undefined; not '\U0001fae8'\n"
        f"{profile}:3:3: PF401: unknown fact 'x\U0001fae8'\n"))
    profile.write_text(f'facts:\n  goal_clarity: specific\n"{SHAKING}": 2\n', encoding="utf-8")
    given = run("recommend", "--profile", profile)
    assert (given.exit_code, given.stderr) == (2, (
        f"{profile}:3:1: PF401: unknown key '\U0001fae8' beside `facts:`: beside its facts a profile takes "
        "only description, expect and subject\n"))


def test_a_rule_file_quoting_a_unicode_15_character_reads_as_on_python_3_13(tmp_path):
    rules = tiny_copy(tmp_path)
    (rules / "extra.yaml").write_text(
        "rules:\n"
        "  - id: e.shake\n"
        "    reason: A face.\n"
        "    cites: [focus]\n"
        f'    when: {{fact: goal, equals: "{SHAKING}"}}\n'
        f'    then: {{evidence: {{"coachin{SHAKING}": 1}}}}\n', encoding="utf-8")
    given = run("lint", rules)
    assert given.exit_code == 1
    extra = rules / "extra.yaml"
    assert given.stdout.splitlines()[:2] == [
        f"{extra}:5:32: PF204: '\U0001fae8' is not a value of goal (specific, emerging, undefined)",
        f"{extra}:6:23: PF213: evidence for 'coachin\U0001fae8': evidence goes to coaching, mentoring "
        "(did you mean 'coaching'?)"]


def test_a_recommend_that_succeeds_loads_neither_the_quote_nor_its_table(tmp_path):
    _probe(tmp_path, "recommend", "--profile", EXAMPLE)  # fills the cache
    found = _probe(tmp_path, "recommend", "--profile", EXAMPLE)
    assert found["status"] == 0 and found["stdout"]
    assert [m for m in found["modules"] if m in ("pathfit.engine.quote", "pathfit.engine.printable")] == []
