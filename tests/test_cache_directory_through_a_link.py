"""The load cache serves a directory only the rule set read through the name this load reads.

Regression: the key held the directory's name collapsed as text (os.path.normpath), so from a
folder whose `link` leads elsewhere, `link/../rules` (which the system reads as the rules beside
the link's target) shared an entry with `rules`; a hit then checked the knowledge base at the path
the entry's writer had read, so another folder's rule set was served: a knowledge base lacking a
cited section gave advice instead of PF207, and a different one gave the other one's digest.
"""
from __future__ import annotations

import hashlib
import os

import pytest

from pathfit.engine import Engine, PathfitError

from .helpers import bundled_copy

PROFILE = {"goal_clarity": "specific"}


@pytest.fixture()
def linked(tmp_path, monkeypatch):
    """a/rules and b/rules hold the same rule files; a/link leads to b/sub, so from a/,
    `link/../rules` is b/rules, whose knowledge base is b/knowledge_base.md."""
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    bundled_copy(tmp_path / "a")
    bundled_copy(tmp_path / "b")
    (tmp_path / "b" / "sub").mkdir()
    os.symlink(os.path.join("..", "b", "sub"), tmp_path / "a" / "link")
    monkeypatch.chdir(tmp_path / "a")
    return tmp_path


def test_a_cached_rule_set_is_not_served_for_a_link_leading_to_another_knowledge_base(linked):
    kb = linked / "b" / "knowledge_base.md"
    kb.write_text(kb.read_text().replace('<a id="focus"></a>', '<a id="focus-gone"></a>'))
    with pytest.raises(PathfitError) as cold:
        Engine.load("link/../rules")
    assert {p.code for p in cold.value.problems} == {"PF207"}
    Engine.load("rules").close()  # a's rule set, now cached
    with pytest.raises(PathfitError) as warm:
        Engine.load("link/../rules")
    assert [(p.code, p.pos) for p in warm.value.problems] == [(p.code, p.pos) for p in cold.value.problems]


def test_the_knowledge_base_digest_is_of_the_file_this_load_reads(linked):
    kb = linked / "b" / "knowledge_base.md"
    kb.write_text(kb.read_text().replace("pathfit knowledge base", "pathfit knowledge base (edited)", 1))
    b_digest = hashlib.sha256(kb.read_bytes()).hexdigest()
    assert b_digest != hashlib.sha256((linked / "a" / "knowledge_base.md").read_bytes()).hexdigest()
    Engine.load("rules").close()
    for _ in range(2):  # read, then from the cache
        with Engine.load("link/../rules") as rules:
            assert rules.ruleset.kb_sha256 == b_digest
            assert rules.ruleset.knowledge_base == os.path.join("link", "..", "rules", "..", "knowledge_base.md")
