"""Regression: `audit verify` on a log whose first line was edited said the line "follows line
the start" (an entry renumbered, its hash recomputed: PF602) or that the next line "follows on
from line the start" (a line inserted before the first: PF604). It now says "the start of the
log", as the other findings about the first line do."""
from __future__ import annotations

import json

from pathfit.engine.audit.log import entry_hash

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import build_log, entry_line, run


def test_the_first_line_is_said_to_follow_the_start_of_the_log(tmp_path, engine, key) -> None:
    log = tmp_path / "audit.jsonl"
    first, second = build_log(engine, key, log, 2)
    renumbered = json.loads(first)
    renumbered["seq"] = 2
    renumbered["hash"] = entry_hash({k: v for k, v in renumbered.items() if k != "hash"})
    log.write_bytes(entry_line(renumbered))
    edited = run("audit", "verify", log)
    inserted_entry = json.loads(first)
    inserted_entry["seq"], inserted_entry["hash"] = 7, "ab" * 32  # a line of its own, matching no hash
    log.write_bytes(entry_line(inserted_entry) + first + second)
    inserted = run("audit", "verify", log)
    for result, code in ((edited, "PF602"), (inserted, "PF604")):
        assert result.exit_code == 1 and f":1:1: {code}: " in result.stdout, result.stdout
        assert "line the start" not in result.stdout and "the start of the log" in result.stdout, result.stdout
