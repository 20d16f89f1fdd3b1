"""`pathfit lint`: every problem in a rule-set directory at once, errors and warnings.

Built on the engine's own stages so lint and the engine never disagree: the
validation errors are read_ruleset's (same codes, same positions), the
capacity errors are the compiler's (PF301-PF304), and the static checks in
lint_rules/lint_graph/lint_yaml add what the engine accepts but an author
almost certainly did not mean (PF7xx).

When the rule set has validation errors, the checks that look at one rule
alone still run on every rule that parsed, but the checks over the whole
dependency graph (and the compiler) are skipped and listed in `skipped`:
with a broken rule missing, a fact would look unread or a rule dead when it
is not, and lint reports certainties, not guesses.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, NamedTuple

from ...pipeline.bundled import SCHEMA_FILE
from ...errors import Collector, PathfitError, Pos, Problem, fail
from ...pipeline.knowledge_base import parse_sections
from .graph import check_citations, check_clause_order, check_facts, check_policy
from .rules import Analysis
from .yaml_surprises import check_surprises
from ...pipeline.load import load_file
from ...pipeline.model import facts_in
from ...pipeline.ruleset import POLICY_FILE, read_ruleset
from ...pipeline.validate_schema import parse_policy, parse_schema
from ...pipeline.validate_rules import parse_rule_file

GRAPH_CHECKS = (
    "rules that can never fire because of what other rules derive (PF704, PF705)",
    "facts no rule reads or derives (PF706-PF708)",
    "knowledge-base sections no rule cites (PF710)",
    "policy entries no rule produces (PF712, PF713)",
    "durable-rules capacity limits (PF301-PF304)",
)


class LintReport(NamedTuple):
    directory: str
    problems: tuple  # Problem, sorted by location
    skipped: tuple = ()  # descriptions of checks not run (the rule set has errors)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]

    def to_dict(self) -> dict:
        return {
            "directory": self.directory,
            "problems": [p.to_dict() for p in self.problems],
            "summary": {"errors": len(self.errors), "warnings": len(self.warnings)},
            "skipped": list(self.skipped),
        }


def lint(directory: str | Path) -> LintReport:
    """Raises PathfitError only when the directory itself is unusable (missing)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise fail("PF216", "rules directory not found", Pos(str(directory)))
    out = Collector()
    found: list[Problem] = []
    try:
        rs = read_ruleset(directory)
    except PathfitError as err:
        rs = None
        found.extend(err.problems)
    docs = _load_docs(directory)
    guard = _Guard(out, str(directory))
    if rs is not None:
        rules, facts, policy = list(rs.rules), rs.facts, rs.policy
        analysis = guard(Analysis, rules, facts, True)
        if analysis is not None:
            guard(analysis.check, out)
            guard(analysis.duplicates, out)
            guard(check_facts, rules, facts, analysis, out)
            guard(check_policy, rules, analysis, policy, docs.get(str(directory / POLICY_FILE)), out)
        kb = Path(rs.knowledge_base)
        guard(check_citations, rules, parse_sections(kb, str(kb), Collector()), out)
        guard(check_clause_order, policy, out)
        guard(_capacity, rs, out)
        skipped: tuple = ()
    else:
        rules, facts, policy = _partial(directory, docs)
        analysis = guard(Analysis, rules, facts, False)
        if analysis is not None:
            guard(analysis.check, out)
            guard(analysis.duplicates, out)
        if policy is not None:
            guard(check_clause_order, policy, out)
        skipped = GRAPH_CHECKS
    guard(check_surprises, docs, found, out)
    problems = sorted(set(found) | set(out.problems), key=Problem.sort_key)
    return LintReport(str(directory), tuple(problems), skipped)


class _Guard:
    """Runs one check; an unexpected exception becomes a located PF799 error, so one
    broken check never hides the results of the others."""

    def __init__(self, out: Collector, where: str):
        self.out, self.where = out, where

    def __call__(self, check: Callable, *args):
        try:
            return check(*args)
        except PathfitError as err:  # a stage reporting problems is a result, not a failure
            self.out.problems.extend(err.problems)
        except RecursionError:
            self.out.add("PF799", f"{_name(check)}: conditions nested too deeply to analyse", Pos(self.where))
        except Exception as exc:  # lint reports every failure as PF799, never crashes
            self.out.add("PF799", f"{_name(check)} failed: {type(exc).__name__}: {exc}", Pos(self.where))
        return None


def _name(check: Callable) -> str:
    return getattr(check, "__name__", type(check).__name__).strip("_").replace("_", " ")


def _capacity(rs, out: Collector) -> None:
    from ...pipeline.compile import compile_ruleset  # raises PF215/PF210/PF301-PF304, which _Guard records

    compile_ruleset(rs)


def _load_docs(directory: Path) -> dict:
    """label -> document, for every *.yaml file that loads (the others were reported)."""
    docs = {}
    for path in sorted(p for p in directory.glob("*.yaml") if p.is_file()):
        label = str(path)
        try:
            docs[label] = load_file(path, label, allow_empty=path.name not in (SCHEMA_FILE, POLICY_FILE))
        except PathfitError:
            continue
    return docs


def _partial(directory: Path, docs: dict):
    """The facts, rules and policy that parse, ignoring their problems (read_ruleset
    reported those already), for the checks that look at one rule at a time."""
    ignore = Collector()
    schema_doc = docs.get(str(directory / SCHEMA_FILE))
    policy_doc = docs.get(str(directory / POLICY_FILE))
    facts = parse_schema(schema_doc, ignore)[0] if schema_doc is not None else {}
    policy = parse_policy(policy_doc, ignore) if policy_doc is not None else None
    rules = []
    for label, doc in sorted(docs.items()):
        if Path(label).name not in (SCHEMA_FILE, POLICY_FILE):
            rules.extend(parse_rule_file(doc, label, facts, policy, ignore))
    facts = {n: f for n, f in facts.items() if f.type != "invalid"}
    rules = [r for r in rules if all(c.fact in facts for c in facts_in(r.when))]
    return rules, facts, policy
