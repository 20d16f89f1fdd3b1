"""`audit verify LOG` with the audit key: where a sealed record's seal does not hold, "the first
that fails is PF630 with its line, exit 1, like any other finding, and stderr says how many
sealed records opened" (docs/audit.md, "Seals"). stderr said only the finding and how many
entries verified: the seals were counted (`--format json` gave them) but never said. Now it
says them after the finding, and the record whose seal failed is counted as such, never among
the records sealed with another key."""
from __future__ import annotations

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import keyed_log_ending_sensitive, rehashed, run


def forged_log(tmp_path, engine, monkeypatch):
    """Two records, then a sealed one whose clear operator was added after sealing (its
    digests and hash recomputed, as whoever can rewrite the log would): PF630 at line 3."""
    log, lines = keyed_log_ending_sensitive(tmp_path, engine, monkeypatch, 2)
    last = log.read_bytes().splitlines(keepends=True)[-1]
    log.write_bytes(b"".join(lines) + rehashed(last, lambda e: e["record"].__setitem__("operator", "x")))
    log.chmod(0o600)
    return log


def seals_line(stderr: str) -> str:
    found = [line for line in stderr.splitlines() if line.startswith("seals: ")]
    assert len(found) == 1, stderr
    return found[0]


def test_verify_with_a_seal_that_fails_says_how_many_sealed_records_opened(tmp_path, engine, monkeypatch):
    log = forged_log(tmp_path, engine, monkeypatch)
    sealed = sum(b'"masking":{' in line or b'"subject":{' in line for line in log.read_bytes().splitlines())
    result = run("audit", "verify", log)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout.split(": ")[1] == "PF630"
    line = seals_line(result.stderr)
    assert line.startswith(f"seals: {sealed - 1} of {sealed} sealed record"), line
    assert "1 does not" in line, line
    assert "another key" not in line, line


def test_verify_with_a_seal_that_fails_counts_it_apart_from_another_keys(tmp_path, engine, monkeypatch):
    log = forged_log(tmp_path, engine, monkeypatch)
    result = run("audit", "verify", log, "--format", "json")
    assert result.exit_code == 1
    import json

    seals = json.loads(result.stdout)["seals"]
    assert seals["other_keys"] == []
    assert seals["checked"] + seals["not_checked"] == seals["sealed_records"] - 1  # the one that does not hold
