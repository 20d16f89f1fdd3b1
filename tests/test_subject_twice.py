"""A profile's subject given twice, beside its facts and among them, differently, is refused
(PF628) where the second is written, by the CLI as by the service: never one silently kept."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli


def _recommend(path) -> object:
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["recommend", "--profile", str(path), "--format", "json"])


def test_a_subject_beside_the_facts_and_another_among_them_is_pf628_at_the_one_beside(tmp_path):
    """Regression: the one among the facts was kept and the other dropped without a word."""
    profile = tmp_path / "p.yaml"
    profile.write_text("facts:\n  subject: Jane\n  goal_clarity: specific\nsubject: Bob\n")
    refused = _recommend(profile)
    assert refused.exit_code == 2, refused.output
    assert refused.stderr.startswith(f"{profile}:4:10: PF628: "), refused.stderr
    assert refused.stdout == ""


def test_the_same_subject_given_both_ways_is_taken(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("facts:\n  subject: Jane\n  goal_clarity: specific\nsubject: Jane\n")
    taken = _recommend(profile)
    assert taken.exit_code == 0, taken.output


def test_a_subject_beside_the_facts_is_taken_when_the_one_among_them_is_null(tmp_path):
    """Regression: `subject: null` among the facts (none, as in a request) kept the one beside
    them from being copied in, so it was dropped: a different --subject then passed."""
    profile = tmp_path / "p.yaml"
    profile.write_text("facts:\n  subject: null\n  goal_clarity: specific\nsubject: Bob\n")
    refused = CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, ["recommend", "--profile", str(profile),
                                                                  "--subject", "Carol"])
    assert refused.exit_code == 2 and "PF628: --subject differs from the profile's subject" in refused.stderr, \
        refused.output
