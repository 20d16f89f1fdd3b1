"""A knowledge base saved with a UTF-8 byte order mark (as Windows editors save it) is the same
text as without one: its digest in a decision record is the same, as a rule file's is, so a
record replayed against the same rules checked out on another system says nothing changed."""
from __future__ import annotations

import hashlib
import os

from pathfit.engine import Engine
from pathfit.engine.audit.replay import replay
from pathfit.engine.errors import Pos

# engine and key: the module-scoped fixtures the audit tests share
from .audit_support import SENSITIVE_EXAMPLE, engine, key, record_for
from .helpers import ROOT, bundled_copy

BOM = b"\xef\xbb\xbf"


def _windows_copy(tmp_path, bom: bool, crlf: bool):
    rules = bundled_copy(tmp_path)
    kb = tmp_path / "knowledge_base.md"
    data = kb.read_bytes()
    if crlf:
        data = data.replace(b"\n", b"\r\n")
    kb.write_bytes((BOM if bom else b"") + data)
    return rules


def test_a_byte_order_mark_and_crlf_leave_the_knowledge_base_digest_that_of_the_text(tmp_path):
    reference = hashlib.sha256((ROOT / "knowledge_base.md").read_bytes()).hexdigest()  # the repository's LF file
    for bom, crlf in ((True, False), (True, True), (False, True)):
        folder = tmp_path / f"{bom}-{crlf}"
        folder.mkdir()
        with Engine.load(_windows_copy(folder, bom, crlf)) as loaded:
            assert loaded.ruleset.kb_sha256 == reference, (bom, crlf)


def test_replay_under_a_knowledge_base_saved_with_a_byte_order_mark_reports_no_change(engine, key, tmp_path):
    record = record_for(engine, SENSITIVE_EXAMPLE, key)
    with Engine.load(_windows_copy(tmp_path, bom=True, crlf=True)) as same:
        result = replay(same, record, key, Pos("r.json"))
    assert result["status"] == "reproduced"
    assert result["files"] == {"changed": [], "added": [], "removed": [], "knowledge_base": False}
    assert result["notes"] == []


def test_the_cache_keeps_a_rule_set_read_from_a_knowledge_base_with_a_byte_order_mark(tmp_path, monkeypatch):
    """The cache's check that the file still holds the bytes the rule set was read from
    digests them as the loader does: else a BOM would make every load a miss."""
    from pathfit.engine.pipeline import cache

    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = _windows_copy(tmp_path, bom=True, crlf=True)
    with Engine.load(rules) as loaded:
        cache.put("k" * 64, str(tmp_path / "knowledge_base.md"), loaded.ruleset.kb_sha256, "value")
    assert "k" * 64 + ".pickle" in os.listdir(tmp_path / "cache" / "pathfit")
