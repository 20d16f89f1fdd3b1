"""What HR staff read never shows a schema identifier (docs/engine.md, "Who reads what").

Every bundled example is rendered as HR staff read it: `recommend` (text and Markdown),
`explain --why-not` for every outcome the policy gives, the interview (with a `why` and
a `help`) and the web page's result; `explain --what-if` for every fifth example (the
search takes about a second an example). No fact name and no enum or set value of the
schema that is a snake_case identifier (they all have labels or questions; the single
words, such as `network`, are ordinary words the reasons use too) may appear as a whole
word. The forbidden words are read from the schema itself, not from the code under test.
`--ids` and JSON still show them."""
from __future__ import annotations

import html
import json
import re

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.explain import _render_what_if, _render_why_not
from pathfit.cli.main import cli
from pathfit.cli.render import render_markdown, render_text
from pathfit.engine import Engine
from pathfit.engine.explain.result import explanation
from pathfit.engine.explain.said import Said
from pathfit.engine.service.page import result as page_result

from .helpers import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
WHAT_IF = EXAMPLES[::5]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
TAG = re.compile(r"<[^>]+>")


def _identifiers() -> set[str]:
    """Fact names and enum/set values with an underscore, read from rules/schema.yaml, and
    the outcomes and referrals with one, read from rules/policy.yaml (an outcome is shown
    by the policy's label, a referral by its words: `not_now` and `organisational_action`
    were printed as they are written)."""
    doc = yaml.safe_load((ROOT / "rules" / "schema.yaml").read_text(encoding="utf-8"))
    names = set(doc["facts"]) | set(doc.get("derived") or {})
    values = {v for body in doc["facts"].values() for v in body.get("values", ())}
    policy = yaml.safe_load((ROOT / "rules" / "policy.yaml").read_text(encoding="utf-8"))
    referrals = {r["name"] if isinstance(r, dict) else r for r in policy["referrals"]}  # a name, or {name, label}
    outcomes = {o["name"] for o in policy["outcomes"]} | referrals
    return {n for n in names | values | outcomes if "_" in n}


IDS = _identifiers()
WORD = re.compile(r"(?<![\w.])(" + "|".join(sorted(map(re.escape, IDS))) + r")(?![\w])")


def _assert_no_ids(text: str, what: str) -> None:
    found = sorted(set(WORD.findall(ANSI.sub("", text))))
    assert not found, f"{what}: HR text shows identifiers {found}"


@pytest.fixture(scope="module")
def engine():
    rules = Engine.load()
    yield rules
    rules.close()


def _page_text(rs, decision) -> str:
    """The web page's result as read, without the sections folded away for consultants."""
    shown = page_result(rs, decision).split("<details><summary>How this was derived")[0]
    return html.unescape(TAG.sub(" ", shown))


def test_the_identifiers_are_read_from_the_schema():
    assert {"horizon_months", "open_with_mentor", "career_direction", "career_focus"} <= IDS
    assert len(IDS) > 40


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_hr_text_shows_labels_never_identifiers(engine, path):
    facts = yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]
    decision = engine.evaluate(facts, str(path))
    rs = engine.ruleset
    said = Said(rs)
    _assert_no_ids(render_text(rs, decision), f"{path.stem} recommend")
    _assert_no_ids(render_markdown(rs, decision), f"{path.stem} recommend --format markdown")
    _assert_no_ids(_page_text(rs, decision), f"{path.stem} web page")
    for outcome in sorted({c.outcome for c in rs.policy.clauses}):
        result = explanation(engine, decision, outcome)
        _assert_no_ids(_render_why_not(result, 80, said), f"{path.stem} why-not {outcome}")
    if path in WHAT_IF:
        _assert_no_ids(_render_what_if(explanation(engine, decision, None, True), 80, said), f"{path.stem} what-if")
    asked = CliRunner().invoke(cli, ["interview", "--profile", str(path)], input="why\nhelp\nunknown\n")
    assert asked.exit_code == 0, asked.output
    _assert_no_ids(asked.output, f"{path.stem} interview")


EXAMPLE = ROOT / "examples" / "graduate-seeking-career-direction.yaml"


def test_ids_and_json_keep_the_identifiers():
    run = CliRunner().invoke
    text = run(cli, ["recommend", "--profile", str(EXAMPLE), "--ids"]).output
    assert "[mentoring.career_focus; kb#focus" in text and "[willing_to_change]" in text
    assert "mentoring.career_focus" not in run(cli, ["recommend", "--profile", str(EXAMPLE)]).output
    why_not = run(cli, ["explain", "--profile", str(EXAMPLE), "--why-not", "coaching", "--ids"]).output
    assert "failed: any of: senior_transition is true; trigger is high_potential" in " ".join(why_not.split())
    doc = json.loads(run(cli, ["explain", "--profile", str(EXAMPLE), "--why-not", "coaching",
                               "--format", "json"]).output)
    assert any(e["rule"] == "coaching.structured_fit" for e in doc["rules"])
    decided = json.loads(run(cli, ["recommend", "--profile", str(EXAMPLE), "--format", "json"]).output)
    assert "willing_to_change" in decided["missing"]


def test_what_if_says_the_question_and_the_answers_in_labels(engine):
    facts = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))["facts"]
    decision = engine.evaluate(facts)
    result = {"outcome": "mentoring", "referral": None, "alternatives": [
        {"outcome": "undetermined", "referral": None,
         "changes": [{"fact": "open_with_mentor", "from": True, "to": False},
                     {"fact": "hours_per_month", "from": 2, "to": 1},
                     {"fact": "needs", "from": ["network"], "to": ["career_direction", "network"]}]}],
        "unreachable": []}
    said = " ".join(_render_what_if(result, 10_000, Said(engine.ruleset)).split())
    assert decision.outcome == "mentoring"
    assert ("-> Undetermined: more information is needed: Is the person willing to talk openly with a mentor, in confidence, about their work, "
            "doubts and ambitions? yes -> no; How many hours a month can the person give, sessions and work between "
            "them included? 2 hours -> 1 hour; What does the person need from this development? A wider network "
            "-> Career direction, A wider network") in said
    ids = " ".join(_render_what_if(result, 10_000, Said(engine.ruleset, ids=True)).split())
    assert "open_with_mentor: yes -> no; hours_per_month: 2 -> 1; needs: network -> career_direction, network" in ids


def test_why_not_says_the_failed_condition_in_labels():
    out = CliRunner().invoke(cli, ["explain", "--profile", str(ROOT / "examples" / "new-vp-wants-structure.yaml"),
                                   "--why-not", "mentoring"]).output
    text = " ".join(out.split())
    assert ("- Goals that are still emerging or undefined can evolve within mentoring; weak evidence, since coach "
            "and client also set goals together. needs: How clear is the person's goal? Emerging (a direction "
            "without a target) or Not yet known here: Specific") in text
    assert "needs: How many hours a month can the person give, sessions and work between them included? less " \
           "than 2 hours here: 6 hours" in text


def _sections() -> dict[str, str]:
    """anchor -> heading title, read from knowledge_base.md with a regex of its own."""
    text = (ROOT / "knowledge_base.md").read_text(encoding="utf-8")
    return {a: t.strip() for t, a in re.findall(r'^#+ (.*?) <a id="([^"]+)"></a>$', text, flags=re.M)}


def _yaml_rules() -> dict[str, dict]:
    out = {}
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        for rule in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("rules") or ():
            out[rule["id"]] = rule
    return out


def test_why_says_what_each_rule_says_and_the_sections_it_cites_by_title(engine):
    """The interview's `why` for the hours question: each rule as its reason with its
    knowledge-base sections by title, every rule that reads the fact directly among them,
    and no rule id; with --ids, the ids."""
    from pathfit.cli.interview_why import say_why

    lines: list[str] = []
    say_why(engine, "hours_per_month", 1, lambda text="", nl=True: lines.append(text), 10_000)
    said = lines[1:]
    sections, rules = _sections(), _yaml_rules()
    expected = {f"  - {r['reason']} (knowledge base: {'; '.join(sections[c] for c in r['cites'])})": rid
                for rid, r in rules.items()}
    shown = [expected[line] for line in said]  # a KeyError names a line that is no rule's reason and titles
    readers = {rid for rid, r in rules.items() if re.search(r"\bfact: hours_per_month\b", str(r["when"]))
               or "'fact': 'hours_per_month'" in str(r["when"])}
    assert readers and readers <= set(shown)
    assert lines[0] == f"This answer feeds {len(said)} rules:"
    assert not any(rid in "\n".join(lines) for rid in rules)
    ids: list[str] = []
    say_why(engine, "hours_per_month", 1, lambda text="", nl=True: ids.append(text), 10_000, ids=True)
    assert [line.split(":", 1)[0] for line in ids[1:]] == [f"  - {rid}" for rid in shown]


def test_values_and_conditions_in_words():
    from pathfit.engine.explain.labels import condition_text, fact_named, value_text
    from pathfit.engine.pipeline.model import All, Any as AnyOf, Cmp, FactDef, Not

    hours = FactDef("hours_per_month", "input", "number", question="How many hours a month?", unit="hours")
    stage = FactDef("career_stage", "input", "enum", ("early_career", "mid_career"), question="Which stage? Pick one.",
                    labels=(("early_career", "Early career"),))
    fit = FactDef("relationship_fit", "derived", "bool", description="A long relationship is wanted.")
    named = FactDef("team_goal", "input", "bool", question="Is the need shared by an intact team?", label="Team goal")
    assert [value_text(hours, v) for v in (1, 2, 2.5, None)] == ["1 hour", "2 hours", "2.5 hours", "unknown"]
    assert value_text(stage, ["early_career", "mid_career"]) == "Early career, Mid career"
    assert value_text(stage, []) == "none of these" and value_text(fit, False) == "no"
    assert [fact_named(f) for f in (hours, stage, fit, named)] == [
        "How many hours a month?", "Which stage?", "A long relationship is wanted:", "Team goal:"]

    class Rules:
        facts = {f.name: f for f in (hours, stage, fit, named)}

    cond = All((Cmp("hours_per_month", "lt", 2), Not(Cmp("relationship_fit", "equals", True)),
                AnyOf((Cmp("career_stage", "equals", "early_career"), Cmp("team_goal", "equals", True)))))
    assert condition_text(Rules, cond) == (
        "(How many hours a month? less than 2 hours; and not (A long relationship is wanted: yes); and "
        "(Which stage? Early career; or Team goal: yes))")
    same = AnyOf((Cmp("career_stage", "equals", "early_career"), Cmp("career_stage", "equals", "mid_career")))
    assert condition_text(Rules, same) == "Which stage? any of: Early career, Mid career"


@pytest.mark.parametrize("fact", ["ready_for_change", "willing_to_change", "horizon_months", "preferred_structure",
                                  "hours_per_month"])
def test_why_counts_every_rule_an_answer_feeds_however_far_along(engine, fact):
    """Regression: `why` said "This answer feeds 9 rules" for the readiness question, counting
    only the rules one step along what they derive; all the way along it feeds 31. Counted
    here from the rule files' YAML, following each derived fact to the rules that read it."""
    from pathfit.cli.interview_why import say_why

    rules = _yaml_rules()

    def reads(rule: dict, name: str) -> bool:
        return f"'fact': '{name}'" in str(rule["when"])

    fed, names = set(), [fact]
    while names:
        name = names.pop()
        for rid, rule in rules.items():
            if rid not in fed and reads(rule, name):
                fed.add(rid)
                names.extend(d.split("=")[0] for d in (rule.get("then") or {}).get("derive", []))
    lines: list[str] = []
    say_why(engine, fact, 1, lambda text="", nl=True: lines.append(text), 10_000, ids=True)  # the first why
    assert lines[0].startswith(f"This answer feeds {len(fed)} rules")
    listed = {line.split(":", 1)[0].removeprefix("  - ") for line in lines[1:] if line.startswith("  - ")}
    assert {rid for rid, rule in rules.items() if reads(rule, fact)} <= listed <= fed
    more = len(fed) - len(listed)
    assert (lines[-1] == f"  and {more} more further along, through what these derive.") is (more > 0)
