"""A rule set written in another language marks its authors' text with that language on every page.

Regression: the HTML report and the web page were always `<html lang="en">` and a rule set had
nowhere to say what language its questions, labels, reasons and knowledge-base headings are in,
so a browser drew Japanese text with Chinese glyph forms and a screen reader read it as
English, and a right-to-left question in a form's legend took the page's direction. Now
schema.yaml may declare `language` (a BCP 47 tag, PF238 where it is not one), a record keeps
it (`ruleset.language`), and every element holding only author text carries that `lang` and
`dir="auto"`, while pathfit's own words stay under the page's `lang="en"`. Checked on the
parsed markup, at every run of text holding a known author string.
"""
from __future__ import annotations

import json
import re
import shutil

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.audit.record import build_record, check_record, loads_strict, record_text, seal
from pathfit.engine.audit.replay import replay
from pathfit.engine.authoring.language_schemas import schema_file_schema
from pathfit.engine.errors import Pos
from pathfit.engine.reports.html import render
from pathfit.engine.service.form import errors
from pathfit.engine.service.page import page, result

from .helpers import HERE
from .html_support import TextRuns

QUESTION = "毛皮の模様は？"
HELP = "見た目で答えてください。"
SPOTS, STRIPES, PLAIN = "斑点", "縞", "無地"
UNIT = "キロ毎時"
ZEBRA = "シマウマ"
REASON = "縞模様の草食動物はシマウマです。"
KB_TITLE = "草食動物"
AUTHOR = (QUESTION, HELP, SPOTS, STRIPES, PLAIN, UNIT, ZEBRA, REASON, KB_TITLE)
PATHFIT = ("Rules that fired, in order", "Decision policy", "Suggested formats", "Get the recommendation",
           "Answer what you know", "More questions", "Not known")
STRIPED = {"diet": "plants", "coat": "stripes", "neck": "ordinary", "speed_kmh": 40}


def _japanese_animals(tmp_path, language: str | None = "ja"):
    rules = tmp_path / "animals"
    shutil.copytree(HERE / "fixtures" / "animals", rules)
    schema = rules / "schema.yaml"
    text = schema.read_text(encoding="utf-8").replace(
        "    values: [spots, stripes, plain]\n    question: What pattern is the coat?",
        f"    values: [spots, stripes, plain]\n    question: {QUESTION}\n    help: {HELP}\n"
        f"    labels: {{spots: {SPOTS}, stripes: {STRIPES}, plain: {PLAIN}}}").replace(
        "    question: Top speed in km/h?", f"    question: Top speed in km/h?\n    unit: {UNIT}")
    schema.write_text((f"language: {language}\n" if language is not None else "") + text, encoding="utf-8")
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text().replace("label: Zebra,", f"label: {ZEBRA},"), encoding="utf-8")
    rule_file = rules / "rules.yaml"
    rule_file.write_text(rule_file.read_text().replace("reason: A striped plant-eater is a zebra.",
                                                       f"reason: {REASON}"), encoding="utf-8")
    kb = rules / "kb.md"
    kb.write_text(kb.read_text().replace("## Grazers", f"## {KB_TITLE}"), encoding="utf-8")
    return rules


def _marks(around: list) -> tuple[str | None, str | None]:
    """(the language the innermost `lang` gives, the direction the innermost `dir` or <bdi> gives)."""
    lang = next((a["lang"] for _, a in reversed(around) if "lang" in a), None)
    direction = next(("auto" if t == "bdi" and "dir" not in a else a["dir"] for t, a in reversed(around)
                      if "dir" in a or t == "bdi"), None)
    return lang, direction


def _check_marked(html: str, language: str | None) -> int:
    """Every run holding an author string is in `language` (None: under the page's `en`, with no
    other lang anywhere) and, where marked, `dir="auto"`; pathfit's own words are in `en`. Runs
    of the document's <title>, which is one text in one language, and of the decision's JSON, which
    is data, are not judged. -> how many author runs were checked."""
    parser = TextRuns()
    parser.feed(html)
    assert re.search(r'<html lang="en">', html)
    checked = 0
    for text, around in parser.runs:
        tags = [t for t, _ in around]
        if "head" in tags and "svg" not in tags or any(a.get("id") == "decision-json" for _, a in around):
            continue
        lang, direction = _marks(around)
        if any(words in text for words in AUTHOR):
            checked += 1
            if language is None:
                assert lang == "en", (text, around)
            else:
                assert text.strip() and lang == language and direction == "auto", (text, around)
                # nothing of pathfit's own inside the marked element: the author string is all of it
                assert not any(words in text for words in PATHFIT), text
        if any(words in text for words in PATHFIT):
            assert lang == "en", (text, around)
    if language is None:
        assert html.count("lang=") == 1
    return checked


def test_the_report_marks_every_author_text_with_the_rule_sets_language(tmp_path):
    with Engine.load(_japanese_animals(tmp_path)) as engine:
        assert engine.ruleset.language == "ja"
        record = build_record(engine, engine.evaluate(STRIPED), None, record_id="r1")
    assert record["ruleset"]["language"] == "ja"
    page_ = render(record)
    assert _check_marked(page_, "ja") >= 4  # headline, ranking, reason, its citation's heading, policy line
    for words in (ZEBRA, REASON, KB_TITLE):
        assert words in page_


def test_the_web_page_marks_every_author_text_with_the_rule_sets_language(tmp_path):
    with Engine.load(_japanese_animals(tmp_path)) as engine:
        rs = engine.ruleset
        decision = engine.evaluate(STRIPED)
        html = page(rs, ["coat", "diet", "neck", "speed_kmh"], {"coat": "stripes"}, result(rs, decision),
                    {"speed_kmh": "the answer is not a number"})
    assert _check_marked(html, "ja") >= 8  # legend, help, three labels, unit, heading, reason, title
    assert f'<option value="stripes" selected lang="ja" dir="auto">{STRIPES}</option>' in html


def test_the_web_pages_list_of_refused_answers_marks_the_question_it_links_to(tmp_path):
    with Engine.load(_japanese_animals(tmp_path)) as engine:
        html = errors([{"code": "PF402", "fact": "coat", "message": "coat: 'fur' is not one of spots, stripes, plain"}],
                      engine.ruleset, {"coat": "fur"})
    parser = TextRuns()
    parser.feed(html)
    linked = [around for text, around in parser.runs if text == QUESTION]
    assert len(linked) == 1 and linked[0][-1] == ("a", {"href": "#q-coat", "lang": "ja", "dir": "auto"})


def test_without_a_declared_language_nothing_is_marked_and_the_digest_is_the_same(tmp_path):
    with Engine.load(_japanese_animals(tmp_path / "a", None)) as engine:
        assert engine.ruleset.language == ""
        digest = engine.ruleset.digest
        rs, decision = engine.ruleset, engine.evaluate(STRIPED)
        record = build_record(engine, decision, None, record_id="r1")
        html = page(rs, ["coat"], {}, result(rs, decision))
    assert "language" not in record["ruleset"]
    _check_marked(render(record), None)
    _check_marked(html, None)
    with Engine.load(_japanese_animals(tmp_path / "b")) as engine:  # the language is no part of the meaning
        assert engine.ruleset.digest == digest


@pytest.mark.parametrize("tag", ["ja", "ar", "fr-CA", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "es-419",
                                 "en-US-x-twain", "x-klingon", "yue-HK", "EN-gb"])
def test_a_well_formed_language_tag_is_taken_as_written(tmp_path, tag):
    with Engine.load(_japanese_animals(tmp_path, f'"{tag}"')) as engine:
        assert engine.ruleset.language == tag
    assert Draft202012Validator(schema_file_schema()["properties"]["language"]).is_valid(tag)


@pytest.mark.parametrize("written, code", [("ja_JP", "PF238"), ("日本語", "PF238"), ('""', "PF238"),
                                           ("japanese-language-tag", "PF238"), ("ja-", "PF238"), ('"ja\\n"', "PF238"),
                                           ("en-US-x", "PF238"), ("3", "PF203"), ("no", "PF211"), ("[ja]", "PF203"),
                                           ("e", "PF238"), ("englishes", "PF238"), ("en-1", "PF238"),
                                           ("en-GB-US", "PF238")])
def test_a_language_that_is_no_language_tag_is_a_located_error_and_nothing_is_written(tmp_path, written, code):
    rules = _japanese_animals(tmp_path, written)
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--format", "json",
                                      *[a for k, v in STRIPED.items() for a in ("--fact", f"{k}={v}")]])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stdout == ""
    assert result.stderr.splitlines()[0].startswith(f"{rules / 'schema.yaml'}:1:11: {code}: "), result.stderr
    with pytest.raises(PathfitError) as err:
        Engine.load(rules)
    assert [(p.code, p.pos.line, p.pos.col) for p in err.value.problems] == [(code, 1, 11)]
    if code == "PF238":  # the editor's schema refuses what loading refuses
        value = json.loads(written) if written.startswith('"') else written
        assert not Draft202012Validator(schema_file_schema()["properties"]["language"]).is_valid(value)


def test_a_record_keeps_the_language_and_its_report_marks_the_text_from_the_record_alone(tmp_path):
    with Engine.load(_japanese_animals(tmp_path)) as engine:
        record = build_record(engine, engine.evaluate(STRIPED), None, record_id="r1")
        path = tmp_path / "r1.json"
        path.write_text(record_text(record), encoding="utf-8")
        read = check_record(loads_strict(path.read_text(encoding="utf-8"), Pos(str(path))), Pos(str(path)))
        assert read["ruleset"]["language"] == "ja"
        assert replay(engine, read, None, Pos(str(path)), checked=True)["status"] == "reproduced"
    assert _check_marked(render(read), "ja") >= 4
    # the report from the file, as `pathfit report` writes it
    out = tmp_path / "r1.html"
    done = CliRunner().invoke(cli, ["report", str(path), "--out", str(out)])
    assert done.exit_code == 0, done.output
    assert _check_marked(out.read_text(encoding="utf-8"), "ja") >= 4


def test_a_record_made_before_the_language_was_recorded_reports_its_text_unmarked(tmp_path):
    with Engine.load(_japanese_animals(tmp_path)) as engine:
        record = build_record(engine, engine.evaluate(STRIPED), None, record_id="r1")
        older = seal({**record, "ruleset": {k: v for k, v in record["ruleset"].items() if k != "language"}})
        assert check_record(older, Pos("r1.json")) is older
        assert replay(engine, older, None, Pos("r1.json"))["status"] == "reproduced"
    html = render(older)
    assert html.count("lang=") == 1 and ZEBRA in html  # no language is claimed that the record does not hold


@pytest.mark.parametrize("bad", ["", "ja_JP", 3, None, 'ja" onmouseover="x', "e", "englishes"])
def test_a_record_whose_language_is_no_language_tag_is_refused(tmp_path, bad):
    with Engine.load(_japanese_animals(tmp_path)) as engine:
        record = build_record(engine, engine.evaluate(STRIPED), None, record_id="r1")
    forged = seal({**record, "ruleset": {**record["ruleset"], "language": bad}})
    with pytest.raises(PathfitError) as err:
        check_record(forged, Pos("r1.json"))
    assert err.value.problems[0].code == "PF608" and "ruleset.language" in err.value.problems[0].message


def test_a_sealed_record_keeps_the_language_in_its_clear_part(tmp_path):
    from pathfit.engine.audit.masking import load_key
    from .audit_support import make_key

    rules = _japanese_animals(tmp_path)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text(encoding="utf-8").replace(
        "    question: What does it eat?", "    question: What does it eat?\n    sensitive: true"), encoding="utf-8")
    key = load_key(str(make_key(tmp_path)))
    with Engine.load(rules) as engine:
        record = build_record(engine, engine.evaluate(STRIPED), key, record_id="r1")
    assert record["record_version"] == 3 and record["ruleset"]["language"] == "ja"
    read = check_record(json.loads(record_text(record)), Pos("r1.json"))
    _check_marked(render(read), "ja")  # whatever author text the clear part shows is marked
