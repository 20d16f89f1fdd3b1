"""pathfit's own outcome labels stay English on a page of a rule set written in another language.

Regression: a rule set declaring `language: ja` whose policy declares no `outcomes:` is shown in
pathfit's default labels ("Executive coaching", "Mentoring", ...), which are pathfit's English,
yet the HTML report (`pathfit report`) and the web page marked them `lang="ja"`, so a screen
reader spoke English words with a Japanese voice; and the page's heading and the result's
heading set pathfit's own joining words (" or ", ", or something else", the ": " before a
referral's words) inside the element marked with the rule set's language. Now each piece of text
carries the language of whoever wrote it: the policy's own words the rule set's, pathfit's
default labels and joining words the page's `en`. Checked on the parsed markup (html.parser):
every run of text holding a known string is judged by the nearest `lang` around it.
"""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record, record_text
from pathfit.engine.service.page import page, result

from .helpers import HERE
from .html_support import TextRuns

# pathfit's words for a policy without `outcomes:` (docs/decision.md, docs/rule-language.md)
DEFAULT_COACHING, DEFAULT_MENTORING, DEFAULT_REFER = "Executive coaching", "Mentoring", "Refer elsewhere"
REASON = "構造とスキルの必要はコーチングを示します。"
TRAINING = "基礎研修"
JA_OUTCOMES = {"coaching": "コーチング", "mentoring": "メンタリング", "blended": "両方の組み合わせ",
               "refer": "他へ紹介", "not_now": "今ではない", "undetermined": "未決定"}
CHOSEN = {"goal": "specific", "hours": 10, "needs": ["skill"], "ready": True}
REFERRED = {"goal": "specific", "hours": 10, "needs": ["skill", "basics"], "ready": True}


def _rules(tmp_path, outcomes: bool = False):
    """tests/fixtures/tiny as a rule set written in Japanese: its reason and referral words, and,
    with `outcomes`, its outcome labels; without, the policy declares no outcomes."""
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    schema = rules / "schema.yaml"
    schema.write_text("language: ja\n" + schema.read_text(encoding="utf-8"), encoding="utf-8")
    policy = rules / "policy.yaml"
    text = policy.read_text(encoding="utf-8").replace(
        "referrals: [counselling, training]", f"referrals: [counselling, {{name: training, label: {TRAINING}}}]")
    if outcomes:
        text = "outcomes:\n" + "".join(f"  - {{name: {n}, label: {w}}}\n" for n, w in JA_OUTCOMES.items()) + text
    policy.write_text(text, encoding="utf-8")
    rule_file = rules / "rules.yaml"
    rule_file.write_text(rule_file.read_text(encoding="utf-8").replace(
        "reason: Structure and a skill need point to coaching.", f"reason: {REASON}"), encoding="utf-8")
    return rules


def _runs(html: str) -> list[tuple[str, str | None]]:
    """Each run of the body's text with the nearest `lang` around it (the document's <title>,
    one text in one language, and the decision's JSON, which is data, are not judged)."""
    parser = TextRuns()
    parser.feed(html)
    out = []
    for text, around in parser.runs:
        if "head" in [t for t, _ in around] or any(a.get("id") == "decision-json" for _, a in around):
            continue
        out.append((text, next((a["lang"] for _, a in reversed(around) if "lang" in a), None)))
    return out


def _judged(html: str, expected: dict[str, str]) -> dict[str, int]:
    """Every run holding one of `expected`'s strings is in that string's language, and holds no
    string of another language. -> how many runs held each string."""
    seen = dict.fromkeys(expected, 0)
    for text, lang in _runs(html):
        held = [s for s in expected if s in text]
        for words in held:
            seen[words] += 1
            assert lang == expected[words], (words, text, lang)
        assert len({expected[s] for s in held}) <= 1, text
    return seen


def _report(tmp_path, rules, facts: dict) -> str:
    """The HTML report `pathfit report` writes of a record of `facts` under `rules`."""
    with Engine.load(rules) as engine:
        record = build_record(engine, engine.evaluate(facts), None, record_id="r1")
    assert record["ruleset"]["language"] == "ja"
    path, out = tmp_path / "r1.json", tmp_path / "r1.html"
    path.write_text(record_text(record), encoding="utf-8")
    done = CliRunner().invoke(cli, ["report", str(path), "--out", str(out)])
    assert done.exit_code == 0, done.output
    return out.read_text(encoding="utf-8")


def _page(rules, facts: dict) -> str:
    with Engine.load(rules) as engine:
        rs = engine.ruleset
        return page(rs, ["goal", "hours", "needs", "ready"], {}, result(rs, engine.evaluate(facts)))


def test_the_reports_default_labels_are_pathfits_english_and_the_reason_the_rule_sets(tmp_path):
    html = _report(tmp_path, _rules(tmp_path), CHOSEN)
    seen = _judged(html, {DEFAULT_COACHING: "en", DEFAULT_MENTORING: "en", REASON: "ja"})
    # the headline, the ranking (twice: both outcomes), the policy's line (the clause's outcome and scores)
    assert seen[DEFAULT_COACHING] >= 4 and seen[DEFAULT_MENTORING] >= 2 and seen[REASON] >= 1, seen


def test_the_web_pages_default_labels_are_pathfits_english_and_the_reason_the_rule_sets(tmp_path):
    html = _page(_rules(tmp_path), CHOSEN)
    seen = _judged(html, {DEFAULT_COACHING: "en", DEFAULT_MENTORING: "en", "or something else": "en",
                          REASON: "ja"})
    # the page's heading names both evidence outcomes; the result's heading the recommendation
    assert seen[DEFAULT_COACHING] >= 2 and seen[DEFAULT_MENTORING] >= 1 and seen[REASON] >= 1, seen
    assert seen["or something else"] == 1, seen


def test_a_default_label_before_the_policys_referral_words_keeps_its_own_language(tmp_path):
    rules = _rules(tmp_path)
    expected = {DEFAULT_REFER: "en", TRAINING: "ja"}
    report, web = _report(tmp_path, rules, REFERRED), _page(rules, REFERRED)
    assert _judged(report, expected) == {DEFAULT_REFER: 2, TRAINING: 1}  # the headline; the policy's line
    assert _judged(web, expected) == {DEFAULT_REFER: 1, TRAINING: 1}  # the result's heading


def test_the_policys_own_labels_are_the_rule_sets_and_pathfits_joining_words_english(tmp_path):
    rules = _rules(tmp_path, outcomes=True)
    expected = {**{w: "ja" for w in JA_OUTCOMES.values()}, "or something else": "en", REASON: "ja"}
    web = _judged(_page(rules, CHOSEN), expected)
    assert web[JA_OUTCOMES["coaching"]] >= 2 and web[JA_OUTCOMES["mentoring"]] >= 1, web
    assert web["or something else"] == 1, web
    report = _judged(_report(tmp_path, rules, CHOSEN), expected)
    assert report[JA_OUTCOMES["coaching"]] >= 4 and report[JA_OUTCOMES["mentoring"]] >= 2, report
    referred = _judged(_report(tmp_path, rules, REFERRED), {JA_OUTCOMES["refer"]: "ja", TRAINING: "ja"})
    assert referred == {JA_OUTCOMES["refer"]: 2, TRAINING: 1}, referred


def test_a_policy_label_inside_pathfits_sentence_about_the_figure_is_the_rule_sets(tmp_path):
    """The reasons' heading words how the confidence is worked out, naming the outcome a clause
    tests with `leads` by the policy's label when the clause gives another outcome: pathfit's
    sentence (`en`) around the author's label (`ja`), which was left unmarked."""
    rules = _rules(tmp_path, outcomes=True)
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        "  - {outcome: coaching, when: {leads: coaching}, confidence: share}",
        "  - {outcome: undetermined, when: {leads: coaching}, confidence: share}"), encoding="utf-8")
    html = _page(rules, CHOSEN)
    seen = _judged(html, {JA_OUTCOMES["coaching"]: "ja", "a reason adds its weight for": "en",
                          "and takes away its weight for the other": "en"})
    assert seen["a reason adds its weight for"] == 1 and seen["and takes away its weight for the other"] == 1, seen
