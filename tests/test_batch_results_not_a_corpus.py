"""A `pathfit batch` results file given back to `batch` or `impact` as a corpus is refused
before any row, as docs/authoring.md says: a CSV one by its header (PF401, each result column
naming no fact), a JSON Lines one by its first row (PF406), nothing written. Regression: the
JSON Lines results file, the default --out format, gave each row an error per result key
(`confidence`, `error`, ...), wrote an output of them and exited 1."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")
CORPUS = '{"id": "a", "goal": "specific"}\n{"id": "b", "goal": "emerging"}\n'


def _results(tmp_path, name: str):
    (tmp_path / "in.jsonl").write_text(CORPUS)
    made = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "--out", str(tmp_path / name),
                                    "--rules", TINY, "--quiet"])
    assert made.exit_code == 0, made.output
    return tmp_path / name


@pytest.mark.parametrize("name, at", [("results.jsonl", "1:1: PF406: "), ("results.csv", "1:1: PF401: ")])
def test_batch_refuses_its_own_results_as_a_corpus_before_any_row(tmp_path, name, at):
    results = _results(tmp_path, name)
    again = CliRunner().invoke(cli, ["batch", str(results), "--out", str(tmp_path / "again.jsonl"), "--rules", TINY])
    assert again.exit_code == 2, again.output
    assert again.stderr.startswith(f"{results}:{at}"), again.stderr
    assert not (tmp_path / "again.jsonl").exists()


@pytest.mark.parametrize("name, at", [("results.jsonl", "1:1: PF406: "), ("results.csv", "1:1: PF401: ")])
def test_impact_refuses_batch_results_as_a_corpus(tmp_path, name, at):
    results = _results(tmp_path, name)
    result = CliRunner().invoke(cli, ["impact", "--base", TINY, "--rules", TINY, "--profiles", str(results)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{results}:{at}"), result.stderr
