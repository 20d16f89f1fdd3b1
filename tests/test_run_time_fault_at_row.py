"""A row's run-time fault found at a rule (two values for a valued derived fact, PF231) is
located at the row in the corpus, in `batch` (its stderr summary and its output rows) and in
`impact`, its message naming the rule's place: a rule file's line and column given under the
corpus's name point at a line of the corpus that says nothing of it, or that does not exist."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.authoring.impact import compare
from pathfit.engine.errors import Pos

from .helpers import UNREADY_SLOW, VALUED

CONFLICT = {"hours": 3, "ready": False}  # p.steady sets pace steady, p.unready slow


@pytest.fixture
def conflicting(tmp_path: Path) -> Path:
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    with open(rules / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(UNREADY_SLOW)
    return rules


def _rule_place(rules: Path) -> str:
    with Engine.load(rules) as engine:
        pos = engine.ruleset.rule("p.steady").pos
    return f"(rules at {pos.file}:{pos.line}:{pos.col})"


@pytest.mark.parametrize("kind", ["jsonl", "csv"])
@pytest.mark.parametrize("before", [0, 3])
def test_batch_locates_the_fault_at_the_row(conflicting, tmp_path, kind, before):
    corpus = tmp_path / f"in.{kind}"
    rows = [{"hours": 9, "ready": True}] * before + [CONFLICT]
    if kind == "jsonl":
        corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
        line = before + 1
    else:
        corpus.write_text("hours,ready\n" + "".join(f"{r['hours']},{str(r['ready']).lower()}\n" for r in rows))
        line = before + 2
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["batch", "--rules", str(conflicting), str(corpus), "--out", str(out)])
    assert result.exit_code == 1, result.output
    place = _rule_place(conflicting)
    assert f"{corpus}:{line}:1: PF231: " in result.stderr
    assert place in result.stderr
    last = json.loads(out.read_text().splitlines()[-1])
    assert (last["error"]["code"], last["error"]["line"], last["error"]["col"]) == ("PF231", line, 1)
    assert last["error"]["message"].endswith(place)


def test_impact_locates_the_fault_at_the_row(conflicting, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"hours": 9, "ready": true}\n\n' + json.dumps(CONFLICT) + "\n")
    with Engine.load(VALUED) as before, Engine.load(conflicting) as after:
        row = compare(before, after, corpus).rows[1]
    assert (row.line, row.after.label) == (3, "refused (PF231)")
    assert row.after.error.pos == Pos(str(corpus), 3, 1)
    assert row.after.error.message.endswith(_rule_place(conflicting))
    result = CliRunner().invoke(cli, ["impact", "--base", str(VALUED), "--rules", str(conflicting),
                                      "--profiles", str(corpus)])
    assert result.exit_code == 0, result.output
    assert f"{corpus}:3:1: PF231: " in result.stdout
