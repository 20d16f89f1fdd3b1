"""Regressions: inputs with no size to stat (a device such as /dev/zero, a pipe) were read
whole before any limit applied, so a profile, a knowledge base or a record file named so
ran the process out of memory, and an audit log named so was read for ever. Every read is
bounded now, an audit log must be a regular file, and a batch with an audit log refuses an
input it could not read twice (its digest names the batch)."""
from __future__ import annotations

import os
import shutil

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.log import read_lines
from pathfit.engine.errors import PathfitError

from .audit_support import make_key
from .helpers import ROOT

ZERO = "/dev/zero"


def run(*args: str, **kwargs):
    return CliRunner().invoke(cli, [str(a) for a in args], **kwargs)


@pytest.mark.parametrize("command", ["recommend", "explain"])
def test_a_profile_that_never_ends_is_refused_at_its_limit(command):
    result = run(command, "--profile", ZERO)
    assert result.exit_code == 2 and result.stderr.startswith(f"{ZERO}:0:0: PF106: ")
    assert "Traceback" not in result.output


def test_a_knowledge_base_that_never_ends_is_refused_at_its_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    shutil.copytree(ROOT / "rules", tmp_path / "rules")
    schema = tmp_path / "rules" / "schema.yaml"
    text = schema.read_text()
    assert "knowledge_base:" in text
    schema.write_text("\n".join(f"knowledge_base: {ZERO}" if line.startswith("knowledge_base:") else line
                                for line in text.splitlines()) + "\n")
    result = run("recommend", "--rules", tmp_path / "rules", "--fact", "goal_clarity=specific")
    # refused before a byte is read: a device is no plain file (it was refused at the size limit),
    # at the path in schema.yaml, which the message names
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith("knowledge_base:"))
    assert result.exit_code == 2 and f"{schema}:{line}:17: PF217: knowledge base {ZERO}: not a plain file but a " \
        "device" in result.output


@pytest.mark.parametrize("args", [["audit", "show", "{path}"], ["replay", "{path}"], ["audit", "verify", "{path}"],
                                  ["report", "{path}", "--out", "{tmp}/r.html"]])
@pytest.mark.parametrize("kind", ["device", "named pipe"])
def test_an_audit_log_or_record_must_be_a_regular_file(tmp_path, args, kind):
    """A device never ends; a named pipe with no writer made its reader wait for ever."""
    path = ZERO
    if kind == "named pipe":
        path = tmp_path / "pipe"
        os.mkfifo(path)
    result = run(*[a.format(tmp=tmp_path, path=path) for a in args])
    assert result.exit_code == 2 and result.stderr == f"{path}:0:0: PF100: cannot read file: not a regular file\n"
    assert not (tmp_path / "r.html").exists()
    with pytest.raises(PathfitError) as err:
        read_lines(path)
    assert err.value.codes == ["PF100"] and "not a regular file" in err.value.problems[0].message


def test_a_batch_with_an_audit_log_refuses_a_pipe_it_would_read_up_for_its_digest(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    out, log = tmp_path / "out.jsonl", tmp_path / "audit.jsonl"
    read, write = os.pipe()  # a real pipe with its rows in it, as `<(cmd)` gives one
    os.write(write, b'{"id": "a", "goal_clarity": "specific"}\n')
    os.close(write)
    try:
        piped = f"/dev/fd/{read}"
        result = run("batch", piped, "--out", out, "--audit-log", log)
        assert result.exit_code == 2 and f"{piped}:0:0: PF100: with --audit-log the input must be a regular file" \
            in result.stderr
        assert not out.exists() and not log.exists()
        plain = run("batch", piped, "--out", out, "--input-format", "jsonl")  # without an audit log: read as rows
        assert plain.exit_code == 0 and len(out.read_text().splitlines()) == 1
    finally:
        os.close(read)


def test_a_log_an_editor_gave_a_bom_is_read_as_a_log_damaged_at_line_one(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", ROOT / "examples" / "new-vp-wants-structure.yaml",
               "--audit-log", log).exit_code == 0
    log.write_bytes(b"\xef\xbb\xbf" + log.read_bytes())
    result = run("audit", "verify", log)
    assert result.exit_code == 1 and f"{log}:1:1: PF601: " in result.output


def test_the_caches_reads_stop_at_a_rule_sets_limit():
    """The knowledge base is checked again on every cache hit: a device in its place is a miss,
    read no further than a rule set's limit, not a read without end."""
    from pathfit.engine.pipeline.cache import file_digest

    assert file_digest(ZERO) is None


@pytest.mark.parametrize("command", [["batch", ZERO, "--out", "{tmp}/out.jsonl"],
                                     ["batch", ZERO, "--out", "{tmp}/out.jsonl", "--input-format", "jsonl"],
                                     ["impact", "--base", "rules", "--rules", "rules", "--profiles", ZERO]])
def test_a_cohort_that_is_a_device_is_refused_not_read_for_ever(tmp_path, command):
    """Regression: `batch /dev/zero` ran for ever, skipping its one line that never ends. A
    device has no end to read to; a pipe ends when its writer does, and is still read."""
    import subprocess
    import sys

    args = [a.format(tmp=tmp_path) for a in command]
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"{ZERO}:0:0: PF100: cannot read file: not a plain file or a pipe but a device")
    assert not (tmp_path / "out.jsonl").exists()
