"""`pathfit explain --format json` (the derivation tree) is described in docs/decision.md as
`--why-not` and `--what-if` JSON are: every key the tree carries, on every bundled example, is
named in that section. Regression: the section did not exist; the tree's shape was written
nowhere, though programs read it (`/v1/explain` answers the same bytes)."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
HEADING = "# `pathfit explain --format json` (how: the derivation tree)"


def _section() -> str:
    text = (ROOT / "docs" / "decision.md").read_text(encoding="utf-8")
    assert HEADING in text, "docs/decision.md has no section on the derivation tree's JSON"
    return text.split(HEADING, 1)[1].split("\n# ", 1)[0]


def _keys(node, into: set) -> set:
    if isinstance(node, dict):
        for key, value in node.items():
            into.add(key)
            if key not in ("evidence",):  # evidence maps outcome names to weights: data, not shape
                _keys(value, into)
    elif isinstance(node, list):
        for item in node:
            _keys(item, into)
    return into


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_key_of_the_tree_is_described(path):
    result = CliRunner().invoke(cli, ["explain", "--profile", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    named = set(re.findall(r"`\{?([a-z_]+)", _section())) | set(re.findall(r"[{,] ?([a-z_]+)", _section()))
    missing = _keys(json.loads(result.stdout), set()) - named
    assert not missing, f"{path.name}: keys the docs do not describe: {sorted(missing)}"
