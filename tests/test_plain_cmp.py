"""Validation sends a comparison `{fact: NAME, OPERATOR: VALUE}` with a known fact, a valid
operator and nothing YAML 1.1 read otherwise straight to its operator's fit and operand
(validate_rules._plain_cmp). What comes out must be what the full checks give: the same
rule set and digest, or the same problems (code, message, file:line:col), on every rule-set
case of tests/cases/validation.yaml and valued.yaml and on a synthetic base."""
from __future__ import annotations

import pytest
import yaml

from pathfit.engine import PathfitError
from pathfit.engine.pipeline import validate_rules
from pathfit.engine.pipeline.ruleset import read_ruleset
from tools import synth

from .helpers import HERE
from .test_cases import _build


def _cases():
    for name in ("validation", "valued"):
        for case in yaml.safe_load((HERE / "cases" / f"{name}.yaml").read_text())["cases"]:
            if "facts" not in case and "profile_text" not in case:
                yield pytest.param(case, id=f"{name}:{case['name']}")


def _read(rules) -> tuple:
    try:
        rs = read_ruleset(rules)
    except PathfitError as exc:
        return ("error", [tuple(p) for p in exc.problems])
    return ("ok", rs.digest, repr(rs.rules))


def _same_with_and_without_the_short_way(rules, monkeypatch) -> tuple:
    short = _read(rules)
    with monkeypatch.context() as m:
        m.setattr(validate_rules, "_plain_cmp", lambda raw, facts, valued: None)
        assert _read(rules) == short
    return short


@pytest.mark.parametrize("case", list(_cases()))
def test_the_short_way_checks_as_the_full_checks(case, tmp_path, monkeypatch):
    _same_with_and_without_the_short_way(_build(case, tmp_path), monkeypatch)


def test_the_short_way_checks_a_synthetic_base_as_the_full_checks(tmp_path, monkeypatch):
    synth.write_rule_base(tmp_path, 150, seed=2)
    assert _same_with_and_without_the_short_way(tmp_path, monkeypatch)[0] == "ok"
