"""compile.atom_order keeps each atom's repr, its sort key, for the whole compile instead of
working it out at every sort. The compiled rule set must be exactly what sorting by the
plain repr gives, on the bundled rules, every fixture and synthetic bases."""
from __future__ import annotations

import pytest

from pathfit.engine.pipeline import compile as compile_stage
from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.ruleset import read_ruleset
from tools import synth

from .helpers import HERE

FIXTURES = sorted(p.name for p in (HERE / "fixtures").iterdir() if (p / "schema.yaml").is_file())


def _both(rs, monkeypatch) -> tuple:
    kept = compile_stage.compile_ruleset(rs)
    with monkeypatch.context() as m:
        m.setattr(compile_stage, "atom_order", lambda: repr)
        plain = compile_stage.compile_ruleset(rs)
    return kept, plain


def _same(kept, plain) -> None:
    assert kept.text == plain.text
    assert list(kept.definition) == list(plain.definition) and kept.definition == plain.definition
    assert kept.actions == plain.actions and kept.fail_closures == plain.fail_closures
    assert kept.refutable == plain.refutable and kept.observed == plain.observed


@pytest.mark.parametrize("name", ["bundled", *FIXTURES])
def test_kept_atom_order_compiles_as_the_plain_repr(name, monkeypatch):
    rs = read_ruleset(bundled_rules_dir() if name == "bundled" else HERE / "fixtures" / name)
    _same(*_both(rs, monkeypatch))


@pytest.mark.parametrize("size", [30, 300])
def test_kept_atom_order_compiles_as_the_plain_repr_on_synthetic_bases(size, tmp_path, monkeypatch):
    synth.write_rule_base(tmp_path, size, seed=5)
    _same(*_both(read_ruleset(tmp_path), monkeypatch))


def test_atom_order_keeps_reprs_by_identity_not_equality():
    """1, 1.0 and True are equal and hash alike, but their reprs, and so the order of the
    atoms holding them, differ: a key kept by equality would hand one the other's."""
    key = compile_stage.atom_order()
    atoms = [("i", "x", (("k", 1), ("v", v))) for v in (1, 1.0, True)]
    assert atoms[0] == atoms[1] == atoms[2]
    assert [key(a) for a in atoms] == [repr(a) for a in atoms]
    assert [key(a) for a in atoms] == [repr(a) for a in atoms]  # asked again: kept, still each its own


def test_equal_atoms_share_one_binding_body_and_capacity_reads_it_as_copies(tmp_path):
    """compile gives every binding of equal atoms one body object; check_capacity walks a
    shared body once. On a 300-rule base: fewer bodies than bindings, bodies with the same
    JSON are the same object, and the capacity check's answer is the one it gives on an
    unshared copy of the definition."""
    import json

    from pathfit.engine.pipeline.capacity import check_capacity

    synth.write_rule_base(tmp_path, 300, seed=5)
    rs = read_ruleset(tmp_path)
    compiled = compile_stage.compile_ruleset(rs)
    bodies = [body for rule in compiled.definition.values() for b in rule["all"] for body in b.values()]
    by_text = {}
    for body in bodies:
        assert by_text.setdefault(json.dumps(body, sort_keys=True), body) is body
    assert len({id(b) for b in bodies}) == len(by_text) < len(bodies) / 2
    copy = json.loads(json.dumps(compiled.definition))
    assert check_capacity(rs, copy, compiled.actions) == compiled.observed

