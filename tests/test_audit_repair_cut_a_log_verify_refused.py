"""`audit verify --repair` cuts a partial last line (or an uncommitted batch) off a log only
when every other line verifies, and leaves a log with any other problem alone for an auditor.
It checked the chain alone: given `--public-key`, a forged unsigned entry (PF620) before the
partial line was no reason to stop, nor, with the audit key, a sealed record whose clear part
was altered (PF630); the tail was cut and set aside, and the very same command then reported
the finding (exit 1) on the log it had just changed. Now the repair checks what verify checks
with the options given, and repairs nothing where verify would find a problem; without
`--public-key` the unsigned entry is no problem for the chain, and the repair goes ahead."""
from __future__ import annotations

from pathlib import Path

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, forged_unsigned, keyed_log_ending_sensitive, record_for, rehashed, run, \
    signed_lines, signing_keys

PARTIAL = b'{"hash":"ab'  # what an append cut off leaves at the end


def problem_at(stdout: str) -> tuple:
    """(code, line) of the first `file:line:col: code: message` on stdout."""
    where, code = stdout.splitlines()[0].split(": ")[:2]
    return code, int(where.rsplit(":", 2)[1])


def untouched(log: Path, before: bytes) -> bool:
    return log.read_bytes() == before and not list(log.parent.glob("*.partial-*"))


def forged_log(tmp_path: Path, engine, key) -> tuple[Path, Path]:
    """Three signed entries, a fourth appended unsigned by someone without the key, then a
    partial line; -> the log and the signing key's public half."""
    signer = signing_keys(tmp_path, 1)[0]
    log = tmp_path / "audit.jsonl"
    signed_lines(engine, key, signer, log, 3)
    forged_unsigned(log, record_for(engine, EXAMPLES[3], key))
    with open(log, "ab") as f:
        f.write(PARTIAL)
    log.chmod(0o600)
    return log, Path(signer.path + ".pub")


def test_repair_with_public_key_leaves_a_log_with_a_forged_unsigned_entry_alone(tmp_path, engine, key):
    log, public = forged_log(tmp_path, engine, key)
    before = log.read_bytes()
    result = run("audit", "verify", log, "--repair", "--public-key", public)
    assert result.exit_code == 1, result.stdout + result.stderr
    assert problem_at(result.stdout) == ("PF620", 4)
    assert "not repaired" in result.stderr
    assert untouched(log, before)


def test_repair_with_public_key_in_json_reports_the_unsigned_entry_and_repairs_nothing(tmp_path, engine, key):
    import json

    log, public = forged_log(tmp_path, engine, key)
    before = log.read_bytes()
    result = run("audit", "verify", log, "--repair", "--public-key", public, "--format", "json")
    assert result.exit_code == 1, result.stdout + result.stderr
    out = json.loads(result.stdout)
    assert (out["problem"]["code"], out["problem"]["line"], out["repaired"]) == ("PF620", 4, None)
    assert untouched(log, before)


def test_repair_without_public_key_still_sets_the_partial_line_aside(tmp_path, engine, key):
    log, _ = forged_log(tmp_path, engine, key)
    result = run("audit", "verify", log, "--repair")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert len(list(tmp_path.glob("audit.jsonl.partial-*"))) == 1
    assert not log.read_bytes().endswith(PARTIAL)


def test_repair_with_the_audit_key_leaves_a_log_with_an_altered_clear_part_alone(tmp_path, engine, monkeypatch):
    log, lines = keyed_log_ending_sensitive(tmp_path, engine, monkeypatch, 2)
    last = log.read_bytes().splitlines(keepends=True)[-1]
    forged = rehashed(last, lambda entry: entry["record"].__setitem__("operator", "someone else"))
    log.write_bytes(b"".join(lines) + forged + PARTIAL)
    log.chmod(0o600)
    before = log.read_bytes()
    result = run("audit", "verify", log, "--repair")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert problem_at(result.stdout) == ("PF630", 3)
    assert "not repaired" in result.stderr
    assert untouched(log, before)
