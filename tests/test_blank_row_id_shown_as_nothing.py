"""A row id that is empty or blanks alone was shown as nothing at all: batch's summary of the
first errors said `(row 1, id )`, and impact listed the row as `   (line 1): ...`, so the id
could not be seen, nor told from none. Such an id, and one with blanks at an end or a quote
mark first, is now quoted as a Python string literal, as a message quotes a name (`id ''`,
`id ' '`); every other id is shown as before."""
from __future__ import annotations

import json

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, ROOT

IDS = ["", " ", " a", "'b'", "c d"]
SHOWN = ["''", "' '", "' a'", '"\'b\'"', "c d"]


def _cohort(tmp_path, value: str):
    cohort = tmp_path / "in.jsonl"
    cohort.write_text("".join(json.dumps({"id": i, "goal_clarity": value}) + "\n" for i in IDS))
    return cohort


def test_batch_summary_shows_a_blank_id(tmp_path):
    cohort = _cohort(tmp_path, "bogus")
    result = CliRunner().invoke(cli, ["batch", str(cohort), "--out", str(tmp_path / "out.csv"),
                                      "--rules", str(ROOT / "rules")])
    assert result.exit_code == 1
    said = [line for line in result.stderr.splitlines() if "PF403" in line]
    assert [line.rsplit(", id ", 1)[1] for line in said] == [s + ")" for s in SHOWN]


def test_impact_shows_a_blank_id(tmp_path):
    cohort = _cohort(tmp_path, "specific")  # unknown to the base rule set: a changed decision
    result = CliRunner().invoke(cli, ["impact", "--base", str(HERE / "fixtures" / "tiny"), "--rules",
                                      str(ROOT / "rules"), "--profiles", str(cohort)])
    rows = [line for line in result.stdout.splitlines() if "(line " in line]
    assert [line.split(" (line ")[0] for line in rows] == [f"  row {n}, id {s}" for n, s in enumerate(SHOWN, 1)]


def test_audit_show_names_a_blank_id_in_the_record_s_source(tmp_path):
    key, log = tmp_path / "audit.key", tmp_path / "log.jsonl"
    assert CliRunner().invoke(cli, ["audit", "keygen", str(key)]).exit_code == 0
    runner = CliRunner(env={"PATHFIT_AUDIT_KEY_FILE": str(key)})
    made = runner.invoke(cli, ["batch", str(_cohort(tmp_path, "specific")), "--out", str(tmp_path / "out.csv"),
                               "--audit-log", str(log), "--rules", str(ROOT / "rules")])
    assert made.exit_code == 0, made.stderr
    records = json.loads(runner.invoke(cli, ["audit", "show", str(log), "--format", "json"]).stdout)
    shown = []
    for item in records:
        page = runner.invoke(cli, ["audit", "show", str(log), "--id", item["record"]["id"]]).stdout
        shown += [line.split(" (id ", 1)[1] for line in page.splitlines() if line.startswith("From:")]
    assert sorted(shown) == sorted(s + ")" for s in SHOWN)
