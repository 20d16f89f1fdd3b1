"""`impact` over a CSV corpus when schema.yaml adds or removes a fact: a column naming a fact
of either version is read, and each row holding it is `invalid (PF401)` on the side that lacks
it, as with JSON Lines; a column naming a fact of neither still refuses the input whole (once),
and `batch` still refuses a column its rule set has no fact for."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.authoring.impact import compare
from pathfit.engine.errors import Pos

from .helpers import tiny_copy, tiny_with_and_without_secret

CORPUS = "id,needs,secret\ns,basics,true\nt,basics,\n"


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, Path]:
    """(with `secret`, without it)."""
    return tiny_with_and_without_secret(tmp_path)


@pytest.mark.parametrize("removed", [True, False])
def test_a_column_of_one_version_only_makes_its_rows_invalid_on_the_other(versions, tmp_path, removed):
    with_it, without = versions
    base, new = (with_it, without) if removed else (without, with_it)
    corpus = tmp_path / "c.csv"
    corpus.write_text(CORPUS)
    with Engine.load(base) as before, Engine.load(new) as after:
        rows = compare(before, after, corpus).rows
    sides = [(r.id, r.before.label, r.after.label) for r in rows]
    invalid = "invalid (PF401)"
    assert sides == [("s", "refer (training)", invalid) if removed else ("s", invalid, "refer (training)"),
                     ("t", "refer (training)", "refer (training)")]
    error = (rows[0].after if removed else rows[0].before).error
    assert error.pos == Pos(str(corpus), 2, 10)  # the row's `secret` cell
    result = CliRunner().invoke(cli, ["impact", "--base", str(base), "--rules", str(new), "--profiles", str(corpus)])
    assert result.exit_code == 0, result.output
    assert f"s (line 2): {sides[0][1]} -> {sides[0][2]}" in result.stdout


def test_a_column_of_neither_version_refuses_the_input_once(versions, tmp_path):
    with_it, without = versions
    corpus = tmp_path / "c.csv"
    corpus.write_text("id,needs,secrets\ns,basics,true\n")
    with Engine.load(with_it) as before, Engine.load(without) as after, pytest.raises(PathfitError) as err:
        compare(before, after, corpus)
    assert [(p.code, p.pos) for p in err.value.problems] == [("PF401", Pos(str(corpus), 1, 10))]
    result = CliRunner().invoke(cli, ["impact", "--base", str(with_it), "--rules", str(without),
                                      "--profiles", str(corpus)])
    assert result.exit_code == 2
    assert result.output.count("PF401") == 1 and f"{corpus}:1:10: PF401: " in result.output


def test_batch_still_refuses_a_column_its_rules_have_no_fact_for(versions, tmp_path):
    _, without = versions
    corpus = tmp_path / "c.csv"
    corpus.write_text(CORPUS)
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", "--rules", str(without), str(corpus), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{corpus}:1:10: PF401: column 'secret' names no fact" in result.output
    assert not out.exists()


def test_a_column_naming_a_fact_derived_in_one_version_only_makes_its_rows_invalid_there(tmp_path):
    """`batch` refuses a CSV column naming a derived fact; `impact` reads a column naming a fact
    that is an input in either version, each row holding it `invalid (PF405)` on the side where
    the rules derive it."""
    derived = tiny_copy(tmp_path / "derived")
    given = tiny_copy(tmp_path / "given")
    schema = (given / "schema.yaml").read_text()
    block = "  broad:\n    description: broad development\n"
    assert block in schema
    schema = schema.replace(block, "").replace("facts:\n", "facts:\n  broad:\n    type: bool\n    question: Broad?\n",
                                                1)
    (given / "schema.yaml").write_text(schema)
    rules = (given / "rules.yaml").read_text()
    start = rules.index("  - id: d.broad")
    (given / "rules.yaml").write_text(rules[:start] + rules[rules.index("  - id: e.coach"):])
    corpus = tmp_path / "c.csv"
    corpus.write_text("id,needs,broad\nb,network,true\nc,network,\n")
    with Engine.load(derived) as before, Engine.load(given) as after:
        rows = compare(before, after, corpus).rows
    assert [(r.id, r.before.label, r.after.label) for r in rows] == [
        ("b", "invalid (PF405)", "mentoring"), ("c", "mentoring", "undetermined")]
