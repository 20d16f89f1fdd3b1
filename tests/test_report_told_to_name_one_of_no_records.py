"""Regression: `pathfit report` of an audit log holding no decision record (an empty log, which
`audit verify` calls intact with 0 entries) said "0 records here; name one with --id": there is
none to name, and --id could only fail too. It now says there are no records, and asks for --id
only where there are several to choose from."""
from __future__ import annotations

import subprocess
import sys


def _report(tmp_path, log: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", "report", log, "--out", "page.html"],
                          cwd=tmp_path, capture_output=True, text=True)


def test_an_empty_log_is_said_to_hold_no_record_without_asking_for_an_id(tmp_path) -> None:
    (tmp_path / "audit.jsonl").write_bytes(b"")
    done = _report(tmp_path, "audit.jsonl")
    assert done.returncode == 2
    assert done.stderr.startswith("audit.jsonl:0:0: PF616: "), done.stderr
    assert "--id" not in done.stderr and "no records here" in done.stderr, done.stderr
    assert not (tmp_path / "page.html").exists()
