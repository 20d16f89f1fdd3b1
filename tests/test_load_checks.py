"""Checks engine/pipeline/load.py makes without regular expressions (they cost start-up
time), held to the expressions they replace, and the bracket-nesting bound at its edge."""
from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import example, given, settings, strategies as st

from pathfit.engine import PathfitError
from pathfit.engine.pipeline.load import MAX_DEPTH, parse_yaml
from pathfit.engine.pipeline.located import _surprise

_BOOL = re.compile(r"^(y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$")
_OCTAL = re.compile(r"^[-+]?0[0-7_]+$")

PIECES = st.sampled_from(["0", "7", "8", "_", "-", "+", "y", "Y", "yes", "no", "ON", "Off", "o", "\n", " ", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=6).map("".join), st.sampled_from([None, "", "'", '"']))
@example("yes\n", None)
@example("-0_7\n", None)
@example("0", None)
def test_yaml_11_surprises_are_the_ones_the_expressions_found(value, style):
    node = yaml.ScalarNode("tag:yaml.org,2002:str", value, style=style)
    expected = value if not style and (_BOOL.match(value) or _OCTAL.match(value)) else None
    assert _surprise(node) == expected


def _nested(depth: int) -> str:
    return "k: " + "[" * depth + "]" * depth + "\n"


def test_nesting_up_to_the_bound_is_read_and_one_deeper_is_refused_where_it_goes_too_deep():
    assert parse_yaml(_nested(MAX_DEPTH), "f.yaml")["k"] is not None
    assert parse_yaml("k: [" + "[], " * (3 * MAX_DEPTH) + "[]]\n", "f.yaml")  # many brackets, shallow
    with pytest.raises(PathfitError) as err:
        parse_yaml(_nested(MAX_DEPTH + 1), "f.yaml")
    (problem,) = err.value.problems
    assert (problem.code, problem.pos.line, problem.pos.col) == ("PF107", 1, 4 + MAX_DEPTH)
