"""`pathfit lint`: every problem in a rule-set directory at once, errors and warnings.

Built on the engine's own stages so lint and the engine never disagree: the
validation errors are read_ruleset's (same codes, same positions), the
capacity errors are the compiler's (PF301-PF304), and the static checks add
what the engine accepts but an author almost certainly did not mean (PF7xx).
The checks are not wired here: each check module declares its own, and
registry.CHECKS lists them in order.

When the rule set has validation errors, the checks that look at one rule
alone (scope PARSED) still run on every rule that parsed, but the checks over
the whole dependency graph (scope VALID) are skipped and listed in `skipped`:
with a broken rule missing, a fact would look unread or a rule dead when it is
not, and lint reports certainties, not guesses. The compiler's capacity limits
(scope VALID_RULES) run on the rules that validate: what crosses a limit there
crosses it in the whole set.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ...pipeline.bundled import SCHEMA_FILE
from ...errors import Collector, PathfitError, Pos, Problem, fail
from .check import Check, Context, Unavailable
from .registry import CHECKS, skipped
from ...pipeline.load import load_file, plain_file
from ...pipeline.yaml_names import yaml_files
from ...pipeline.model import RuleSet, facts_in, rule_index
from ...pipeline.ruleset import POLICY_FILE, read_ruleset, unreadable
from ...pipeline.validate_policy import parse_policy
from ...pipeline.validate_schema import parse_schema
from ...pipeline.validate_rules import parse_rule_file


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


def lint(directory: str | Path, checks: tuple[Check, ...] = CHECKS) -> LintReport:
    """Raises PathfitError only when the directory itself is unusable (missing).

    Runs every check in `checks` (the registry, in order) whose scope this rule set
    meets; the others are listed in the report's `skipped`."""
    directory = Path(directory)
    unread = unreadable(directory)  # as every command's --rules: not Path.is_dir, which raises on some
    if unread:
        raise fail("PF216", unread, Pos(str(directory)))
    found: list[Problem] = []
    parsed: dict = {}
    try:
        rs = read_ruleset(directory, parsed)
    except PathfitError as err:
        rs = None
        found.extend(err.problems)
    docs = _load_docs(directory, parsed)
    if rs is not None:
        ctx = Context(directory, docs, found, rs, list(rs.rules), rs.facts, rs.policy)
    else:
        ctx = Context(directory, docs, found, None, *_partial(directory, docs))
        ctx.subset = _subset(ctx)
    out = Collector()
    for check in checks:
        if check.runs_on(ctx):
            _guarded(check, ctx, out)
    problems = sorted(set(found) | set(out.problems), key=Problem.sort_key)
    return LintReport(str(directory), tuple(problems), skipped(ctx, checks))


def _guarded(check: Check, ctx: Context, out: Collector) -> None:
    """Runs one check; an unexpected exception becomes a located PF799 error naming the
    check, so one broken check never hides the results of the others."""
    try:
        check.function(ctx, out)
    except PathfitError as err:  # a stage reporting problems (the compiler) is a result, not a failure
        out.problems.extend(err.problems)
    except Unavailable:  # a shared prerequisite failed: reported once, by the check that first needed it
        pass
    except RecursionError:
        out.add("PF799", f"{check.name}: conditions nested too deeply to analyse", Pos(str(ctx.directory)))
    except Exception as exc:  # lint reports every failure as PF799, never crashes
        out.add("PF799", f"{check.name} failed: {type(exc).__name__}: {exc}", Pos(str(ctx.directory)))


def _load_docs(directory: Path, parsed: dict) -> dict:
    """label -> document, for every *.yaml file that loads (the others were reported). One that
    is no plain file is passed over unopened, as read_ruleset refused it: a named pipe would be
    waited on for a writer, and lint would never end. `parsed`: what read_ruleset parsed
    already, taken as it is, not parsed again (a file once: at 3,000 rules the parse is most of
    what reading costs)."""
    docs = {}
    for path in yaml_files(directory):
        label = str(path)
        if label in parsed:
            docs[label] = parsed[label]
            continue
        try:
            plain_file(path, label)
            # a file whose only problem is a key written twice is checked still, each key's first
            # value, as read_ruleset checks it (which reported the PF105)
            docs[label] = load_file(path, label, allow_empty=path.name not in (SCHEMA_FILE, POLICY_FILE),
                                    duplicates=[])
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


# with these, the rules that validate are no lower bound of the whole (a duplicate id may go,
# a cycle changes what compiles), or there is no schema or policy to compile them against
_NO_SUBSET = ("PF206", "PF208", "PF209", "PF216")


def _subset(ctx: Context) -> RuleSet | None:
    """The rules that validate, as a rule set for the checks of scope VALID_RULES; None
    when validation's errors leave no sound subset."""
    if ctx.policy is None or not ctx.facts or any(p.code in _NO_SUBSET for p in ctx.found):
        return None
    rules = sorted(ctx.rules, key=lambda r: r.id)
    if len({r.id for r in rules}) != len(rules):
        return None
    facts = dict(sorted(ctx.facts.items(), key=lambda kv: (kv[1].kind != "input", kv[0])))
    derivers, readers = rule_index(rules)
    return RuleSet("", facts, tuple(rules), ctx.policy, {}, (), "", str(ctx.directory), "", derivers, readers)
