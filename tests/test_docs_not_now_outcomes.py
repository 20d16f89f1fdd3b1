"""`pathfit docs`: the "Not now" heading's introduction names the policy's own evidence
outcomes, as the heading for several outcomes does, never a fixed pair of them."""
from __future__ import annotations

from pathfit.engine.authoring.catalogue import groups, render
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import ROOT, tiny_copy


def _with_outcomes(tmp_path, *outcomes: str):
    rs = read_ruleset(tiny_copy(tmp_path))
    return rs._replace(policy=rs.policy._replace(evidence_outcomes=outcomes))


def test_not_now_names_the_policys_evidence_outcomes(tmp_path):
    rs = _with_outcomes(tmp_path, "shadowing", "sponsorship")
    intros = {key: intro for key, _, intro in groups(rs)}
    assert intros[("not_now",)] == ("These conclude that the person cannot use `shadowing` or `sponsorship` now; "
                                    "where it decides against the evidence is policy.yaml's clause order.")
    for key, intro in intros.items():  # no heading's introduction names outcomes the policy does not have
        assert "coaching" not in intro and "mentoring" not in intro, key


def test_one_and_three_outcomes_read_as_a_list(tmp_path):
    one = {key: intro for key, _, intro in groups(_with_outcomes(tmp_path / "1", "coaching"))}
    assert one[("not_now",)].startswith("These conclude that the person cannot use `coaching` now;")
    none = {key: intro for key, _, intro in groups(_with_outcomes(tmp_path / "0"))}
    assert none[("not_now",)].startswith("These conclude that the person cannot use what the policy recommends now;")
    three = {key: intro for key, _, intro in groups(_with_outcomes(tmp_path / "3", "coaching", "mentoring", "sponsorship"))}
    assert three[("not_now",)].startswith(
        "These conclude that the person cannot use `coaching`, `mentoring` or `sponsorship` now;")


def test_the_bundled_catalogue_names_every_evidence_outcome_under_not_now():
    rs = read_ruleset(ROOT / "rules")
    section = render(rs, "../knowledge_base.md").split("\n## Not now\n\n", 1)[1].split("\n", 1)[0]
    for outcome in rs.policy.evidence_outcomes:
        assert f"`{outcome}`" in section, outcome
