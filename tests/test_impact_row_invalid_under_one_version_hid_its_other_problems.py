"""A corpus row one version takes and the other does not was shown, under the version that does
not, by its first problem and `(and 1 more)`, in the text and in the JSON's `error`, while a row
neither version takes names every problem: the row was fixed one value a run. Each problem of
that side is now named at its place, in the text and in the JSON side's `errors` (the first also
in `error`), as `batch` names a row's."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, tiny_copy

TINY = str(HERE / "fixtures" / "tiny")
ROW = '{"id": "a", "goal": "spec", "hours": 999}'


def _run(tmp_path, *more: str):
    """impact of a new tiny rule set taking goal 'spec' and hours up to 1000 against the tiny one,
    on one row with both: invalid under the base alone, at its goal (PF403) and its hours (PF404)."""
    new = tiny_copy(tmp_path)
    schema = new / "schema.yaml"
    text = schema.read_text().replace("max: 160", "max: 1000", 1)
    schema.write_text(text.replace("[specific, emerging, undefined]", "[specific, emerging, undefined, spec]", 1))
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(ROW + "\n")
    result = CliRunner().invoke(cli, ["impact", "--base", TINY, "--rules", str(new), "--profiles", str(corpus), *more])
    assert result.exit_code == 0, result.output
    return corpus, result.output


def test_the_text_names_every_problem_of_the_side_that_does_not_take_the_row(tmp_path):
    corpus, out = _run(tmp_path)
    said = re.findall(rf"^    {re.escape(str(corpus))}:(\d+):(\d+): (PF\d+): ", out, re.M)
    assert said == [("1", str(ROW.index('"spec"') + 1), "PF403"), ("1", str(ROW.index("999") + 1), "PF404")]
    assert "more)" not in out


def test_the_json_side_carries_every_problem_and_the_first_as_its_error(tmp_path):
    _, out = _run(tmp_path, "--format", "json")
    before = json.loads(out)["decision_changed"][0]["before"]
    assert [(e["line"], e["col"], e["code"]) for e in before["errors"]] == [
        (1, ROW.index('"spec"') + 1, "PF403"), (1, ROW.index("999") + 1, "PF404")]
    assert before["error"] == before["errors"][0]
    assert "more)" not in out
