"""Yes/no typed as text reads the same every way a person types it: `--fact` (and the web page's
form, which reads as `--fact` does), a batch's CSV cell and an interview answer. Regression:
each way had its own list: `--fact ready=TRUE`, `=y` and `=1` were refused (PF402) while the same
cell in a CSV batch was read as yes, and `t`/`f` were taken by the interview alone."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.cli.profile_input import read_profile
from pathfit.engine.errors import PathfitError
from pathfit.engine.explain.answers import BadAnswer, parse_answer

from .audit_support import engine  # the module-scoped fixture the audit tests share

# written here, not taken from the code: what a person may type, and what it means
SAID = {**{w: True for w in ("yes", "Yes", "YES", "y", "Y", "true", "True", "TRUE", "t", "T", "1", " yes ")},
        **{w: False for w in ("no", "No", "NO", "n", "N", "false", "False", "FALSE", "f", "F", "0", "\tno")}}
REFUSED = ("maybe", "oui", "on", "off", "yess", "-1", "1.0", "01", "ja", "nope")
FACT = "measurable_soon"


def _by_fact(engine, text: str):
    profile = read_profile(None, (f"{FACT}={text}",), engine)[0]
    try:
        return engine.check(profile)[FACT]
    except PathfitError as err:
        return err.codes


def _by_csv(tmp_path, texts) -> list:
    lines = ["id," + FACT] + [f"r{i},\"{t}\"" for i, t in enumerate(texts)]
    (tmp_path / "in.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    CliRunner().invoke(cli, ["batch", str(tmp_path / "in.csv"), "--out", str(out)])
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return [[e["code"] for e in r["errors"]] if r["errors"] else r for r in rows]


def _by_interview(engine, text: str):
    try:
        return parse_answer(engine.ruleset.facts[FACT], text)
    except BadAnswer:
        return "refused"


def test_every_typed_way_reads_yes_and_no_alike(engine, tmp_path):
    csv_rows = _by_csv(tmp_path, list(SAID) + list(REFUSED))
    for text, meant in SAID.items():
        assert _by_fact(engine, text) is meant, text
        assert _by_interview(engine, text) is meant, text
    for text in REFUSED:
        assert _by_fact(engine, text) == ["PF402"], text
        assert _by_interview(engine, text) == "refused", text
    for row, text in zip(csv_rows, list(SAID) + list(REFUSED)):
        assert (row == ["PF402"]) == (text in REFUSED), (text, row)


@pytest.mark.parametrize("text", ["TRUE", "y", "1", "F"])
def test_recommend_takes_a_spreadsheets_spelling_as_the_batch_does(tmp_path, text):
    row = _by_csv(tmp_path, [text])[0]
    said = CliRunner().invoke(cli, ["recommend", "--fact", f"{FACT}={text}", "--format", "json"])
    assert said.exit_code == 0, said.output
    assert json.loads(said.stdout)["facts"][FACT] is SAID[text]
    assert json.loads(said.stdout)["recommendation"] == row["outcome"]
