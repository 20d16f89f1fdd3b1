"""`pathfit docs` and the schemas `pathfit schema` writes printed a small number of a rule set
in Python's exponent form: a threshold `gte: 0.0000004` as "at least **4e-07**", a weight
0.0000002 as "+2e-07 evidence", a fact's `min: 0.0000001` as "From 1e-07 to 160" in the
profile schema's description, a form no rule file or profile takes (PF407), while
`rules show` and `rules list` print the same numbers as written. Every view now prints them
alike, in full."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


def _small_numbers(tmp_path):
    rules = tiny_copy(tmp_path)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("min: 0\n", "min: 0.0000001\n", 1))
    text = (rules / "rules.yaml").read_text()
    text = text.replace("{fact: hours, gte: 4}", "{fact: hours, gte: 0.0000004}", 1)
    (rules / "rules.yaml").write_text(text.replace("{evidence: {mentoring: 2}}", "{evidence: {mentoring: 0.0000002}}", 1))
    return rules


def _run(args: list[str]) -> str:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_docs_writes_a_threshold_and_a_weight_as_rules_show_and_list_do(tmp_path):
    rules = str(_small_numbers(tmp_path))
    text = _run(["docs", "--rules", rules, "--kb-link", "kb.md"])
    assert "e-07" not in text
    assert "  - hours is at least **0.0000004**\n" in text
    assert "- **Then** +0.0000002 evidence for **mentoring**\n" in text
    assert "hours >= 0.0000004" in _run(["rules", "show", "d.structured", "--rules", rules])
    assert "e.broad  [+0.0000002 mentoring]" in _run(["rules", "list", "--rules", rules])


def test_profile_and_tests_schemas_describe_a_bound_as_written(tmp_path):
    rules = str(_small_numbers(tmp_path))
    for kind in ("profile", "tests"):
        hours = json.loads(_run(["schema", "--rules", rules, "--kind", kind]))["$defs"]["facts"]["properties"]["hours"]
        assert "From 0.0000001 to 160." in hours["description"], (kind, hours)
        assert hours["minimum"] == 0.0000001
