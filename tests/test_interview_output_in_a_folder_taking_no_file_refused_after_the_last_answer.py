"""`pathfit interview` refuses, before its first question, a `--save`, a new `--record` or a new
`--audit-log` in a folder where no file can be made (a read-only folder, a permission refused).
Regression: the folder was found unwritable only after the last answer, so the person answered
every question for a record or a log that could not be written (PF617, exit 2), and a --save
there came to the same end. The tests run as root, which a chmod does not stop: the file
system's refusal is injected, as tests/test_hardening_batch.py injects it."""
from __future__ import annotations

import errno
import os

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import make_key

ANSWERS = "no\nno\nno\n4,7\nyes\n3\nquit\n"
OUTPUTS = [("--save", "PF619"), ("--record", "PF617"), ("--audit-log", "PF617")]


@pytest.mark.parametrize("option, code", OUTPUTS, ids=[o for o, _ in OUTPUTS])
def test_an_output_in_a_folder_taking_no_file_is_refused_before_the_first_question(
        tmp_path, monkeypatch, option, code):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE", raising=False)
    shut = tmp_path / "shut"
    shut.mkdir()
    real = os.open

    def refused(path, *args, **kwargs):  # the folder takes no new file: no permission to write in it
        if os.path.dirname(os.path.abspath(os.fspath(path))) == str(shut):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    target = str(shut / "out")
    result = CliRunner().invoke(cli, ["interview", option, target], input=ANSWERS)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"{target}:0:0: {code}: "), result.output
    assert "Permission denied (EACCES)" in result.stderr
    assert "Q1." not in result.output and list(shut.iterdir()) == []
