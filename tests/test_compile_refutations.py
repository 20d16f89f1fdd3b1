"""Compile works out each rule's negated condition once (compile._negated) and uses
it wherever it is needed; the result must be exactly what working it out at each
use gives: the same durable definition, actions and closures, and the same
problems, on the bundled rules, every fixture, synthetic bases and a rule set whose
refutation cannot be compiled, where the problem is now reported once (worked out at
each use, it was reported once per use)."""
from __future__ import annotations

import json
import shutil

import pytest

from pathfit.engine import PathfitError
from pathfit.engine.pipeline import compile as compile_stage
from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.ruleset import read_ruleset
from tools import synth

from .helpers import HERE

FIXTURES = sorted(p.name for p in (HERE / "fixtures").iterdir() if (p / "schema.yaml").is_file())


def _worked_out_at_each_use(idx, rules, rs, out, memo, order=None, leaves=None, because=None):
    # sorted by each atom's plain repr, not by compile's kept reprs (compile.atom_order), and
    # every comparison worked out where it stands, not kept by what it compares (leaves)
    return compile_stage._dnf(rules[idx].when, True, rs, out, rules[idx], because=because)


def _compiled(rs) -> tuple:
    try:
        c = compile_stage.compile_ruleset(rs)
    except PathfitError as exc:
        return ("error", sorted(set(tuple(p) for p in exc.problems)), len(exc.problems))
    return (json.dumps(c.definition, sort_keys=True), sorted(c.actions.items()), sorted(c.refutable),
            sorted(c.fail_closures.items()), sorted(c.observed, key=repr))


def _same_both_ways(rs, monkeypatch) -> tuple:
    once = _compiled(rs)
    with monkeypatch.context() as m:
        m.setattr(compile_stage, "_negated", _worked_out_at_each_use)
        each = _compiled(rs)
    if once[0] == "error":  # the same problems, never reported more often
        assert each[:2] == once[:2] and each[2] >= once[2]
    else:
        assert each == once
    return once


@pytest.mark.parametrize("name", ["bundled", *FIXTURES])
def test_refutations_worked_out_once_compile_as_at_each_use(name, monkeypatch):
    rs = read_ruleset(bundled_rules_dir() if name == "bundled" else HERE / "fixtures" / name)
    assert _same_both_ways(rs, monkeypatch)[0] != "error"


@pytest.mark.parametrize("size", [30, 300])
def test_refutations_worked_out_once_compile_as_at_each_use_on_synthetic_bases(size, tmp_path, monkeypatch):
    synth.write_rule_base(tmp_path, size, seed=11)
    rs = read_ruleset(tmp_path)
    assert rs.derivers and _same_both_ways(rs, monkeypatch)[2]  # some rules are refuted


def test_a_problem_in_a_refutation_is_reported_once(tmp_path, monkeypatch):
    """d.broad derives `broad`, which e.notbroad reads as false, so d.broad is refuted; its
    `is known` on a derived fact cannot be negated (PF210): one problem, reported once
    (it was reported once per use of the negation)."""
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    text = (rules / "rules.yaml").read_text()
    text = text.replace("    when: {fact: needs, contains: network}\n    then: {derive: [broad]}",
                        "    when: {all: [{fact: needs, contains: network}, {fact: structured, is: known}]}\n"
                        "    then: {derive: [broad]}")
    text += ("  - id: e.notbroad\n    reason: r\n    cites: [focus]\n    when: {fact: broad, equals: false}\n"
             "    then: {evidence: {mentoring: 1}}\n")
    (rules / "rules.yaml").write_text(text)
    result = _same_both_ways(read_ruleset(rules), monkeypatch)
    assert result[0] == "error" and [p[0] for p in result[1]] == ["PF210"] and result[2] == 1
