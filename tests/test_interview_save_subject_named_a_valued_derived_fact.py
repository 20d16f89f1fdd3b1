"""`pathfit interview --subject ID --save FILE` with a rule set whose valued derived fact is named
`subject` (declared under `derived:` with values, held as `subject=fast`, `subject=steady`, ...):
a profile's `subject` key then names a fact the rules set, refused as input (PF405) by every
reader of a profile. Regression: the interview saved `subject: Alice` all the same, as it does for
a rule set with no such fact, so the profile it wrote could not be read back; it now leaves the
subject out, as for a rule set with any other fact of that name."""
from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import VALUED


def _rules_with_a_valued_derived_fact_named_subject(tmp_path: Path) -> Path:
    """The valued fixture with its valued derived fact `pace` named `subject` instead."""
    rules = tmp_path / "rules"
    shutil.copytree(VALUED, rules, ignore=shutil.ignore_patterns("tests"))
    for name in ("schema.yaml", "rules.yaml"):
        text = (rules / name).read_text()
        (rules / name).write_text(text.replace("pace:", "subject:").replace("{fact: pace,", "{fact: subject,"))
    return rules


def test_the_subject_is_not_saved_where_a_valued_derived_fact_is_named_subject(tmp_path: Path):
    rules = _rules_with_a_valued_derived_fact_named_subject(tmp_path)
    start, saved = tmp_path / "start.yaml", tmp_path / "saved.yaml"
    start.write_text("goal: specific\nhours: 10\nready: true\n")
    got = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--profile", str(start),
                                   "--subject", "Alice", "--save", str(saved)], input="quit\n")
    assert got.exit_code == 0, got.output
    assert yaml.safe_load(saved.read_text()) == {"goal": "specific", "hours": 10, "ready": True}
    back = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(saved)])
    assert back.exit_code == 0, back.output


def test_a_profile_naming_that_fact_is_still_refused_as_derived(tmp_path: Path):
    """What the saved profile avoids: the key `subject` is that fact's, PF405 at the key."""
    rules = _rules_with_a_valued_derived_fact_named_subject(tmp_path)
    profile = tmp_path / "p.yaml"
    profile.write_text("goal: specific\nsubject: Alice\n")
    got = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(profile)])
    assert got.exit_code == 2
    assert [line.split(": ")[:2] for line in got.stderr.splitlines()] == [[f"{profile}:2:1", "PF405"]]
