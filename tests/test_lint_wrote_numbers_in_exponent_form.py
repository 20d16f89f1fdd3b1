"""Lint's messages printed a small number in Python's exponent form, a form no rule file or
profile takes (PF407, PF211): a fact declared `min: 0.0000001` as "hours is from 1e-07 to
9e-07" (PF702, PF703, PF714), a value-conflict's example as "hours=3.5e-07" (PF232), and a
table's overlap and gap examples as "hours=3e-07" (PF228, PF230), while `rules show`,
`rules list` and `pathfit docs` print the same numbers as written. Every number lint prints
is now written so that a rule file or a profile could give it (reports.numbers.number_text,
which a policy's tests in PF716, already printed in full, now use too)."""
from __future__ import annotations

import pytest

from pathfit.engine.authoring.lint.run import lint

from .helpers import tiny_copy

RULES = """rules:
  - id: x.dead
    reason: Never.
    cites: [focus]
    when: {fact: hours, gt: 0.000001}
    then: {evidence: {coaching: 1}}
  - id: x.always
    reason: Always when ready.
    cites: [focus]
    when: {all: [{fact: hours, gte: 0.00000001}, {fact: ready, equals: true}]}
    then: {evidence: {coaching: 1}}
  - id: v.fast
    reason: Fast.
    cites: [focus]
    when: {fact: hours, gte: 0.0000002}
    then: {derive: {pace: fast}}
  - id: v.slow
    reason: Slow.
    cites: [focus]
    when: {fact: hours, lte: 0.0000005}
    then: {derive: {pace: slow}}
  - id: v.use
    reason: Fast helps.
    cites: [focus]
    when: {fact: pace, equals: fast}
    then: {evidence: {coaching: 1}}
tables:
  - id: t
    hit: unique
    complete: true
    reason: By hours.
    cites: [focus]
    inputs: [{fact: hours, test: gte}, {fact: ready}]
    rows:
      - {when: [0.0000003, true], then: {evidence: {coaching: 1}}}
      - {when: [0.0000003, true], then: {evidence: {mentoring: 1}}}
"""


@pytest.fixture(scope="module")
def messages(tmp_path_factory) -> dict[str, list[str]]:
    """Lint's messages by code, for a tiny rule set whose numbers are all small (run once)."""
    rules = tiny_copy(tmp_path_factory.mktemp("small"))
    schema = rules / "schema.yaml"
    text = schema.read_text().replace("min: 0\n", "min: 0.0000001\n", 1).replace("max: 160\n", "max: 0.0000009\n", 1)
    schema.write_text(text + "  pace: {description: pace, type: enum, values: [fast, slow]}\n")
    (rules / "small.yaml").write_text(RULES)
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text().replace("{each_at_least: 2, ratio_at_most: 1.5}",
                                                 "{each_at_least: 0.0000004, strongest_below: 0.0000002}", 1))
    found: dict[str, list[str]] = {}
    for problem in lint(rules).problems:
        found.setdefault(problem.code, []).append(problem.message)
    return found


DOMAIN = "hours is from 0.0000001 to 0.0000009"


@pytest.mark.parametrize("code, said", [
    ("PF702", DOMAIN),  # at `hours > 0.000001`
    ("PF703", DOMAIN),  # at `hours >= 0.00000001`
    ("PF714", DOMAIN),  # the tiny rule set's `hours >= 4`
    ("PF232", "(for example hours=0.00000035)"),
    ("PF228", "both match hours=0.0000003, ready=true"),
    ("PF230", "hours=0.0000001, any ready; hours=0.0000003, ready=false"),
    ("PF716", "no score is at least 0.0000004 and below 0.0000002"),
])
def test_a_number_in_a_message_is_written_as_a_rule_file_takes_it(messages, code, said):
    assert any(said in m for m in messages[code]), messages[code]


def test_no_message_writes_a_number_in_exponent_form(messages):
    assert not [m for ms in messages.values() for m in ms if "e-0" in m], messages
