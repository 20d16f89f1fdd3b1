"""The interview lists the answers so far (`answers`) and asks any earlier question again
(`change N`), piped and at a terminal: the other answers stay, `back` keeps the answer being
changed as it was, and the interview goes on with the questions that could still change the
advice with the new answer.

Regression: only the last answer could be taken back (`back`), losing every answer given
since, and nothing listed the answers given before the decision."""
from __future__ import annotations

import re

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .interview_memo import remembered_questions
from .terminal_support import DOWN, UP, Terminal

SCREENED = ["no", "no", "no", "4,7"]  # wellbeing, HR process, systemic cause: no; needs: career, network
AGAIN = re.compile(r"^question (\d+) again \(now: (.*); back keeps it\), (?:at most (\d+) more|the last)$", re.M)
ASKED = re.compile(r"^Q(\d+)\. ", re.M)


@pytest.fixture(scope="module", autouse=True)
def ranked_once():
    """The piped interviews here walk the same first answers again and again: each state's
    next question is ranked once for the module (tests/interview_memo.py)."""
    with remembered_questions() as ranked:
        yield ranked


def run(*args: str, lines: list[str]):
    return CliRunner().invoke(cli, ["interview", *args], input="\n".join(lines) + "\n", catch_exceptions=False)


def saved_after(tmp_path, lines: list[str]) -> tuple[dict, str]:
    path = tmp_path / "person.yaml"
    result = run("--save", str(path), "--force", lines=lines)
    assert result.exit_code == 0, result.output
    return (yaml.safe_load(path.read_text()) or {}), result.output


def recommendation(output: str) -> str:
    return output.split("\nRecommendation", 1)[1].splitlines()[0]


def test_answers_lists_each_question_asked_by_its_number_with_its_answer_in_labels(tmp_path):
    profile = tmp_path / "partial.yaml"
    profile.write_text("career_stage: early_career\n")
    result = run("--profile", str(profile), lines=[*SCREENED, "unknown", "answers", "quit"])
    listing = result.output.split("> The answers so far:\n", 1)[1].split("\n\n", 1)[0]
    assert listing.splitlines() == [
        "  Q1. Are there signs that point to clinical or mental-health support (marked",
        "      mood change, hopelessness, sleep problems, withdrawal)? No",
        "  Q2. Is discipline or formal performance management under way or intended? No",
        "  Q3. Does the problem come from the organisation (unclear role, weak",
        "      management) rather than the person? No",
        "  Q4. What does the person need from this development? Career direction, A",
        "      wider network",
        "  Q5. Does the person acknowledge the issue, want things to be different,",
        "      welcome feedback and want to change? unknown",
        "Given in the profile (not asked):",
        "  - What is the person's career stage? Early career",
        "To change one, type change and its number (change 1).",
    ]
    assert "career_direction" not in listing and "wellbeing_concern" not in listing  # labels, never identifiers
    first = run(lines=["answers", "quit"]).output
    assert "> No question has been answered yet.\n" in first and "To change one" not in first


def test_change_asks_an_earlier_question_again_keeping_the_answers_given_since(tmp_path):
    # question 2 (HR process) changed to yes after four more answers: a formal process settles it
    saved, out = saved_after(tmp_path, [*SCREENED, "yes", "change 2", "yes"])
    assert AGAIN.findall(out)[0][:2] == ("2", "No")
    assert saved == {"wellbeing_concern": False, "formal_performance_process": True, "systemic_cause": False,
                     "needs": ["career_direction", "network"], "ready_for_change": True}
    # the same advice as the saved answers give, and as an interview answering yes at once gives
    alone = CliRunner().invoke(cli, ["recommend", "--profile", str(tmp_path / "person.yaml")])
    assert alone.output.splitlines()[0] == "Recommendation" + recommendation(out)
    assert recommendation(run(lines=["no", "yes"]).output) == recommendation(out)
    assert max(int(n) for n in ASKED.findall(out)) == 6  # where it was changed; nothing asked once settled
    assert out.count("\nQ6. ") == 1


def test_a_changed_answer_brings_in_the_questions_that_now_matter(tmp_path):
    """After hours changed from 1 to 40, the questions asked are those an interview starting
    from the same answers asks, in the same order."""
    later = ["no", "no", "no", "yes", "no"]
    _, changed = saved_after(tmp_path, [*SCREENED, "yes", "1", "no", "change 6", "40", *later])
    profile = tmp_path / "same.yaml"
    profile.write_text(yaml.safe_dump({
        "wellbeing_concern": False, "formal_performance_process": False, "systemic_cause": False,
        "needs": ["career_direction", "network"], "ready_for_change": True, "hours_per_month": 40,
        "major_disruption": False}))
    fresh = run("--profile", str(profile), lines=later).output
    after = changed.split("question 6 again", 1)[1].split("\n", 2)[2]  # past the question asked again
    questions = re.compile(r"^Q\d+\. (.*)$", re.M)
    assert questions.findall(after) and questions.findall(after) == questions.findall(fresh)
    assert recommendation(changed) == recommendation(fresh)


def test_the_bound_shown_when_an_answer_is_changed_holds_for_the_questions_after_it(tmp_path):
    _, out = saved_after(tmp_path, [*SCREENED, "yes", "1", "change 4", "1,2,3", "no", "no", "no", "no", "no"])
    (number, _, bound), = AGAIN.findall(out)
    later = {int(n) for n in ASKED.findall(out.split(f"question {number} again", 1)[1]) if int(n) > 6}
    assert later and len(later) <= int(bound or 0)


def test_back_while_changing_keeps_the_answer_and_unknown_forgets_it(tmp_path):
    saved, out = saved_after(tmp_path, [*SCREENED, "change 3", "back", "quit"])
    assert saved["systemic_cause"] is False and "question 5, at most" in out.split("question 3 again", 1)[1]
    saved, _ = saved_after(tmp_path, [*SCREENED, "change 3", "unknown", "answers", "quit"])
    assert "systemic_cause" not in saved and saved["needs"] == ["career_direction", "network"]
    saved, out = saved_after(tmp_path, [*SCREENED, "change 3", "unknown", "change 3", "no", "answers", "quit"])
    assert saved["systemic_cause"] is False and "question 3 again (now: unknown;" in out
    saved, _ = saved_after(tmp_path, [*SCREENED, "change 3", "quit"])  # quit while changing: as it was
    assert saved["systemic_cause"] is False


@pytest.mark.parametrize("lines, said", [
    (["change"], "There is no answer to change yet."),
    (["change 1"], "There is no answer to change yet."),
    (["no", "no", "change"], "Say which answer to change: change 1 to change 2 (type answers to see them)."),
    (["no", "no", "change 3"], "There is no answer 3 to change: change 1 to change 2 (type answers to see them)."),
    (["no", "no", "change 0"], "There is no answer 0 to change: change 1 to change 2"),
    (["no", "change 2"], "There is no answer 2 to change: change 1 (type answers to see them)."),
])
def test_change_that_names_no_answer_given_says_which_can_be_and_asks_again(lines, said):
    out = run(lines=[*lines, "quit"]).output
    assert said in " ".join(out.split()), out
    number = len(lines)  # the question the change was typed at, asked again
    assert out.count(f"\nQ{number}. ") == 2 and "again (now:" not in out


@pytest.mark.parametrize("typed", ["change 1", "Change 1", "CHANGE q1", "change Q1", "  change   1 "])
def test_change_is_read_in_any_case_with_or_without_a_q(typed):
    out = run(lines=["no", "no", typed, "quit"]).output
    assert AGAIN.findall(out) == [("1", "No", "18")]


def test_text_after_change_that_is_no_number_is_read_as_an_answer():
    """A rule set may label a choice "Change management": `change management` answers it."""
    out = run(lines=["no", "change of plan", "quit"]).output
    assert "Answer yes or no" in out.split("\nQ2. ", 2)[1] and "again (now:" not in out


def test_changing_an_answer_at_a_terminal_by_the_list_and_by_typing(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    for number in (1, 2, 3):
        term.list_for(number)
        term.send(DOWN + "\r")
    term.list_for(4)
    term.send(DOWN * 3 + " " + DOWN * 3 + " " + "\r")
    term.list_for(5)
    term.send("a")  # the answers so far
    term.expect("Q4. What does the person need from this development\\? Career direction, A wider")
    term.list_for(5)
    term.send("c")  # change: the answers to pick from; Esc keeps them all
    term.expect("Which answer do you want to change\\?")
    term.send("\x1b")
    term.list_for(5)
    term.send("\r")  # ready for change: yes
    term.typed_for(6)
    term.send("change 4\r")  # typed at a typed question
    term.expect("question 4 again \\(now: Career direction, A wider network; back keeps it\\)")
    term.list_for(4)  # its items ticked as they were: untick A wider network (the 7th), confirm
    term.send(DOWN * 6 + " " + "\r")
    term.expect("> Career direction")
    term.typed_for(6)
    term.send("change\r")  # typed without a number: the list of answers, the second (HR process) to yes
    term.expect("Which answer do you want to change\\?")
    term.send(DOWN + "\r")
    term.expect("question 2 again")
    term.list_for(2)
    term.send(UP + "\r")  # its list starts on its answer, No: up to Yes
    out = term.finish()
    assert yaml.safe_load(saved.read_text()) == {
        "wellbeing_concern": False, "formal_performance_process": True, "systemic_cause": False,
        "needs": ["career_direction"], "ready_for_change": True}
    piped = CliRunner().invoke(cli, ["recommend", "--profile", str(saved)])
    assert piped.output.splitlines()[0] in out
