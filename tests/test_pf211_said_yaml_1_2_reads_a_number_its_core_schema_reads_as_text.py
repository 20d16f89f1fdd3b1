"""Regression: a rule file's threshold written `1_2e0` (or `-0o14`, `0O14`) was PF211 "is text to
YAML 1.1, which pathfit reads (YAML 1.2 reads it as 12)": YAML 1.2's core schema has no `_` in a
number, no sign before `0o` and no capital `O`, so it reads those as text too, and the message
said of YAML 1.2 what is not so. It now says so only where the core schema does read a number,
and otherwise that some readers take it as one. The reference is the core schema's own int and
float patterns (YAML 1.2.2, 10.3.2), written out here."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy

# YAML 1.2.2 core schema, tag resolution: the int and float patterns (infinity and NaN aside)
CORE_INT = re.compile(r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+")
CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _core_reads_a_number(text: str) -> bool:
    return bool(CORE_INT.fullmatch(text) or CORE_FLOAT.fullmatch(text))


@pytest.mark.parametrize("text", ["1_2e0", "1_0e1", "-0o14", "0O14", "0o14", "1e1", "-.5", "+0o14"])
def test_pf211_says_yaml_1_2_reads_a_number_only_where_its_core_schema_does(tmp_path, text):
    rules = tiny_copy(tmp_path)
    target = next(p for p in sorted(rules.glob("*.yaml")) if re.search(r"\b(gte|lte|gt|lt): [0-9]", p.read_text()))
    source = target.read_text()
    match = re.search(r"\b(gte|lte|gt|lt): ([0-9][0-9.]*)", source)
    target.write_text(source[:match.start(2)] + text + source[match.end(2):])
    line = source.count("\n", 0, match.start(2)) + 1
    column = match.start(2) - source.rfind("\n", 0, match.start(2))
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    assert result.exit_code == 1, result.output  # lint: errors found
    said = [ln for ln in result.output.splitlines() if ": PF211: " in ln]
    assert said and said[0].startswith(f"{target}:{line}:{column}: PF211: "), result.output
    claims_yaml_1_2 = "YAML 1.2 reads" in said[0] or "YAML 1.2 and JSON read" in said[0]
    assert claims_yaml_1_2 == _core_reads_a_number(text), said[0]
