"""`pathfit interview` refuses every output it could not write before the first question,
with the codes recommend gives, and writes nothing. Regressions: --save named the record or
the audit log the same run writes through another spelling (a linked folder, a hard link) and
was refused only after the record was written, or with --force replaced the log; a --record
that exists or is a directory, or an --audit-log that is a directory or damaged, was refused
only after the last answer, so the whole conversation (and its --save) was lost."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

ANSWERS = "no\nno\nno\n4,7\nyes\n3\nquit\n"


def _files(top) -> dict:
    found = {}
    for folder, _, names in os.walk(top):
        for name in names:
            path = os.path.join(folder, name)
            found[os.path.relpath(path, top)] = None if os.path.islink(path) else Path(path).read_bytes()
    return found


@pytest.fixture()
def here(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to("..")
    return tmp_path


CLASHES = [
    (["--record", "sub/up/rs.json", "--save", "rs.json", "--force"], "rs.json:0:0: PF613: --save and --record"),
    (["--record", "sub/up/rs.json", "--save", "rs.json"], "rs.json:0:0: PF613: --save and --record"),
    (["--audit-log", "sub/up/al.jsonl", "--save", "al.jsonl", "--force"], "al.jsonl:0:0: PF613: --save and --audit-log"),
    (["--audit-log", "al.jsonl", "--save", "./al.jsonl", "--force"], "./al.jsonl:0:0: PF613: --save and --audit-log"),
    (["--record", "sub/up/x.json", "--audit-log", "x.json"], "sub/up/x.json:0:0: PF613: --record and --audit-log"),
]


@pytest.mark.parametrize("args, said", CLASHES, ids=[" ".join(a) for a, _ in CLASHES])
def test_interview_save_naming_the_record_or_log_however_spelt_is_refused_before_any_question(here, args, said):
    before = _files(here)
    result = CliRunner().invoke(cli, ["interview", *args], input=ANSWERS)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(said), result.output
    assert "Q1." not in result.output and _files(here) == before


def test_interview_save_that_is_a_hard_link_to_the_audit_log_is_the_same_file(here):
    (here / "al.jsonl").write_text("")
    os.link(here / "al.jsonl", here / "hl.jsonl")
    result = CliRunner().invoke(cli, ["interview", "--audit-log", "al.jsonl", "--save", "hl.jsonl", "--force"],
                                input=ANSWERS)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("hl.jsonl:0:0: PF613: --save and --audit-log name the same file"), result.output
    assert (here / "al.jsonl").read_text() == "" and "Q1." not in result.output


def _make(here, kind: str) -> None:
    if kind == "dir":
        (here / "out").mkdir()
    elif kind == "file":
        (here / "out").write_text("{}\n")
    else:
        (here / "out").write_text("not a log\n")
        (here / "out").chmod(0o600)  # a log others can read is warned of first


REFUSED = [
    (["--record", "out", "--save", "p.yaml"], "file", "out:0:0: PF612: "),
    (["--record", "out", "--save", "p.yaml"], "dir", "out:0:0: PF617: "),
    (["--audit-log", "out", "--save", "p.yaml"], "dir", "out:0:0: PF617: "),
    (["--audit-log", "out", "--save", "p.yaml"], "damaged", "out:0:0: PF601: "),
    (["--record", "nofolder/r.json", "--save", "p.yaml"], "file", "nofolder/r.json:0:0: PF617: "),
]


@pytest.mark.parametrize("args, kind, said", REFUSED, ids=[f"{' '.join(a)} {k}" for a, k, _ in REFUSED])
def test_interview_refuses_a_record_or_log_it_cannot_write_before_the_first_question(here, args, kind, said):
    _make(here, kind)
    before = _files(here)
    result = CliRunner().invoke(cli, ["interview", *args], input=ANSWERS)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(said), result.output
    assert "Q1." not in result.output and _files(here) == before


def test_interview_with_a_record_a_log_and_save_still_writes_all_three(here, monkeypatch):
    key = here / "ak.key"
    assert CliRunner().invoke(cli, ["audit", "keygen", str(key)]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))
    result = CliRunner().invoke(cli, ["interview", "--record", "r.json", "--audit-log", "log.jsonl", "--save", "p.yaml"],
                                input=ANSWERS)
    assert result.exit_code == 0, result.output
    assert all((here / name).stat().st_size > 0 for name in ("r.json", "log.jsonl", "p.yaml"))
