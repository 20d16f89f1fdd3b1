"""Golden-file tests: the full Decision.to_dict() of three examples, compared byte for byte.

tests/golden/<example>.json holds
    json.dumps(decision.to_dict(), indent=2, sort_keys=True) + "\\n"
for examples/<example>.yaml evaluated against the bundled rules: one coaching,
one refer and one undetermined decision. The trace has no ids or timestamps,
so nothing is removed before comparing. It does record the rule set's digest
(rules, policy, schema and the knowledge base's section titles) and the
durable-rules version, so an intended change to any of those changes these
files too. A failing test prints a unified diff (golden -> actual).

To regenerate the golden files after an intended change:

    PATHFIT_UPDATE_GOLDEN=1 /work/venv/bin/python -m pytest tests/test_golden.py

then review `git diff tests/golden/` before committing. In that mode a file
that changed is rewritten before the comparison.
"""
from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest
import yaml

from pathfit.engine import Engine

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
GOLDEN_DIR = HERE / "golden"
UPDATE = os.environ.get("PATHFIT_UPDATE_GOLDEN") == "1"

# example stem -> the outcome it stands for (checked, so a golden file never
# silently stops representing the outcome it was chosen for)
GOLDEN = {
    "new-vp-wants-structure": "coaching",
    "burnt-out-director-sleep-problems": "refer",
    "partial-intake-only-basics": "undetermined",
}


@pytest.fixture(scope="module")
def engine():
    rules = Engine.load()
    yield rules
    rules.close()


def render(decision) -> str:
    return json.dumps(decision.to_dict(), indent=2, sort_keys=True) + "\n"


@pytest.mark.parametrize("stem", sorted(GOLDEN))
def test_golden(engine: Engine, stem: str) -> None:
    example_path = ROOT / "examples" / f"{stem}.yaml"
    golden_path = GOLDEN_DIR / f"{stem}.json"
    facts = yaml.safe_load(example_path.read_text(encoding="utf-8"))["facts"]
    decision = engine.evaluate(facts, label=str(example_path))
    assert decision.outcome == GOLDEN[stem], (
        f"{example_path.name} now gives {decision.outcome!r}, not {GOLDEN[stem]!r}; "
        "pick another example for this golden file"
    )
    actual = render(decision).encode("utf-8")
    expected = golden_path.read_bytes() if golden_path.is_file() else None

    if UPDATE and actual != expected:
        GOLDEN_DIR.mkdir(parents=True, exist_ok=True)
        golden_path.write_bytes(actual)  # review with git diff before committing
        expected = actual

    if expected is None:
        pytest.fail(f"missing golden file {golden_path.relative_to(ROOT)}; "
                    "create it with PATHFIT_UPDATE_GOLDEN=1", pytrace=False)
    if actual != expected:
        diff = "".join(difflib.unified_diff(
            expected.decode("utf-8", errors="replace").splitlines(keepends=True),
            actual.decode("utf-8").splitlines(keepends=True),
            fromfile=f"golden/{golden_path.name}",
            tofile="actual",
        ))
        if not diff:  # differences only in bytes the text view hides (e.g. line endings)
            diff = f"byte difference only: golden {expected[:80]!r}... vs actual {actual[:80]!r}..."
        pytest.fail(f"{golden_path.relative_to(ROOT)} differs from the decision "
                    f"(regenerate with PATHFIT_UPDATE_GOLDEN=1 if intended):\n{diff}", pytrace=False)
