"""`pathfit docs` and `pathfit rules list --format json` name each rule's file by its directory's
real name (`rules/judgements.yaml`), and asked the file system for that name (Path.resolve, a
system call per part of the path) once for every rule: 3,000 rules, 3,000 resolves of the same
few directories, a tenth of `pathfit docs`. A listing now resolves each directory once. Counted
here (every resolve), never timed: the same number at 300 and 1,000 rules, and the names are
the same."""
from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.catalogue import render

from .helpers import synthetic_engines

RESOLVED = [0]


@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


@pytest.fixture()
def counted(monkeypatch: pytest.MonkeyPatch) -> list:
    real = os.path.realpath

    def counting(*args, **kwargs):
        RESOLVED[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(os.path, "realpath", counting)
    RESOLVED[0] = 0
    return RESOLVED


def _resolves(make) -> tuple[int, object]:
    RESOLVED[0] = 0
    made = make()
    return RESOLVED[0], made


def test_docs_resolves_as_often_at_300_as_at_1000_rules(engines, counted) -> None:
    smaller, larger = engines(300, 11).ruleset, engines(1000, 11).ruleset  # loaded before counting
    render(smaller, "kb.md")  # what the first render alone resolves is not counted
    small, text = _resolves(lambda: render(smaller, "kb.md"))
    large, _ = _resolves(lambda: render(larger, "kb.md"))
    assert small == large and small <= 8
    directory = os.path.basename(os.path.realpath(os.path.dirname(engines(300, 11).ruleset.rules[0].file)))
    assert f"({directory}/layer1.yaml:" in text or f"{directory}/layer1.yaml:" in text


def test_rules_list_json_resolves_as_often_at_300_as_at_1000_rules(engines, counted) -> None:
    runs = {}
    engines(300, 11), engines(1000, 11)  # made before counting
    for n in (300, 1000):
        directory = os.path.dirname(engines(n, 11).ruleset.rules[0].file)
        runs[n] = _resolves(lambda: CliRunner().invoke(cli, ["rules", "list", "--rules", directory, "--format", "json"]))
    (small, result), (large, _) = runs[300], runs[1000]
    assert result.exit_code == 0, result.output
    assert small == large
    files = {r["file"] for r in json.loads(result.output)["rules"]}
    name = os.path.basename(os.path.realpath(os.path.dirname(engines(300, 11).ruleset.rules[0].file)))
    assert files and all(f.startswith(f"{name}/") and f.endswith(".yaml") for f in files)
