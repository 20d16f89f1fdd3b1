"""Mappings and sequences with no YAML 1.1 surprise or number written otherwise share one
empty dict, located.NONE_NOTED, instead of two of their own: it must stay empty, and a
value with something to note must get a dict of its own."""
from __future__ import annotations

from pathfit.engine import Engine
from pathfit.engine.errors import Pos
from pathfit.engine.pipeline import located
from pathfit.engine.pipeline.load import parse_yaml


def test_values_with_nothing_to_note_share_the_empty_dict_and_others_get_their_own():
    doc = parse_yaml("a: {b: 1, c: no}\nd: [x, 'no', no]\ne: {f: 010}\ng: {h: [1]}\n", "f.yaml")
    assert doc.surprises is located.NONE_NOTED and doc.as_written is located.NONE_NOTED
    assert doc["a"].surprises == {"c": "no"} and doc["a"].as_written is located.NONE_NOTED
    assert doc["d"].surprises == {2: "no"}
    assert doc["e"].as_written == {"f": "010"} and doc["e"].surprises == {"f": "010"}
    assert doc["g"]["h"].surprises is located.NONE_NOTED
    doc.put("a", "z", Pos("--fact a"))  # pops what is noted of a key: nothing here
    doc["e"].put("f", 8, Pos("--fact f"))
    assert doc["e"].surprises == {} and doc["e"].as_written == {}
    assert located.NONE_NOTED == {}


def test_the_shared_empty_dict_stays_empty_after_loading_and_evaluating():
    with Engine.load() as engine:
        engine.evaluate({"goal_clarity": "specific"})
    assert located.NONE_NOTED == {}
