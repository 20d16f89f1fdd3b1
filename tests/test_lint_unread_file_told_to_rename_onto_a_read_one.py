"""`pathfit lint` warns of a file pathfit never reads (PF718), such as a `coaching.yml` left
beside the `coaching.yaml` it reads, and told the author to "rename it 'coaching.yaml'": done
as told, the rename replaces the rule file pathfit reads with the one it never read. Where a
file of that name is already there, the warning (still PF718 at the file, 0:0) names it as
read and gives no rename; a name that is free is still offered."""
from __future__ import annotations

import shutil
from pathlib import Path

from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"  # lints clean
CASES = "cases:\n  - name: a\n    profile: {}\n    expect: {outcome: undetermined}\n"


def _pf718(rules: Path) -> dict[str, tuple]:
    return {Path(p.pos.file).relative_to(rules).as_posix(): (p.severity, p.pos.line, p.pos.col, p.message)
            for p in lint(rules).problems if p.code == "PF718"}


def test_no_rename_onto_a_file_pathfit_reads(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(BASE, rules)
    taken = sorted(p.name for p in rules.glob("*.yaml"))[0]  # a rule file the set reads
    stem = taken[: -len(".yaml")]
    shutil.copy(rules / taken, rules / f"{stem}.yml")
    (rules / "tests").mkdir()
    (rules / "tests" / "cases.yaml").write_text(CASES)
    (rules / "tests" / "cases.yml").write_text(CASES)
    (rules / "tests" / "more.yml").write_text(CASES)
    found = _pf718(rules)
    assert sorted(found) == [f"{stem}.yml", "tests/cases.yml", "tests/more.yml"]
    for name in (f"{stem}.yml", "tests/cases.yml"):
        severity, line, col, message = found[name]
        assert (severity, line, col) == ("warning", 0, 0)
        assert "rename" not in message, message
        assert repr(Path(name).with_suffix(".yaml").name) in message, message  # the file read beside it, named
    assert "rename it 'more.yaml'" in found["tests/more.yml"][3]
