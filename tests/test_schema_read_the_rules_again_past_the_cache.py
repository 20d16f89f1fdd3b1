"""`pathfit schema` read, validated and compiled the rule set on every call, where every other
command takes it from the rule-set cache. It now uses the cache, and each schema it prints or
writes is the same byte for byte with the cache and without it."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline import ruleset

from .helpers import cached_and_uncached, tiny_copy


def _not_read_again(*args: object) -> None:
    raise AssertionError("the rule files were read again")


@pytest.mark.parametrize("kind", ["rules", "profile"])
def test_schema_takes_a_cached_rule_set_and_prints_the_same_bytes(tmp_path, monkeypatch, kind):
    rules = tiny_copy(tmp_path)
    uncached, first, cached = cached_and_uncached(tmp_path, monkeypatch,
                                                  ["schema", "--rules", str(rules), "--kind", kind])
    assert uncached.exit_code == first.exit_code == cached.exit_code == 0, cached.output
    assert uncached.stdout_bytes == first.stdout_bytes == cached.stdout_bytes
    assert b'"$schema"' in cached.stdout_bytes


def test_schema_out_writes_the_same_files_from_the_cache(tmp_path, monkeypatch):
    rules = tiny_copy(tmp_path)
    written = []
    for n, cache in enumerate(("0", "1", "1")):
        monkeypatch.setenv("PATHFIT_CACHE", cache)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
        if n == 2:
            monkeypatch.setattr(ruleset, "read_ruleset", _not_read_again)
        out = tmp_path / f"out{n}"
        result = CliRunner().invoke(cli, ["schema", "--rules", str(rules), "--out", str(out)])
        assert result.exit_code == 0, result.output
        written.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert written[0] and written[0] == written[1] == written[2]
