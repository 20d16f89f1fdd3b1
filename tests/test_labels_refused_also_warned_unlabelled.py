"""Regression: a fact's `labels` refused in schema.yaml (no mapping, a label that is no text,
or the key misspelt `labls:`) was its error and then, from lint, PF408 "specific has no label;
... add them under `labels:`" at the fact: one mistake said twice, the second telling the
author to write what they had written. The error is now the one message; a value the
labels leave out is still PF408."""
from __future__ import annotations

import json

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

TINY = Path(__file__).resolve().parent / "fixtures" / "tiny"
GOAL = "    values: [specific, emerging, undefined]\n"
NEEDS = "    values: [skill, network, basics]\n"  # labelled whole, so the schema is one that gives labels
NEEDS_LABELS = "    labels: {skill: A skill, network: A network, basics: The basics}\n"


def _lint(tmp_path: Path, labels: str) -> list:
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace(GOAL, GOAL + labels, 1).replace(NEEDS, NEEDS + NEEDS_LABELS, 1))
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules), "--format", "json"])

    found = json.loads(result.stdout)["problems"]
    return [(p["code"], p["line"], p["col"]) for p in found if p["code"] in ("PF408", "PF203", "PF202")]


@pytest.mark.parametrize("labels, expected", [
    ("    labels: [Specific]\n", ("PF203", 7, 13)),
    ("    labels: {specific: [Specific], emerging: Emerging, undefined: Undefined}\n", ("PF203", 7, 24)),
    ("    labls: {specific: Specific, emerging: Emerging, undefined: Undefined}\n", ("PF202", 7, 5)),
])
def test_a_refused_label_is_not_also_said_missing(tmp_path, labels, expected):
    assert _lint(tmp_path, labels) == [expected]


def test_a_value_left_out_of_labels_is_still_warned(tmp_path):
    assert _lint(tmp_path, "    labels: {specific: Specific, emerging: Emerging}\n") == [("PF408", 4, 3)]
