"""Regression: a number the rules wrote as 0.0000002 was printed as Python writes it, 2e-07:
`explain --what-if` proposed "unknown -> 3e-07", a value `--fact` and a profile refuse
(PF407: not a plain decimal number), and `rules show` gave the threshold as the rule file
never wrote it. Numbers are now printed as plain decimals, the form every input takes."""
from __future__ import annotations

import re

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.reports.numbers import number_text

from .helpers import LEADS_POLICY, SHARE_SCHEMA, written_rule_set

EXPONENT = re.compile(r"\de[-+]\d")
SCHEMA = SHARE_SCHEMA.format(name="tiny_numbers")
RULES = """rules:
  - {id: c.low, reason: Little time suits coaching., cites: [goals], when: {fact: share, lt: 0.0000002}, then: {evidence: {coaching: 3}}}
  - {id: m.some, reason: Some time suits mentoring., cites: [goals], when: {fact: share, gt: 0.0000004}, then: {evidence: {mentoring: 3}}}
"""


def test_what_if_and_rules_show_print_plain_decimals_a_profile_takes(tmp_path):
    rules = written_rule_set(tmp_path / "tiny_numbers", SCHEMA, LEADS_POLICY, RULES, ("Goals", "goals"))
    what_if = CliRunner().invoke(cli, ["explain", "--rules", str(rules), "--what-if", "--fact", "share=0.5"])
    assert what_if.exit_code == 0, what_if.output
    assert not EXPONENT.search(what_if.stdout) and "-> 0.0000004" in what_if.stdout, what_if.stdout
    shown = CliRunner().invoke(cli, ["rules", "show", "c.low", "--rules", str(rules)])
    assert shown.exit_code == 0 and "share < 0.0000002" in shown.stdout, shown.stdout
    again = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", "share=0.0000004"])
    assert again.exit_code == 0, again.output  # the value proposed is one the person can give
    trace = CliRunner().invoke(cli, ["explain", "--rules", str(rules), "--fact", "share=0.5", "--why-not", "coaching",
                                     "--format", "json"])
    assert '"condition": "share < 0.0000002"' in trace.stdout, trace.stdout  # its words; JSON's numbers are numbers


def test_number_text_is_never_in_exponent_form():
    assert [number_text(v) for v in (2e-07, 1.5e-10, 1e16, 2.0, 2.5, 1234567, -3e-05)] == \
        ["0.0000002", "0.00000000015", "10000000000000000", "2", "2.5", "1234567", "-0.00003"]
