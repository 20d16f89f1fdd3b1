"""Decision tables whose rows are a CSV file (`rows_from`): the same rules, decisions and
traces as the table written in YAML, the CSV in the rule set's digest and cache key, and a
link refused. Located errors are table-driven in tests/cases/csv_tables.yaml."""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import tiny_copy

_HEAD = "tables:\n  - id: pick\n    hit: first\n    reason: Goal and readiness decide.\n    cites: [focus]\n"
_CSV = (
    "goal one_of,ready,hours gte,id,reason,cites,evidence.coaching,evidence.mentoring,derive.structured,suggest,refer\n"
    "[specific],true,4,clear,,,2,,true,[external_coach],\n"
    '"[emerging, undefined]",true,-,unsure,"Unclear goal, so a mentor.",[structure],,2.5,,"[peer_mentoring]",\n'
    "\n"
    "-,false,-,,,,,,,,training\n")
_YAML_ROWS = """\
    inputs: [{fact: goal, test: one_of}, {fact: ready}, {fact: hours, test: gte}]
    rows:
      - id: clear
        when: [[specific], true, 4]
        then: {evidence: {coaching: 2}, derive: {structured: true}, suggest: [external_coach]}
      - id: unsure
        reason: Unclear goal, so a mentor.
        cites: [structure]
        when: [[emerging, undefined], true, '-']
        then: {evidence: {mentoring: 2.5}, suggest: [peer_mentoring]}
      - when: ['-', false, '-']
        then: {refer: training}
"""


def _csv_set(tmp: Path) -> Path:
    rules = tiny_copy(tmp / "csv")
    (rules / "t.yaml").write_text(_HEAD + "    rows_from: pick.csv\n")
    (rules / "pick.csv").write_text(_CSV)
    return rules


def test_a_csv_table_decides_exactly_as_the_same_table_in_yaml(tmp_path: Path) -> None:
    yaml_rules = tiny_copy(tmp_path / "yaml")
    (yaml_rules / "t.yaml").write_text(_HEAD + _YAML_ROWS)
    with Engine.load(_csv_set(tmp_path)) as csv_engine, Engine.load(yaml_rules) as yaml_engine:
        a, b = csv_engine.ruleset, yaml_engine.ruleset
        assert a.digest == b.digest  # the same meaning: rules, ids, reasons, citations, effects
        assert [r.id for r in a.rules] == [r.id for r in b.rules]
        assert {r.id for r in a.rules} >= {"pick.clear", "pick.unsure", "pick.3"}
        # each row is located in the CSV: its file, line; its id at the id cell
        clear = a.rule("pick.clear")
        assert (Path(clear.file).name, clear.pos.line, clear.id_pos.line, clear.id_pos.col) == ("pick.csv", 2, 2, 19)
        assert Path(a.rule("pick.3").file).name == "pick.csv" and a.rule("pick.3").pos.line == 5
        compared = 0
        for goal, ready, hours in itertools.product(
                (None, "specific", "emerging", "undefined"), (None, True, False), (None, 3, 4)):
            profile = {k: v for k, v in (("goal", goal), ("ready", ready), ("hours", hours)) if v is not None}
            da, db = csv_engine.evaluate(profile), yaml_engine.evaluate(profile)
            assert (da.outcome, da.fired) == (db.outcome, db.fired), profile
            assert json.dumps(da.trace, sort_keys=True) == json.dumps(db.trace, sort_keys=True), profile
            compared += 1
        assert compared == 36
        assert "pick.unsure" in csv_engine.evaluate({"goal": "emerging", "ready": True}).fired


def test_the_csv_is_in_the_rule_sets_files_digest_and_cache_key(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = _csv_set(tmp_path)
    with Engine.load(rules) as first:
        files = dict(first.ruleset.files)
        assert "pick.csv" in files
        before = first.ruleset.digest
    (rules / "pick.csv").write_text(_CSV.replace(",2,,true,", ",3,,true,"))  # one weight changed
    with Engine.load(rules) as second:  # not served the cached rule set of the old CSV
        assert second.ruleset.digest != before
        assert dict(second.ruleset.files)["pick.csv"] != files["pick.csv"]
        assert second.ruleset.rule("pick.clear").then.evidence == (("coaching", 3),)
    assert read_ruleset(rules).digest == second.ruleset.digest


def test_a_csv_that_is_a_link_is_refused(tmp_path: Path) -> None:
    rules = _csv_set(tmp_path)
    (tmp_path / "elsewhere.csv").write_text(_CSV)
    (rules / "pick.csv").unlink()
    (rules / "pick.csv").symlink_to(tmp_path / "elsewhere.csv")
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    assert [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in info.value.problems] == [
        ("PF235", "t.yaml", 6, 16)]


@pytest.mark.parametrize("kind", ["folder", "named pipe"])
def test_a_csv_that_is_no_plain_file_is_refused_at_rows_from_never_waited_on(tmp_path: Path, kind: str) -> None:
    """A folder or a named pipe where the table's CSV goes is PF235 at `rows_from`, as a link
    is: never opened (a pipe would be waited on for a writer that never comes)."""
    import os

    rules = _csv_set(tmp_path)
    (rules / "pick.csv").unlink()
    if kind == "folder":
        (rules / "pick.csv").mkdir()
    else:
        os.mkfifo(rules / "pick.csv")
    import threading

    refused: list = []

    def load() -> None:
        try:
            Engine.load(rules).close()
        except PathfitError as err:
            refused.append(err)

    loading = threading.Thread(target=load, daemon=True)
    loading.start()
    loading.join(30)
    if loading.is_alive():  # waiting on the pipe: give it a writer, so the thread ends, and fail
        with open(rules / "pick.csv", "w"):
            pass
        loading.join(30)
        pytest.fail("the table's CSV, a named pipe, was opened and waited on")
    (err,) = refused
    assert [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in err.problems] == [
        ("PF235", "t.yaml", 6, 16)]


def _doc_blocks() -> tuple[str, str, str, str]:
    """docs/rule-language.md: the YAML table, and from "Rows from a CSV file" its tables.yaml,
    fit.csv and the lint output shown for two typed-in mistakes."""
    text = (Path(__file__).parent.parent / "docs" / "rule-language.md").read_text(encoding="utf-8")
    table = text.split("## Decision tables", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    section = text.split("### Rows from a CSV file", 1)[1]
    csv_yaml = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    csv = section.split("```csv\n", 1)[1].split("```", 1)[0]
    shown = section.split("```console\n$ pathfit lint my-rules\n", 1)[1].split("```", 1)[0]
    return table, csv_yaml, csv, shown


def test_the_guides_csv_table_is_the_yaml_table_and_its_errors_are_as_shown(tmp_path: Path, monkeypatch) -> None:
    table, csv_yaml, csv, shown = _doc_blocks()
    runner = CliRunner()
    for name in ("yaml", "csv"):
        assert runner.invoke(cli, ["init", str(tmp_path / name / "my-rules")]).exit_code == 0
    (tmp_path / "yaml" / "my-rules" / "tables.yaml").write_text(table, encoding="utf-8")
    project = tmp_path / "csv" / "my-rules"
    (project / "tables.yaml").write_text(csv_yaml, encoding="utf-8")
    (project / "fit.csv").write_text(csv, encoding="utf-8")
    assert runner.invoke(cli, ["lint", "--strict", str(project)]).exit_code == 0
    assert read_ruleset(project).digest == read_ruleset(tmp_path / "yaml" / "my-rules").digest
    lines = csv.splitlines()
    lines[1] = "yes" + lines[1][len("true"):]
    lines[2] = lines[2].rsplit(",", 1)[0]
    (project / "fit.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path / "csv")
    result = runner.invoke(cli, ["lint", "my-rules"])
    assert result.exit_code == 1
    assert result.output == shown


def test_the_json_schema_takes_rows_from_and_completes_csv_row_ids(tmp_path: Path) -> None:
    from jsonschema import Draft202012Validator

    from pathfit.engine.authoring.json_schemas import generate
    from pathfit.engine.pipeline.load import load_file

    _, csv_yaml, csv, _ = _doc_blocks()
    project = tmp_path / "my-rules"
    assert CliRunner().invoke(cli, ["init", str(project)]).exit_code == 0
    (project / "tables.yaml").write_text(csv_yaml, encoding="utf-8")
    (project / "fit.csv").write_text(csv, encoding="utf-8")
    schemas = generate(project)
    rules = Draft202012Validator(schemas["rules"])
    doc = load_file(project / "tables.yaml")
    assert list(rules.iter_errors(doc)) == []
    table = dict(doc["tables"][0])
    for bad in ({"rows_from": "../fit.csv"}, {"rows_from": "sub/fit.csv"}, {"rows_from": "fit.txt"},
                {"rows": [], "inputs": []}):
        assert list(rules.iter_errors({"tables": [{**table, **bad}]})), bad
    assert {"fit.alone", "fit.guide_emerging", "fit.guide_specific"} <= set(json.dumps(schemas["tests"]).split('"'))


def test_random_csv_text_gives_located_errors_never_another_exception(tmp_path: Path) -> None:
    """A header of input columns only once raised IndexError; random headers and lines (quotes,
    brackets, YAML indicators, wrong widths) must give rules or errors inside the CSV."""
    import random

    rng = random.Random(20261201)
    rules = _csv_set(tmp_path)
    alphabet = 'ab,"[]{}:#&*!-|>%@` \t\'yesno0123.\\x'
    heads = ["goal", "ready", "hours lt", "evidence.coaching", "derive.structured", "suggest", "refer", "not_now",
             "id", "reason", "cites", "needs contains", "goal one_of"]
    cells = ["specific", "true", "-", "3", "[skill]", '"[specific, emerging]"', "yes", "", "[focus]", "2.5"]
    for _ in range(150):
        header = ",".join(rng.sample(heads, rng.randint(1, 6)))
        if rng.random() < 0.5:
            lines = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25))) for _ in range(rng.randint(0, 3))]
        else:
            width = header.count(",") + 1 + rng.choice([0, 0, 1, -1])
            lines = [",".join(rng.choice(cells) for _ in range(width)) for _ in range(rng.randint(0, 3))]
        (rules / "pick.csv").write_text("\n".join([header, *lines]) + "\n")
        try:
            read_ruleset(rules)
        except PathfitError as err:
            for p in err.problems:
                assert Path(p.pos.file).name == "pick.csv", p.format()
                assert 1 <= p.pos.line <= len(lines) + 2 and p.pos.col >= 1, p.format()
