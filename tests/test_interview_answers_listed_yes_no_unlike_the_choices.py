"""The interview's `answers` list (and the list `change` picks from at a terminal) and the line
of a question asked again give each answer as the question offered it: a yes/no answer as the
choice `No` it was chosen as (and echoed as at a terminal), an empty set as `None of these`.

Regression: they gave a yes/no answer as `no` and an empty set as `none of these`, where the
choices, the terminal's echo and README's "answer in labels" say `No` and `None of these`."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def run(*lines: str, profile: str = "") -> str:
    args = ["interview", *(["--profile", profile] if profile else [])]
    result = CliRunner().invoke(cli, args, input="\n".join(lines) + "\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def listing(out: str) -> str:
    return " ".join(out.split("The answers so far:", 1)[1].split("To change one", 1)[0].split())


def test_a_yes_no_answer_is_listed_by_its_choice_label():
    listed = listing(run("no", "no", "answers", "quit"))
    assert "withdrawal)? No Q2." in listed and listed.endswith("under way or intended? No")


def test_an_empty_set_is_listed_as_its_choice_none_of_these():
    assert listing(run("no", "no", "no", "none", "answers", "quit")).endswith("from this development? None of these")


def test_a_question_asked_again_says_its_answer_by_its_choice_label():
    assert "question 1 again (now: No; back keeps it)" in run("no", "no", "change 1", "quit")


def test_a_yes_no_answer_the_profile_gave_is_listed_by_its_choice_label(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("wellbeing_concern: false\n")
    out = run("no", "answers", "quit", profile=str(profile))
    given = " ".join(out.split("Given in the profile (not asked):", 1)[1].split("To change one", 1)[0].split())
    assert given.endswith("? No"), given
