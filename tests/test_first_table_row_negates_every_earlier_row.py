"""A `first` table's row fires only where no earlier row matches: every earlier row, not the
one just before it. In the tabled fixture each row's match implies the next one's (hours 8 or
more and ready is also hours 2 or more), so a compilation that negated only the row before
decided every one of its people the same and the reference comparison could not tell; here
the second row excludes what the first takes (ready false against ready true), so the
otherwise row is reached past the second row alone exactly where the first row matches."""
from __future__ import annotations

import shutil

from pathfit.engine import Engine

from . import reference
from .test_differential import engine_view, reference_view, settled_facts
from .test_tables import TABLED, _profiles


def _rules(tmp_path):
    rules = tmp_path / "tabled"
    shutil.copytree(TABLED, rules)
    tables = rules / "tables.yaml"
    text = tables.read_text(encoding="utf-8")
    assert '{id: some, when: [2, "-"],' in text
    tables.write_text(text.replace('{id: some, when: [2, "-"],', "{id: some, when: [2, false],"), encoding="utf-8")
    return rules


def test_a_first_tables_last_row_waits_on_every_earlier_row_not_the_one_before(tmp_path):
    rules = _rules(tmp_path)
    tables = reference.load_tables(rules)
    assert [t["hit"] for t in tables] == ["first", "unique"]
    with Engine.load(rules) as engine:
        # hours 9 and ready: the first row matches, the second does not; the otherwise row must not fire
        fired = engine.evaluate({"hours": 9, "ready": True, "goal": "specific"}).fired
        assert "hours_fit.many" in fired and "hours_fit.otherwise" not in fired, fired
        settled = settled_facts(engine)
        bad = [(p, ours) for p in _profiles()
               if (ours := engine_view(engine, p, settled)) != reference_view(engine.ruleset, p, settled, tables)]
    assert bad == []
