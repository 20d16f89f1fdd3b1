"""Files saved on Windows (CRLF line ends, a UTF-8 byte order mark, or both) are read as their
LF, unmarked copies are. A rule project with every file so saved (rule files, schema, policy, a
table's CSV, the knowledge base, rule tests): the same problems at the same lines and columns,
the same rule tests passing, the same digests for a decision record. A profile, YAML or JSON:
the same answer, its problems at the same places. (Cohorts: tests/test_batch.py.)"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pathfit.engine import Engine

TABLE = """\
tables:
  - id: fit
    hit: first
    reason: Who wants a guide.
    cites: [mentors]
    rows_from: fit.csv
"""
ROWS = "wants_experienced_guide,goal_clarity,id,evidence.coaching,evidence.mentoring\n" \
       "true,emerging,guide_emerging,,1\ntrue,specific,guide_specific,1,1\n"


def _pathfit(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], capture_output=True, text=True, cwd=cwd)


def _project(tmp_path: Path, name: str, broken: bool) -> Path:
    assert _pathfit(tmp_path, "init", name).returncode == 0
    rules = tmp_path / name
    (rules / "tables.yaml").write_text(TABLE)
    (rules / "fit.csv").write_text(ROWS)
    if broken:  # one problem in each kind of file, away from its first line
        text = (rules / "rules.yaml").read_text()
        (rules / "rules.yaml").write_text("bogus: 1\n" + text.replace("cites: [mentors]", "cites: [mentorz]"))
        (rules / "fit.csv").write_text(ROWS.replace("true,specific", "true,specfic"))
        (rules / "knowledge_base.md").write_text((rules / "knowledge_base.md").read_text()
                                                 + "\n## Extra <a id=\"extra\"></a>\n\nUncited.\n")
    return rules


def _as_windows_file(path: Path, crlf: bool, bom: bool) -> None:
    data = path.read_bytes().replace(b"\n", b"\r\n") if crlf else path.read_bytes()
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)


def _as_windows(rules: Path, crlf: bool, bom: bool) -> None:
    for path in rules.rglob("*"):
        if path.is_file():
            _as_windows_file(path, crlf, bom)


WINDOWS = pytest.mark.parametrize("crlf, bom", [(True, False), (False, True), (True, True)])


@WINDOWS
def test_problems_are_at_the_same_lines_and_columns(tmp_path, crlf, bom):
    _project(tmp_path, "unix", broken=True)
    _as_windows(_project(tmp_path, "win", broken=True), crlf, bom)
    unix, win = _pathfit(tmp_path, "lint", "unix"), _pathfit(tmp_path, "lint", "win")
    assert unix.returncode == win.returncode == 1
    assert "unix/rules.yaml:1:1: PF202" in unix.stdout + unix.stderr
    assert "unix/fit.csv:3:6: PF204" in unix.stdout + unix.stderr
    assert (win.stdout, win.stderr) == (unix.stdout.replace("unix/", "win/"), unix.stderr.replace("unix/", "win/"))


@WINDOWS
def test_the_rule_tests_pass_and_the_record_digests_are_the_same(tmp_path, crlf, bom):
    unix = _project(tmp_path, "unix", broken=False)
    win = _project(tmp_path, "win", broken=False)
    _as_windows(win, crlf, bom)
    tested = _pathfit(tmp_path, "test", "win")
    assert tested.returncode == 0, tested.stdout + tested.stderr
    with Engine.load(unix) as a, Engine.load(win) as b:
        assert (b.ruleset.digest, b.ruleset.files, b.ruleset.kb_sha256) == \
               (a.ruleset.digest, a.ruleset.files, a.ruleset.kb_sha256)


@WINDOWS
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_a_profile_saved_on_windows_gives_the_same_answer_and_the_same_error_positions(tmp_path, crlf, bom, suffix):
    import yaml

    from .helpers import ROOT

    facts = yaml.safe_load((ROOT / "examples" / "new-vp-wants-structure.yaml").read_text())
    bad = dict(facts, facts=dict(facts["facts"], hours_per_month="lots"))
    for name, value in (("unix", facts), ("win", facts), ("unix-bad", bad), ("win-bad", bad)):
        text = json.dumps(value, indent=2) if suffix == ".json" else yaml.safe_dump(value)
        (tmp_path / (name + suffix)).write_text(text + "\n")
    for name in ("win", "win-bad"):
        _as_windows_file(tmp_path / (name + suffix), crlf, bom)
    runs = {name: _pathfit(tmp_path, "recommend", "--profile", name + suffix, "--format", "json")
            for name in ("unix", "win", "unix-bad", "win-bad")}
    assert runs["unix"].returncode == runs["win"].returncode == 0
    assert runs["win"].stdout == runs["unix"].stdout
    assert runs["unix-bad"].returncode == runs["win-bad"].returncode == 2
    assert ": PF402: " in runs["unix-bad"].stderr
    assert runs["win-bad"].stderr == runs["unix-bad"].stderr.replace("unix-bad", "win-bad")


@WINDOWS
def test_a_cohort_saved_on_windows_gives_the_same_results_and_the_same_row_problems(tmp_path, crlf, bom):
    rows = "id,career_stage,hours_per_month\nx,executive,lots\ny,senior_leader,4\nz,senior_leader,-3\n"
    for name in ("unix", "win"):
        (tmp_path / f"{name}.csv").write_text(rows)
    _as_windows_file(tmp_path / "win.csv", crlf, bom)
    runs = [_pathfit(tmp_path, "batch", f"{name}.csv", "--out", f"{name}.jsonl", "--jobs", "1")
            for name in ("unix", "win")]
    assert runs[0].returncode == runs[1].returncode == 1  # rows with problems
    assert (tmp_path / "win.jsonl").read_text() == (tmp_path / "unix.jsonl").read_text()
    first = json.loads((tmp_path / "unix.jsonl").read_text().splitlines()[0])["errors"][0]
    assert (first["code"], first["line"], first["col"]) == ("PF402", 2, 13)  # 'lots', in its cell
    assert runs[1].stderr == runs[0].stderr.replace("unix", "win")
