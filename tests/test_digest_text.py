"""The rule set's digest hashes canonical(rs) as JSON with every mapping's keys sorted.
canonical now puts the keys in order itself and the digest's encoder no longer sorts:
the text must be exactly what sort_keys gives, on the bundled rules, every fixture and
synthetic bases, and for mappings whose keys sort differently once made strings. The digest
writes that text directly (canonical_text), without building canonical's value: the same
text, checked here against json.dumps of canonical's value, on the rule sets and on values
the encoder writes in its own way (floats that are not finite, -0.0, escapes, subclasses)."""
from __future__ import annotations

import hashlib
import json

import pytest

from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.ruleset import canonical, canonical_text, read_ruleset
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


class _Text(str):
    pass


class _Count(int):
    pass


def test_the_digest_text_is_written_as_the_encoder_writes_canonical():
    """canonical_text writes the text itself; json.dumps of canonical's value is the reference."""
    from pathfit.engine.pipeline.model import Cmp, Not
    from pathfit.engine.errors import Pos

    values = [
        float("nan"), float("inf"), -float("inf"), -0.0, 0.0, 1e300, 1e-7, 2.5, 10**30, -3, True, False, None,
        "", "é ü 漢 \U0001F600", 'quote " backslash \\ tab \t newline \n \x01 \u2028', _Text("sub"), _Count(7),
        [], (), {}, {"b": 1, "a": [1.0, 1, True]}, {2: "two", 10: "ten"}, {"z": {"y": ()}, "é": -0.0},
        Cmp("x", "one_of", ("a", "b"), Pos("f", 1, 2)), Not(Cmp("n", "lt", float("inf"), Pos()), Pos()),
        [Pos("f.yaml", 3, 4), {"k": Cmp("f", "equals", -0.0)}],
    ]
    for value in values:
        assert canonical_text(value) == json.dumps(canonical(value), separators=(",", ":"), ensure_ascii=False)
