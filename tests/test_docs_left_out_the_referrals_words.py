"""`pathfit docs` shows where each referral sends the person, in the words the policy gives it
(`referrals: [{name, label}]`) and every view shows HR staff, beside the outcomes' labels, in
the policy's order of precedence.

Regression: the catalogue showed the outcomes' labels but no referral's words: its rules said
`refer to **counselling**`, and nothing in it said that `recommend` tells HR staff
"counselling or therapy (in any imminent danger: emergency services now)"."""
from __future__ import annotations

from pathlib import Path

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT, bundled_copy


def _catalogue(rules: Path, tmp_path: Path) -> str:
    out = tmp_path / "rules.md"
    result = CliRunner().invoke(cli, ["docs", "--rules", str(rules), "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def test_the_catalogue_words_every_referral_as_the_policy_does_in_its_order(tmp_path):
    policy = yaml.safe_load((ROOT / "rules" / "policy.yaml").read_text(encoding="utf-8"))
    text = _catalogue(ROOT / "rules", tmp_path)
    section = text.split("\n## Referrals\n", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows == [f"| `{r['name']}` | {r['label']} |" for r in policy["referrals"]]
    assert "| `counselling` | counselling or therapy (in any imminent danger: emergency services now) |" in rows


def test_a_referrals_words_stay_one_table_cell_and_are_not_markup(tmp_path):
    rules = bundled_copy(tmp_path)
    policy = rules / "policy.yaml"
    policy.write_text(policy.read_text(encoding="utf-8").replace(
        "label: training in the basics first", 'label: "training | <b>basics</b>\\nfirst"'), encoding="utf-8")
    text = _catalogue(rules, tmp_path)
    assert "| `training` | training \\| &lt;b&gt;basics&lt;/b&gt;<br>first |" in text.splitlines()
