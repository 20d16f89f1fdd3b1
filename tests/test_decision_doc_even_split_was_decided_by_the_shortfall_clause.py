"""docs/decision.md's worked example of an even split that is not a blend names a split the
bundled policy decides as it says: in its last clause, undetermined, with `balance` 1.

The bug this pins: the example said "2 against 2" falls to the last clause. Under the bundled
policy 2 against 2 is below `strongest_below: 3`, so the third clause decides it (`shortfall`,
confidence 1/3), never the last one; a reader checking the figure got 0.33, not 1.00. The split
is read from the doc and run through the engine on the bundled policy.yaml, whose clauses are
read here from the YAML itself."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from pathfit.engine import Engine

from .helpers import ROOT, yes_no_rule_set

RULES = """rules:
  - id: c.side
    reason: A says coaching.
    cites: [goals]
    when: {{fact: a, equals: true}}
    then: {{evidence: {{coaching: {w}}}}}
  - id: m.side
    reason: B says mentoring.
    cites: [goals]
    when: {{fact: b, equals: true}}
    then: {{evidence: {{mentoring: {w}}}}}
"""


def _split() -> str:
    """The weight each side has in the doc's even-split example."""
    text = (ROOT / "docs" / "decision.md").read_text(encoding="utf-8")
    found = re.search(r"An even split that is not a blend \((\S+) against (\S+),", text)
    assert found, "the even-split example is gone from docs/decision.md"
    assert found.group(1) == found.group(2)
    return found.group(1)


def test_the_even_split_example_is_decided_by_the_last_clause_with_balance_1(tmp_path: Path):
    weight = _split()
    policy = yaml.safe_load((ROOT / "rules" / "policy.yaml").read_text(encoding="utf-8"))
    clauses = policy["decision"]
    blended = next(c for c in clauses if c["outcome"] == "blended")
    assert float(weight) < blended["when"]["each_at_least"]  # "below each_at_least", as it says
    folder = tmp_path / "split"
    folder.mkdir()
    yes_no_rule_set(folder, "split", "ab", RULES.format(w=weight), "")
    shutil.copyfile(ROOT / "rules" / "policy.yaml", folder / "policy.yaml")
    with Engine.load(folder) as engine:
        decision = engine.evaluate({"a": True, "b": True}).to_dict()
    assert decision["recommendation"] == "undetermined"
    assert decision["trace"]["decision"]["clause"] == len(clauses) - 1
    assert clauses[-1]["confidence"] == "balance"
    assert decision["confidence"] == 1
