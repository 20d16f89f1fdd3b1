"""One rule for blanks around a name or value a person types: spaces, tabs and line breaks
around it are taken off, as a CSV cell's are (docs/authoring.md), and any other character (a
no-break space) is part of it, refused with a did-you-mean. No fact, outcome, rule id or value
has blanks at its ends, so a name with them taken off is the only one that can be meant.

It was read three ways: `--fact " needs=performance"` was taken (every white space taken off,
a no-break space too, which a CSV cell keeps and refuses), `--why-not " coaching"` and
`rules show " blend.dual_need"` were refused (PF613) with the name itself as the did-you-mean,
and `audit show --rule " judge.performance_focus"` listed no records, status 0."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

NBSP = "\u00a0"
PROFILE = ["--fact", "needs=performance", "--fact", "career_stage=executive"]


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("pad", [" {}", "{} ", "\t{}\t"])
def test_why_not_takes_blanks_off_the_outcome(pad):
    plain = _run("explain", *PROFILE, "--why-not", "coaching", "--format", "json")
    padded = _run("explain", *PROFILE, "--why-not", pad.format("coaching"), "--format", "json")
    assert plain.exit_code == 0, plain.output
    assert padded.exit_code == 0, padded.output
    assert padded.stdout == plain.stdout


@pytest.mark.parametrize("pad", [" {}", "{} ", "\t{}"])
def test_rules_show_takes_blanks_off_the_rule_id(pad):
    plain = _run("rules", "show", "blend.dual_need")
    padded = _run("rules", "show", pad.format("blend.dual_need"))
    assert plain.exit_code == 0, plain.output
    assert (padded.exit_code, padded.output) == (0, plain.output), padded.output


def test_audit_show_rule_and_outcome_take_blanks_off(tmp_path):
    log = tmp_path / "a.jsonl"
    made = _run("recommend", *PROFILE, "--audit-log", str(log), "--format", "json")
    assert made.exit_code == 0, made.output
    fired = json.loads(made.stdout)["fired"][0]
    outcome = json.loads(made.stdout)["recommendation"]
    for option, value in (("--rule", fired), ("--outcome", outcome)):
        plain = _run("audit", "show", str(log), option, value)
        padded = _run("audit", "show", str(log), option, f" {value} ")
        assert plain.exit_code == 0 and "1 of 1 record" in plain.output, plain.output
        assert (padded.exit_code, padded.output) == (0, plain.output), padded.output


@pytest.mark.parametrize("args", [("explain", *PROFILE, "--why-not", "   "), ("rules", "show", " "),
                                  ("audit", "show", "LOG", "--rule", " ")])
def test_a_name_of_blanks_alone_is_empty(args, tmp_path):
    args = [str(tmp_path / "a.jsonl") if a == "LOG" else a for a in args]
    if "audit" in args:
        assert _run("recommend", *PROFILE, "--audit-log", args[2]).exit_code == 0
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert ": PF613: " in result.stderr


@pytest.mark.parametrize("args, code", [
    (("explain", *PROFILE, "--why-not", f"coaching{NBSP}"), "PF613"),
    (("rules", "show", f"blend.dual_need{NBSP}"), "PF613"),
    (("recommend", "--fact", f"career_stage=executive{NBSP}"), "PF403"),
    (("recommend", "--fact", f"career_stage{NBSP}=executive"), "PF401"),
    (("recommend", "--fact", f"needs=performance{NBSP},network"), "PF403"),
])
def test_a_no_break_space_is_part_of_the_name_as_in_a_csv_cell(args, code):
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert f": {code}: " in result.stderr and "did you mean" in result.stderr, result.stderr


def test_a_csv_cell_and_fact_read_a_no_break_space_alike(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text(f"id,career_stage\na,executive{NBSP}\n", encoding="utf-8")
    batch = _run("batch", str(corpus), "--out", str(tmp_path / "o.jsonl"))
    assert "PF403" in batch.output
    fact = _run("recommend", "--fact", f"career_stage=executive{NBSP}")
    assert ": PF403: " in fact.stderr


def test_an_interview_answer_reads_blanks_as_fact_does():
    from pathfit.engine import Engine
    from pathfit.engine.explain.answers import BadAnswer, parse_answer

    with Engine.load() as engine:
        stage = engine.ruleset.facts["career_stage"]
    assert parse_answer(stage, "\texecutive ") == "executive"
    with pytest.raises(BadAnswer):
        parse_answer(stage, f"executive{NBSP}")


def test_the_forms_box_of_a_no_break_space_is_read_as_fact_reads_it():
    from pathfit.engine import Engine
    from pathfit.engine.service.form import read_form

    with Engine.load() as engine:
        facts, _ = read_form(engine.ruleset, f"career_stage={NBSP}&goal_clarity=+specific+".encode())
    assert facts == {"career_stage": NBSP, "goal_clarity": "specific"}
