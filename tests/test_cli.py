"""Every command through click's CliRunner, one through the installed console
script; golden text and JSON output; the interview driven from stdin; every
error case asserted on exit status, code and position."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
GOLDEN = ROOT / "tests" / "golden" / "cli"
UPDATE = os.environ.get("PATHFIT_UPDATE_GOLDEN") == "1"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text)
    assert path.exists(), f"missing {path}; create it with PATHFIT_UPDATE_GOLDEN=1"
    assert text == path.read_text()


def test_recommend_text_golden():
    result = run("recommend", "--profile", EXAMPLE)
    assert result.exit_code == 0
    assert result.output.startswith("Recommendation: Executive coaching\nConfidence: 1.00\n")
    assert "\x1b[" not in result.output  # no colour when not a terminal
    assert all(len(line) <= 80 for line in result.output.splitlines())
    golden("recommend-new-vp.txt", result.output)


def test_recommend_json_golden_and_contract():
    result = run("recommend", "--profile", EXAMPLE, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)
    for key in ("recommendation", "confidence", "referral", "formats", "fired", "missing", "contributions", "trace"):
        assert key in doc
    assert doc["recommendation"] == "coaching" and doc["referral"] is None
    golden("recommend-new-vp.json", result.output)


def test_recommend_markdown():
    result = run("recommend", "--profile", EXAMPLE, "--format", "markdown")
    assert result.exit_code == 0 and result.output.startswith("# Recommendation: Executive coaching")


def test_fact_overrides_profile():
    result = run("recommend", "--profile", EXAMPLE, "--fact", "wellbeing_concern=true", "--format", "json")
    doc = json.loads(result.output)
    assert (doc["recommendation"], doc["referral"]) == ("refer", "counselling")


def test_facts_only_with_sets_as_comma_lists():
    result = run("recommend", "--fact", "needs=career_direction,network", "--fact", "goal_clarity=emerging",
                 "--fact", "horizon_months=36", "--fact", "preferred_structure=flexible",
                 "--fact", "willing_to_change=yes", "--fact", "hours_per_month=4", "--fact", "open_with_mentor=yes",
                 "--format", "json")
    doc = json.loads(result.output)
    assert doc["recommendation"] == "mentoring"
    assert doc["facts"]["needs"] == ["career_direction", "network"]


def test_no_color_and_color():
    os.environ.pop("NO_COLOR", None)
    coloured = CliRunner(env={"TERM": "xterm", "FORCE_COLOR": None}).invoke(cli, ["recommend", "--profile", EXAMPLE],
                                                                            color=True)
    assert "\x1b[1m" in coloured.output
    plain = CliRunner(env={"NO_COLOR": "1"}).invoke(cli, ["recommend", "--profile", EXAMPLE], color=True)
    assert "\x1b[" not in plain.output


@pytest.mark.parametrize("args,code,where", [
    (["--fact", "goal_clarty=specific"], "PF401", "--fact:0:0"),
    (["--fact", "goal_clarity=specifc"], "PF403", "--fact:0:0"),
    (["--fact", "horizon_months=500"], "PF404", "--fact:0:0"),
    (["--fact", "horizon_months"], "PF406", "--fact:0:0"),
    (["--profile", "/nonexistent/person.yaml"], "PF100", "/nonexistent/person.yaml:0:0"),
    (["--rules", "/nonexistent/rules"], "PF216", "/nonexistent/rules:0:0"),
])
def test_bad_input_exits_2_with_one_located_line(args, code, where):
    result = CliRunner().invoke(cli, ["recommend", *args])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{where}: {code}: " in result.stderr
    assert "Traceback" not in result.stderr


def test_did_you_mean_and_allowed_values_are_shown():
    result = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarty=specific"])
    assert "did you mean 'goal_clarity'?" in result.stderr
    result = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=specifc"])
    assert "specific, emerging, undefined" in result.stderr


@pytest.mark.parametrize("text,code,line,col", [
    ("goal_clarity: specific\nhorizon_months: [\n", "PF102", 3, 1),
    ("goal_clarity: specific\ngoal_clarity: emerging\n", "PF105", 2, 1),
    ('{"goal_clarity": "specific", "goal_clarity": "emerging"}', "PF105", 1, 30),
    ("trigger: new_role\nhours_per_month: .nan\n", "PF404", 2, 18),
    ("- a\n- b\n", "PF406", 1, 1),
    ("needs: [performance, flying]\n", "PF403", 1, 22),  # at the wrong item, not at the list
])
def test_malformed_profiles_are_located(tmp_path, text, code, line, col):
    profile = tmp_path / "person.yaml"
    profile.write_text(text)
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2
    assert f"{profile}:{line}:{col}: {code}: " in result.stderr


def test_broken_rules_directory_reports_every_problem(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    for name in ("schema.yaml", "policy.yaml", "coaching.yaml"):
        (rules / name).write_text((ROOT / "rules" / name).read_text())
    (rules / "schema.yaml").write_text((rules / "schema.yaml").read_text().replace("../knowledge_base.md",
                                                                                  str(ROOT / "knowledge_base.md")))
    (rules / "coaching.yaml").write_text((rules / "coaching.yaml").read_text()
                                         .replace("fact: team_goal", "fact: team_goals")
                                         .replace("equals: high_potential", "equals: hipo"))
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", "team_goal=true"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert [line.split(": ")[1] for line in lines][:2] == ["PF204", "PF205"]
    assert "did you mean 'team_goal'?" in result.stderr


def test_nothing_is_written_on_failure(tmp_path):
    before = set(tmp_path.iterdir())
    result = CliRunner().invoke(cli, ["interview", "--profile", str(tmp_path / "missing.yaml"),
                                      "--save", str(tmp_path / "out.yaml")], input="")
    assert result.exit_code == 2
    assert set(tmp_path.iterdir()) == before


def test_explain_how_tree():
    result = run("explain", "--profile", EXAMPLE)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "coaching  confidence 1.00"
    assert "judge.structured_fit [derives structured_fit]" in result.output
    assert "preferred_structure = structured  (input)" in result.output
    golden("explain-how-new-vp.txt", result.output)


def test_why_not_ids_says_what_a_failed_comparison_needed_not_its_bare_value():
    """Regression: `--ids` printed "observed 6; expected 2" for `hours_per_month < 2`, and a
    failed `any` observed a boolean as Python's False."""
    text = run("explain", "--profile", EXAMPLE, "--why-not", "mentoring", "--ids").output
    assert "failed: hours_per_month < 2\n    observed 6; expected less than 2\n" in text
    assert "expected 2\n" not in text
    assert "observed challenge_and_feedback, no; expected at least one to hold" in text
    assert "False" not in text and "True" not in text


def test_explain_why_not_names_failed_condition_with_observed_and_expected():
    result = run("explain", "--profile", EXAMPLE, "--why-not", "mentoring", "--format", "json")
    doc = json.loads(result.output)
    entry = next(e for e in doc["rules"] if e["rule"] == "mentoring.loose_goals")
    assert entry["status"] == "failed"
    assert entry["observed"] == "specific" and entry["expected"] == ["emerging", "undefined"]
    text = run("explain", "--profile", EXAMPLE, "--why-not", "mentoring", "--ids").output
    assert "observed specific; expected one of emerging, undefined" in text
    said = " ".join(run("explain", "--profile", EXAMPLE, "--why-not", "mentoring").output.split())
    assert ("needs: How clear is the person's goal? Emerging (a direction without a target) or Not yet known "
            "here: Specific") in said


def test_explain_what_if_changes_are_verified():
    result = run("explain", "--profile", EXAMPLE, "--what-if", "--format", "json")
    doc = json.loads(result.output)
    assert doc["outcome"] == "coaching"
    facts = yaml.safe_load(Path(EXAMPLE).read_text())["facts"]
    for alt in doc["alternatives"]:
        changed = dict(facts)
        for c in alt["changes"]:
            changed[c["fact"]] = c["to"]
        check = run("recommend", "--format", "json", *[f"--fact={k}={_arg(v)}" for k, v in changed.items()])
        assert json.loads(check.output)["recommendation"] == alt["outcome"]
    assert {"not_now", "refer"} <= {alt["outcome"] for alt in doc["alternatives"]}
    # blended needs three changes here: within two it is unreachable, and every pair was checked
    assert {"outcome": "blended", "label": "A blend of coaching and mentoring", "within": 2, "exhaustive": True} \
        in doc["unreachable"]


def _arg(value) -> str:
    if isinstance(value, list):
        return ",".join(value)
    return json.dumps(value) if not isinstance(value, str) else value


def test_interview_from_stdin_with_why_unknown_and_back(tmp_path):
    # wellbeing (why, then no), HR process, systemic cause, needs, readiness yes, hours (unknown,
    # back, 1), major disruption left unknown, willing yes, open with a mentor yes
    answers = ["why", "no", "no", "no", "4,7", "yes", "unknown", "back", "1", "unknown", "yes", "yes"]
    saved = tmp_path / "answers.yaml"
    result = run("interview", "--save", str(saved), input="\n".join(answers) + "\n")
    assert result.exit_code == 0
    assert "This answer feeds 3 rules:\n  - Development may run alongside a formal HR process" in result.output
    assert "(knowledge base: Referral to counselling or therapy)" in " ".join(result.output.split())
    assert "refer.counselling" not in result.output
    ids = run("interview", "--ids", input="why\n")
    assert "This answer feeds 3 rules:\n  - format.development_alongside_hr:" in ids.output
    assert "\n  - refer.counselling:" in ids.output
    asked = [line.split(". ", 1)[1] for line in result.output.splitlines() if line.startswith("Q")]
    assert asked[0] == asked[1]  # `why` asks the same question again
    assert sum(q.startswith("How many hours a month") for q in asked) == 2  # `back` after `unknown`
    assert "(end of input: the remaining questions stay unknown)" not in result.output  # every question was met
    assert "Recommendation (provisional): Mentoring" in result.output  # major_disruption is still unknown
    cut = run("interview", input="\n".join(answers[:9]) + "\n")  # input ends at the disruption question
    assert "(end of input: the remaining questions stay unknown)" in cut.output
    assert "Recommendation (provisional): Undetermined" in cut.output  # willingness and openness unknown
    assert yaml.safe_load(saved.read_text()) == {
        "wellbeing_concern": False, "formal_performance_process": False, "needs": ["career_direction", "network"],
        "systemic_cause": False, "hours_per_month": 1, "ready_for_change": True, "willing_to_change": True,
        "open_with_mentor": True}
    again = run("recommend", "--profile", str(saved), "--format", "json")
    assert json.loads(again.output)["recommendation"] == "mentoring"


def test_interview_rejects_a_bad_answer_and_asks_again():
    """The message is for HR staff, under the question it answers: not `wellbeing_concern is true
    or false`, nor the name's words (`wellbeing concern: answer yes or no`, as it once was)."""
    result = run("interview", input="maybe\n")
    assert ">   Answer yes or no\n" in result.output and "wellbeing concern" not in result.output
    assert "wellbeing_concern" not in result.output.split("Recommendation")[0]
    assert result.output.count("Q1.") == 2


def test_interview_asks_only_open_questions_and_stops_when_settled():
    result = run("interview", input="yes\n")
    assert result.output.count("Q") == 1  # one answer settles it: refer to counselling
    assert "Refer elsewhere: counselling" in result.output


def test_rules_list_and_show():
    listing = run("rules", "list")
    assert listing.exit_code == 0 and "coaching.specific_goal" in listing.output
    shown = run("rules", "show", "judge.relationship_fit")
    assert "wants_structure is false" in shown.output and "kb#choose-mentoring" in shown.output
    missing = CliRunner().invoke(cli, ["rules", "show", "coaching.specific_gaol"])
    assert missing.exit_code == 2 and "did you mean 'coaching.specific_goal'?" in missing.stderr


@pytest.mark.parametrize("command", [["recommend"], ["explain"], ["interview"], ["rules"], ["rules", "list"],
                                     ["rules", "show"]])
def test_help_has_an_example(command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output == "pathfit 0.8.0 (durable-rules 2.0.28's C core, with pathfit's patches)\n"


def test_installed_console_script_runs_outside_the_checkout(tmp_path):
    script = Path(sys.executable).parent / "pathfit"
    assert script.exists(), "install the project (pip install .) so the console script exists"
    done = subprocess.run([str(script), "recommend", "--profile", EXAMPLE, "--format", "json"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["recommendation"] == "coaching"
    bad = subprocess.run([str(script), "recommend", "--fact", "nope=1"], cwd=tmp_path, capture_output=True, text=True)
    assert bad.returncode == 2 and "PF401" in bad.stderr and "Traceback" not in bad.stderr


def test_unexpected_error_is_one_line_and_debug_shows_the_traceback(monkeypatch, capsys):
    import pathfit.cli.main as main_module

    def broken(*args, **kwargs):
        raise RuntimeError("simulated fault")

    def exit_here(code: int) -> None:  # the real one ends the process, pytest with it
        raise SystemExit(code)

    monkeypatch.setattr(main_module.cli, "main", broken)
    monkeypatch.setattr(main_module, "_fast_exit", exit_here)
    monkeypatch.setattr(sys, "argv", ["pathfit", "recommend"])
    with pytest.raises(SystemExit) as exited:
        main_module.main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == "pathfit: internal error: RuntimeError: simulated fault (run with --debug for details)"
    monkeypatch.setattr(sys, "argv", ["pathfit", "--debug", "recommend"])
    with pytest.raises(RuntimeError, match="simulated fault"):
        main_module.main()


def test_the_fast_exit_keeps_every_byte_and_the_exit_status(tmp_path):
    """main() ends with os._exit after flushing the standard streams: piped output
    must arrive whole, and exit statuses 0, 1 and 2 must come through."""
    example = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
    args = ["recommend", "--profile", example, "--format", "json"]  # over 8 KiB: more than one buffer
    expected = CliRunner().invoke(cli, args).stdout
    run = subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=ROOT, capture_output=True, text=True)
    assert (run.returncode, run.stdout) == (0, expected) and len(expected) > 8192
    (tmp_path / "in.jsonl").write_text('{"id": "bad", "goal_clarity": "specifc"}\n')
    failed_row = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "batch", str(tmp_path / "in.jsonl"), "--out",
                                 str(tmp_path / "out.jsonl")], cwd=ROOT, capture_output=True, text=True)
    assert failed_row.returncode == 1 and "errors 1" in failed_row.stderr
    bad = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "recommend", "--fact", "goal_clarity"], cwd=ROOT,
                         capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.startswith("--fact:0:0: PF406: ")


BURNT_OUT = str(ROOT / "examples" / "burnt-out-director-sleep-problems.yaml")


def test_why_not_names_the_referral_that_decided_before_evidence_was_weighed():
    """--why-not coaching used to list coaching rules only, never that refer.counselling decided first."""
    doc = json.loads(run("explain", "--profile", BURNT_OUT, "--why-not", "coaching", "--format", "json").output)
    assert doc["decided_by"] == {"clause": 0, "outcome": "refer", "referral": "counselling",
                                 "rules": ["refer.counselling"],
                                 "tests": [{"test": "concluded", "argument": "refer", "holds": True}]}
    assert doc["needs"] == [{"clause": 5, "tests": [{"test": "leads", "argument": "coaching", "holds": True},
                                                    {"test": "among", "argument": ["coaching", "mentoring"],
                                                     "holds": True}]}]
    text = run("explain", "--profile", BURNT_OUT, "--why-not", "coaching", "--ids").output
    lines = text.splitlines()
    after_header = next(line for line in lines[1:] if not line.startswith("  "))  # the header wraps at 80 columns
    assert after_header.startswith("Policy step 1 decided first: refer.counselling concluded refer (counselling)")
    assert "that holds here, but step 1 comes first" in " ".join(text.split())
    said = " ".join(run("explain", "--profile", BURNT_OUT, "--why-not", "coaching").output.split())
    assert ("Policy step 1 decided first: Refer elsewhere: counselling or therapy (in any imminent danger: "
            "emergency services now) was concluded, which the policy applies before weighing evidence. Signs that "
            "interfere with daily functioning") in said


def test_why_not_evidence_clause_states_its_tests_against_the_evidence():
    doc = json.loads(run("explain", "--profile", EXAMPLE, "--why-not", "blended", "--format", "json").output)
    assert doc["decided_by"]["outcome"] == "coaching" and doc["decided_by"]["tests"][0]["holds"] is True
    text = " ".join(run("explain", "--profile", EXAMPLE, "--why-not", "blended", "--ids").output.split())
    scores = doc["scores"]
    assert ("blended (policy step 5), weighing only coaching and mentoring, needs each of them "
            "at least 4 and a ratio (larger to smaller) at most 1.5") in text
    assert f"mentoring is {4 - scores['mentoring']:g} short" in text
    said = " ".join(run("explain", "--profile", EXAMPLE, "--why-not", "blended").output.split())  # the policy's words
    assert ("A blend of coaching and mentoring (policy step 5), weighing only Executive coaching and Mentoring, "
            "needs each of them at least 4 and a ratio (larger to smaller) at most 1.5") in said
    assert f"Mentoring is {4 - scores['mentoring']:g} short" in said
    assert ("Policy step 6 decided: Executive coaching, weighing only Executive coaching and Mentoring, needs it "
            "ahead of the other; observed") in said


def test_why_not_clause_scope_reads_as_an_aside_and_limits_are_said_together():
    """The scope used to read "needs counting only the evidence for Executive coaching and Mentoring:
    Executive coaching ahead of every other outcome"; the clause's own outcome is now "it"."""
    said = " ".join(run("explain", "--profile", BURNT_OUT, "--why-not", "coaching").output.split())
    assert ("Executive coaching (policy step 6), weighing only Executive coaching and Mentoring, needs it ahead of "
            "the other; observed Executive coaching 2, Mentoring 0, A sponsor 0: that holds here, but step 1 comes "
            "first.") in said
    assert "counting only" not in said
    sponsor = " ".join(run("explain", "--profile", EXAMPLE, "--why-not", "sponsorship").output.split())
    assert ("A sponsor (policy step 4) needs it ahead of every other outcome and Executive coaching and Mentoring "
            "each below 3; observed") in sponsor
    ids = " ".join(run("explain", "--profile", EXAMPLE, "--why-not", "sponsorship", "--ids").output.split())
    assert "sponsorship (policy step 4) needs it ahead of every other outcome and coaching and mentoring each below 3" \
        in ids


def test_why_not_unknown_outcome_is_a_located_error_with_a_hint():
    result = CliRunner().invoke(cli, ["explain", "--profile", EXAMPLE, "--why-not", "coachin"])
    assert result.exit_code == 2
    assert result.output.startswith("--why-not:0:0: PF613: the policy gives no outcome 'coachin'")
    assert "(did you mean 'coaching'?)" in result.output


def test_explain_shows_no_confidence_figure_for_provisional_advice():
    """The how-tree printed 'mentoring  confidence 1.00' while screening questions were unanswered."""
    graduate = str(ROOT / "examples" / "graduate-seeking-career-direction.yaml")
    first = run("explain", "--profile", graduate).output.splitlines()[0]
    assert first == "mentoring  provisional: no confidence given"
    settled = run("explain", "--profile", graduate, "--fact", "wellbeing_concern=no",
                  "--fact", "formal_performance_process=no", "--fact", "major_disruption=no",
                  "--fact", "systemic_cause=no", "--fact", "willing_to_change=yes").output.splitlines()[0]
    assert settled.startswith("mentoring  confidence ")


def test_repeated_fact_for_a_set_adds_up_and_a_conflicting_enum_is_refused():
    """Regression: `--fact needs=performance --fact needs=network` kept only network."""
    result = run("recommend", "--fact", "needs=performance", "--fact", "needs=network,performance",
                 "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["facts"]["needs"] == ["network", "performance"]
    result = CliRunner().invoke(cli, ["recommend", "--fact", "goal_clarity=specific", "--fact",
                                      "goal_clarity=emerging"])
    assert result.exit_code == 2
    assert "--fact:0:0: PF613: --fact goal_clarity given twice, as 'specific' and 'emerging'" in result.output
    assert run("recommend", "--fact", "goal_clarity=specific", "--fact", "goal_clarity=specific").exit_code == 0


def test_interview_save_never_overwrites_without_force_and_is_checked_first(tmp_path):
    """Regression: --save silently replaced an existing profile, and a missing folder
    failed only after the whole interview with an internal error."""
    saved = tmp_path / "p.yaml"
    saved.write_text("goal_clarity: specific\n")
    result = CliRunner().invoke(cli, ["interview", "--save", str(saved)], input="yes\n")
    assert result.exit_code == 2 and "PF612" in result.output and "Q1." not in result.output
    assert saved.read_text() == "goal_clarity: specific\n"
    result = CliRunner().invoke(cli, ["interview", "--save", str(saved), "--force"], input="yes\n")
    assert result.exit_code == 0 and yaml.safe_load(saved.read_text()) == {"wellbeing_concern": True}
    result = CliRunner().invoke(cli, ["interview", "--save", str(tmp_path / "no" / "p.yaml")], input="yes\n")
    assert result.exit_code == 2 and "PF618" in result.output and "Q1." not in result.output


def test_interview_save_failure_prints_the_answers(tmp_path, monkeypatch):
    import pathfit.cli.interview_answers as module
    from pathfit.engine.errors import fail

    def full_disk(path, text, replace=True):
        raise fail("PF619", "cannot write: No space left on device (ENOSPC); nothing was written")

    monkeypatch.setattr(module, "files_write_atomic", full_disk)
    result = CliRunner().invoke(cli, ["interview", "--save", str(tmp_path / "p.yaml")], input="yes\n")
    assert result.exit_code == 2 and "PF619" in result.stderr
    assert "wellbeing_concern: true" in result.stderr


def test_interview_json_writes_only_the_decision_to_stdout():
    """Regression: --format json mixed the prompts into stdout."""
    result = CliRunner().invoke(cli, ["interview", "--format", "json"], input="yes\n")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["recommendation"] == "refer"
    assert "Q1." in result.stderr


def test_why_not_with_what_if_is_an_error_not_a_silent_drop():
    """Regression: `explain --why-not mentoring --what-if` answered only --why-not."""
    result = CliRunner().invoke(cli, ["explain", "--profile", EXAMPLE, "--why-not", "mentoring", "--what-if"])
    assert result.exit_code == 2 and "--what-if:0:0: PF613:" in result.output


def test_an_empty_or_a_second_why_not_is_refused_not_ignored():
    """Regressions: `--why-not ''` printed the derivation, and a second --why-not silently won."""
    profile = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
    empty = run("explain", "--profile", profile, "--why-not", "")
    assert empty.exit_code == 2 and empty.stderr.startswith("--why-not:0:0: PF613: the policy gives no outcome ''")
    twice = run("explain", "--profile", profile, "--why-not", "coaching", "--why-not", "mentoring")
    assert twice.exit_code == 2 and twice.stderr == ("--why-not:0:0: PF613: --why-not given twice, as 'coaching' "
                                                     "and 'mentoring'; give one\n")
    assert run("explain", "--profile", profile, "--why-not", "mentoring").exit_code == 0


@pytest.mark.parametrize("text", ["1e-400", "-2.5e-999", "0.0000001e-320"])
def test_a_number_too_small_for_a_float_is_refused_not_read_as_zero(tmp_path, text):
    """Regression: `--fact hours_per_month=1e-400`, the same CSV cell, JSON Lines row, `.json`
    or YAML profile were read as 0 and fired the rule for no time at all."""
    result = run("recommend", "--fact", f"hours_per_month={text}")
    assert result.exit_code == 2 and f"--fact:0:0: PF402: hours_per_month is a number from 0 to 160, not '{text}'" \
        in result.stderr
    (tmp_path / "in.csv").write_text(f"id,hours_per_month\na,{text}\nb,0.0e+5\n")
    (tmp_path / "in.jsonl").write_text(f'{{"id": "a", "hours_per_month": {text}}}\n{{"id": "b", "hours_per_month": 0.0e+5}}\n')
    for name in ("in.csv", "in.jsonl"):
        result = run("batch", str(tmp_path / name), "--out", str(tmp_path / "o.jsonl"))
        rows = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
        assert result.exit_code == 1 and rows[0]["error"]["code"] == "PF402" and rows[1]["error"] is None, name
    (tmp_path / "p.json").write_text(f'{{"hours_per_month": {text}}}')
    dotted = text if "." in text.split("e")[0] else text.replace("e", ".0e")  # YAML 1.1 reads a float with a point
    (tmp_path / "p.yaml").write_text(f"hours_per_month: {dotted}\n")
    for name, shown in (("p.json", text), ("p.yaml", dotted)):
        result = run("recommend", "--profile", str(tmp_path / name))
        assert result.exit_code == 2 and f"PF402: hours_per_month is a number from 0 to 160, not '{shown}'" \
            in result.stderr, (name, result.output)
