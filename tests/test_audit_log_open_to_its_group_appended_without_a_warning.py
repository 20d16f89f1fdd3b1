"""Appending to an audit log that anyone but its owner may read or write warns, once a process:
records are personal data. The test before tried mode 644 alone, so a check of "others" only
(a log the group may read, 640), or of reading only (one others may write, 622), went unseen.
A log of the owner's alone (600) warns of nothing."""
from __future__ import annotations

import pytest

from .audit_support import PLAIN_EXAMPLE, keyed, run  # keyed: the fixture


@pytest.mark.parametrize("mode", [0o640, 0o660, 0o620, 0o604, 0o602, 0o644, 0o666])
def test_a_log_open_to_anyone_but_its_owner_warns_once(tmp_path, keyed, mode):
    log = tmp_path / "audit.jsonl"
    assert run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log).exit_code == 0
    assert log.stat().st_mode & 0o777 == 0o600
    log.chmod(mode)
    said = []
    for _ in range(2):
        result = run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log)
        assert result.exit_code == 0, result.output
        said.append(result.stderr.count(f"readable or writable by others (mode {mode:o})"))
    assert said == [1, 0]


def test_a_log_of_its_owner_alone_warns_of_nothing(tmp_path, keyed):
    log = tmp_path / "audit.jsonl"
    for _ in range(2):
        result = run("recommend", "--profile", PLAIN_EXAMPLE, "--audit-log", log)
        assert result.exit_code == 0 and "warning" not in result.stderr, result.output
