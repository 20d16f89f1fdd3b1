"""The screening question for a formal HR process asks about one that is intended as well as
one under way, as the knowledge base's refer-hr-process section says: a line manager who asks
for "coaching" while a performance plan is being prepared must not get coaching because the
plan has not started yet."""
from __future__ import annotations

import re
from pathlib import Path

from pathfit.engine import Engine


def _section(text: str, anchor: str) -> str:
    start = text.index(f'<a id="{anchor}"></a>')
    end = text.find("\n### ", start)
    return text[start:end]


def test_the_knowledge_base_refers_an_intended_hr_process_too():
    with Engine.load() as engine:
        kb = Path(engine.ruleset.knowledge_base).read_text(encoding="utf-8")
    assert "under way or intended" in _section(kb, "refer-hr-process")


def test_the_hr_process_question_asks_about_an_intended_process_as_well():
    with Engine.load() as engine:
        fact = engine.ruleset.facts["formal_performance_process"]
    assert fact.screening
    asked = f"{fact.question} {fact.help}"
    assert re.search(r"\bunder way\b", asked)
    assert re.search(r"\bintended\b", asked), asked
