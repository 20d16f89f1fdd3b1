"""A decision table declared `complete: true` had its gaps searched for up to 200,000 partial
inputs, and then lint said nothing: a table of 18 boolean columns, each row needing one of
them true, lets the input with every column false reach no row (the engine fires none of its
rows for that person), yet lint reported no gap. The search now skips what a row still
matching covers whole, so it finds that gap at once; where it does stop, it says so (PF719,
or PF230's gaps said to be those found so far), never silence."""
from __future__ import annotations

import shutil
from pathlib import Path

from pathfit.engine import Engine
from pathfit.engine.authoring.lint import tables
from pathfit.engine.authoring.lint.run import lint

BASE = Path(__file__).parent / "lint_cases" / "base"


def _table_rules(tmp: Path, n: int, cells) -> Path:
    """The lint base with n boolean facts b0.. and a complete `collect` table over them whose
    row k has the cells cells(k, n)."""
    rules = tmp / "rules"
    shutil.copytree(BASE, rules)
    schema = (rules / "schema.yaml").read_text(encoding="utf-8")
    facts = "".join(f"  b{i}:\n    type: bool\n    question: B{i}?\n" for i in range(n))
    (rules / "schema.yaml").write_text(schema.replace("facts:\n", "facts:\n" + facts, 1), encoding="utf-8")
    inputs = "".join(f"      - {{fact: b{i}}}\n" for i in range(n))
    rows = "".join(f"      - {{id: r{k}, when: [{', '.join(cells(k, n))}], then: {{evidence: {{coaching: 1}}}}}}\n"
                   for k in range(len(list(_rows(cells, n)))))
    (rules / "big.yaml").write_text("tables:\n  - id: big\n    hit: collect\n    complete: true\n    reason: r\n"
                                    "    cites: [focus]\n    inputs:\n" + inputs + "    rows:\n" + rows,
                                    encoding="utf-8")
    return rules


def _rows(cells, n: int):
    k = 0
    while cells(k, n) is not None:
        yield k
        k += 1


def one_true(k: int, n: int):
    """Row k: column k true, any other value elsewhere."""
    return None if k >= n else ['"-"'] * k + ["true"] + ['"-"'] * (n - k - 1)


def two_false(k: int, n: int):
    """Row k: columns k and k + 1 false."""
    return None if k >= n - 1 else ['"-"'] * k + ["false", "false"] + ['"-"'] * (n - k - 2)


def test_the_gap_past_200000_partial_inputs_is_reported(tmp_path: Path) -> None:
    rules = _table_rules(tmp_path, 18, one_true)
    found = [p for p in lint(rules).problems if p.code in ("PF230", "PF719")]
    assert [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in found] == [("PF230", "big.yaml", 2, 5)]
    assert ", ".join(f"b{i}=false" for i in range(18)) in found[0].message, found[0].message
    with Engine.load(rules) as engine:  # what the error claims: that person reaches no row
        fired = engine.evaluate({f"b{i}": False for i in range(18)}).fired
    assert not [r for r in fired if r.startswith("big.")], fired


def test_a_search_that_stops_with_no_gap_found_says_so(tmp_path: Path, monkeypatch) -> None:
    rules = _table_rules(tmp_path, 12, lambda k, n: None if k >= n - 1 else
                         ['"-"'] * k + ["true", "true"] + ['"-"'] * (n - k - 2))
    monkeypatch.setattr(tables, "MAX_VISITS", 5)  # fewer than the 12 levels down to any gap
    found = [p for p in lint(rules).problems if p.code in ("PF230", "PF719")]
    assert [(p.code, p.severity, p.pos.line, p.pos.col) for p in found] == [("PF719", "warning", 2, 5)]


def test_a_search_that_stops_after_a_gap_says_there_may_be_more(tmp_path: Path, monkeypatch) -> None:
    rules = _table_rules(tmp_path, 12, two_false)
    monkeypatch.setattr(tables, "MAX_VISITS", 50)
    found = [p for p in lint(rules).problems if p.code in ("PF230", "PF719")]
    assert [(p.code, p.pos.line, p.pos.col) for p in found] == [("PF230", 2, 5)]
    assert "may be more" in found[0].message, found[0].message


def test_a_search_that_ends_says_nothing_of_stopping(tmp_path: Path) -> None:
    rules = _table_rules(tmp_path, 12, two_false)
    found = [p for p in lint(rules).problems if p.code in ("PF230", "PF719")]
    assert [(p.code, p.pos.line, p.pos.col) for p in found] == [("PF230", 2, 5)]
    assert "may be more" not in found[0].message and "more" in found[0].message, found[0].message
