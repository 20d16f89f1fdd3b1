"""A process sealing records under rule set after rule set (a service reloaded with edited rules,
a program of its own driving the engine) keeps the sealing cones of a bounded number of rule sets,
not of every rule set it ever sealed a record of; and a rule set whose cone was let go seals its
records exactly as before."""
from __future__ import annotations

import gc
import shutil
import tracemalloc

import pytest

from pathfit.engine import Engine
from pathfit.engine.audit import sealing
from pathfit.engine.audit.record import build_record
from pathfit.engine.audit.sealing import cone, open_parts
from pathfit.engine.errors import Pos

from .audit_support import SENSITIVE_EXAMPLE, example_facts, key  # the module's audit key
from .helpers import ROOT

WEIGHTED = "evidence: {coaching: 2}"
BOXED = ("masking", "record_digest")
KEPT = 8  # the bound these tests set, small so that a few loads pass it


def _rule_set(tmp_path, n: int) -> Engine:
    """The bundled rules with one coaching weight changed to 2 + n/1000: another digest each."""
    folder = tmp_path / f"rules{n}"
    shutil.copytree(ROOT / "rules", folder, ignore=shutil.ignore_patterns("tests"))
    coaching = (folder / "coaching.yaml").read_text(encoding="utf-8")
    assert WEIGHTED in coaching
    (folder / "coaching.yaml").write_text(coaching.replace(WEIGHTED, f"evidence: {{coaching: {2 + n / 1000}}}", 1),
                                          encoding="utf-8")
    return Engine.load(folder)


def _sealing_bytes() -> int:
    """The bytes traced to sealing.py (where the last frame of an allocation is), as
    `Filter(True, sealing.__file__)` selects them: summed from the statistics by file, not
    by matching every trace's file name against the filter's pattern one at a time."""
    gc.collect()
    by_file = tracemalloc.take_snapshot().statistics("filename")
    return sum(stat.size for stat in by_file if stat.traceback[0].filename == sealing.__file__)


@pytest.fixture
def knowledge_base(tmp_path, monkeypatch):
    """A rule set's copy reads the knowledge base beside it, as the bundled rules do; no load cache;
    at most KEPT cones kept, none kept from before."""
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    monkeypatch.setattr(sealing, "CONES_KEPT", KEPT, raising=False)
    monkeypatch.setattr(sealing, "_CONES", {})
    shutil.copy(ROOT / "knowledge_base.md", tmp_path / "knowledge_base.md")


def test_sealing_under_many_rule_sets_keeps_a_bounded_number_of_cones(tmp_path, knowledge_base, key):
    facts = example_facts(SENSITIVE_EXAMPLE)
    # Each rule set loaded and its decision made before tracing starts: neither asks sealing.py for
    # anything (its cones are made as records are sealed), and loading, traced, was most of the
    # test's time. Each is let go once its record is sealed, as a reloaded service lets go of the
    # rule set before.
    decided = []
    for n in range(3 * KEPT):
        with _rule_set(tmp_path, n) as engine:
            decided.append((engine, engine.evaluate(facts)))
        shutil.rmtree(tmp_path / f"rules{n}")
    assert not sealing._CONES
    sealed_in_between = []
    tracemalloc.start()
    try:
        for n in range(3 * KEPT):
            engine, decision = decided[n]
            decided[n] = None
            record = build_record(engine, decision, key)
            assert record["masking"] is not None  # a sensitive fact was known: the cone was asked
            del engine, decision, record
            if n + 1 in (KEPT, 3 * KEPT):
                sealed_in_between.append(_sealing_bytes())
    finally:
        tracemalloc.stop()
    after_bound, after_three_times = sealed_in_between
    assert after_three_times <= after_bound, sealed_in_between  # one cone is some 1,200 bytes: twice KEPT more were 20 KB


def test_a_rule_set_whose_cone_was_let_go_seals_as_before(tmp_path, knowledge_base, key):
    facts = example_facts(SENSITIVE_EXAMPLE)
    first = _rule_set(tmp_path, 0)
    before = build_record(first, first.evaluate(facts), key, record_id="r", timestamp="2026-01-01T00:00:00Z")
    kept = cone(first.ruleset)
    for n in range(1, KEPT + 2):
        with _rule_set(tmp_path, n) as engine:
            cone(engine.ruleset)
    assert first.ruleset.digest not in sealing._CONES
    after = build_record(first, first.evaluate(facts), key, record_id="r", timestamp="2026-01-01T00:00:00Z")
    first.close()
    assert cone(first.ruleset) == kept
    # everything but the box (its nonce is random) and the digest over it is the same, and the boxes open alike
    assert {k: v for k, v in before.items() if k not in BOXED} == {k: v for k, v in after.items() if k not in BOXED}
    assert open_parts(key, before, Pos("before"), "comparing") == open_parts(key, after, Pos("after"), "comparing")


def test_the_bound_is_64_rule_sets_as_the_readme_says(monkeypatch):
    """The bound itself, unpatched: the bundled rule set under 200 digests in turn (its cone's
    work, no load each) never holds more than 64 cones, and does hold 64 before letting go; each
    cone is the rule set's own whatever was let go. The tests above set their own bound, so a
    bound of 6,400, or one kept one over, passed them."""
    with Engine.load(ROOT / "rules") as engine:
        ruleset = engine.ruleset
    expected = cone(ruleset)
    monkeypatch.setattr(sealing, "_CONES", {})
    sizes = []
    for n in range(200):
        assert cone(ruleset._replace(digest=f"digest-{n}")) == expected
        sizes.append(len(sealing._CONES))
    assert max(sizes) == 64, sizes
    assert sizes[63] == 64  # the first 64 all kept
    assert all(cone(ruleset._replace(digest=f"digest-{n}")) == expected for n in range(192, 200))
