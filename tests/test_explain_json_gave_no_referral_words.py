"""`explain --what-if` and `--why-not` in JSON say where a referral sends the person in the
policy's words (`referral_label`), as the decision object does: for the decision and for each
alternative, beside the outcome's label.

Regression: both gave the outcome's label but the referral's name only, so alternatives sending
the person to the organisational fix and to counselling both read "Refer elsewhere" to a system
showing the labels, and only the text output said where."""
from __future__ import annotations

import json

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

PROFILE = ROOT / "examples" / "new-finance-lead-missing-basics.yaml"


def _words() -> dict:
    """The bundled policy's words for each referral, read from policy.yaml itself."""
    policy = yaml.safe_load((ROOT / "rules" / "policy.yaml").read_text(encoding="utf-8"))
    return {r["name"]: r["label"] for r in policy["referrals"]}


def _explain(*extra: str) -> dict:
    result = CliRunner().invoke(cli, ["explain", "--profile", str(PROFILE), "--format", "json", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_what_if_words_the_referral_now_and_every_alternatives_referral():
    words = _words()
    result = _explain("--what-if")
    assert result["referral"] == "training" and result["referral_label"] == words["training"]
    found = result["alternatives"] + result["would_change_if"]
    referred = [a for a in found if a["referral"]]
    assert len({a["referral"] for a in referred}) >= 2  # alternatives sending the person to different places
    for alternative in found:
        expected = words[alternative["referral"]] if alternative["referral"] else None
        assert alternative["referral_label"] == expected, alternative


def test_why_not_words_the_referral_given_as_the_decision_object_does():
    decision = json.loads(CliRunner().invoke(cli, ["recommend", "--profile", str(PROFILE), "--format", "json"]).output)
    result = _explain("--why-not", "coaching")
    assert result["referral"] == decision["referral"] == "training"
    assert result["referral_label"] == decision["referral_label"] == _words()["training"]


def test_without_a_referral_the_words_are_null():
    result = CliRunner().invoke(cli, ["explain", "--profile", str(ROOT / "examples" / "new-vp-wants-structure.yaml"),
                                      "--format", "json", "--why-not", "mentoring"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["referral"] is None and body["referral_label"] is None
