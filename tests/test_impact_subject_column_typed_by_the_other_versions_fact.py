"""Regression: where one rule-set version has a fact named `subject` and the other has none, a
CSV corpus's `subject` column is the fact on one side and whom the row is about on the other,
as `batch` reads it under each. `impact` typed the column on both sides by the one version's
fact, so the side without it was handed `true` for the subject `yes` and called the row
`invalid (PF628)` (subject is text, not true or false), a decision change `batch` under that
version does not make. Each side now reads the column as `batch` does under that version."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

CORPUS = "id,subject,goal,hours,needs\nr1,yes,emerging,1,network\nr2,Ann,emerging,2,\"skill;network\"\n"


def _with_subject_fact(rules: Path) -> Path:
    schema = rules / "schema.yaml"
    text = schema.read_text()
    assert "  ready:\n" in text
    schema.write_text(text.replace("  ready:\n", "  subject:\n    type: bool\n    question: A subject?\n  ready:\n", 1))
    return rules


def _batch_labels(tmp_path: Path, corpus: Path, rules: Path) -> list[str]:
    """Each row's decision as `batch` under `rules` gives it, labelled as impact labels a side."""
    out = tmp_path / f"{rules.parent.name}.jsonl"
    CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(out), "--rules", str(rules), "--jobs", "1",
                             "--quiet"])
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    return [f"invalid ({r['error']['code']})" if r["error"] else r["outcome"] for r in rows]


def _impact_json(tmp_path, base, new) -> tuple:
    """(the corpus written, impact's JSON report of it from `base` to `new`)."""
    corpus = tmp_path / "c.csv"
    corpus.write_text(CORPUS)
    result = CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus),
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    return corpus, json.loads(result.stdout)


@pytest.mark.parametrize("fact_in_base", [True, False])
def test_each_side_reads_the_subject_column_as_batch_does_under_it(tmp_path, fact_in_base):
    with_fact = _with_subject_fact(tiny_copy(tmp_path / "with"))
    without = tiny_copy(tmp_path / "without")
    base, new = (with_fact, without) if fact_in_base else (without, with_fact)
    corpus, report = _impact_json(tmp_path, base, new)
    sides = {r["id"]: (r["before"]["decision"], r["after"]["decision"])
             for r in report["decision_changed"] + report["firing_changed"]}
    expected = list(zip(_batch_labels(tmp_path, corpus, base), _batch_labels(tmp_path, corpus, new)))
    # r1 (`yes`: the fact true, or the subject "yes") is decided alike, so unchanged and unlisted
    assert expected[0][0] == expected[0][1] == "mentoring"
    assert "r1" not in sides
    assert sides["r2"] == expected[1]


@pytest.mark.parametrize("derived_in_base", [True, False])
def test_a_subject_derived_in_one_version_is_the_subject_in_the_other(tmp_path, derived_in_base):
    """Derived on one side, whom the row is about on the other: the column is taken (as `batch`
    under the other version takes it) and the rows are PF405 where it is derived, in either order
    (the corpus was refused whole at its header, PF405, in either order)."""
    derived = tiny_copy(tmp_path / "derived")
    schema = derived / "schema.yaml"
    schema.write_text(schema.read_text().replace("derived:\n", "derived:\n  subject:\n    description: x\n", 1))
    plain = tiny_copy(tmp_path / "plain")
    base, new = (derived, plain) if derived_in_base else (plain, derived)
    rows = _impact_json(tmp_path, base, new)[1]["decision_changed"]
    side = "before" if derived_in_base else "after"
    assert [(r["id"], r[side]["error"]["code"], r[side]["error"]["line"], r[side]["error"]["col"]) for r in rows] == \
        [("r1", "PF405", 2, 4), ("r2", "PF405", 3, 4)]


def test_a_bad_subject_is_refused_by_impact_where_batch_refuses_it(tmp_path):
    """The subject is checked as `batch` checks it, at its key (PF628)."""
    rules = tiny_copy(tmp_path)
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "subject": 42, "goal": "emerging"}\n')
    result = CliRunner().invoke(cli, ["impact", "--base", str(rules), "--rules", str(rules), "--profiles", str(corpus)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{corpus}:1:{corpus.read_text().index('42') + 1}: PF628: "), result.stderr
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(cli, ["batch", str(corpus), "--out", str(out), "--rules", str(rules), "--jobs", "1", "--quiet"])
    error = json.loads(out.read_text())["error"]
    assert (error["line"], error["col"], error["code"]) == (1, corpus.read_text().index("42") + 1, "PF628")


def test_a_subject_is_printed_nowhere_the_row_named_as_batch_names_it(tmp_path):
    """A row whose decision changed is named by its id, else its number, never by its subject,
    which `batch` prints nowhere either (it seals it in a record)."""
    base = tiny_copy(tmp_path / "base")
    new = tiny_copy(tmp_path / "new")
    text = (new / "rules.yaml").read_text()
    (new / "rules.yaml").write_text(text.replace("{evidence: {mentoring: 2}}", "{evidence: {coaching: 5}}", 1))
    corpus = tmp_path / "c.csv"
    corpus.write_text("subject,needs\nZed Quux,network\n")
    said = {}
    for fmt in ("text", "json"):
        result = CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles",
                                          str(corpus), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert "Zed Quux" not in result.output
        said[fmt] = result.stdout
    assert "  row 1, no id (line 2): mentoring -> coaching\n" in said["text"]
    (row,) = json.loads(said["json"])["decision_changed"]
    assert (row["row"], row["id"]) == (1, None)
