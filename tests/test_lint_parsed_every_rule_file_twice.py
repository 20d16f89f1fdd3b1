"""`pathfit lint` parsed every YAML file of the rule set twice: once to validate it (read_ruleset)
and once more for its own checks, which read the documents. Parsing is most of what reading a
rule set costs (at 3,000 rules, a third of lint's time), so lint now takes the documents
read_ruleset parsed and parses again only a file that failed there. Each file is parsed once,
whether the rule set validates or not, and lint reports the same problems."""
from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from pathfit.engine.authoring.lint.run import lint
from pathfit.engine.pipeline import load, ruleset

BASE = Path(__file__).parent / "lint_cases" / "base"  # lints clean
BROKEN_RULE = "rules:\n  - id: extra.one\n    reason: r\n    when: {fact: no_such_fact, equals: x}\n    then: {evidence: {mentoring: 1}}\n"


@pytest.fixture()
def parses(monkeypatch: pytest.MonkeyPatch) -> Counter:
    """How many times each file (by label) is parsed, however it is reached."""
    counted: Counter = Counter()
    parse = load.parse_yaml

    def counting(text: str, label: str, *args, **kwargs):
        counted[label] += 1
        return parse(text, label, *args, **kwargs)

    monkeypatch.setattr(load, "parse_yaml", counting)
    monkeypatch.setattr(ruleset, "parse_yaml", counting)
    return counted


def _copy(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(BASE, rules)
    return rules


def test_a_valid_rule_set_has_each_file_parsed_once(tmp_path: Path, parses: Counter) -> None:
    rules = _copy(tmp_path)
    report = lint(rules)
    assert not report.errors
    files = sorted(str(p) for p in rules.glob("*.yaml"))
    assert sorted(parses) == files
    assert set(parses.values()) == {1}


def test_a_rule_set_with_errors_has_each_file_parsed_once(tmp_path: Path, parses: Counter) -> None:
    rules = _copy(tmp_path)
    (rules / "extra.yaml").write_text(BROKEN_RULE)
    report = lint(rules)
    assert "PF201" in [p.code for p in report.errors]
    assert report.skipped  # the whole-graph checks wait for the error to be fixed
    assert sorted(parses) == sorted(str(p) for p in rules.glob("*.yaml"))
    assert set(parses.values()) == {1}


def test_a_file_that_does_not_parse_is_tried_by_both_and_reported_once(tmp_path: Path, parses: Counter) -> None:
    rules = _copy(tmp_path)
    (rules / "extra.yaml").write_text("rules: [\n")
    report = lint(rules)
    assert [(p.code, Path(p.pos.file).name) for p in report.errors] == [("PF102", "extra.yaml")]
    assert parses[str(rules / "extra.yaml")] == 2  # as before: the checks read what loads
    assert {label: n for label, n in parses.items() if not label.endswith("extra.yaml")} == \
        {str(p): 1 for p in rules.glob("*.yaml") if p.name != "extra.yaml"}
