"""A corpus row neither version takes is bad input to `impact`, which named its first problem
and `(and 1 more)` for the rest, even with PATHFIT_MAX_ERRORS=0, which promises every problem:
a row with two bad values was fixed one value a run. Each problem is now named at its place, as
`batch` names them (once where both versions say the same, else each naming its side)."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, impact_and_batch_problems, tiny_copy

TINY = str(HERE / "fixtures" / "tiny")
CORPORA = {"corpus.csv": "id,goal,hours\na,spec,999\nb,specific,4\n",
           "corpus.jsonl": '{"id": "a", "goal": "spec", "hours": 999}\n{"id": "b", "goal": "specific"}\n'}


@pytest.mark.parametrize("name", sorted(CORPORA))
def test_every_problem_of_a_row_neither_version_takes_is_named(tmp_path, monkeypatch, name):
    monkeypatch.setenv("PATHFIT_MAX_ERRORS", "0")
    corpus = tmp_path / name
    corpus.write_text(CORPORA[name])
    result, said, batch = impact_and_batch_problems(tmp_path, corpus, TINY)
    assert result.exit_code == 2, result.output
    assert [code for _, _, code in batch] == ["PF403", "PF404"]
    assert said == batch
    assert "more)" not in result.stderr


def test_a_row_the_versions_refuse_otherwise_names_each_sides_problems(tmp_path):
    """A problem both versions find is named once; one that differs, under each, naming its side."""
    new = tiny_copy(tmp_path)
    schema = new / "schema.yaml"
    schema.write_text(schema.read_text().replace("max: 160", "max: 900", 1))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"id": "a", "goal": "spec", "hours": 999}\n')
    result = CliRunner().invoke(cli, ["impact", "--base", TINY, "--rules", str(new), "--profiles", str(corpus)])
    assert result.exit_code == 2, result.output
    said = re.findall(rf"^{re.escape(str(corpus))}:(\d+):(\d+): (PF\d+): .*?( \(under the \w+ rule set\))?$",
                      result.stderr, re.M)
    assert said == [("1", "21", "PF403", ""), ("1", "38", "PF404", " (under the base rule set)"),
                    ("1", "38", "PF404", " (under the new rule set)")]
