"""`pathfit interview --subject ID --save FILE` with a rule set that has a fact named `subject`:
a profile's `subject` is then that fact's answer, so the saved profile keeps the answer there and
not the subject, and reading it back (`recommend --profile`) gives the answers the interview had.
Regression: the subject was written over the answer (`subject: finance` saved as
`subject: Alice`, read back as PF403), and with the fact unanswered a subject spelt like one of
its values was read back as the person's answer."""
from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def _rules_with_a_subject_fact(tmp_path: Path) -> Path:
    rules = tiny_copy(tmp_path)
    schema = yaml.safe_load((rules / "schema.yaml").read_text())
    schema["facts"]["subject"] = {"type": "enum", "values": ["finance", "sales"], "question": "Which area?"}
    (rules / "schema.yaml").write_text(yaml.safe_dump(schema, sort_keys=False))
    return rules


def _interview_then_quit(rules: Path, profile: dict, subject: str, saved: Path) -> dict:
    start = saved.parent / "start.yaml"
    start.write_text(yaml.safe_dump(profile))
    result = CliRunner().invoke(cli, ["interview", "--rules", str(rules), "--profile", str(start),
                                      "--subject", subject, "--save", str(saved)], input="quit\n")
    assert result.exit_code == 0, result.output
    return yaml.safe_load(saved.read_text())


def _facts_read_back(rules: Path, saved: Path) -> dict:
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--profile", str(saved),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)["facts"]


def test_the_answer_to_a_fact_named_subject_is_saved_not_the_subject(tmp_path: Path):
    rules = _rules_with_a_subject_fact(tmp_path)
    saved = _interview_then_quit(rules, {"subject": "finance", "goal": "specific"}, "Alice", tmp_path / "s.yaml")
    assert saved == {"subject": "finance", "goal": "specific"}
    assert _facts_read_back(rules, tmp_path / "s.yaml") == {"subject": "finance", "goal": "specific"}


def test_a_subject_spelt_like_a_value_is_not_read_back_as_the_answer(tmp_path: Path):
    rules = _rules_with_a_subject_fact(tmp_path)
    saved = _interview_then_quit(rules, {"goal": "specific"}, "sales", tmp_path / "s.json")
    assert saved == {"goal": "specific"}
    assert _facts_read_back(rules, tmp_path / "s.json") == {"goal": "specific"}


def test_without_a_fact_named_subject_the_subject_is_saved_at_the_top_level(tmp_path: Path):
    rules = tiny_copy(tmp_path)
    saved = _interview_then_quit(rules, {"goal": "specific"}, "Alice", tmp_path / "s.yaml")
    assert saved == {"goal": "specific", "subject": "Alice"}
