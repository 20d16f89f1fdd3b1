"""Thousands of problems stay readable: a command prints the first 20 (sorted by location,
`file:line:col: code: message`), then one line saying how many more of each code were not
shown and that PATHFIT_MAX_ERRORS=0 shows every one; exit status 2 and nothing written as
ever. A batch's summary names the codes of the rows' problems it does not show, which its
output holds whole; lint's JSON keeps every finding."""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import simple_rule, tiny_copy

LOCATED = re.compile(r"^(.+):(\d+):(\d+): (PF\d{3}): ")


def _run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(cli, list(args), env=env)
    assert "Traceback" not in result.output, result.output
    return result


def _bad_profile(tmp_path, items: int):
    profile = tmp_path / "p.yaml"
    profile.write_text("goal: specific\nneeds:\n" + "".join(f"  - bogus_{i}\n" for i in range(items)), encoding="utf-8")
    return profile


def test_a_profile_with_10000_bad_items_shows_the_first_20_and_counts_the_rest_by_code(tmp_path):
    rules = tiny_copy(tmp_path)
    profile = _bad_profile(tmp_path, 10_000)
    record = tmp_path / "r.json"
    result = _run("recommend", "--rules", str(rules), "--profile", str(profile), "--record", str(record))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    located = [LOCATED.match(line) for line in lines[:20]]
    assert [(m[1], int(m[2]), int(m[3]), m[4]) for m in located] == [(str(profile), 3 + i, 5, "PF403") for i in range(20)]
    assert lines[20] == "... and 9980 more problems not shown (PF403 9980); PATHFIT_MAX_ERRORS=0 shows every one"
    assert not record.exists()


def test_pathfit_max_errors_0_shows_every_problem_in_order(tmp_path):
    rules = tiny_copy(tmp_path)
    profile = _bad_profile(tmp_path, 500)
    result = _run("recommend", "--rules", str(rules), "--profile", str(profile), env={"PATHFIT_MAX_ERRORS": "0"})
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert [int(LOCATED.match(line)[2]) for line in lines] == list(range(3, 503))


def test_a_setting_that_is_not_a_count_hides_nothing(tmp_path):
    rules = tiny_copy(tmp_path)
    profile = _bad_profile(tmp_path, 30)
    result = _run("recommend", "--rules", str(rules), "--profile", str(profile), env={"PATHFIT_MAX_ERRORS": "lots"})
    assert len(result.stderr.splitlines()) == 30


@pytest.mark.parametrize("setting", ["-5", "-1", " -20 "])
def test_a_negative_setting_hides_nothing(tmp_path, setting):
    """A count below 0 is no count: every problem shown, none summed up (read as the number it
    is, -5 would have shown all but the last 5 and said they were not shown)."""
    rules = tiny_copy(tmp_path)
    profile = _bad_profile(tmp_path, 30)
    result = _run("recommend", "--rules", str(rules), "--profile", str(profile), env={"PATHFIT_MAX_ERRORS": setting})
    assert result.exit_code == 2
    assert [int(LOCATED.match(line)[2]) for line in result.stderr.splitlines()] == list(range(3, 33))


def test_twenty_problems_or_fewer_are_all_shown_with_no_summary(tmp_path):
    rules = tiny_copy(tmp_path)
    result = _run("recommend", "--rules", str(rules), "--profile", str(_bad_profile(tmp_path, 20)))
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 20
    assert all(LOCATED.match(line) for line in result.stderr.splitlines())


def test_a_rule_set_with_2000_bad_rules_counts_every_code_it_does_not_show(tmp_path):
    bad = [simple_rule(f"bad.r{i}", {"all": [{"fact": f"no_such_{i}", "equals": True}]}) for i in range(2000)]
    rules = tiny_copy(tmp_path, bad)
    (rules / "more.yaml").write_text("rules:\n  - id: x\n    nonsense: 1\n", encoding="utf-8")
    result = _run("recommend", "--rules", str(rules), "--fact", "goal=specific")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 21
    first = [LOCATED.match(line) for line in lines[:20]]
    assert all(m[1] == str(rules / "extra.yaml") and m[4] == "PF205" for m in first)
    assert [int(m[2]) for m in first] == sorted(int(m[2]) for m in first)
    shown = {m[4] for m in first}
    full = _run("recommend", "--rules", str(rules), "--fact", "goal=specific", env={"PATHFIT_MAX_ERRORS": "0"})
    codes: dict[str, int] = {}
    for line in full.stderr.splitlines()[20:]:
        code = LOCATED.match(line)[4]
        codes[code] = codes.get(code, 0) + 1
    assert full.stderr.splitlines()[:20] == lines[:20] and shown == {"PF205"}
    total = sum(codes.values())
    assert lines[20] == (f"... and {total} more problems not shown ("
                         + ", ".join(f"{c} {n}" for c, n in sorted(codes.items()))
                         + "); PATHFIT_MAX_ERRORS=0 shows every one")
    assert codes["PF205"] == 1980 and "PF202" in codes


def test_lint_text_shows_20_findings_and_its_json_keeps_every_one(tmp_path):
    bad = [simple_rule(f"bad.r{i}", {"all": [{"fact": f"no_such_{i}", "equals": True}]}) for i in range(300)]
    rules = tiny_copy(tmp_path, bad)
    text = _run("lint", str(rules))
    assert text.exit_code == 1
    assert len(text.stdout.splitlines()) == 20
    assert all(LOCATED.match(line) for line in text.stdout.splitlines())
    assert "... and 280 more problems not shown (PF205 280); PATHFIT_MAX_ERRORS=0 shows every one" in text.stderr
    assert "300 errors" in text.stderr
    as_json = _run("lint", str(rules), "--format", "json")
    found = json.loads(as_json.stdout)
    assert sum(1 for p in found["problems"] if p["code"] == "PF205") == 300


def test_a_batch_where_every_row_is_broken_names_the_codes_it_does_not_show(tmp_path):
    rules = tiny_copy(tmp_path)
    cohort = tmp_path / "c.csv"
    cohort.write_text("id,goal,hours\n" + "".join(f"r{i},specfic,abc\n" for i in range(5000)), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = _run("batch", "--rules", str(rules), str(cohort), "--out", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "5000 rows: no decisions; errors 5000"
    assert [LOCATED.match(line.strip()).group(2, 3, 4) for line in lines[1:6]] == [
        ("2", "4", "PF403"), ("2", "12", "PF402"), ("3", "4", "PF403"), ("3", "12", "PF402"), ("4", "4", "PF403")]
    assert lines[6] == f"  and 9995 more (PF402 4998, PF403 4997); {out} has every row's error"
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["errors"]) for r in rows) == 10_000


def test_a_jsonl_cohort_where_every_line_is_broken_is_summed_up_the_same_way(tmp_path):
    rules = tiny_copy(tmp_path)
    cohort = tmp_path / "c.jsonl"
    cohort.write_text("".join('{"id": "x%d", "goal": \n' % i for i in range(3000)), encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = _run("batch", "--rules", str(rules), str(cohort), "--out", str(out))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert [LOCATED.match(line.strip()).group(2, 3, 4) for line in lines[1:6]] == [(str(n), "22", "PF102") for n in range(1, 6)]
    assert lines[6] == f"  and 2995 more (PF102 2995); {out} has every row's error"
