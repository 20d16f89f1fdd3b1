"""Long runs (engine/long_lived.py: `pathfit batch`, `pathfit serve`) set what is alive
when they start (the rule set, the explanation's evaluators) apart from the garbage
collector for the run and hand it back after, so full collections walk only the
people's objects, and collect the youngest objects less often; a process that set objects apart itself keeps its own choice; and
a batch's output does not depend on any of it."""
from __future__ import annotations

import gc
import json

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain import kept
from pathfit.engine import frozen, long_lived
from pathfit.engine.long_lived import set_apart
from tools import synth


def _collected(obj: object) -> bool:
    """Whether the collector walks `obj`: set-apart objects are in none of its generations."""
    return any(o is obj for o in gc.get_objects())


def test_a_long_run_sets_what_is_alive_apart_and_gives_it_back(tmp_path):
    # nothing set apart but what the interpreter holds there itself (CPython 3.12), if a load has not handed that back
    assert gc.get_freeze_count() in (0, frozen.interpreters_own())
    before = gc.get_threshold()
    assert before[0] < long_lived.YOUNG
    synth.write_rule_base(tmp_path, 40, seed=2)
    with Engine.load(tmp_path) as engine:
        marker = [[]]  # alive before the run, as the rule set is
        with set_apart(engine, explaining=True):
            assert not _collected(marker) and not _collected(engine.ruleset.rules)
            built = kept._KEPT[id(engine.ruleset.rules)][1]  # the explanation's plan, built first
            assert not _collected(built)
            during = [[]]  # made during the run: walked as usual
            assert _collected(during)
            assert gc.get_threshold() == (long_lived.YOUNG, *before[1:])  # the young collected less often
        assert gc.get_freeze_count() == 0 and _collected(marker) and _collected(built)
        assert gc.get_threshold() == before


def test_a_process_that_set_objects_apart_itself_keeps_its_choice():
    with Engine.load() as engine:
        gc.freeze()
        try:
            marker = [[]]  # created after the process's own freeze
            threshold = gc.get_threshold()
            with set_apart(engine, explaining=False):
                assert _collected(marker)  # not set apart by the run
                assert gc.get_threshold() == threshold  # nor its collector retuned
            assert gc.get_freeze_count() > 0  # nor was the process's own choice undone
        finally:
            gc.unfreeze()


def test_a_batch_decides_the_same_with_its_objects_set_apart(tmp_path, monkeypatch):
    synth.write_rule_base(tmp_path / "rules", 40, seed=2)
    with Engine.load(tmp_path / "rules") as engine:
        people = synth.profiles(engine.ruleset, 150, seed=3, known_fraction=0.8)
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": f"p{i}", **p}) + "\n" for i, p in enumerate(people)))
    outputs = []
    for apart in (True, False):
        if not apart:  # the same run, the collector walking everything
            monkeypatch.setattr(gc, "freeze", lambda: None)
            monkeypatch.setattr(gc, "unfreeze", lambda: None)
            monkeypatch.setattr(gc, "set_threshold", lambda *a: None)
        out = tmp_path / f"out-{apart}.jsonl"
        result = CliRunner().invoke(cli, ["batch", str(tmp_path / "in.jsonl"), "--out", str(out), "--rules",
                                          str(tmp_path / "rules"), "--quiet"])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_bytes())
        assert gc.get_freeze_count() == 0
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 150
