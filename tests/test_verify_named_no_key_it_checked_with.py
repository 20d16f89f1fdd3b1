"""Regression: `audit verify --public-key` said "signatures: checked with 1 key(s)", naming no
key, so an auditor handed a log and a public key could not tell from the report which key
vouched for it (a public key swapped beside the log reads the same). The line now names each
key id checked with, the id `audit keygen --signing` printed when it made the key."""
from __future__ import annotations

import re

from click.testing import CliRunner

from pathfit.cli.main import cli


def test_the_signatures_line_names_the_key_ids_checked_with(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ids = []
    for name in ("a.key", "b.key"):
        made = CliRunner().invoke(cli, ["audit", "keygen", "--signing", name])
        assert made.exit_code == 0, made.output
        ids.append(re.search(r"key id ([0-9a-f]{16})", made.stderr).group(1))
    assert CliRunner().invoke(cli, ["audit", "keygen", "audit.key"]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", "audit.key")
    monkeypatch.setenv("PATHFIT_SIGNING_KEY_FILE", "a.key")
    assert CliRunner().invoke(cli, ["recommend", "--fact", "needs=performance", "--audit-log", "log.jsonl"]).exit_code == 0
    monkeypatch.delenv("PATHFIT_SIGNING_KEY_FILE")
    one = CliRunner().invoke(cli, ["audit", "verify", "log.jsonl", "--public-key", "a.key.pub"])
    assert one.exit_code == 0, one.output
    assert f"signatures: checked with 1 public key ({ids[0]}); 1 of 1 entry signed" in one.stderr, one.stderr
    both = CliRunner().invoke(cli, ["audit", "verify", "log.jsonl", "--public-key", "b.key.pub",
                                    "--public-key", "a.key.pub"])
    assert both.exit_code == 0, both.output
    assert f"checked with 2 public keys ({', '.join(sorted(ids))}); 1 of 1" in both.stderr, both.stderr


def test_an_empty_log_is_not_said_to_have_entries_appended_without_a_key(tmp_path, monkeypatch):
    """Regression: verifying an empty log said "signatures: none (entries were appended without
    PATHFIT_SIGNING_KEY_FILE)", of a log that had no entries at all."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "log.jsonl").write_bytes(b"")
    result = CliRunner().invoke(cli, ["audit", "verify", "log.jsonl"])
    assert result.exit_code == 0, result.output
    assert "signatures: none, as the log has no entries\n" in result.stderr, result.stderr
    assert "were appended" not in result.stderr
