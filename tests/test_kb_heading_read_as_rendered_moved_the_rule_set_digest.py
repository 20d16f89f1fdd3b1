"""Regression: once a knowledge-base heading written with markup (`## Focus &amp; *aims*`) was
named by its rendered words, the rule set's digest, which holds the sections' titles, moved
with them: the same rule files and knowledge base gave another digest than before, so
`pathfit replay` of a record made with them said "the rule set changed since" though no byte
had, and the digest would move again with any change in how the Markdown reader renders. The
digest now reads each title as written; the words shown are the rendered ones."""
from __future__ import annotations

from pathfit.engine.pipeline import knowledge_base
from pathfit.engine.pipeline.ruleset import read_ruleset

from .helpers import tiny_copy


def test_the_digest_is_the_same_however_a_heading_renders(tmp_path, monkeypatch):
    rules = tiny_copy(tmp_path)
    kb = rules / "kb.md"
    kb.write_text(kb.read_text().replace('## Focus <a id="focus"></a>', '## Focus &amp; *aims* <a id="focus"></a>'))
    rendered = read_ruleset(rules)
    assert rendered.sections["focus"] == "Focus & aims"
    monkeypatch.setattr(knowledge_base, "heading_words", lambda source, references=None: source)  # titles read as written, as before
    written = read_ruleset(rules)
    assert written.sections["focus"] == "Focus &amp; *aims*"
    assert written.digest == rendered.digest
    monkeypatch.setattr(knowledge_base, "heading_words", lambda source, references=None: source.upper())  # another reader's rendering
    assert read_ruleset(rules).digest == rendered.digest
