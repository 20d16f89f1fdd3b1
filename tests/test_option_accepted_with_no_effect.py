"""An option given where it can do nothing is refused, never accepted and dropped.

Regression: `recommend --subject ann` with neither `--record` nor `--audit-log` exited 0 and
kept the subject nowhere (a subject is kept in records only; the advice never shows it), as
`--operator` did; `interview --subject` and `--operator` likewise without a record (and, for
the subject, without `--save`), `interview --force` without `--save`, and `batch --operator`
without `--audit-log`. `lint --list-checks --format json` and `lint --explain CODE --format json`
printed text to a script reading JSON, and `lint --list-checks --explain CODE` dropped the
list. Each is now PF613 at the option's name, exit status 2, nothing written.

Options whose effect JSON always has (`--ids`, `impact --all`, `test -v` with `--format json`),
and those a script passes whatever it reads (`--audit-key` on a log with nothing sealed,
`lint --list-checks --rules DIR`), stay accepted: there the output is the one without them.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import keyed_workplace

PROFILE = "person.yaml"
PERSON = "career_stage: senior_leader\ntrigger: new_role\n"
COHORT = "in.csv"

# (command line, the option refused): each exited 0 with the option dropped
REFUSED = [
    (["recommend", "--profile", PROFILE, "--subject", "ann"], "--subject"),
    (["recommend", "--profile", PROFILE, "--subject", "ann", "--format", "json"], "--subject"),
    (["recommend", "--profile", PROFILE, "--operator", "J. Smith"], "--operator"),
    (["recommend", "--profile", PROFILE, "--operator", "J. Smith", "--format", "markdown"], "--operator"),
    (["interview", "--profile", PROFILE, "--subject", "ann"], "--subject"),
    (["interview", "--profile", PROFILE, "--subject", "ann", "--format", "json"], "--subject"),
    (["interview", "--profile", PROFILE, "--operator", "J. Smith", "--save", "saved.yaml"], "--operator"),
    (["interview", "--profile", PROFILE, "--force"], "--force"),
    (["interview", "--profile", PROFILE, "--force", "--format", "json", "--record", "r.json"], "--force"),
    (["batch", COHORT, "--out", "out.jsonl", "--operator", "J. Smith"], "--operator"),
    (["batch", COHORT, "--out", "out.csv", "--operator", "J. Smith", "--quiet"], "--operator"),
    (["lint", "--list-checks", "--format", "json"], "--format"),
    (["lint", "--explain", "PF713", "--format", "json"], "--format"),
    (["lint", "--list-checks", "--explain", "PF713"], "--explain"),
]

# The same options where they do something: still accepted
APPLIED = [
    ["recommend", "--profile", PROFILE, "--subject", "ann", "--operator", "J. Smith", "--record", "r.json"],
    ["recommend", "--profile", PROFILE, "--subject", "ann", "--audit-log", "log.jsonl", "--format", "json"],
    ["interview", "--profile", PROFILE, "--subject", "ann", "--save", "saved.yaml"],
    ["interview", "--profile", PROFILE, "--operator", "J. Smith", "--audit-log", "log.jsonl"],
    ["interview", "--profile", PROFILE, "--save", "old.yaml", "--force"],
    ["batch", COHORT, "--out", "out.jsonl", "--operator", "J. Smith", "--audit-log", "log.jsonl"],
    ["recommend", "--profile", "named.yaml"],  # a profile's own subject is no option
    ["interview", "--profile", "named.yaml", "--format", "json"],
    ["lint", "--list-checks"],
    ["lint", "--explain", "PF713"],
    ["lint", "--format", "json"],
]

# Accepted where they change nothing the command prints: JSON always holds what they add to
# the text, or a script passes them whatever it reads. (command line, the option)
HARMLESS = [
    (["recommend", "--profile", PROFILE, "--format", "json", "--ids"], "--ids"),
    (["explain", "--profile", PROFILE, "--format", "json", "--ids"], "--ids"),
    (["impact", "--base", "RULES", "--profiles", "corpus.jsonl", "--format", "json", "--all"], "--all"),
    (["test", "--format", "json", "-v"], "-v"),
    (["lint", "--list-checks", "--rules", "nowhere"], "--rules"),
    (["audit", "show", "plain.jsonl", "--audit-key", "KEY"], "--audit-key"),
    (["replay", "plain.jsonl", "--audit-key", "KEY"], "--audit-key"),
]


@pytest.fixture
def workplace(tmp_path, tmp_path_factory, monkeypatch):
    """A folder holding a profile, a cohort, a corpus and a log with nothing sealed, the audit
    key kept outside it."""
    key = keyed_workplace(tmp_path, tmp_path_factory, monkeypatch)
    (tmp_path / PROFILE).write_text(PERSON)
    (tmp_path / "old.yaml").write_text(PERSON)
    (tmp_path / "named.yaml").write_text("facts:\n  career_stage: senior_leader\nsubject: ann\n")
    (tmp_path / COHORT).write_text("id,career_stage,trigger\nr1,senior_leader,new_role\n")
    (tmp_path / "corpus.jsonl").write_text(json.dumps({"career_stage": "senior_leader", "trigger": "new_role"}) + "\n")
    made = CliRunner().invoke(cli, ["recommend", "--profile", PROFILE, "--audit-log", "plain.jsonl"])
    assert made.exit_code == 0, made.output
    return tmp_path, key


def _files(folder) -> dict:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


@pytest.mark.parametrize("line, option", REFUSED, ids=[" ".join(line) for line, _ in REFUSED])
def test_an_option_that_would_do_nothing_is_refused_at_its_name(workplace, line, option):
    folder, _ = workplace
    before = _files(folder)
    result = CliRunner().invoke(cli, line, input="")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{option}:0:0: PF613: "), result.stderr
    assert result.stdout == "" and "Traceback" not in result.output
    assert _files(folder) == before


def test_a_subject_given_badly_and_with_nothing_to_keep_it_is_refused_for_what_is_wrong_with_it(workplace):
    result = CliRunner().invoke(cli, ["recommend", "--profile", "named.yaml", "--subject", "bob"])
    assert result.exit_code == 2 and result.stderr.startswith("--subject:0:0: PF628: "), result.output


def test_every_option_given_for_nothing_is_named_at_once(workplace):
    result = CliRunner().invoke(cli, ["interview", "--subject", "ann", "--operator", "J. Smith", "--force"], input="")
    assert result.exit_code == 2, result.output
    assert [ln.split(":0:0: ")[0] for ln in result.stderr.splitlines()] == ["--force", "--operator", "--subject"]


@pytest.mark.parametrize("line", APPLIED, ids=[" ".join(line) for line in APPLIED])
def test_the_same_option_where_it_does_something_is_accepted(workplace, line):
    result = CliRunner().invoke(cli, line, input="")
    assert result.exit_code == 0, result.output


def test_a_subject_given_with_a_record_is_kept_in_it(workplace):
    result = CliRunner().invoke(cli, ["recommend", "--profile", PROFILE, "--subject", "ann", "--operator", "J. Smith",
                                      "--record", "r.json"])
    assert result.exit_code == 0, result.output
    shown = CliRunner().invoke(cli, ["audit", "show", "r.json", "--subject", "ann", "--operator", "J. Smith"])
    assert shown.exit_code == 0 and shown.stderr.endswith("1 of 1 record\n"), shown.output


@pytest.mark.parametrize("line, option", HARMLESS, ids=[" ".join(line) for line, _ in HARMLESS])
def test_an_option_whose_effect_is_already_there_is_accepted_and_changes_nothing(workplace, line, option):
    folder, key = workplace
    from pathfit.engine.pipeline.bundled import bundled_rules_dir

    given = [{"RULES": str(bundled_rules_dir()), "KEY": str(key)}.get(word, word) for word in line]
    at = given.index(option)
    without = given[:at] + given[at + (1 if option in ("--ids", "--all", "-v") else 2):]
    with_it, plain = CliRunner().invoke(cli, given), CliRunner().invoke(cli, without)
    assert with_it.exit_code == plain.exit_code and with_it.exit_code in (0, 1), with_it.output
    assert with_it.stdout == plain.stdout
