"""Decision tables: a rule file's `tables:`, each row compiled to one ordinary rule.

Why rows become rules here, at validation: everything downstream (compile, the
cross-check, explanations, rule tests, coverage, records) already handles rules,
so a row is a rule with its own id (`<table>.<row id or number>`), reason,
citations, position and trace entry, and nothing later needs to know it came
from a table. The table's shape is kept (`Table`) only for lint, which checks
the hit policy (overlapping rows, gaps) on it.

Hit policies: `unique` (at most one row may match an input: lint checks),
`any` (rows may overlap if their results are equal: lint checks), `collect`
(every matching row fires), `first` (row k fires when its cells hold and
every earlier row's cells are false: its condition is `cells_k and not
cells_1 and ... not cells_k-1`, evaluated in the engine's three-valued logic,
so while an earlier row is undecided a later one waits).
"""
from __future__ import annotations

from typing import NamedTuple

from ..errors import Collector, Pos, did_you_mean
from .field_checks import (IDENT, RULE_ID, UnreadFacts, boolean, check_keys, identifier, is_map, is_seq, show, text,
                           written_as)
from .load import Map
from .csv_cells import SpoiltRow
from .csv_rows import SKIP_ROW, with_csv_rows
from .effects import parse_cites, parse_then
from .model import All, Cmp, Effects, FactDef, Not, Policy, Rule, WrittenId, valued_facts
from .operands import cell_surprises, cell_operand, derive_positions, hint, valued_condition
from ..quote import quote

HIT_POLICIES = ("unique", "any", "collect", "first")
TABLE_KEYS = (("id", "hit", "inputs", "rows"), ("reason", "cites", "complete", "description"))
CSV_TABLE_KEYS = (("id", "hit", "rows_from"), ("reason", "cites", "complete", "description", "rows", "inputs"))
ROW_KEYS = (("when", "then"), ("id", "reason", "cites", "description"))
ANY_CELL = "-"
TESTS_BY_TYPE = {
    "enum": ("equals", "one_of", "not_one_of"),
    "bool": ("equals",),
    "number": ("equals", "lt", "lte", "gt", "gte"),
    "set": ("contains",),
    "derived": ("equals",),
    "valued derived": ("equals", "one_of", "not_one_of"),
}
_ALL_TESTS = ("equals", "one_of", "not_one_of", "lt", "lte", "gt", "gte", "contains")


class Column(NamedTuple):
    fact: str
    test: str | None  # None: the column did not validate (reported), so its cells are not judged
    pos: Pos = Pos()


class Row(NamedTuple):
    rule_id: str
    cells: tuple  # one Cmp per column, or None for `-`
    then: Effects
    pos: Pos = Pos()
    valued: tuple = ()  # per column: does it test a valued derived fact


class Table(NamedTuple):
    id: str
    hit: str
    complete: bool
    columns: tuple  # Column
    rows: tuple  # Row, in written order
    pos: Pos = Pos()


def parse_tables(raw, pos: Pos, label: str, facts: dict, policy: Policy | None,
                 out: Collector, sections: dict | None = None,
                 sources: dict | None = None,
                 ids: list[WrittenId] | None = None) -> tuple[list[Table], list[Rule]]:
    """A rule file's `tables:` -> (the tables that parse, one rule per row that parses).
    A table's `rows_from` CSV (csv_rows.py) is read here; `sources` gets its name -> text;
    `ids` gets the rule id of every row, valid or not, whose table id and row id are well
    formed (see validate_rules.check_rule_set)."""
    tables: list[Table] = []
    rules: list[Rule] = []
    if not is_seq(raw, pos, out, "tables"):
        return tables, rules
    for i, body in enumerate(raw):
        if is_map(body, raw.at(i), out, "decision table"):
            if "rows_from" in body:
                check_keys(body, *CSV_TABLE_KEYS, out, "decision table")
                read = with_csv_rows(body, label, out, sources)
                if read is None:  # reported; the table's own keys (hit, reason, cites) are still checked
                    if "rows" not in body:
                        _table(body, label, facts, policy, out, sections or {}, False, ids)
                    continue
                body = read
            table, made = _table(body, label, facts, policy, out, sections or {}, "rows_from" not in raw[i], ids)
            rules.extend(made)
            if table is not None:
                tables.append(table)
    return tables, rules


def _table(body: Map, label: str, facts: dict, policy: Policy | None, out: Collector, sections: dict,
           check: bool = True, ids: list[WrittenId] | None = None):
    if check:  # a CSV table's keys were checked before its rows were read
        check_keys(body, *TABLE_KEYS, out, "decision table")
    tid = body.get("id")
    if "id" in body and not identifier(tid, body.at("id"), out, "table id", RULE_ID):
        tid = None
    if ids is not None and tid is not None:
        ids.append(WrittenId(tid, body.at("id"), "table"))
    hit = body.get("hit")
    if "hit" in body and hit not in HIT_POLICIES:
        out.add("PF226", f"hit policy {show(hit)} is not one of {', '.join(HIT_POLICIES)}"
                f"{did_you_mean(hit, HIT_POLICIES)}", body.at("hit"))
        hit = None
    complete = boolean(body, "complete", out, "complete")
    reason = text(body, "reason", out, "reason")
    cites = parse_cites(body, out, sections, f"table {quote(tid)}" if tid else "this table") if "cites" in body else ()
    columns = _columns(body, facts, out) if "inputs" in body else None
    raw_rows = body.get("rows")
    if "rows" not in body or not is_seq(raw_rows, body.at("rows"), out, "rows"):
        return None, []
    if not raw_rows:
        out.add("PF204", "a decision table needs at least one row", body.at("rows"))
    rows: list[Row] = []
    rules: list[Rule] = []
    usable = columns is not None and all(c.test is not None for c in columns)
    broken = tid is None or hit is None or not usable
    catch_all: Pos | None = None
    # what every row needs of the schema, worked out once per table rather than once per row or cell
    valued = valued_facts(facts)
    column_facts = [column_fact(facts, col.fact, valued) if col.test is not None else None for col in columns] \
        if columns is not None else None
    for n, raw_row in enumerate(raw_rows, start=1):
        if raw_row is SKIP_ROW:  # a CSV row whose problem is reported
            broken = True
            continue
        if not is_map(raw_row, raw_rows.at(n - 1), out, "table row"):
            broken = True
            continue
        if ids is not None and tid is not None:
            rid = raw_row.get("id", n)
            if "id" not in raw_row or (isinstance(rid, str) and IDENT.fullmatch(rid)):
                ids.append(WrittenId(f"{tid}.{rid}", raw_row.at("id") if "id" in raw_row else raw_row.pos, "row",
                                     body.at("id")))
        row = _row(raw_row, n, tid or "", hit, columns, column_facts, facts, valued, policy, out)
        # the row's reason and citations are checked whatever else is wrong with it
        row_reason = text(raw_row, "reason", out, "reason", reason)
        if not row_reason.strip():
            out.add("PF201" if "reason" not in raw_row and "reason" not in body else "PF204",
                    "a row needs a reason, its own or the table's", raw_row.pos)
        row_cites = parse_cites(raw_row, out, sections, f"row {n} of table {quote(tid)}" if tid else f"row {n}") \
            if "cites" in raw_row else cites
        if not row_cites and "cites" not in raw_row and "cites" not in body:
            out.add("PF201", "a row needs citations, its own or the table's (`cites`)", raw_row.pos)
        if row is None:
            broken = True
            continue
        if catch_all is not None:
            out.add("PF227", f"no input reaches this row: the row at line {catch_all.line} matches every input",
                    raw_row.pos)
            broken = True
        if all(c is None for c in row.cells):
            if hit != "first" or n == 1:
                out.add("PF227", "every cell is `-`, so this row matches every input; only a later row of a "
                        "`first` table may (as its otherwise row)", raw_row.at("when"))
                broken = True
            catch_all = raw_row.pos
        rows.append(row)
        when = _condition(rows, hit)
        if when is not None:
            rules.append(Rule(row.rule_id, row_reason, tuple(row_cites), when, row.then, 0,
                              row.pos.file or label, row.pos, raw_row.at("id") if "id" in raw_row else raw_row.pos,
                              derive_positions(raw_row["then"], row.then.derive)))
    if broken:
        return None, rules if tid is not None and hit is not None and usable else []
    return Table(tid, hit, complete, tuple(columns), tuple(rows), body.pos), rules


def _columns(body: Map, facts: dict, out: Collector) -> list[Column] | None:
    """The table's input columns, or None when `inputs` is no list of them. A column that
    does not validate stays in its place with test None: its own cells cannot be judged,
    but the rows' cell counts and the other columns' cells still can (one run, every problem)."""
    raw = body["inputs"]
    if not is_seq(raw, body.at("inputs"), out, "inputs"):
        return None
    if not raw:
        out.add("PF204", "a decision table needs at least one input column", body.at("inputs"))
        return None
    columns: list[Column] = []
    for i, col in enumerate(raw):
        if not is_map(col, raw.at(i), out, "input column"):
            columns.append(Column("?", None, raw.at(i)))
            continue
        check_keys(col, ("fact",), ("test",), out, "input column")
        name, test = col.get("fact"), col.get("test", "equals")
        known = test in _ALL_TESTS
        fact: FactDef | None = column_fact(facts, name) if isinstance(name, str) else None
        kind = None if fact is None else "derived" if fact.kind == "derived" else \
            "valued derived" if fact.kind == "valued" else fact.type
        if not known:  # a misspelt test, as a misspelt operator in a rule is (PF202)
            out.add("PF202", f"unknown test {show(test)} in input column"
                    f"{hint(test, _ALL_TESTS, TESTS_BY_TYPE.get(kind, ()))}", col.at("test"))
        if fact is None and not isinstance(facts, UnreadFacts):  # unread: the schema's error says why
            names = [n for n in facts if "=" not in n] + list(valued_facts(facts))
            out.add("PF205", f"unknown fact {show(name)}{did_you_mean(name, names)}", col.at("fact"))
        elif fact is not None and fact.type != "invalid" and known:  # None: schema.yaml's facts unread
            if test in TESTS_BY_TYPE[kind]:
                columns.append(Column(name, test, col.pos))
                continue
            out.add("PF210", f"test {show(test)} does not apply to {kind} fact {quote(name)}; use "
                    f"{', '.join(TESTS_BY_TYPE[kind])}", col.at("test"))
        columns.append(Column(name if isinstance(name, str) else "?", None, col.pos))
    return columns


def _row(raw: Map, n: int, tid: str, hit, columns, column_facts, facts: dict, valued: dict, policy,
         out: Collector) -> Row | None:
    """One row, or None when it does not validate; `column_facts` is column_fact() of each
    column, `valued` valued_facts(facts). A row with a bad id is checked through, as a rule
    with a bad id is, so one run reports every problem of it."""
    check_keys(raw, *ROW_KEYS, out, "table row")
    rid = raw.get("id", n)
    ok = "id" not in raw or identifier(rid, raw.at("id"), out, "row id", IDENT)
    spoilt = raw.__class__ is SpoiltRow  # a CSV row with a refused result cell: checked, not compiled
    then = parse_then(raw["then"], raw.at("then"), facts, policy, out, valued) \
        if "then" in raw and not (spoilt and not raw["then"]) else None
    cells_raw = raw.get("when")
    if "when" not in raw or not is_seq(cells_raw, raw.at("when"), out, "row cells (when)"):
        return None
    if columns is None:  # the columns' errors are reported; a cell's YAML surprise is too
        for j, cell in enumerate(cells_raw):
            cell_surprises(cell, cells_raw.at(j), cells_raw.surprises.get(j), out)
        return None
    if len(cells_raw) != len(columns):
        out.add("PF225", f"row has {len(cells_raw)} cells; the table has {len(columns)} input columns "
                f"({', '.join(c.fact for c in columns)})", raw.at("when"))
        return None
    cells: list = []
    for j, (col, cell) in enumerate(zip(columns, cells_raw)):
        if cell == ANY_CELL:
            cells.append(None)
            continue
        if col.test is None:  # a column that did not validate: its cells are judged by nothing but YAML
            cell_surprises(cell, cells_raw.at(j), cells_raw.surprises.get(j), out)
            ok = False
            continue
        value = cell_operand(cell, cells_raw.at(j), cells_raw.surprises.get(j), col.test, column_facts[j], out,
                             written_as(cells_raw, j))
        if value is None:
            ok = False
        cells.append(Cmp(col.fact, col.test, value, cells_raw.at(j)))
    if not ok or then is None or spoilt:
        return None
    # a column in error has no fact (its error is reported); a row with `-` there is still
    # checked as a row (PF227), never compiled, since the table is then broken
    return Row(f"{tid}.{rid}", tuple(cells), then, raw.pos,
               tuple(f is not None and f.kind == "valued" for f in column_facts))


def column_fact(facts: dict, name: str, valued: dict | None = None) -> FactDef | None:
    """The fact a column tests; a valued derived fact as an enum of its values (kind "valued").
    `valued` is valued_facts(facts) if the caller has it."""
    if valued is None:
        valued = valued_facts(facts)
    if name in valued:
        return FactDef(name, "valued", "enum", valued[name])
    return facts.get(name) if "=" not in name else None


def cells_condition(row: Row):
    """The row's own cells as a condition: one comparison, or `all` of them (None: every cell `-`).
    A cell on a valued derived fact becomes the tests on its per-value facts, as in a rule."""
    flags = row.valued or (False,) * len(row.cells)
    cmps = tuple(valued_condition(c.fact, c.op, c.value, c.pos) if is_valued else c
                 for c, is_valued in zip(row.cells, flags) if c is not None)
    if not cmps:
        return None
    return cmps[0] if len(cmps) == 1 else All(cmps, row.pos)


def _condition(rows: list[Row], hit):
    """The last row's rule condition: its cells, and for `first` the negation of every earlier row's."""
    row = rows[-1]
    own = cells_condition(row)
    parts = () if own is None else (own,)
    if hit == "first":
        parts += tuple(Not(c, row.pos) for c in map(cells_condition, rows[:-1]) if c is not None)
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else All(parts, row.pos)
