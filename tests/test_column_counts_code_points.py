"""A problem's column counts characters (code points) from the line's start, as docs/authoring.md
says: a CJK character and an emoji count one, a combining accent one of its own, in a rule
file, a profile and a CSV row alike. The reference is the line's text itself: the column is
where the quoted value starts in it, counted by Python's str.index."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

PREFIX = "目標🌱e\u0301 "


def _problems(result) -> list[str]:
    return [line for line in result.output.splitlines() if ": PF" in line]


def test_a_profile_value_after_wide_combining_and_astral_characters(tmp_path):
    line = f"facts: {{needs: [{PREFIX.strip()}, networl]}}"
    profile = tmp_path / "p.yaml"
    profile.write_text(line + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert result.exit_code == 2
    col = line.index("networl") + 1
    assert any(p.startswith(f"{profile}:1:{col}: PF403") and "networl" in p for p in _problems(result)), result.output


def test_a_csv_cell_after_wide_combining_and_astral_characters(tmp_path):
    row = f"{PREFIX.strip()},spe\u0301cific"
    cohort = tmp_path / "c.csv"
    cohort.write_text("id,goal_clarity\n" + row + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(tmp_path / "o.jsonl"), "--jobs", "1"])
    col = row.index("spe") + 1
    assert f"{cohort}:2:{col}: PF403" in result.output, result.output


def test_a_rule_file_value_after_wide_combining_and_astral_characters(tmp_path):
    rules = tmp_path / "r"
    assert CliRunner().invoke(cli, ["init", str(rules)]).exit_code == 0
    text = (rules / "rules.yaml").read_text(encoding="utf-8")
    old = "    when: {fact: goal_clarity, equals: specific}"
    new = f"    when: {{fact: goal_clarity, equals: \"{PREFIX}x\"}}"
    assert old in text
    (rules / "rules.yaml").write_text(text.replace(old, new, 1), encoding="utf-8")
    result = CliRunner().invoke(cli, ["lint", str(rules)])
    number = text.splitlines().index(old) + 1
    col = new.index('"') + 1
    assert any(p.startswith(f"{rules / 'rules.yaml'}:{number}:{col}: PF204") for p in _problems(result)), result.output


def _bad_byte_line(prefix: str) -> bytes:
    return prefix.encode("utf-8") + b"\xff" + "\"\n".encode("utf-8")


def test_a_byte_that_is_not_utf8_after_wide_combining_and_astral_characters(tmp_path):
    """Located by its bytes, the column still counts characters: 目, 標, 🌱, e and its accent one each."""
    col = len(PREFIX.strip()) + len("goal_clarity: \"") + 1
    profile = tmp_path / "p.yaml"
    profile.write_bytes(_bad_byte_line("goal_clarity: \"" + PREFIX.strip()))
    said = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    assert said.exit_code == 2 and f"{profile}:1:{col}: PF101" in said.output, said.output
    cohort = tmp_path / "c.csv"
    cohort.write_bytes(b"id,goal_clarity\n" + PREFIX.strip().encode("utf-8") + b",x\xffy\n")
    row = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(tmp_path / "o.jsonl"), "--jobs", "1"])
    assert f"{cohort}:2:{len(PREFIX.strip()) + 3}: PF101" in row.output, row.output
    rules = tmp_path / "r"
    assert CliRunner().invoke(cli, ["init", str(rules)]).exit_code == 0
    text = (rules / "rules.yaml").read_bytes()
    (rules / "rules.yaml").write_bytes(_bad_byte_line("# " + PREFIX.strip()) + text)
    linted = CliRunner().invoke(cli, ["lint", str(rules)])
    assert f"{rules / 'rules.yaml'}:1:{len(PREFIX.strip()) + 3}: PF101" in linted.output, linted.output
