"""Regression: a policy whose `referrals` or `formats` (or one format's body) was refused had
that one mistake said again at every rule using what it declared: `referrals: counselling`
(no list) was PF203 and then "unknown referral 'training'" at a rule that refers to training;
a misspelt `formts:` key was PF202 and then "unknown format" at every rule suggesting one; a
format whose body was no mapping was PF203 and then "unknown format" for that very format.
What the policy meant there is not known, so it is not judged: the policy's own error is the
one message. A referral or format that a policy read whole does not declare is still PF213."""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import tiny_edited_problems

REFERRALS = "referrals: [counselling, training]"
FORMATS = "formats:\n  external_coach: {for: [coaching, blended]}\n"


def _problems(tmp_path: Path, old: str, new: str) -> list:
    return tiny_edited_problems(tmp_path, "policy.yaml", old, new)


@pytest.mark.parametrize("old, new, expected", [
    (REFERRALS, "referrals: counselling", ("PF203", 2, 12)),
    (REFERRALS, "referrals: {counselling: 1, training: 2}", ("PF203", 2, 12)),
    (REFERRALS, "referals: [counselling, training]", ("PF202", 2, 1)),
    (REFERRALS, "referrals: [counselling, Training]", ("PF212", 2, 26)),
    (FORMATS, "formts:\n  external_coach: {for: [coaching, blended]}\n", ("PF202", 3, 1)),
    (FORMATS + "  peer_mentoring: {for: [mentoring, blended]}\n", "formats: [external_coach, peer_mentoring]\n",
     ("PF203", 3, 10)),
    ("external_coach: {for: [coaching, blended]}", "external_coach: [coaching, blended]", ("PF203", 4, 19)),
])
def test_a_refused_policy_list_is_the_one_error(tmp_path, old, new, expected):
    code, line, col = expected
    assert _problems(tmp_path, old, new) == [(code, "policy.yaml", line, col)]


def test_a_referral_a_policy_read_whole_leaves_out_is_still_unknown(tmp_path):
    assert _problems(tmp_path, REFERRALS, "referrals: [counselling]") == [("PF213", "rules.yaml", 36, 19)]


def test_a_format_a_policy_read_whole_leaves_out_is_still_unknown(tmp_path):
    assert ("PF213", "rules.yaml", 16, 47) in _problems(
        tmp_path, "  external_coach: {for: [coaching, blended]}\n", "")
