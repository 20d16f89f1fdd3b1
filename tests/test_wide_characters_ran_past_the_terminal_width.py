"""Text is wrapped to the terminal's width in columns: a CJK character or an emoji takes two,
a combining accent none, and Japanese or Chinese, written without spaces, breaks between its
characters (never before closing punctuation such as `。`), so a rule set written in those
scripts fits the terminal as an English one does.

Regression: wrapping counted characters and broke at spaces only, so a Japanese question or
reason ran whole on one line (142 columns at an 80-column terminal), and a line holding wide
characters ran past the width even where it had spaces."""
from __future__ import annotations

import unicodedata

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.explain.answers import prompt_text
from pathfit.engine.reports.wide_text import columns
from pathfit.engine.reports.wrap import wrap

from .helpers import ROOT

JAPANESE = ("開発目標はどのくらい明確ですか？目標が明確であればコーチングが向いています。"
            "長い日本語の質問文を折り返すためにさらに文字を追加します。")
CLOSING = set("。、？！）」』")


def _columns(text: str) -> int:
    """The reference: a terminal's columns by this Python's own Unicode database (every
    character used here is decades old, the same in every version)."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


@pytest.mark.parametrize("width", [20, 33, 40, 79])
def test_japanese_without_spaces_breaks_between_characters_within_the_width(width):
    lines = wrap(JAPANESE, width, initial_indent="Q2. ", subsequent_indent="    ")
    assert len(lines) > 1
    assert all(_columns(line) <= width for line in lines), lines
    assert "".join(line[4:] for line in lines) == JAPANESE  # nothing lost, nothing added
    assert not any(line[4] in CLOSING for line in lines[1:]), lines


def test_a_combining_accent_takes_no_column_and_is_never_parted_from_its_letter():
    composed = "Un accompagnement très ciblé et déjà éprouvé pour réussir " * 3
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed and columns(decomposed) == columns(composed) == len(composed)
    assert [unicodedata.normalize("NFC", line) for line in wrap(decomposed, 30)] == wrap(composed, 30)


def test_wide_characters_and_emoji_count_two_columns_where_there_are_spaces():
    text = "Coaching (コーチング) 🎯 目標 " * 6 + "kb#goals-and-objectives"
    lines = wrap(text, 40, subsequent_indent="  ")
    assert all(_columns(line) <= 40 for line in lines), lines
    assert "kb#goals-and-objectives" in lines[-1]  # an identifier stays whole


def test_the_interviews_choices_are_packed_by_columns():
    from pathfit.engine.pipeline.model import FactDef

    labels = tuple((f"v{i}", "目標が明確なリーダーシップ") for i in range(6))
    fact = FactDef("f", "input", "enum", values=tuple(v for v, _ in labels), question="質問", labels=labels)
    lines = prompt_text(fact, 76).splitlines()
    assert all(_columns(line) <= 78 for line in lines), lines  # indented by two under the question


def test_recommend_and_the_interview_fit_the_terminal_with_a_japanese_rule_set(tmp_path, monkeypatch):
    rules = tmp_path / "rules"
    assert CliRunner().invoke(cli, ["init", str(rules)]).exit_code == 0
    schema = (rules / "schema.yaml").read_text(encoding="utf-8")
    (rules / "schema.yaml").write_text(schema.replace("How clear is the development goal?", JAPANESE)
                                       .replace("Specific,", "目標が明確,"), encoding="utf-8")
    text = (rules / "rules.yaml").read_text(encoding="utf-8")
    (rules / "rules.yaml").write_text(text.replace("Agreed objectives within months are what coaching is built for.",
                                                   JAPANESE * 2), encoding="utf-8")
    monkeypatch.setenv("COLUMNS", "50")
    for args, given in ((["recommend", "--rules", str(rules), "--fact", "goal_clarity=specific"], None),
                        (["interview", "--rules", str(rules)], "yes\n1\nno\n")):
        result = CliRunner().invoke(cli, args, input=given)
        assert result.exit_code == 0, result.output
        assert JAPANESE[:10] in result.output
        assert all(_columns(line) <= 50 for line in result.output.splitlines()), result.output


def test_the_width_table_is_unicode_15_1_as_this_python_can_tell():
    """Its runs ordered and apart; where this Python carries Unicode 15.1, exactly what
    tools/width_table.py writes from it."""
    from pathfit.engine.reports.width_table import UNICODE_VERSION, WIDE, ZERO

    for runs in (WIDE, ZERO):
        assert all(first <= last < nxt - 1 for (first, last), (nxt, _) in zip(runs, runs[1:]))
    if unicodedata.unidata_version != UNICODE_VERSION:
        return
    import tools.width_table as script

    assert script.text() == (ROOT / "engine" / "reports" / "width_table.py").read_text(encoding="utf-8")
