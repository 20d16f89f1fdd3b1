"""`why` asked again at the same question climbs the chain of reasoning from the answer to the
advice, one step each time, as a consultation system's repeated WHY does: first what the rules
the answer feeds say (as before), then what each of them does when it holds, then the rules a
step further along (reading what the step before establishes) and what they do, until no rule
reads what the last step establishes. Checked against the rule files read as plain YAML.

Regression: a second `why` said the same as the first, so the rules further along were only a
count and what any rule does when it holds (evidence for which outcome, a referral, a fact it
establishes) was never said."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT
from .interview_memo import remembered_questions
from .terminal_support import DOWN, Terminal

SCREENED = ["no", "no", "no", "4,7"]
END = "That is the whole chain from this answer to the advice: no further rule reads a fact these establish."
OUTCOMES = {"coaching": "Executive coaching", "mentoring": "Mentoring", "sponsorship": "A sponsor",
            "blended": "A blend of coaching and mentoring"}


@pytest.fixture(scope="module", autouse=True)
def ranked_once():
    """The piped interviews here walk the same first answers again and again: each state's
    next question is ranked once for the module (tests/interview_memo.py)."""
    with remembered_questions() as ranked:
        yield ranked


def _read(cond) -> set[str]:
    if "fact" in cond:
        return {cond["fact"]}
    if "not" in cond:
        return _read(cond["not"])
    return set().union(*(_read(c) for c in cond.get("all", cond.get("any", []))))


@pytest.fixture(scope="module")
def written():
    """id -> (facts its condition reads, its `then`), from the bundled rule files as written."""
    rules = {}
    for path in sorted(Path(ROOT / "rules").glob("*.yaml")):
        for rule in (yaml.safe_load(path.read_text()) or {}).get("rules", []):
            rules[rule["id"]] = (_read(rule["when"]), rule["then"])
    return rules


def steps(written: dict, fact: str) -> list[set[str]]:
    """The rule ids `fact` reaches, by the fewest steps along read-then-derive."""
    seen, out, facts = set(), [], {fact}
    while True:
        step = {r for r, (reads, _) in written.items() if reads & facts} - seen
        if not step:
            return out
        out.append(step)
        seen |= step
        facts = {d for r in step for d in written[r][1].get("derive", [])}


def whys(lines: list[str], times: int) -> list[str]:
    """What each of `times` whys in a row says, at the question after `lines` (with --ids)."""
    out = CliRunner().invoke(cli, ["interview", "--ids"], input="\n".join([*lines, *["why"] * times, "quit"]) + "\n",
                             catch_exceptions=False).output
    return [part.split("\n\nquestion ", 1)[0] for part in out.split("\n> ")[len(lines) + 1:len(lines) + 1 + times]]


def shown(said: str) -> list[str]:
    return re.findall(r"^  - ([a-z_.]+): ", said, re.M)


def then_lines(said: str) -> dict[str, str]:
    """rule id -> its `Then:` text, joined across wrapped lines."""
    found = {}
    for rule, body in re.findall(r"^  - ([a-z_.]+): (.*?)(?=^  - |\Z)", said, re.M | re.S):
        if "Then: " in body:
            found[rule] = " ".join(body.split("Then: ", 1)[1].split())
    return found


# the question reached after these answers, and the fact it asks
QUESTIONS = [([], "wellbeing_concern"), (SCREENED, "ready_for_change"), ([*SCREENED, "yes"], "hours_per_month")]


@pytest.mark.parametrize("lines, fact", QUESTIONS)
def test_each_why_again_shows_the_next_step_of_rules_with_what_they_do(written, lines, fact):
    expected = steps(written, fact)
    said = whys(lines, len(expected) + 2)
    first_two = set().union(*expected[:2])
    assert set(shown(said[0])) == first_two and "Then:" not in said[0]  # the first why as it was
    assert set(shown(said[1])) == first_two == set(then_lines(said[1]))
    for number, step in enumerate(expected[2:], 3):
        assert set(shown(said[number - 1])) == step == set(then_lines(said[number - 1])), number
        assert f"Further along (step {number})" in said[number - 1]
    last = max(len(expected), 2)
    for number, text in enumerate(said, 1):
        ends = " ".join(text.split()).endswith(END)
        assert ends == (number >= last), (number, text)  # the end said once every step is shown, and after
    told = sum(map(len, (then_lines(t) for t in said)))
    assert told == len(set().union(*expected))  # every rule the answer feeds, once each


@pytest.mark.parametrize("lines, fact", QUESTIONS)
def test_what_a_rule_does_is_its_own_then_in_words(written, lines, fact):
    expected = steps(written, fact)
    said = whys(lines, len(expected) + 1)
    told = {k: v for t in said for k, v in then_lines(t).items()}
    assert set(told) == set().union(*expected)  # every rule the answer feeds says what it does
    for rule, text in told.items():
        then = written[rule][1]
        parts = [f"counts +{w} toward {OUTCOMES[o]}" for o, w in then.get("evidence", {}).items()]
        parts += [f"suggests {s.replace('_', ' ')}" for s in then.get("suggest", [])]
        assert all(p in text for p in parts), (rule, text)
        assert text.count("establishes that ") == len(then.get("derive", [])), (rule, text)
        assert ("concludes Refer elsewhere: " in text) == bool(then.get("refer")), (rule, text)
        assert ("concludes Not now" in text) == bool(then.get("not_now")), (rule, text)


def test_why_again_names_no_identifier_without_ids():
    out = CliRunner().invoke(cli, ["interview"], input="\n".join([*SCREENED, "why", "why", "why", "quit"]) + "\n",
                             catch_exceptions=False).output
    talk = out.split("\nRecommendation", 1)[0]
    assert "counts +2 toward A sponsor" in " ".join(talk.split())
    assert not re.findall(r"\b[a-z]+_[a-z_]+\b", talk), re.findall(r"\b[a-z]+_[a-z_]+\b", talk)


@pytest.mark.parametrize("between", ["help", "unknown", "no"])
def test_why_starts_again_from_the_first_step_after_anything_else(between):
    lines = ["why", between, "why", "quit"]
    out = CliRunner().invoke(cli, ["interview"], input="\n".join(lines) + "\n", catch_exceptions=False).output
    assert out.count("This answer feeds ") == 2 and "What these rules do when they hold:" not in out


def test_why_again_at_a_terminal(tmp_path):
    term = Terminal("--save", str(tmp_path / "person.yaml"))
    term.list_for(1)
    term.send("w")
    term.expect("This answer feeds 3 rules")
    term.list_for(1)
    term.send("w")
    term.expect("What these rules do when they hold:")
    term.expect("concludes Refer elsewhere: counselling or therapy")
    term.list_for(1)
    term.send(DOWN + "\r")
    term.list_for(2)
    term.send("q")
    out = term.finish()
    assert "That is the whole chain from this answer to the advice" in out
