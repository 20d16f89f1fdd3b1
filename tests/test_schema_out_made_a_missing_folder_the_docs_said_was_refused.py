"""`schema --out DIRECTORY` makes a missing folder; every output that is a file refuses one.

Regression: the README said every output refuses a missing folder (PF618), and docs/audit.md
gave PF618 for any output "in a missing folder", yet `pathfit schema --out new/nested/dir`
makes the folders (as `init new/nested/dir` does), by design: its output is a folder, like
init's, made with the folders missing above it and removed again on failure
(tests/test_schema_out_left_created_folders_after_failing.py), and `pathfit schema --out
.schemas/` in a new project is the documented start. The docs now say which outputs are
folders that are made, and the help says the folders above are made too. Checked here: the
file outputs (`report`, `docs`, `batch` `--out`) refuse a missing folder with PF618 at the path
and make nothing; `schema --out` makes it; a `schema --out` refused writes nothing.
"""
from __future__ import annotations

import os
import re
import shutil

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record, record_text

from .helpers import HERE, ROOT

EDITOR_FILES = ["policy.schema.json", "profile.schema.json", "rules.schema.json", "schema.schema.json",
                "tests.schema.json"]  # the five for editors (docs/authoring.md)


def _everything(root) -> list[str]:
    return sorted(os.path.relpath(os.path.join(d, n), root) for d, ds, fs in os.walk(root) for n in ds + fs)


@pytest.fixture()
def inputs(tmp_path):
    """A rule set, a record of it and a batch's input, in tmp_path/in; the outputs go in tmp_path/out."""
    where = tmp_path / "in"
    rules = where / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    with Engine.load(rules) as engine:
        record = build_record(engine, engine.evaluate({"goal": "specific", "hours": 10, "needs": ["skill"],
                                                       "ready": True}), None, record_id="r1")
    (where / "r1.json").write_text(record_text(record), encoding="utf-8")
    (where / "cohort.csv").write_text("id,goal,hours\np1,specific,10\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    return where


@pytest.mark.parametrize("args, name", [
    (["report", "{in}/r1.json"], "r1.html"),
    (["docs", "--rules", "{in}/rules"], "rules.md"),
    (["batch", "--rules", "{in}/rules", "{in}/cohort.csv"], "results.jsonl"),
])
def test_a_file_output_in_a_missing_folder_is_refused_and_makes_nothing(tmp_path, inputs, args, name):
    out = tmp_path / "out" / "new" / "nested" / name
    result = CliRunner().invoke(cli, [a.format(**{"in": inputs}) for a in args] + ["--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert re.match(rf"{re.escape(str(out))}:0:0: PF618: ", result.stderr), result.stderr
    assert result.stdout == ""
    assert _everything(tmp_path / "out") == []


def test_schema_out_makes_its_folder_and_the_missing_ones_above_it(tmp_path, inputs):
    out = tmp_path / "out" / "new" / "nested" / "schemas"
    result = CliRunner().invoke(cli, ["schema", "--rules", str(inputs / "rules"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _everything(tmp_path / "out") == ["new", "new/nested", "new/nested/schemas",
                                             *[f"new/nested/schemas/{n}" for n in EDITOR_FILES]]


@pytest.mark.parametrize("given, code", [("a_file", "PF618"), ("a_file/schemas", "PF100")])
def test_schema_out_refused_writes_nothing(tmp_path, inputs, given, code):
    (tmp_path / "out" / "a_file").write_text("kept\n", encoding="utf-8")
    out = tmp_path / "out" / given
    result = CliRunner().invoke(cli, ["schema", "--rules", str(inputs / "rules"), "--out", str(out)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert re.match(rf"{re.escape(str(out))}:0:0: {code}: ", result.stderr), result.stderr
    assert result.stdout == ""
    assert _everything(tmp_path / "out") == ["a_file"]
    assert (tmp_path / "out" / "a_file").read_text(encoding="utf-8") == "kept\n"


def test_the_docs_say_which_outputs_make_a_missing_folder():
    """Where the docs say outputs refuse a missing folder, they name the two that are folders and
    are made: `init DIRECTORY` and `schema --out DIRECTORY`."""
    readme = " ".join(ROOT.joinpath("README.md").read_text(encoding="utf-8").split())
    said = re.search(r"Every output also refuses [^.]*\.", readme).group(0)
    assert "a missing folder" in said and "`schema --out DIRECTORY`" in said and "`init DIRECTORY`" in said, said
    codes = ROOT.joinpath("docs", "audit.md").read_text(encoding="utf-8")
    pf618 = next(line for line in codes.splitlines() if line.startswith("| PF618 |"))
    assert "missing folder" in pf618 and "`schema --out`" in pf618, pf618
    help_ = " ".join(CliRunner().invoke(cli, ["schema", "--help"]).output.split())
    assert "with any missing folders above it" in help_, help_
