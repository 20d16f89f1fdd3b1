"""`pathfit test`: run the rule tests next to the rules; report failures and rule coverage."""
from __future__ import annotations

import json
import os
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import click

from pathfit.engine.errors import PathfitError, Pos, Problem, counted

from .ascii_number import BLANKS, ascii_number
from .authoring import format_problem, rules_dir
from .common import echo, fail_with, load_engine, rules_option
from .params import Choice, Command, FilePath
from .problems import max_errors, unshown
from .test_rules import check_rule_set
from pathfit.engine.quote import quote, shown_path
from pathfit.engine.safe_text import one_line


_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]{1,3})?")  # on ascii_number's text


class _Minimum(click.ParamType):
    """A percentage read as the exact decimal written, since coverage is compared with it as a
    fraction: a float would turn 33.333333333333334 into 100/3 and let 3 of 9 rules pass it.
    Not NaN or infinity, which are no minimum."""

    name = "number"

    def convert(self, value, param: click.Parameter | None, ctx: click.Context | None) -> Decimal:
        if isinstance(value, Decimal):
            return value
        text = ascii_number(str(value))
        if text is None or not _DECIMAL.fullmatch(text) or not 0 <= Decimal(text) <= 100:
            text = str(value).strip(BLANKS)
            if not text or not text.isprintable():  # as written, "not " named nothing, or a space unseen
                from pathfit.engine.quote import quote

                text = quote(str(value))
            self.fail(f"must be a number from 0 to 100, not {text}", param, ctx)
        return Decimal(text)


def holds_schema(folder: str) -> bool:
    """Whether `folder` holds an entry named schema.yaml, readable or not: a dangling link or a
    folder there marks a rule set meant to be read, whose load then says what it cannot read,
    rather than one passed over in silence for the bundled rules (as cli/common.rules_here)."""
    from pathfit.engine.pipeline.bundled import SCHEMA_FILE

    return os.path.lexists(os.path.join(folder, SCHEMA_FILE))


def below_minimum(fired: int, rules: int, minimum: Decimal | None) -> bool:
    """Whether fired of rules is a smaller share than minimum percent, compared exactly."""
    return minimum is not None and Fraction(fired * 100) < Fraction(minimum) * rules


def _exact_minimum(text: str, minimum: Decimal | None) -> str:
    """The JSON report with `min_coverage` as the decimal compared, a JSON number of every digit
    (a whole one with `.0`, a float to every reader as before): the float nearest it was printed,
    which may lie on the other side of the coverage than the minimum did (28.571428571428573
    for a minimum just below 2/7 of 100), beside a `below_minimum` that said otherwise."""
    if minimum is None:
        return text
    shown = _shown(minimum)
    written = f'"min_coverage": {shown if "." in shown else shown + ".0"},'
    return text.replace(f'"min_coverage": {float(minimum)!r},', written, 1)


def _shown(minimum: Decimal) -> str:
    """The minimum as given, without trailing zeros (28.60 reads 28.6)."""
    text = format(minimum, "f")  # every digit: normalize() would round to the context's 28
    return text.rstrip("0").rstrip(".") if "." in text else text


@click.command(cls=Command)
@rules_option
@click.argument("paths", nargs=-1, type=FilePath(checked=False))
@click.option("--min-coverage", type=_Minimum(), default=None, metavar="N",
              help="Fail when fewer than N% of the rules are fired by some case.")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True)
@click.option("-k", "select", metavar="TEXT", help="Run only the cases whose name contains TEXT (coverage then "
              "covers those cases only, and no rule is warned about; an empty TEXT is every case, as no -k).")
@click.option("-v", "--verbose", is_flag=True, help="List passing cases and every rule's covering cases too (JSON always "
                                                                 "lists them).")
def test(rules: str | None, paths: tuple[str, ...], min_coverage: Decimal | None, fmt: str, select: str | None,
         verbose: bool) -> None:
    """Run rule test cases (YAML) and report rule coverage.

    PATHS are test files or directories of them; by default RULES/tests/*.yaml.
    A first PATH holding a schema.yaml is the rule set itself (as --rules), and
    the PATHS after it its test files.
    Exit status: 0 every case passed (and coverage is at least --min-coverage),
    1 a case failed or coverage is below the minimum, 2 bad input.

    \b
    Examples:
      pathfit test
      pathfit test --min-coverage 100
      pathfit test my-rules/ --min-coverage 100
      pathfit test --rules my-rules/ my-rules/tests/cases.yaml -k mentoring
    """
    from pathfit.engine.authoring import rule_tests as ruletest
    from pathfit.engine.authoring.rule_test_run import coverage, run_case

    if select == "":  # every name contains it: the whole suite, so its coverage and warnings are the suite's
        select = None
    if rules is None and paths and holds_schema(paths[0]):
        rules, paths = paths[0], paths[1:]  # `pathfit test my-rules/ [TESTS]`: a rule set, not a folder of tests
    sets = [p for p in paths if holds_schema(p)]
    if sets:  # its rule files would be read as test files, against another rule set
        fail_with(PathfitError([Problem("PF801", "is a rule set, not a folder of rule tests: give it first, or "
                                                 "with --rules, and its tests after it", Pos(p)) for p in sets]))
    directory = rules_dir(rules)
    check_rule_set(rules, paths, directory)
    try:
        files = ruletest.case_files(directory, list(paths))
    except PathfitError as err:
        fail_with(err)
    # `rules` as given (None when the set was found through $PATHFIT_RULES or ./rules), so that
    # a set found so is named on stderr as every command names it; the same directory either way
    with load_engine(rules, announce=fmt == "text") as engine:
        warnings: list[Problem] = []  # YAML 1.1 surprises in the test files (PF711)
        try:
            cases = ruletest.load_cases(files, engine, list(paths) or [str(directory / ruletest.TESTS_DIR)],
                                        warnings)
        except PathfitError as err:
            fail_with(err)
        total = len(cases)
        if select is not None:
            chosen = [c for c in cases if select in c.name]
            if not chosen:  # the option's fault, located at it, with a case it may have meant
                fail_with(PathfitError([Problem("PF805", f"no case name contains {quote(select)}"
                                                f"{_meant(select, [c.name for c in cases])}", Pos("-k"))]))
            cases = chosen
        results = [run_case(engine, case) for case in cases]
        cov = coverage(engine.ruleset, results)
    fired = sum(1 for c in cov if c.fired_by)
    below = below_minimum(fired, len(cov), min_coverage)
    failed = [r for r in results if not r.passed]
    if fmt == "json":
        data = _json(directory, files, results, cov, min_coverage, below, select is not None)
        data["warnings"] = [w.to_dict() for w in warnings]
        echo(_exact_minimum(json.dumps(data, indent=2, sort_keys=True), min_coverage))
    else:
        for w in warnings:
            echo(format_problem(w))
        selection = f"-k {quote(select)} ran {len(results)} of {counted(total, 'case')}" if select is not None else ""
        _text(directory, results, cov, min_coverage, below, verbose, selection)
    raise SystemExit(1 if failed or below else 0)


def _text(directory: Path, results: list, cov: list, min_coverage: Decimal | None, below: bool, verbose: bool,
          selection: str = "") -> None:
    """`selection` (say "-k 'x' ran 1 of 40 cases") when -k chose the cases: a rule the
    selection does not fire says nothing about the suite, so no rule is warned about,
    and the coverage line says plainly whose coverage it is."""
    from pathfit.engine.authoring.rule_test_run import percent

    for r in results:
        where = f"{shown_path(r.case.file)}:{r.case.pos.line}:{r.case.pos.col}"
        if r.passed:
            if verbose:
                echo(f"{where}: ok: {one_line(r.case.name)}")  # a name's line break would start a line
            continue
        echo(f"{where}: PF810: case {quote(r.case.name)} failed")
        for m in r.mismatches:
            for line in _mismatch_lines(m):
                echo("    " + line)
    never = [c for c in cov if not c.fired_by]
    refused = sum(1 for r in results if r.outcome is None)  # which rules fired before the refusal is not known
    unsure = f" the engine decided ({counted(refused, 'case')} refused, not counted)" if refused else ""
    warned = sorted(never, key=lambda c: (c.pos.file, c.pos.line, c.pos.col)) if not selection else []
    limit = 0 if verbose else max_errors()  # as lint prints its problems: a large rule set's first few, then a count
    for c in warned[:limit or None]:
        echo(format_problem(Problem("PF812", f"rule {quote(c.rule)} was fired by no case{unsure}", c.pos, "warning")))
        for b in c.blocked:
            echo("    " + _blocked_words(b))
    if limit and len(warned) > limit:
        echo(unshown([Problem("PF812", "", c.pos, "warning") for c in warned[limit:]]) + ", as does -v")
    if verbose:
        for c in cov:
            if c.fired_by:
                echo(f"{c.rule}: fired by {', '.join(map(one_line, c.fired_by))}")
    passed = sum(1 for r in results if r.passed)
    failed = len(results) - passed
    outcomes: dict[str, int] = {}
    for r in results:
        if r.outcome is not None:
            outcomes[r.outcome] = outcomes.get(r.outcome, 0) + 1
    echo(f"{counted(len(results), 'case')}: {passed} passed, {failed} failed; outcomes: "
         + (", ".join(f"{o} {n}" for o, n in sorted(outcomes.items())) or "none")
         + (f"; refused by the engine: {refused}" if refused else ""))
    scope = f" of the selected cases only ({selection}; run without -k for the suite's)" if selection else ""
    scope += f" of the cases the engine decided ({counted(refused, 'case')} refused, not counted)" if refused else ""
    share = f"{percent(cov):g}%" if cov else "no rules: no percentage"  # below no minimum: none goes unfired
    echo(f"Coverage{scope}: {len(cov) - len(never)} of {counted(len(cov), 'rule')} fired ({share})")
    if below:
        echo(format_problem(Problem("PF811", f"rule coverage {percent(cov):g}% ({len(cov) - len(never)} of "
                                    f"{counted(len(cov), 'rule')}) is below the minimum {_shown(min_coverage)}%"
                                    f"{' (the selected cases only)' if selection else ''}", Pos(str(directory)))))


def _mismatch_lines(m) -> list[str]:
    if m.what == "fired":
        head = [f"fired: expected {m.expected} to fire; it did not"]
    elif m.what == "not_fired":
        head = [f"not_fired: expected {m.expected} not to fire; it fired"]
    elif m.what == "refused":
        head = [f"refused: expected {m.expected}; the engine refused this person"]
    elif m.what == "formats":
        head = [f"formats: expected [{', '.join(m.expected)}], got [{', '.join(m.actual)}]"]
    else:
        head = [f"{m.what}: expected {_word(m.expected)}, got {_word(m.actual)}"]
    return head + ["  " + d for d in m.detail]


def _word(value) -> str:
    return "none" if value is None else str(value)


def _blocked_words(b: dict) -> str:
    n = counted(b["cases"], "case")
    if "waiting" in b:
        return f"waiting on unknown {', '.join(b['waiting'])} in {n}"
    return f"{b['condition']}: failed in {n} (observed {'; '.join(b['observed'])})"


def _meant(select: str, names: list[str]) -> str:
    """A did-you-mean for `-k TEXT` that no case name contains: TEXT as a name writes it, where one
    holds it apart from case (-k matches as written), else the nearest name; empty when none is near."""
    from pathfit.engine.errors import did_you_mean

    for name in names:
        at = name.lower().find(select.lower())
        if at >= 0 and len(name.lower()) == len(name):  # lower() kept every character's place
            return f" (did you mean {quote(name[at:at + len(select)])}?)"
    return did_you_mean(select, names)


def _json(directory: Path, files: list, results: list, cov: list, min_coverage, below: bool,
          selected_only: bool = False) -> dict:
    from pathfit.engine.authoring.rule_test_run import percent

    return {
        "rules": str(directory),
        "files": [str(f) for f in files],
        "cases": [{
            "name": r.case.name, "file": r.case.file, "line": r.case.pos.line, "col": r.case.pos.col,
            "status": "passed" if r.passed else "failed", "outcome": r.outcome, "referral": r.referral,
            "formats": list(r.formats), "fired": list(r.fired),
            "mismatches": [{"what": m.what, "expected": m.expected, "actual": m.actual, "detail": list(m.detail)}
                           for m in r.mismatches],
        } for r in results],
        "summary": {"total": len(results), "passed": sum(r.passed for r in results),
                    "failed": sum(not r.passed for r in results)},
        "coverage": {
            "rules": len(cov), "fired": sum(1 for c in cov if c.fired_by), "percent": percent(cov),
            "min_coverage": None if min_coverage is None else float(min_coverage), "below_minimum": below,
            "selected_cases_only": selected_only,
            "refused_cases_not_counted": sum(1 for r in results if r.outcome is None),
            "per_rule": [{"rule": c.rule, "file": c.pos.file, "line": c.pos.line, "col": c.pos.col,
                          "fired_by": list(c.fired_by), "blocked": list(c.blocked)} for c in cov],
        },
    }
