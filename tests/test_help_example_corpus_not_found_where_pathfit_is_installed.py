"""Regression: the help texts' corpus examples (`pathfit impact ... --profiles
examples/corpus.jsonl`, a batch of examples/corpus.jsonl) name a folder of the checkout; typed
where pathfit is installed and no such folder is, PF100 said only "No such file or directory",
as the profile example's did. Its message now ends by saying where the examples shipped with
pathfit are, for batch's INPUT and impact's --profiles alike; any other missing file is said as
before."""
from __future__ import annotations

import os

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.bundled import bundled_rules_dir


def test_batch_and_impact_say_where_the_shipped_examples_are(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shipped = os.path.join(os.path.dirname(bundled_rules_dir()), "examples")
    assert os.path.isfile(os.path.join(shipped, "corpus.jsonl"))
    for args in (["batch", "examples/corpus.jsonl", "--out", "out.jsonl"],
                 ["impact", "--base", bundled_rules_dir(), "--profiles", "examples/corpus.jsonl"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith("examples/corpus.jsonl:0:0: PF100: "), result.stderr
        assert result.stderr.rstrip("\n").endswith(f"; the examples shipped with pathfit are in {shipped}"), result.stderr
    other = CliRunner().invoke(cli, ["batch", "examples/none.jsonl", "--out", "out.jsonl"])
    assert other.exit_code == 2 and "examples shipped" not in other.stderr, other.stderr
    assert not (tmp_path / "out.jsonl").exists()
