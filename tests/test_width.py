"""Text output fits the reader's terminal and never splits a name.

Every example is rendered (recommend, explain how, why-not for each outcome the
policy gives, in labels and with --ids; what-if for every sixth; rules list and
show; the interview) at 60 columns and at a width so large nothing wraps. Two
properties, checked without the wrapping code:
- no line is over 60 columns, unless its first word after the indent and tree
  lines already is (an unbreakable name longer than the room);
- the words are the same, in the same order, at both widths: so no citation,
  rule id or fact name was split across lines and nothing was lost."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.explain import _render_what_if, _render_why_not
from pathfit.cli.main import cli
from pathfit.cli.render import render_text
from pathfit.engine import Engine
from pathfit.engine.explain.how import render_how
from pathfit.engine.explain.result import explanation
from pathfit.engine.explain.said import Said

from .helpers import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
WHAT_IF = EXAMPLES[::6]
NARROW, WIDE = 60, 10_000
PREFIX = re.compile(r"^[\s│├└─?-]*")  # indentation, tree lines, bullets
GLYPHS = set("│├└─")


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _words(text: str) -> list[str]:
    text = ANSI.sub("", text)
    return [w for w in text.split() if not set(w) <= GLYPHS]


def _assert_fits(text: str, width: int, what: str) -> None:
    for line in ANSI.sub("", text).splitlines():
        if len(line) <= width:
            continue
        prefix = PREFIX.match(line).group()
        first = line[len(prefix):].split(" ")[0]
        assert len(prefix) + len(first) > width, f"{what}: line of {len(line)} > {width} could break: {line!r}"


pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")


@pytest.fixture(scope="module")
def engine():
    rules = Engine.load()
    yield rules
    rules.close()


def _renders(engine, path: Path):
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]
    decision = engine.evaluate(facts, str(path))
    rs = engine.ruleset
    yield "recommend", lambda w: render_text(rs, decision, w)
    how = explanation(engine, decision)
    yield "how", lambda w: render_how(how, w)
    yield "recommend --ids", lambda w: render_text(rs, decision, w, ids=True)
    for said in (Said(rs), Said(rs, ids=True)):  # as HR staff read it, and with --ids
        for outcome in sorted({c.outcome for c in rs.policy.clauses}):
            result = explanation(engine, decision, outcome)
            yield f"why-not {outcome}", lambda w, result=result, said=said: _render_why_not(result, w, said)
    if path in WHAT_IF:  # the search takes about a second an example: a few keep the suite fast
        whatif = explanation(engine, decision, None, True)
        yield "what-if", lambda w: _render_what_if(whatif, w, Said(rs))
        yield "what-if --ids", lambda w: _render_what_if(whatif, w, Said(rs, ids=True))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_text_fits_60_columns_and_keeps_every_word_whole(engine, path):
    for what, render in _renders(engine, path):
        narrow, wide = render(NARROW), render(WIDE)
        _assert_fits(narrow, NARROW, f"{path.stem} {what}")
        assert _words(narrow) == _words(wide), f"{path.stem} {what}: wrapping changed or split words"


def _cli(args: list[str], columns: int, input: str | None = None) -> str:
    result = CliRunner().invoke(cli, args, env={"COLUMNS": str(columns), "NO_COLOR": "1"}, input=input,
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("args", [
    ["recommend", "--profile", "examples/recently-bereaved-manager.yaml"],
    ["explain", "--profile", "examples/new-vp-wants-structure.yaml"],
    ["explain", "--profile", "examples/new-vp-wants-structure.yaml", "--why-not", "mentoring"],
    ["rules", "list"],
], ids=lambda a: " ".join(a[:2] + a[4:]))
def test_cli_text_follows_columns_and_is_80_when_not_a_terminal(args, monkeypatch):
    monkeypatch.chdir(ROOT)
    narrow, wide = _cli(args, NARROW), _cli(args, 120)
    _assert_fits(narrow, NARROW, " ".join(args))
    assert _words(narrow) == _words(wide)
    monkeypatch.delenv("COLUMNS", raising=False)
    piped = CliRunner().invoke(cli, args, env={"NO_COLOR": "1"}, catch_exceptions=False).stdout
    _assert_fits(piped, 80, " ".join(args))
    assert _words(piped) == _words(wide)
    assert narrow != piped or max(map(len, piped.splitlines())) <= NARROW


def test_rules_show_fits_60_columns_for_every_rule(engine, monkeypatch):
    monkeypatch.chdir(ROOT)
    for rule in engine.ruleset.rules:
        narrow, wide = _cli(["rules", "show", rule.id], NARROW), _cli(["rules", "show", rule.id], 120)
        _assert_fits(narrow, NARROW, rule.id)
        assert _words(narrow) == _words(wide), rule.id


def test_interview_prompts_fit_60_columns(monkeypatch):
    monkeypatch.chdir(ROOT)
    out = _cli(["interview"], NARROW, input="why\nhelp\nunknown\nwhy\n")
    _assert_fits(out, NARROW, "interview")


def test_text_width_is_clamped_to_at_least_40(monkeypatch):
    from pathfit.cli.common import text_width

    monkeypatch.setenv("COLUMNS", "12")
    assert text_width() == 40
    monkeypatch.setenv("COLUMNS", "72")
    assert text_width() == 72


def test_text_is_wrapped_at_most_120_columns_however_wide_columns_says(monkeypatch):
    """COLUMNS (or the terminal) wider than 120 wraps at 120: wider is hard to read."""
    from pathfit.cli.common import text_width

    for columns in ("121", "500", "10000"):
        monkeypatch.setenv("COLUMNS", columns)
        assert text_width() == 120
    monkeypatch.setenv("COLUMNS", "120")
    assert text_width() == 120
    monkeypatch.chdir(ROOT)
    longest = 0
    for example in EXAMPLES:
        out = _cli(["recommend", "--profile", str(example)], 10_000)
        _assert_fits(out, 120, example.name)
        longest = max(longest, *map(len, out.splitlines()))
    assert longest > 110  # some paragraph is wrapped at 120, not narrower


def test_audit_show_listing_fits_80_columns_and_ids_stay_usable(tmp_path, monkeypatch):
    """Regression: `audit show` rows were about 120 columns. At 80 the time is to the minute,
    the id is a prefix that `--id` still finds uniquely, the rule set loses its digest; at
    narrower the rule-set column goes. (The full row, ids whole, is kept only where it fits.)"""
    from .audit_support import build_log, make_key
    from pathfit.engine.audit.masking import load_key

    key_path = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_path))
    log = tmp_path / "audit.jsonl"
    with Engine.load() as engine:
        build_log(engine, load_key(str(key_path)), log, 12)
    ids = [json.loads(line)["record"]["id"] for line in log.read_text(encoding="utf-8").splitlines()]
    for columns in (120, 80, 60):
        rows = _cli(["audit", "show", str(log)], columns).splitlines()
        assert len(rows) == 13
        # 80 is promised; at 60 the narrowest form (no rule-set column) is as far as it goes, and
        # refer (organisational_action) alone takes 29 columns
        assert max(map(len, rows)) <= max(columns, 70), columns
        assert rows[0].split()[:4] == ["seq", "decided", "(UTC)", "id"]
        assert ("rules" in rows[0]) is (columns > 80)  # the longest outcome here leaves no room at 80
        for row, full in zip(rows[1:], ids):
            prefix = row.split()[3]
            assert full.startswith(prefix) and len(prefix) >= 8
            assert [i for i in ids if i.startswith(prefix)] == [full]  # --id PREFIX finds this record alone
        detail = _cli(["audit", "show", str(log), "--id", rows[1].split()[3]], columns)
        _assert_fits(detail, columns, "audit show --id")  # the full record wraps to any width
        assert ids[0] in detail
