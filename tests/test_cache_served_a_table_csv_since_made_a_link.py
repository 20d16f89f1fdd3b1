"""Regression: the load cache's key read a decision table's CSV through a symbolic link as
its bytes alone, so a `rows_from` CSV replaced by a link to the same bytes (which a load from
the rule files refuses, PF235 at `rows_from`) was served from the entry kept before, and the
rule set decided as if nothing were wrong; with the cache off it was refused."""
from __future__ import annotations

import os

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import tiny_copy

TABLE = "tables:\n  - id: t\n    hit: first\n    reason: r\n    cites: [focus]\n    rows_from: t.csv\n"
ROWS = "goal,ready,evidence.coaching,refer\nspecific,true,2,\n-,false,,training\n"


@pytest.fixture()
def tabled(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    rules = tiny_copy(tmp_path)
    (rules / "t.yaml").write_text(TABLE)
    (rules / "t.csv").write_text(ROWS)
    return rules


def _problems(rules) -> list:
    with pytest.raises(PathfitError) as caught:
        Engine.load(rules).close()
    return [(p.code, os.path.basename(p.pos.file), p.pos.line, p.pos.col) for p in caught.value.problems]


@pytest.mark.parametrize("link", ["relative", "absolute"])
def test_a_csv_made_a_link_after_caching_is_refused_as_without_the_cache(tabled, tmp_path, link):
    Engine.load(tabled).close()  # kept in the cache, the CSV a plain file
    assert list((tmp_path / "cache").rglob("*.pickle"))
    outside = tmp_path / "elsewhere.csv"
    outside.write_text(ROWS)
    (tabled / "t.csv").unlink()
    os.symlink(outside if link == "absolute" else os.path.relpath(outside, tabled), tabled / "t.csv")
    assert _problems(tabled) == [("PF235", "t.yaml", 6, 16)]


def test_a_csv_link_made_a_plain_file_again_is_served_from_the_cache(tabled, tmp_path, monkeypatch):
    """The link state is in the key, not a reason to keep nothing: the plain file's entry still serves."""
    with Engine.load(tabled) as rules:
        expected = rules.evaluate({"goal": "specific", "ready": True}).to_dict()
    import pathfit.engine.pipeline.ruleset

    def refuse(directory):
        raise AssertionError("read again although the same plain files were cached")
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", refuse)
    with Engine.load(tabled) as again:
        assert again.evaluate({"goal": "specific", "ready": True}).to_dict() == expected
