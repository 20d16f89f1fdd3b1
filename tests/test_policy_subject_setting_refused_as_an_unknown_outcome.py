"""policy.yaml's `subject` takes sensitive or public; anything else was PF213, the code for "unknown
outcome, referral or format", where `combine`, the policy's other setting taken from a fixed
list, is PF204 (value not allowed). One fault, one code: both are PF204 at the value, with the
did-you-mean."""
from __future__ import annotations

from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import tiny_copy


@pytest.mark.parametrize("setting,value", [("subject", "publik"), ("combine", "summ"), ("subject", "7")])
def test_a_policy_setting_given_a_value_it_does_not_take_is_pf204_at_the_value(tmp_path: Path, setting, value):
    rules = tiny_copy(tmp_path)
    policy = rules / "policy.yaml"
    text = policy.read_text()
    policy.write_text(text + f"{setting}: {value}\n")
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    found = [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in info.value.problems]
    assert found == [("PF204", "policy.yaml", len(text.splitlines()) + 1, len(setting) + 3)]
