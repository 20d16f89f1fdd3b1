"""A key written twice (PF105) in a profile or a rule file is reported with the file's other
problems in one run, sorted by position, exit status 2, nothing written: the duplicate no
longer stops the reading before the profile or the rules are checked. Each key's first
value is the one read; in a profile its later values are checked too."""
from __future__ import annotations

import shutil

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT


def _located(result) -> list[tuple[str, int, int]]:
    """(code, line, column) of each line of stderr, in printed order."""
    out = []
    for line in result.stderr.splitlines():
        where, code = line.split(": ")[:2]
        _, row, col = where.rsplit(":", 2)
        out.append((code, int(row), int(col)))
    return out


def test_a_duplicate_key_in_a_profile_is_reported_with_its_other_problems(tmp_path):
    """Regression: a profile with a key written twice got PF105 alone; its unknown fact, bad
    values and the repeated key's other value were reported only once the repeat was fixed."""
    path = tmp_path / "person.yaml"
    path.write_text("hours_per_month: 2\n"
                    "goal_clarity: specifc\n"
                    "hours_per_month: 500\n"
                    "needs: [performance, flying]\n"
                    "horizon_mnths: 12\n")
    record = tmp_path / "decision.json"
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(path), "--record", str(record)])
    assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.stderr
    assert _located(result) == [("PF403", 2, 15), ("PF105", 3, 1), ("PF404", 3, 18), ("PF403", 4, 22),
                                ("PF401", 5, 1)], result.stderr
    assert not record.exists()


def test_a_duplicate_key_in_a_json_profile_keeps_the_other_problems_positions(tmp_path):
    """JSON's own reading keeps a repeated key's first value, as YAML's does, so the two agree
    and every problem keeps its line and column (not the file's 0:0)."""
    path = tmp_path / "person.json"
    path.write_text('{"hours_per_month": 4,\n "hours_per_month": 5,\n "goal_clarity": "specifc"}\n')
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert _located(result) == [("PF105", 2, 2), ("PF403", 3, 18)], result.stderr


def test_a_duplicate_key_around_the_facts_and_a_fact_override(tmp_path):
    """A repeat beside `facts:` (an example file's description) is reported with the facts'
    problems; a `--fact` for a repeated key sets both of the file's values aside, and the
    repeat is still reported, as is every other command that reads a profile."""
    path = tmp_path / "example.yaml"
    path.write_text("description: a\ndescription: b\nfacts:\n  hours_per_month: 2\n  hours_per_month: 500\n"
                    "  goal_clarity: specifc\n")
    for command in (["recommend"], ["explain"], ["interview"]):
        result = CliRunner().invoke(cli, [*command, "--profile", str(path)], input="")
        assert result.exit_code == 2 and "Traceback" not in result.stderr, (command, result.output)
        assert _located(result) == [("PF105", 2, 1), ("PF105", 5, 3), ("PF404", 5, 20), ("PF403", 6, 17)], \
            (command, result.stderr)
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(path), "--fact", "hours_per_month=4"])
    assert _located(result) == [("PF105", 2, 1), ("PF105", 5, 3), ("PF403", 6, 17)], result.stderr


def test_a_duplicate_key_in_a_rule_file_is_reported_with_the_rules_other_problems(tmp_path):
    """Regression: a rule file with a key written twice was left out of validation, so its
    unknown fact (PF205) came out only once the repeat was fixed. The key's first value is
    the one validated."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules, ignore=shutil.ignore_patterns("tests"))
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace("../knowledge_base.md", str(ROOT / "knowledge_base.md")))
    coaching = rules / "coaching.yaml"
    text = coaching.read_text()
    assert "    cites: [focus, choose-coaching]\n" in text and "fact: specific_measurable_goal," in text
    text = text.replace("    cites: [focus, choose-coaching]\n", "    cites: [focus, choose-coaching]\n    reason: again\n", 1)
    coaching.write_text(text.replace("fact: specific_measurable_goal,", "fact: specific_measurable_gaol,", 1))
    lines = coaching.read_text().splitlines()
    dup = next(i for i, line in enumerate(lines, 1) if line == "    reason: again")
    bad = next(i for i, line in enumerate(lines, 1) if "specific_measurable_gaol" in line)
    for command in (["recommend", "--fact", "goal_clarity=specific"], ["lint"]):
        result = CliRunner().invoke(cli, [*command, "--rules", str(rules)])
        assert result.exit_code in (1, 2) and "Traceback" not in result.stderr, result.output
        found = [p for p in _located_lines(result) if p[0] in ("PF105", "PF205")]
        assert found == [("PF105", dup, 5), ("PF205", bad, lines[bad - 1].index("{fact") + 8)], result.output


def _located_lines(result) -> list[tuple[str, int, int]]:
    out = []
    for line in result.output.splitlines():
        parts = line.split(": ")
        if len(parts) > 2 and parts[1].startswith("PF"):
            _, row, col = parts[0].rsplit(":", 2)
            out.append((parts[1], int(row), int(col)))
    return out


def test_lint_still_runs_its_file_checks_on_a_rule_file_with_a_key_written_twice(tmp_path):
    """Regression: lint dropped a rule file with a key written twice from its own checks, so
    the file's warnings (here a YAML 1.1 `yes`, PF711) came only once the repeat was fixed."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "tests" / "fixtures" / "tiny", rules)
    target = rules / "rules.yaml"
    text = target.read_text()
    first = text.index("    reason:")
    end = text.index("\n", first) + 1
    text = text[:end] + "    reason: again\n" + text[end:]
    text += "  - id: n.yes\n    reason: a surprise\n    cites: [focus]\n    when: {fact: ready, equals: false}\n" \
            "    then: {not_now: yes}\n"
    target.write_text(text)
    lines = text.splitlines()
    dup = lines.index("    reason: again") + 1
    surprise = next(i for i, line in enumerate(lines, 1) if "not_now: yes" in line)
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    found = [p for p in _located_lines(result) if p[0] in ("PF105", "PF711")]
    assert ("PF105", dup, 5) in found and any(p[:2] == ("PF711", surprise) for p in found), result.output


def test_a_json_profiles_repeated_key_is_not_judged_as_yaml_reads_its_later_value(tmp_path):
    """Regression: in a .json profile a key written twice had its later value judged as YAML
    1.1 reads it: `1e1` (10 to JSON, and accepted alone) was PF407 'not a plain decimal
    number'. JSON keeps the first value; the repeat alone is reported."""
    path = tmp_path / "person.json"
    path.write_text('{"horizon_months": 5, "horizon_months": 1e1}\n')
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert _located(result) == [("PF105", 1, 23)], result.stderr
    alone = tmp_path / "alone.json"
    alone.write_text('{"horizon_months": 1e1}\n')
    assert CliRunner().invoke(cli, ["recommend", "--profile", str(alone)]).exit_code == 0


def test_a_later_facts_block_is_checked_too(tmp_path):
    """Regression: with `facts:` written twice, only PF105 was reported; the later block's
    own problems (here a value no fact takes) were hidden until the repeat was fixed."""
    path = tmp_path / "person.yaml"
    path.write_text("facts:\n  goal_clarity: specific\nfacts:\n  goal_clarity: zz\n")
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert _located(result) == [("PF105", 3, 1), ("PF403", 4, 17)], result.stderr
