"""Regression: a fraction given for a whole-number fact (`integer: true`) was refused with the
number as Python writes it: `--fact hours=0.00001` said "hours is a whole number, not 1e-05",
a form no profile takes (PF407) and not what was written; `Engine.evaluate` given 1e-05 said
the same. It is now written as a plain decimal, as every other message about a number is."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError

from .helpers import HERE


def test_a_small_fraction_for_a_whole_number_is_refused_as_a_plain_decimal(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("    max: 160\n", "    max: 160\n    integer: true\n", 1))
    said = "PF402: hours is a whole number, not 0.00001"
    run = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--fact", "hours=0.00001"])
    assert run.exit_code == 2 and run.stderr.strip() == f"--fact:0:0: {said}", run.output
    with Engine.load(rules) as engine:
        try:
            engine.evaluate({"hours": 1e-05})
        except PathfitError as refused:
            assert str(refused) == f"<profile>:0:0: {said}"
        else:
            raise AssertionError("a fraction taken for a whole number")
