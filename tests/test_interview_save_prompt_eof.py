"""Regression: at the interview's last prompt ("Save these answers as a profile?"), Ctrl-D
or Ctrl-C printed click's "Aborted." and exited 1, though the decision had been shown (and
recorded): only the save was declined. Now the interview says the answers were not saved
and ends with status 0, writing nothing."""
from __future__ import annotations

import os
import sys

import subprocess

import pexpect
import pytest

from .helpers import ROOT


@pytest.mark.parametrize("key", ["eof", "interrupt"])
def test_declining_the_save_prompt_with_a_control_key_is_not_an_abort(tmp_path, key):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env.update(TERM="xterm", PYTHONPATH=os.pathsep.join(sys.path))
    log, audit_key = tmp_path / "audit.jsonl", tmp_path / "audit.key"
    subprocess.run([sys.executable, "-m", "pathfit.cli.main", "audit", "keygen", str(audit_key)], env=env, check=True,
                   capture_output=True)
    env["PATHFIT_AUDIT_KEY_FILE"] = str(audit_key)
    child = pexpect.spawn(sys.executable, ["-m", "pathfit.cli.main", "interview", "--profile",
                                           str(ROOT / "examples" / "new-vp-wants-structure.yaml"),
                                           "--audit-log", str(log)],
                          env=env, cwd=str(tmp_path), encoding="utf-8", timeout=30, dimensions=(30, 100))
    child.expect("Recommendation")
    child.expect("Save these answers as a profile")
    child.sendeof() if key == "eof" else child.sendintr()
    child.expect(pexpect.EOF)
    rest = child.before
    child.close()
    assert child.exitstatus == 0, rest
    assert "Aborted" not in rest and "Traceback" not in rest, rest
    assert "The answers were not saved." in rest
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.jsonl", "audit.key"]  # recorded, nothing saved
    assert len(log.read_text().splitlines()) == 1
