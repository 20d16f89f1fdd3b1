"""`pathfit docs` read, validated and compiled the rule set on every call, where every other
command takes it from the rule-set cache (a second of a 1,000-rule set's catalogue). It now
uses the cache, and its Markdown is the same byte for byte with the cache and without it."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline import ruleset

from .helpers import tiny_copy


def _not_read_again(*args: object) -> None:
    raise AssertionError("the rule files were read again")


def test_docs_takes_a_cached_rule_set_and_writes_the_same_bytes(tmp_path, monkeypatch):
    rules = tiny_copy(tmp_path)
    args = ["docs", "--rules", str(rules), "--kb-link", "kb.md"]
    uncached = CliRunner().invoke(cli, args)
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = CliRunner().invoke(cli, args)  # read, and kept
    monkeypatch.setattr(ruleset, "read_ruleset", _not_read_again)
    cached = CliRunner().invoke(cli, args)
    assert uncached.exit_code == first.exit_code == cached.exit_code == 0, cached.output
    assert uncached.stdout_bytes == first.stdout_bytes == cached.stdout_bytes
