"""The HTML report (`pathfit report`) printed identifiers where a reader expects words: the
suggested formats by their names (`external_coach`), a referral by its name in the headline
(`Refer elsewhere (counselling)`), the masking scheme as `aes-256-gcm`, and the deciding clause's
outcome and evidence outcomes by their names (`decided coaching; evidence: coaching 3.0`). Each
is now worded as `recommend` words it, the scheme's name kept beside its words for an auditor."""
from __future__ import annotations

import re
import shutil
from html import unescape
from pathlib import Path

import pytest

from .audit_support import keyed  # the fixture the audit tests share: a fresh audit key
from .audit_support import ROOT, run

EXAMPLES = ROOT / "examples"
OLD = ROOT / "tests" / "fixtures" / "hmac-records"


def _page(tmp_path: Path, example: str, monkeypatch) -> tuple[str, str]:
    """(recommend's text for the example, 120 columns wide, and the report of its record as
    text a reader sees)."""
    monkeypatch.setenv("COLUMNS", "120")
    profile = EXAMPLES / f"{example}.yaml"
    record, page = tmp_path / f"{example}.json", tmp_path / f"{example}.html"
    said = run("recommend", "--profile", profile, "--record", record)
    assert said.exit_code == 0, said.output
    drawn = run("report", record, "--out", page)
    assert drawn.exit_code == 0, drawn.output
    return said.stdout, _seen(page.read_text(encoding="utf-8"))


def _seen(html: str) -> str:
    """What a reader sees: text outside tags, the derivation's consultant outline left out; an
    inline element (`<bdi>` isolating an author's words, emphasis, a link) joins its neighbours,
    any other tag is a break."""
    html = re.sub(r"<style>.*?</style>|<svg.*?</svg>|<details><summary>The same derivation.*?</details>", "",
                  html, flags=re.S)
    html = re.sub(r"</?(?:bdi|span|b|i|em|strong|a|code)\b[^>]*>", "", html)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def _line(text: str, start: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(start))


def test_the_suggested_formats_are_worded_as_recommend_words_them(tmp_path, keyed, monkeypatch):
    said, seen = _page(tmp_path, "ceo-wants-sounding-board", monkeypatch)
    formats = _line(said, "Suggested formats:")
    assert formats == "Suggested formats: external coach"
    assert formats in seen and not re.search(r"\bexternal_coach\b", seen.split("Rules that fired")[0])


@pytest.mark.parametrize("example, said", [
    ("inclusion-programme-analyst", "peer mentoring, group mentoring, sponsorship"),
    ("graduate-seeking-career-direction", None), ("promoted-engineer-wants-skills-and-guidance", None)])
def test_every_suggested_format_is_worded_in_recommends_order(tmp_path, keyed, monkeypatch, example, said):
    """The report's line lists every format `recommend` suggests, in its order: the test above
    has one format, so a report that showed the first of several passed it."""
    text, seen = _page(tmp_path, example, monkeypatch)
    formats = _line(text, "Suggested formats:")
    assert formats.count(",") == 2 and (said is None or formats == f"Suggested formats: {said}"), formats
    assert f" {formats} " in seen, seen


def test_the_headline_words_the_referral_as_recommend_does(tmp_path, keyed, monkeypatch):
    said, seen = _page(tmp_path, "burnt-out-director-sleep-problems", monkeypatch)
    headline = _line(said, "Recommendation:").removeprefix("Recommendation: ")
    assert headline.startswith("Refer elsewhere: counselling or therapy")
    assert f"Recommendation: {headline} · confidence 1.00" in seen
    assert "(counselling)" not in seen


def test_the_deciding_clause_names_outcomes_by_the_policys_words(tmp_path, keyed, monkeypatch):
    said, seen = _page(tmp_path, "ceo-wants-sounding-board", monkeypatch)
    ranked = [re.sub(r"^\s*\d+\. (.*) [\d.]+$", r"\1", line) for line in
              said.split("strongest first):")[1].split("\n\n")[0].strip().splitlines()]
    assert ranked == ["Executive coaching", "Mentoring", "A sponsor"]
    policy = seen.split("Decision policy")[1]
    assert "decided Executive coaching; evidence: Executive coaching 3.0, Mentoring 0.0, A sponsor 0.0" in policy
    assert "sponsorship" not in policy


def test_the_masking_scheme_is_worded_and_its_name_kept(tmp_path, keyed, monkeypatch):
    _, seen = _page(tmp_path, "ceo-wants-sounding-board", monkeypatch)
    assert "masking sealed: the sensitive facts, and all they bear on, encrypted with AES-256-GCM (aes-256-gcm)" \
        in seen
    page, old_key = tmp_path / "old.html", tmp_path / "old.key"
    shutil.copy(OLD / "audit.key", old_key)
    old_key.chmod(0o600)
    drawn = run("report", OLD / "new-coo-navigating-board-politics.json", "--out", page, "--audit-key", old_key)
    assert drawn.exit_code == 0, drawn.output
    old = _seen(page.read_text(encoding="utf-8"))
    assert "masking masked: each sensitive value replaced by its keyed hash (HMAC-SHA-256) (hmac-sha256)" in old
    assert "Suggested formats: one to one mentoring" in old
