"""Many rule-set versions in one long-lived process neither leak nor collide."""
from __future__ import annotations

import gc
import resource

from pathfit.engine import Engine

from .helpers import simple_rule, tiny_copy


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def test_versions_do_not_collide(tmp_path):
    a = Engine.load(tiny_copy(tmp_path / "a", [simple_rule("x.v", {"fact": "ready", "equals": True}, "coaching")]))
    b = Engine.load(tiny_copy(tmp_path / "b", [simple_rule("x.v", {"fact": "ready", "equals": True}, "mentoring")]))
    try:
        assert a.ruleset.digest != b.ruleset.digest
        assert a.evaluate({"ready": True}).trace["scores"] == {"coaching": 1.0, "mentoring": 0.0}
        assert b.evaluate({"ready": True}).trace["scores"] == {"coaching": 0.0, "mentoring": 1.0}
    finally:
        a.close()
        b.close()


def test_loading_many_versions_keeps_memory_flat(tmp_path):
    directories = [tiny_copy(tmp_path / str(i), [simple_rule(f"x.v{i}", {"fact": "hours", "gte": i % 100})])
                   for i in range(40)]

    def cycle(rounds: int) -> None:
        for r in range(rounds):
            engine = Engine.load(directories[r % len(directories)])
            for hours in (0, 50, 150):
                engine.evaluate({"hours": hours, "goal": "specific", "needs": ["skill"]})
            if r % 2:
                engine.close()  # half closed explicitly, half left to the finalizer
            del engine
        gc.collect()

    cycle(100)  # warm up allocator and caches
    before = _rss_kib()
    cycle(400)
    growth = _rss_kib() - before
    assert growth < 8 * 1024, f"RSS grew by {growth} KiB over 400 rule-set versions"
