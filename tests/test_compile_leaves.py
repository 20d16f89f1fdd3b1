"""Compile keeps each comparison's terms by what it compares and its polarity
(compile._dnf's `leaves`), so equal comparisons in different rules are worked out
once. The result must be exactly what working every comparison out where it stands
gives: the same definition text, actions, closures, observed patterns and fact ids,
and the same problems, on the bundled rules, every fixture, a synthetic base, and
values kept apart although equal (1, 1.0 and True; 0.0 and -0.0)."""
from __future__ import annotations

import pytest

from pathfit.engine import PathfitError
from pathfit.engine.pipeline import compile as compile_stage
from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.ruleset import read_ruleset
from tools import synth

from .helpers import HERE, tiny_copy

FIXTURES = sorted(p.name for p in (HERE / "fixtures").iterdir() if (p / "schema.yaml").is_file())


def _compiled(rs) -> tuple:
    try:
        c = compile_stage.compile_ruleset(rs)
    except PathfitError as exc:
        return ("error", [tuple(p) for p in exc.problems])
    return (c.text, sorted(c.actions.items()), sorted(c.refutable), sorted(c.fail_closures.items()),
            sorted(c.observed, key=repr), sorted(c.fact_ids.items()))


def _same_with_and_without_leaves(rs, monkeypatch) -> tuple:
    kept = _compiled(rs)
    dnf = compile_stage._dnf

    def each_where_it_stands(cond, negated, rs, out, rule, order=repr, leaves=None, because=None):
        return dnf(cond, negated, rs, out, rule, order, None, because)

    with monkeypatch.context() as m:
        m.setattr(compile_stage, "_dnf", each_where_it_stands)
        assert _compiled(rs) == kept
    return kept


@pytest.mark.parametrize("name", ["bundled", *FIXTURES])
def test_kept_comparisons_compile_as_each_worked_out(name, monkeypatch):
    rs = read_ruleset(bundled_rules_dir() if name == "bundled" else HERE / "fixtures" / name)
    assert _same_with_and_without_leaves(rs, monkeypatch)[0] != "error"


def test_kept_comparisons_compile_as_each_worked_out_on_a_synthetic_base(tmp_path, monkeypatch):
    synth.write_rule_base(tmp_path, 200, seed=7)
    _same_with_and_without_leaves(read_ruleset(tmp_path), monkeypatch)


def test_equal_values_of_other_types_are_kept_apart(tmp_path, monkeypatch):
    """A number fact compared with 1 and 1.0, and with 0.0 and -0.0, in different rules."""
    rules = tiny_copy(tmp_path)
    number = next(name for name, f in read_ruleset(rules).facts.items() if f.type == "number")
    body = "rules:\n" + "".join(
        f"  - id: z.r{i}\n    reason: r\n    cites: [focus]\n    when: {{fact: {number}, {op}: {value}}}\n"
        f"    then: {{evidence: {{coaching: 1}}}}\n"
        for i, (op, value) in enumerate([("gte", "1"), ("gte", "1.0"), ("lt", "0.0"), ("lt", "-0.0"), ("equals", "1"),
                                         ("equals", "1.0")]))
    (rules / "z.yaml").write_text(body)
    compiled = _same_with_and_without_leaves(read_ruleset(rules), monkeypatch)
    assert compiled[0] != "error" and '{"v":1.0}' not in compiled[0]  # 1.0 is written as 1, as before
