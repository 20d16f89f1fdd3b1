"""`pathfit docs` read, validated and compiled the rule set on every call, where every other
command takes it from the rule-set cache (a second of a 1,000-rule set's catalogue). It now
uses the cache, and its Markdown is the same byte for byte with the cache and without it."""
from __future__ import annotations

from .helpers import cached_and_uncached, tiny_copy


def test_docs_takes_a_cached_rule_set_and_writes_the_same_bytes(tmp_path, monkeypatch):
    rules = tiny_copy(tmp_path)
    uncached, first, cached = cached_and_uncached(tmp_path, monkeypatch,
                                                  ["docs", "--rules", str(rules), "--kb-link", "kb.md"])
    assert uncached.exit_code == first.exit_code == cached.exit_code == 0, cached.output
    assert uncached.stdout_bytes == first.stdout_bytes == cached.stdout_bytes
