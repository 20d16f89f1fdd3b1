"""The rule set's digest hashes canonical(rs) as JSON with every mapping's keys sorted.
canonical now puts the keys in order itself and the digest's encoder no longer sorts:
the text must be exactly what sort_keys gives, on the bundled rules, every fixture and
synthetic bases, and for mappings whose keys sort differently once made strings."""
from __future__ import annotations

import hashlib
import json

import pytest

from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.ruleset import canonical, read_ruleset
from tools import synth

from .helpers import HERE

FIXTURES = sorted(p.name for p in (HERE / "fixtures").iterdir() if (p / "schema.yaml").is_file())


def _sorted_by_the_encoder(value) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _check(rs) -> None:
    data = canonical(rs)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    assert text == _sorted_by_the_encoder(data)
    assert rs.digest == hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("name", ["bundled", *FIXTURES])
def test_the_digest_text_is_the_sorted_text(name):
    _check(read_ruleset(bundled_rules_dir() if name == "bundled" else HERE / "fixtures" / name))


def test_the_digest_text_is_the_sorted_text_on_a_synthetic_base(tmp_path):
    synth.write_rule_base(tmp_path, 300, seed=5)
    _check(read_ruleset(tmp_path))


def test_mappings_whose_keys_sort_otherwise_as_text_come_out_sorted():
    value = {"z": {10: "ten", 2: "two", 1: [{3: 1, 20: 2}]}, "b": (1, 2.5, None, True)}
    data = canonical(value)
    assert json.dumps(data) == json.dumps(data, sort_keys=True)
    assert list(data["z"]) == ["1", "10", "2"] and list(data["z"]["1"][0]) == ["20", "3"]
