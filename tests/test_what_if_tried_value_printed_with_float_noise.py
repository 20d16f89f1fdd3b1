"""Regression: `explain --what-if` proposed a number between two of the rules' thresholds as
their binary floating-point midpoint, so between 0.08 and 0.34 it said "unknown ->
0.21000000000000002", a value no one would type and the rules never name. The value tried
between two thresholds is now the exact decimal midpoint (0.21), or the shortest decimal
strictly between them where that midpoint has more digits than a float holds."""
from __future__ import annotations

import json
from decimal import Decimal

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import LEADS_POLICY, SHARE_SCHEMA, written_rule_set

SCHEMA = SHARE_SCHEMA.format(name="noise")
RULES = """rules:
  - {id: c.low, reason: Little time suits coaching., cites: [goals], when: {fact: share, lte: 0.08}, then: {evidence: {coaching: 3}}}
  - id: m.some
    reason: Some time suits mentoring.
    cites: [goals]
    when: {all: [{fact: share, gt: 0.08}, {fact: share, lt: 0.34}]}
    then: {evidence: {mentoring: 3}}
  - {id: c.most, reason: Most of the week suits coaching., cites: [goals], when: {fact: share, gt: 0.7}, then: {evidence: {coaching: 3}}}
  - {id: m.high, reason: Much time suits mentoring., cites: [goals], when: {fact: share, gt: 0.9}, then: {evidence: {mentoring: 6}}}
"""


def test_a_value_tried_between_thresholds_is_the_decimal_between_them(tmp_path):
    rules = written_rule_set(tmp_path / "noise", SCHEMA, LEADS_POLICY, RULES, ("Goals", "goals"))
    out = CliRunner().invoke(cli, ["explain", "--rules", str(rules), "--what-if", "--format", "json"])
    assert out.exit_code == 0, out.output
    tried = [c["to"] for a in json.loads(out.stdout)["alternatives"] for c in a["changes"]]
    # every value tried has no more decimal places than the thresholds around it, plus one
    assert tried and all(-Decimal(repr(v)).as_tuple().exponent <= 3 for v in tried), tried
    assert 0.21 in tried and 0.8 in tried, tried  # (0.08 + 0.34) / 2 and (0.7 + 0.9) / 2, exactly


def test_between_keeps_to_decimals_a_float_holds():
    from pathfit.engine.explain.what_if import value_between
    assert value_between(0.08, 0.34) == 0.21
    assert value_between(0.7, 0.9) == 0.8
    assert value_between(1000000000000.5, 1000000000000.75) == 1000000000000.625  # 13 whole digits: no overflow
