"""A valued derived fact (`pace`, one of fast/steady/slow, set by rules) given as input is
PF405, "derived by the rules", as a boolean derived fact is: in a profile, in `--fact`, as
a CSV cohort's column and as a JSON Lines row's key. It was PF401, "unknown fact 'pace'",
about a fact schema.yaml declares, with no word that the rules set it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

VALUED = Path(__file__).parent / "fixtures" / "valued"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize("fact, value", [("pace", "fast"), ("structured", "true")])
def test_a_derived_fact_in_a_profile_is_pf405_at_its_key(tmp_path: Path, fact: str, value: str) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text(f"goal: specific\n{fact}: {value}\n", encoding="utf-8")
    result = _run("recommend", "--rules", str(VALUED), "--profile", str(profile))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"{profile}:2:1: PF405: {fact!r} is derived by the rules and cannot be given as input"]
    assert result.stdout == ""


@pytest.mark.parametrize("fact, value", [("pace", "fast"), ("structured", "true")])
def test_a_derived_fact_given_with_fact_is_pf405(fact: str, value: str) -> None:
    result = _run("recommend", "--rules", str(VALUED), "--fact", f"{fact}={value}")
    assert result.exit_code == 2
    assert [line.split(": ", 2)[:2] for line in result.stderr.splitlines()] == [["--fact:0:0", "PF405"]]


@pytest.mark.parametrize("fact", ["pace", "structured"])
def test_a_derived_fact_as_a_csv_column_is_pf405_at_the_column(tmp_path: Path, fact: str) -> None:
    cohort = tmp_path / "c.csv"
    cohort.write_text(f"id,{fact}\na,\n", encoding="utf-8")
    result = _run("batch", "--rules", str(VALUED), str(cohort), "--out", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2
    assert [line.split(": ", 2)[:2] for line in result.stderr.splitlines()] == [[f"{cohort}:1:4", "PF405"]]
    assert not (tmp_path / "out.jsonl").exists()


@pytest.mark.parametrize("fact, value", [("pace", "fast"), ("structured", True)])
def test_a_derived_fact_in_a_json_lines_row_is_that_rows_pf405(tmp_path: Path, fact: str, value) -> None:
    cohort = tmp_path / "c.jsonl"
    cohort.write_text(json.dumps({fact: value}) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = _run("batch", "--rules", str(VALUED), str(cohort), "--out", str(out))
    assert result.exit_code == 1
    row = json.loads(out.read_text(encoding="utf-8"))
    assert [(e["code"], e["line"], e["col"]) for e in row["errors"]] == [("PF405", 1, 2)]


def test_impact_reads_a_column_as_the_input_of_the_version_where_it_is_one(tmp_path: Path) -> None:
    """A fact that is an input in one version and a valued derived fact in the other is read as
    the input (its column taken), its rows invalid (PF405) on the side that derives it."""
    import shutil
    base = tmp_path / "base"
    shutil.copytree(VALUED, base)
    schema = (base / "schema.yaml").read_text(encoding="utf-8")
    assert "  pace:\n" in schema and "derived:\n" in schema
    head, derived = schema.split("derived:\n", 1)
    derived = derived.replace("  pace:\n    description: how fast the engagement should move\n"
                              "    type: enum\n    values: [fast, steady, slow]\n", "")
    (base / "schema.yaml").write_text(head.rstrip("\n") + "\n  pace:\n    type: enum\n    values: [fast, steady, slow]\n"
                                      "    question: How fast?\nderived:\n" + derived, encoding="utf-8")
    for rule_file in base.glob("*.yaml"):
        if rule_file.name not in ("schema.yaml", "policy.yaml"):
            rule_file.unlink()
    shutil.rmtree(base / "tests", ignore_errors=True)
    (base / "rules.yaml").write_text(
        "rules:\n  - id: e.pace\n    reason: A fast pace is coaching.\n    cites: [focus]\n"
        "    when: {fact: pace, equals: fast}\n    then: {evidence: {coaching: 3}}\n", encoding="utf-8")
    corpus = tmp_path / "c.csv"
    corpus.write_text("id,pace\na,fast\n", encoding="utf-8")
    result = _run("impact", "--base", str(base), "--rules", str(VALUED), "--profiles", str(corpus), "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert (report["invalid_before"], report["invalid_after"]) == (0, 1), report
    [row] = report["decision_changed"]
    assert row["before"]["outcome"] == "coaching"
    assert (row["after"]["decision"], row["after"]["error"]["line"], row["after"]["error"]["col"]) == \
        ("invalid (PF405)", 2, 3)
