"""`audit verify --repair` read the log for its repair holding every line unpacked, each entry
parsed (about 2 KB an entry: 10 MB for a log of 5,000 entries, 2 GB for a million), before it
verified the log holding each entry packed as `audit verify` does (about 150 bytes). Its lines
are held packed now, so it grows with the log as `audit verify` does; a partial last line and
an uncommitted batch are still set aside as before."""
from __future__ import annotations

import json

from .audit_support import run
from .test_audit_readers_held_kilobytes_an_entry import LIMIT, SIZES, _per_entry, logs
from .audit_support import engine, peak_while  # the module-scoped fixture the audit tests share


def test_verify_repair_grows_by_a_few_hundred_bytes_an_entry(logs, monkeypatch):
    made, key_file, _ = logs
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))

    def peak(count: int) -> int:
        if count == SIZES[0]:  # what is imported or kept on a first run is not the command's own
            run("audit", "verify", "--repair", made[count])
        done: list = []
        held = peak_while(lambda: done.append(run("audit", "verify", "--repair", made[count])))
        assert done[0].exit_code == 0, done[0].output
        return held

    assert _per_entry(peak) < LIMIT


def test_a_partial_line_after_an_uncommitted_batch_is_still_set_aside(logs, tmp_path, monkeypatch):
    made, key_file, _ = logs
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    lines = made[SIZES[1]].read_bytes().splitlines(keepends=True)
    begins = [n for n, line in enumerate(lines) if b'"mark":"begin"' in line]
    cut = begins[-1]
    log = tmp_path / "audit.jsonl"
    log.write_bytes(b"".join(lines[:cut + 3]) + lines[cut + 3][:40])  # a begin, two records, half a third
    result = run("audit", "verify", "--repair", "--format", "json", log)
    assert json.loads(result.stdout)["repaired"]["line"] == cut + 1, result.output
    assert log.read_bytes() == b"".join(lines[:cut])
    assert run("audit", "verify", log).exit_code == 0
