"""Regression: of a version 2 record (sealed before its box held the clear part), `audit verify`
with the key listed what the box cannot vouch for as "whether a subject is present", as if a subject
that is present had been checked. A sealed subject has a box of its own, which verify opens; a
subject kept in clear (a policy saying `subject: public`) is bound by nothing but the record's own
digest, which anyone can recompute: its text was changed and verify said nothing of it. The list
(clear_binding.LEGACY_UNCHECKED, on stderr) now names a subject in clear as not checked."""
from __future__ import annotations

import json
import shutil

from .test_audit_version_2_records_still_read import V2, forge, run


def test_a_version_2_records_subject_in_clear_is_named_as_not_checked(tmp_path, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log, key = tmp_path / "public-subject.jsonl", tmp_path / "audit.key"
    shutil.copy(V2 / log.name, log)
    shutil.copy(V2 / key.name, key)
    key.chmod(0o600)
    assert json.loads(log.read_text())["record"]["subject"] == "E-5005"  # kept in clear by its policy
    forge(log, 1, lambda r: r.update(subject="E-6666"))
    result = run("audit", "verify", log, "--audit-key", key)
    assert result.exit_code == 0, result.output  # nothing a version 2 box holds can show it
    assert "a subject in clear" in result.stderr, result.stderr
    report = json.loads(run("audit", "verify", log, "--audit-key", key, "--format", "json").stdout)
    assert report["intact"] is True and report["seals"]["checked_in_part"] == 1
