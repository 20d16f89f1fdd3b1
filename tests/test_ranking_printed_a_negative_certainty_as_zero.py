"""Under `combine: certainty` an outcome's score can be below 0 (evidence against it). The Ranking
block printed a score between -0.005 and 0 as "0.00", the figure of an outcome no rule spoke of,
while the JSON gives it below 0 and the shares beside it keep their sign ("-0.00" takes away).
It now prints "-0.00": the sign of the exact score, as a share's."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import fixture_copy

LEANS = [{"id": "veg.lean", "reason": "Vegetables suit a white, a rose less, and a red a touch less still.",
          "cites": ["weight"], "when": {"fact": "main", "equals": "vegetables"},
          "then": {"evidence": {"white": 0.3, "rose": 0.2, "red": -0.004}}}]


def test_a_score_just_below_zero_keeps_its_minus_sign(tmp_path):
    rules = fixture_copy(tmp_path, "advisor")
    (rules / "leans.yaml").write_text(yaml.safe_dump({"rules": LEANS}), encoding="utf-8")
    for fmt, line in (("text", "  3. A red wine -0.00"), ("markdown", "- 3\\. A red wine -0.00")):
        result = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", "main=vegetables",
                                          "--fact", "sauce=none", "--fact", "tastes=dry", "--format", fmt],
                                    env={"NO_COLOR": "1"})
        assert result.exit_code == 0, result.output
        assert line in result.stdout.splitlines(), result.stdout
