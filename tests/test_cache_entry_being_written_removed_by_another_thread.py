"""Two threads of one process keeping the same rule set's load-cache entry at once each keep it
or leave the other's alone.

Regression: the temporary file was named by the key and the process id alone, so a second
thread of the same process keeping the same entry (two `Engine.load` calls of one rule set at
once, cold) could not create it, and on its way out removed it as its own: the first thread's
rename then found no file, and neither kept the entry, so every later load was cold too. With a
third thread, the file the third began could be renamed into place half written by the first.
"""
from __future__ import annotations

import os
import threading

from pathfit.engine.pipeline import cache, cache_keep
from pathfit.engine.pipeline.knowledge_base import text_digest


def test_a_second_thread_keeping_the_same_entry_leaves_the_first_ones_file_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "1")  # the tests run with the cache off
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    kb = tmp_path / "kb.md"
    kb.write_bytes(b"# Knowledge\n")
    key = "ab" * 32
    real_crc32 = cache_keep.crc32
    others: list[threading.Thread] = []

    def crc32_with_another_thread_keeping_it(data: bytes) -> int:
        # the first writer has its temporary file open: another thread keeps the same entry now
        if not others:
            other = threading.Thread(target=cache_keep.put, args=(key, str(kb), text_digest(kb.read_bytes()), ("other",)))
            others.append(other)
            other.start()
            other.join()
        return real_crc32(data)

    monkeypatch.setattr(cache_keep, "crc32", crc32_with_another_thread_keeping_it)
    cache_keep.put(key, str(kb), text_digest(kb.read_bytes()), ("first",))

    assert others, "the second writer never ran"
    assert cache.get(key) in (("first",), ("other",))
    folder = tmp_path / "cache" / "pathfit"
    assert sorted(os.listdir(folder)) == [f"{key}.pickle"]
