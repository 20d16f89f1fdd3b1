"""A tab where YAML indents (a consultant's editor inserting one) is PF102 at the tab, and the
message says so: libyaml's own words are "found character that cannot start any token",
which names no character, so an author could not tell what to change. Rule files (through
`pathfit lint`) and profiles (through `pathfit recommend`) alike."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"
TINY = Path(__file__).parent / "fixtures" / "tiny"

RULE_EDITS = [  # (text as written, the same with a tab where YAML indents)
    ("  - id: d.broad\n", "\t- id: d.broad\n"),  # libyaml: "found character that cannot start any token"
    ("    reason: Networking is broad development.\n", "\treason: Networking is broad development.\n"),
]


def _tab_at(path: Path) -> tuple[int, int]:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next((n, line.index("\t") + 1) for n, line in enumerate(lines, 1) if "\t" in line)


@pytest.mark.parametrize("old, new", RULE_EDITS, ids=["before a list item", "before a key"])
def test_a_tab_indenting_a_rule_file_is_pf102_at_the_tab_saying_tab(tmp_path: Path, old: str, new: str) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(BASE, rules)
    path = rules / "rules.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    found = [p for p in lint(rules).problems if p.severity == "error"]
    assert [(p.code, p.pos.line, p.pos.col) for p in found] == [("PF102", *_tab_at(path))], \
        "\n".join(p.format() for p in found)
    assert "tab" in found[0].message and "indent with spaces" in found[0].message, found[0].message


def test_a_tab_indenting_a_profile_is_pf102_at_the_tab_saying_tab(tmp_path: Path) -> None:
    profile = tmp_path / "p.yaml"
    profile.write_text("facts:\n\tgoal: specific\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["recommend", "--rules", str(TINY), "--profile", str(profile)],
                                catch_exceptions=False)
    assert result.exit_code == 2 and result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{profile}:2:1: PF102: ") and "indent with spaces" in line, line
