"""Rule tests: YAML cases next to the rules, read and checked against the rule set.

A rule author changes a rule and wants to know, before anyone is advised, that
the people it was written for still get the advice they should, and which
rules no case exercises. A case is a profile and what must come out:

    cases:
      - name: new VP wants structure
        profile: {goal_clarity: specific, measurable_soon: true}
        expect:
          outcome: coaching             # required
          referral: null                # optional; null: no referral
          formats: [external_coach]     # optional; the exact set, any order
          fired: [coaching.specific_goal]        # optional; must fire
          not_fired: [mentoring.loose_goals]     # optional; must not fire

Every case is checked before any is run, and every problem in every file is
reported at once: a suite with a typo in one rule id says so, rather than
failing a case for a reason the author did not write. Running the cases, and
rule coverage, is engine.authoring.rule_test_run.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from ..errors import Collector, PathfitError, Pos, Problem, did_you_mean
from ..pipeline.load import Map, Seq, load_file, plain_file
from ..pipeline.yaml_names import unlisted, unread_yaml_names, yaml_files
from ..pipeline.model import RuleSet, kept_with, value_fact, valued_facts
from ..pipeline.policy import declared_names
from ..pipeline.profile import not_a_mapping
from ..pipeline.ruleset import name_surprises
from ..pipeline.field_checks import check_keys, show, type_name
from ..quote import quote, shown_path

TESTS_DIR = "tests"
EXPECT_KEYS = ("outcome", "referral", "formats", "fired", "not_fired", "derived")
_RULE_IDS: dict[int, tuple] = {}  # id(rules) -> (rules, their ids): a case's names are looked up, not searched for


class Case(NamedTuple):
    name: str
    file: str
    pos: Pos
    profile: dict
    expect: dict  # outcome, and any of referral, formats (frozenset), fired, not_fired (tuples)


def case_files(rules_dir: Path, paths: list[str]) -> list[Path]:
    """PATHS (files, or directories whose *.yaml are read), else RULES/tests/*.yaml."""
    if not paths and not _is_dir(rules_dir / TESTS_DIR):
        return []
    targets = [Path(p) for p in paths] if paths else [rules_dir / TESTS_DIR]
    found: list[Path] = []
    shut = [Problem("PF100", f"cannot read the folder: {why}", Pos(str(t))) for t in targets
            if _is_dir(t) and (why := unlisted(t))]  # not "no cases found" in a folder never seen into
    if shut:
        raise PathfitError(shut)
    for target in targets:
        if _is_dir(target):
            found.extend(yaml_files(target))  # one that cannot be read is reported by load_file (PF100)
        else:
            found.append(target)  # a missing file is reported by load_file (PF100)
    once: dict = {}  # one file however it is spelt (`..`, a link, its directory): its cases count once
    for path in found:
        once.setdefault(_identity(path), path)
    return list(once.values())


def _unread_hint(searched: list[str]) -> str:
    """What the searched directories hold that looks like test files but is never read
    (`cases.yml`): the likeliest reason none held a case, said where it is found."""
    unread = [os.path.join(d, n) for d in searched if _is_dir(Path(d)) for n in unread_yaml_names(d)]
    return f" ({', '.join(map(quote, unread))} not read: test files end in `.yaml` exactly)" if unread else ""


def _is_dir(path: Path) -> bool:
    """Whether `path` is a directory, False where that cannot be known (a name too long, a
    parent that may not be searched): Path.is_dir raises there, and what cannot be read is
    reported where it is read (the rule set's directory by the engine's load, PF216; a test file
    by load_file, PF100)."""
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):
        return False


def _identity(path: Path):
    """What names one file: its device and inode where it can be read, else its real path."""
    try:
        st = path.stat()
    except (OSError, ValueError):  # missing, or unreadable: load_file reports it, once per real path
        try:
            return os.path.realpath(path)
        except (OSError, ValueError):
            return str(path)
    return (st.st_dev, st.st_ino)


def load_cases(files: list[Path], engine, searched: list[str] | None = None,
               warnings: list | None = None) -> list[Case]:
    """Every case in the files, checked against the rule set; raise PathfitError with
    every problem (bad YAML, bad shape, unknown rules or values, invalid profiles).
    `warnings` receives lint's YAML 1.1 warnings (PF711) for the test files, since they
    are read as rule files are (`yes` is true) while an editor reads text.
    `searched`: the paths looked in, as the author gave them (by default the files). When
    none holds a case, PF805 names them all and is located at the first, so that a
    directory with no test files is still a place the author can find; when some do, a
    file whose `cases` is empty is PF805 at its `cases`, never passed over in silence."""
    out = Collector()
    cases: list[Case] = []
    empty: list[Pos] = []  # where each file with `cases: []` has it
    docs: dict[str, object] = {}  # label -> document, for the YAML 1.1 check
    listed = False  # some file lists a case, valid or not
    named = {str(Path(p)) for p in searched or ()}  # a file named itself may be a pipe, waited on as a profile is
    for path in files:
        root: list = []  # where the document's value is written, for one that is no mapping
        try:  # a key written twice (PF105) is reported with the file's other problems, not alone
            if searched is not None and str(path) not in named:  # found in a folder: one of the rule set's files
                plain_file(path, str(path))
            doc = load_file(path, str(path), duplicates=out.problems, root=root)
        except PathfitError as err:
            out.problems.extend(err.problems)
            continue
        docs[str(path)] = doc
        if isinstance(doc, Map) and isinstance(doc.get("cases"), Seq):
            if doc["cases"]:
                listed = True
            else:
                empty.append(doc.at("cases"))
        cases.extend(_file_cases(doc, str(path), engine, out, root[0] if root else Pos(str(path), 1, 1)))
    if listed:
        for pos in empty:
            out.add("PF805", "no rule test cases found in this file: `cases` is empty", pos)
    elif not cases and not out.problems:
        names = searched or [str(f) for f in files]
        out.add("PF805", f"no rule test cases found in {', '.join(map(shown_path, names))}{_unread_hint(names)}",
                Pos(names[0] if names else ""))
    name_surprises(out, docs)  # `name: no` is "not false" only with the `no` typed named beside it
    out.raise_if_errors()
    if warnings is not None:
        from .lint.yaml_surprises import check_surprises

        found = Collector()
        check_surprises(docs, out.problems, found)
        warnings.extend(sorted(found.problems, key=lambda p: p.sort_key()))
    return cases


def _file_cases(doc, label: str, engine, out: Collector, at: Pos) -> list[Case]:
    """The cases of one file's document; `at` is where its value is written."""
    if not isinstance(doc, Map):
        out.add("PF801", f"a rule test file is a mapping with `cases:`, not {type_name(doc)}", at)
        return []
    _keys(doc, ("cases",), ("description",), out, "rule test file")
    _description(doc, out)
    raw = doc.get("cases")
    if not isinstance(raw, Seq):
        if "cases" in doc:
            out.add("PF801", f"`cases` is a list of cases, not {type_name(raw)}", doc.at("cases"))
        return []
    cases, names = [], {}
    for i, body in enumerate(raw):
        pos = raw.at(i)
        if not isinstance(body, Map):
            out.add("PF801", f"a case is a mapping with name, profile and expect, not {type_name(body)}", pos)
            continue
        # a name is claimed whether or not its case is valid: a duplicate is reported with the
        # case's other problems, not only once they are fixed
        name = body.get("name")
        named = isinstance(name, str) and bool(name.strip())
        duplicate = named and name in names
        if duplicate:
            out.add("PF804", f"case name {quote(name)} is already used at line {names[name].line}", pos)
        elif named:
            names[name] = pos
        case = _case(body, label, pos, engine, out)
        if case is not None and not duplicate:
            cases.append(case)
    return cases


def _keys(m: Map, required: tuple, optional: tuple, out: Collector, what: str) -> None:
    """check_keys, re-coded: in a test file a shape problem is PF801, not a rule-set PF2xx."""
    local = Collector()
    check_keys(m, required, optional, local, what)
    for p in local.problems:
        out.add("PF801", p.message, p.pos)


def _description(m: Map, out: Collector) -> None:
    """A description is words for reviewers, as the tests schema has it (text): a number, a list
    or YAML 1.1's `no` there is PF801, never taken in silence where the editor refuses it."""
    if "description" in m and not isinstance(m["description"], str):
        out.add("PF801", f"`description` is text, not {type_name(m['description'])} ({show(m['description'])})",
                m.at("description"))


def _case(body: Map, label: str, pos: Pos, engine, out: Collector) -> Case | None:
    before = len(out.problems)
    _keys(body, ("name", "profile", "expect"), ("description",), out, "case")
    _description(body, out)
    name = body.get("name")
    if "name" in body and not (isinstance(name, str) and name.strip()):
        out.add("PF801", f"a case name is non-empty text, not {show(name)}", body.at("name"))
    profile = body.get("profile")
    if "profile" in body:
        if profile is None:
            profile = {}  # `profile:` with nothing under it: everything unknown
        elif not isinstance(profile, Map):  # a plain value has no place of its own: where it is written
            out.problems.append(not_a_mapping(profile, body.at("profile")))
        else:
            try:
                engine.check(profile, label)
            except PathfitError as err:
                out.problems.extend(err.problems)
    expect = _expect(body.get("expect"), body.at("expect"), engine.ruleset, out) if "expect" in body else None
    if len(out.problems) > before or expect is None:
        return None
    return Case(name, label, pos, profile, expect)


def _expect(raw, pos: Pos, rs: RuleSet, out: Collector) -> dict | None:
    if not isinstance(raw, Map):
        out.add("PF801", f"`expect` is a mapping with at least `outcome`, not {type_name(raw)}", pos)
        return None
    _keys(raw, ("outcome",), EXPECT_KEYS[1:], out, "expect")
    expect: dict = {}
    outcome = raw.get("outcome")
    if "outcome" in raw:
        names = declared_names(rs.policy)
        if outcome not in names:
            out.add("PF803", f"outcome {show(outcome)} is not one of the policy's outcomes ({', '.join(names)})"
                    f"{did_you_mean(outcome, names)}", raw.at("outcome"))
        expect["outcome"] = outcome
    if "referral" in raw:
        ref = raw["referral"]
        if ref is not None and ref not in rs.policy.referrals:
            named = (f" is not one of {', '.join(rs.policy.referrals)} (or null){did_you_mean(ref, rs.policy.referrals)}"
                     if rs.policy.referrals else ": the policy has no referrals; write null")
            out.add("PF803", f"referral {show(ref)}{named}", raw.at("referral"))
        expect["referral"] = ref
    formats = [f for f, _ in rs.policy.formats]
    if "formats" in raw:
        expect["formats"] = frozenset(_names(raw, "formats", formats, "PF803", "format", out))
    rule_ids = kept_with(rs.rules, _RULE_IDS, lambda: dict.fromkeys(r.id for r in rs.rules))  # looked up
    for key in ("fired", "not_fired"):
        if key in raw:
            expect[key] = tuple(_names(raw, key, rule_ids, "PF802", "rule", out))
    if "derived" in raw:
        expect["derived"] = _derived(raw["derived"], raw.at("derived"), rs, out)
    both = set(expect.get("fired", ())) & set(expect.get("not_fired", ()))
    for rule in sorted(both):
        out.add("PF801", f"rule {quote(rule)} is expected both to fire and not to fire", raw.at("not_fired"))
    return expect


def _derived(raw, pos: Pos, rs: RuleSet, out: Collector) -> tuple:
    """`derived: {pace: steady, structured: true}`: the value a valued derived fact must be set
    to, or `true` for a boolean derived fact that must hold. -> ((fact, value, name that holds), ...)"""
    if not isinstance(raw, Map):
        out.add("PF801", f"`derived` is a mapping of derived facts to values, not {type_name(raw)}", pos)
        return ()
    valued = valued_facts(rs.facts)
    plain = [n for n, f in rs.facts.items() if f.kind == "derived" and "=" not in n]
    found = []
    for name, value in raw.items():
        if name in valued and value in valued[name]:
            found.append((name, value, value_fact(name, value)))
        elif name in valued:
            out.add("PF801", f"{show(value)} is not a value of {name} ({', '.join(valued[name])})"
                             f"{did_you_mean(value, valued[name]) if isinstance(value, str) else ''}", raw.at(name))
        elif name in plain and value is True:
            found.append((name, True, name))
        elif name in plain:
            out.add("PF801", f"derived fact {quote(name)} can be expected to hold (true) only", raw.at(name))
        else:
            out.add("PF801", f"unknown derived fact {show(name)}{did_you_mean(name, plain + list(valued))}",
                    raw.key_at(name))
    return tuple(found)


def _names(raw: Map, key: str, allowed, code: str, what: str, out: Collector) -> list:
    """The names `raw[key]` lists that `allowed` (a list, or a dict looked up by hash) holds; each other one
    is reported at its item, with the closest allowed name."""
    items = raw[key]
    if not isinstance(items, Seq):  # null too: `formats:` left empty is no list of none ([]), nor left out
        none = "; write [] for none, or leave it out" if items is None else ""
        out.add("PF801", f"`{key}` is a list, not {type_name(items)}{none}", raw.at(key))
        return []
    names = []
    for i, name in enumerate(items):
        if not isinstance(name, str) or name not in allowed:  # a mapping or list is no name, nor a key of `allowed`
            out.add(code, f"unknown {what} {show(name)}{did_you_mean(name, allowed)}", items.at(i))
        else:
            names.append(name)
    return names
