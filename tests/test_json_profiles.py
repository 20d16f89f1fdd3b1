"""A `.json` profile is read as JSON. Regression: it was read as YAML only, which took a
trailing comma, single quotes, bare words and a YAML 1.1 octal where JSON refuses them,
and read `1e1`, a JSON number, as text. Where JSON and YAML read the same values (nearly
always), problems keep YAML's positions."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _json_says(text: str) -> str:
    """Where Python's json module places its refusal of `text`, and pathfit's code for it: the
    reference, since where json places one moves between Python versions (a trailing comma is
    placed at the brace after it by 3.11 and 3.12, at the comma by 3.13)."""
    with pytest.raises(json.JSONDecodeError) as refused:
        json.loads(text)
    return f"{refused.value.lineno}:{refused.value.colno}: PF102: invalid JSON"


@pytest.mark.parametrize("text, where", [
    ('{"goal_clarity": "specific",}', None),  # None: where json says (`_json_says`)
    ("{'hours_per_month': 4}", "1:2: PF102: invalid JSON"),
    ('{"hours_per_month": 4, needs: [performance]}', "1:24: PF102: invalid JSON"),
    ('{"hours_per_month": 024}', "1:22: PF102: invalid JSON"),
    ('{"hours_per_month": NaN}', "1:21: PF102: invalid JSON: NaN is not a JSON number"),
    ('{"hours_per_month": 4,\n "hours_per_month": 5}', "2:2: PF105: "),
    ('{"needs": ' + "[" * 70 + "]" * 70 + "}", "1:"),
    ('{"hours_per_month": 4, "goal_clarity": "specifc"}', "1:40: PF403: "),
])
def test_a_json_profile_that_json_refuses_is_refused_where_json_says(tmp_path, text, where):
    path = tmp_path / "p.json"
    path.write_text(text)
    result = run("recommend", "--profile", path)
    where = where or _json_says(text)
    assert result.exit_code == 2 and result.stderr.startswith(f"{path}:{where}"), result.output
    assert "Traceback" not in result.output


def test_the_same_facts_as_json_and_as_yaml_decide_alike_and_json_numbers_are_numbers(tmp_path):
    facts = {"goal_clarity": "specific", "hours_per_month": 10, "needs": ["performance"], "ready_for_change": True}
    (tmp_path / "p.json").write_text(json.dumps({**facts, "hours_per_month": 10}))
    (tmp_path / "e.json").write_text(json.dumps(facts).replace('"hours_per_month": 10', '"hours_per_month": 1e1'))
    (tmp_path / "p.yaml").write_text("".join(f"{k}: {json.dumps(v)}\n" for k, v in facts.items()))
    answers = [run("recommend", "--profile", tmp_path / name, "--format", "json") for name in ("p.json", "e.json",
                                                                                                 "p.yaml")]
    assert all(a.exit_code == 0 for a in answers), [a.output for a in answers]
    decided = [json.loads(a.stdout) for a in answers]
    assert decided[0] == decided[2]
    assert {k: v for k, v in decided[1].items() if k != "trace"} == {k: v for k, v in decided[0].items() if k != "trace"}
    assert decided[1]["facts"]["hours_per_month"] == 10
