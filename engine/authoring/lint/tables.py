"""Lint decision tables against their hit policy: overlapping rows, and gaps.

Why by enumeration: each column tests one fact, so whether two rows can both
match, or whether some input matches no row, is decided fact by fact over a
finite set of values that stands for every known value the fact can take: an
enum's values (a valued derived fact's, and "no value"), true and false, a
set's membership of the values its columns name, and for a number each
threshold its columns use, the declared minimum and maximum, and one value
inside each interval between them (every value in such an interval passes and
fails the same cells). Columns on the same fact (`hours gt` and `hours lt`) are
one variable, not two: a person has one value for a fact, and a row matches it
only when every one of its cells on that fact passes it. So a finding is
exact, and its example input is a real one, with one value per fact.

Inputs are taken as known: a row whose cells all need known values cannot be
matched while one is unknown, and `-` matches a known value as well as an
unknown one, so two rows that share an input with an unknown fact also share
one with that fact known; a gap is reported as a combination of known values.
"""
from __future__ import annotations

import itertools
import math
from pathlib import Path
from typing import NamedTuple

from ...errors import Collector
from .check import PARSED, Check, Context
from ...pipeline.bundled import SCHEMA_FILE
from ...pipeline.effects import same_effects
from ...pipeline.load import Map
from ...pipeline.model import Cmp, FactDef
from ...pipeline.ruleset import POLICY_FILE
from ...pipeline.tables import Row, Table, column_fact, parse_tables
from ...quote import quote
from ...reports.numbers import number_text

MAX_GAPS = 5  # findings per table; the last one says how many more there are
MAX_VISITS = 200_000  # partial inputs explored per table when looking for gaps


def tables_of(ctx: Context) -> list[Table]:
    """Every decision table that parses, from every rule file that loads (its problems
    are validation's to report)."""
    found: list[Table] = []
    for label, doc in sorted(ctx.docs.items()):
        if Path(label).name in (SCHEMA_FILE, POLICY_FILE) or not isinstance(doc, Map) or "tables" not in doc:
            continue
        found.extend(parse_tables(doc["tables"], doc.at("tables"), label, ctx.facts, ctx.policy, Collector())[0])
    return found


class Variable(NamedTuple):
    """One fact a table tests, with every column that tests it, and the values standing
    for every known value it can take."""
    fact: str
    columns: tuple  # column indices
    values: list
    definition: FactDef | None


def variables(table: Table, facts: dict) -> list[Variable]:
    """The table's facts, in the order their first column appears."""
    where: dict[str, list[int]] = {}
    for k, col in enumerate(table.columns):
        where.setdefault(col.fact, []).append(k)
    found = []
    for name, ks in where.items():
        fact = column_fact(facts, name)
        found.append(Variable(name, tuple(ks), fact_values(table, ks, fact), fact))
    return found


def fact_values(table: Table, ks: list[int], fact: FactDef) -> list:
    """The values standing for every known value of the fact columns ks test (see the
    module docstring)."""
    cells = [row.cells[k] for row in table.rows for k in ks if row.cells[k] is not None]
    if fact.kind == "derived" or fact.type == "bool":
        return [True, False]
    if fact.kind == "valued":
        return [*fact.values, None]  # None: no rule set it, which passes only not_one_of
    if fact.type == "enum":
        return list(fact.values)
    if fact.type == "set":
        named = sorted({c.value for c in cells})
        return [frozenset(m for i, m in enumerate(named) if bits >> i & 1) for bits in range(2 ** len(named))]
    lo, hi = fact.minimum, fact.maximum
    bounds = sorted({lo, hi} | {c.value for c in cells if lo <= c.value <= hi})
    points = set(bounds)
    for a, b in zip(bounds, bounds[1:]):
        points.add(math.floor(a) + 1 if fact.integer else (a + b) / 2)
    return sorted(p for p in points if lo <= p <= hi and (not fact.integer or p == int(p)))


def row_passes(row: Row, var: Variable, value) -> bool:
    """Whether a row's cells on one fact all pass a known value of it."""
    return all(matches(row.cells[k], value) for k in var.columns)


def matches(cell: Cmp | None, value) -> bool:
    """Whether a known value passes one cell (`-` passes everything)."""
    if cell is None:
        return True
    op, v = cell.op, cell.value
    if op == "equals":
        return value == v
    if op == "one_of":
        return value in v
    if value is None:  # a valued derived fact with no value
        return op == "not_one_of"
    if op == "not_one_of":
        return value not in v
    if op == "contains":
        return v in value
    return {"lt": value < v, "lte": value <= v, "gt": value > v, "gte": value >= v}[op]


def _show_value(value) -> str:
    if isinstance(value, frozenset):
        return "{" + ", ".join(sorted(value)) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "(no value)"
    return number_text(value)  # a number as a profile takes it (0.0000003, never 3e-07); a value's name as it is


def _input(facts: list[Variable], values: list) -> str:
    return ", ".join(f"{var.fact}={_show_value(v)}" for var, v in zip(facts, values))


def _overlaps(ctx: Context, out: Collector) -> None:
    for table in tables_of(ctx):
        if table.hit not in ("unique", "any"):
            continue
        facts = variables(table, ctx.facts)
        for j, later in enumerate(table.rows):
            for earlier in table.rows[:j]:
                example = _common(earlier, later, facts)
                if example is None or (table.hit == "any" and same_effects(earlier.then, later.then)):
                    continue
                both = (f"table {quote(table.id)}: rows {earlier.rule_id} (line {earlier.pos.line}) and "
                        f"{later.rule_id} (line {later.pos.line}) both match {_input(facts, example)}")
                if table.hit == "unique":
                    out.add("PF228", f"{both}; a unique table allows one matching row", later.pos)
                else:
                    out.add("PF229", f"{both} with different results; an any table needs equal results", later.pos)


def _common(a: Row, b: Row, facts: list[Variable]) -> list | None:
    """One value per fact that both rows match, or None when no input matches both."""
    example = []
    for var in facts:
        shared = next((v for v in var.values if row_passes(a, var, v) and row_passes(b, var, v)), _NONE)
        if shared is _NONE:
            return None
        example.append(shared)
    return example


_NONE = object()


def _gaps(ctx: Context, out: Collector) -> None:
    """PF230 with an example of each gap, up to MAX_GAPS, then how many more. A gap is one
    input value per fact: each value of an enum, boolean or set fact that reaches no row
    is a gap of its own (`career_stage=mid_career`, `career_stage=executive`), while a number
    fact's values standing for one interval give one example, and a fact whose every
    value leads to the same rows reads `any FACT`."""
    for table in tables_of(ctx):
        if not table.complete:
            continue
        facts = variables(table, ctx.facts)
        found: list[list] = []
        visits = [0]
        _search(facts, [], list(table.rows), found, visits, _covering_from(table.rows, facts))
        stopped = visits[0] > MAX_VISITS
        if stopped and not found:
            out.add("PF719", f"table {quote(table.id)} is declared complete, but whether every input reaches a row "
                             f"is not known: the search stopped after {MAX_VISITS:,} partial inputs", table.pos,
                    "warning")
        if not found:
            continue
        each = [[_examples(values, var.definition) for values, var in zip(gap, facts)] for gap in found]
        total = sum(math.prod(len(values) for values in gap) for gap in each)
        gaps = list(itertools.islice(itertools.chain.from_iterable(itertools.product(*gap) for gap in each), MAX_GAPS))
        shown = "; ".join(_gap_words(facts, list(gap)) for gap in gaps)
        more = f"; and {total - MAX_GAPS} more" if total > MAX_GAPS else ""
        if stopped:  # the count is of the gaps found before the search stopped
            more = (f"; and {total - MAX_GAPS} more found" if total > MAX_GAPS else "") + \
                f" (the search stopped after {MAX_VISITS:,} partial inputs: there may be more)"
        out.add("PF230", f"table {quote(table.id)} is declared complete, but no row matches, for example, {shown}{more}", table.pos)


def _covering_from(rows: list, facts: list[Variable]) -> dict:
    """For each row (by id), the first fact from which on it passes every value of every fact:
    once the search has chosen values up to there and the row still matches, every input
    below is matched, and no gap lies there to look for."""
    found = {}
    for row in rows:
        k = len(facts)
        while k and all(row_passes(row, facts[k - 1], v) for v in facts[k - 1].values):
            k -= 1
        found[id(row)] = k
    return found


def _examples(values, fact: FactDef | None) -> list:
    """The values a gap shows for one column: `_ANY` alone; each value of an enum, boolean,
    set or valued column, since each is an input of its own; one of a number column's,
    which stand for intervals of inputs that one example shows."""
    if values is _ANY:
        return [_ANY]
    numbers = fact is not None and fact.kind not in ("derived", "valued") and fact.type == "number"
    return values[:1] if numbers else values


def _gap_words(facts: list[Variable], gap: list) -> str:
    words = [f"any {var.fact}" if v is _ANY else f"{var.fact}={_show_value(v)}" for var, v in zip(facts, gap)]
    words += [f"any {var.fact}" for var in facts[len(gap):]]
    return ", ".join(words)


_ANY = object()  # every value of the column leads to the same rows


def _search(facts: list[Variable], chosen: list, rows: list, gaps: list, visits: list, covering: dict) -> None:
    """Depth first over the facts, keeping the rows still matching: where none is left,
    every input with the values chosen so far is a gap. Values of a fact that keep the
    same rows are explored once, as one group (chosen: the group's values, or `_ANY` when
    the fact has one group only). Below a row that matches every value of the facts still
    to choose (`covering`), nothing is a gap: that part is not searched. Past MAX_VISITS
    the search stops, and visits[0] says so."""
    visits[0] += 1
    if visits[0] > MAX_VISITS:
        return
    if not rows:
        gaps.append(list(chosen))
        return
    k = len(chosen)
    if k == len(facts) or any(covering[id(r)] <= k for r in rows):
        return
    groups: dict[tuple, list] = {}
    for value in facts[k].values:
        groups.setdefault(tuple(r for r in rows if row_passes(r, facts[k], value)), []).append(value)
    for kept, values in groups.items():
        _search(facts, chosen + [_ANY if len(groups) == 1 else values], list(kept), gaps, visits, covering)


CHECKS = (
    Check("table-overlap", {"PF228": "error", "PF229": "error"},
          "decision-table rows that match the same input where the hit policy forbids it", PARSED, _overlaps),
    Check("table-gaps", {"PF230": "error", "PF719": "warning"},
          "inputs that no row of a table declared complete matches", PARSED, _gaps),
)
