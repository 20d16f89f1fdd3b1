"""A `*.yaml` entry of a rule-set directory that is not a readable plain file (a dangling
link, a directory, a pipe, a link to a device) is reported at its name, exit 2, never
passed over. Before, `read_ruleset` kept only `is_file()` entries: a rule file replaced by
a dangling link was skipped and `recommend` gave other advice with exit 0; the cache key
passed over such entries too, so a rule set loaded before was served from the cache."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.errors import PathfitError

TINY = Path(__file__).parent / "fixtures" / "tiny"


@pytest.fixture
def rules(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    target = tmp_path / "rules"
    shutil.copytree(TINY, target)
    return target


def _make(kind: str, path: Path) -> None:
    if kind == "dangling link":
        path.symlink_to(path.parent / "nowhere.yaml")
    elif kind == "directory":
        path.mkdir()
    elif kind == "pipe":
        os.mkfifo(path)
    else:  # a link to a device with no end
        path.symlink_to("/dev/zero")


KINDS = ["dangling link", "directory", "pipe", "device link"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_rule_file_that_is_not_a_plain_file_is_reported_not_skipped(rules, kind):
    (rules / "rules.yaml").unlink()
    _make(kind, rules / "rules.yaml")
    with pytest.raises(PathfitError) as err:
        Engine.load(rules)
    first = err.value.problems[0]
    assert (first.pos.file, first.pos.line, first.code) == (str(rules / "rules.yaml"), 0, "PF100")


@pytest.mark.parametrize("kind", KINDS)
def test_an_extra_entry_after_a_cached_load_is_reported_not_served_from_the_cache(rules, kind):
    Engine.load(rules)  # cached under the files it read
    _make(kind, rules / "extra.yaml")
    with pytest.raises(PathfitError) as err:
        Engine.load(rules)
    assert err.value.problems[0].pos.file == str(rules / "extra.yaml")


def test_recommend_and_lint_report_a_dangling_rule_file(rules):
    (rules / "rules.yaml").unlink()
    _make("dangling link", rules / "rules.yaml")
    for args, status in ((["recommend", "--rules", str(rules), "--fact", "goal=specific"], 2), (["lint", str(rules)], 1)):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == status, (args, result.output)  # lint reports its findings with 1
        assert f"{rules / 'rules.yaml'}:0:0: PF100: " in result.output, (args, result.output)


def test_a_dangling_test_case_file_is_reported(rules):
    (rules / "tests").mkdir()
    _make("dangling link", rules / "tests" / "cases.yaml")
    result = CliRunner().invoke(cli, ["test", str(rules)])
    assert result.exit_code == 2, result.output
    assert f"{rules / 'tests' / 'cases.yaml'}:0:0: PF100: " in result.output


@pytest.mark.parametrize("kind", ["pipe", "device link"])
def test_a_knowledge_base_that_is_not_a_plain_file_is_said_so(rules, kind):
    """Regression: a knowledge base replaced by a pipe was reported as having no anchored
    sections, as if it were read and found empty; it is PF217 saying what it is, as a rule
    file that is no plain file is PF100, located at the path in schema.yaml, which it names."""
    kb = rules / "kb.md"
    kb.unlink()
    _make(kind, kb)
    with pytest.raises(PathfitError) as err:
        Engine.load(rules)
    (problem,) = [p for p in err.value.problems if p.code == "PF217"]
    assert (problem.pos.file, problem.pos.line, problem.pos.col) == (str(rules / "schema.yaml"), 2, 17)
    assert str(kb) in problem.message and "not a plain file" in problem.message
    assert "anchored sections" not in problem.message
