"""Which rule set `pathfit test` checks its files against, where that can surprise.

A rule test file belongs to the rule set whose `tests/` folder holds it; run against another
(the bundled rules, when no --rules was given), every case fails with errors about facts and
rules that set never had. And in a folder that `pathfit init .` made, which holds a
schema.yaml but no ./rules, the lookup (--rules, $PATHFIT_RULES, ./rules, the bundled rules)
picks the bundled set, which a plain `pathfit test` then tests without a word.
"""
from __future__ import annotations

import os
from pathlib import Path

from pathfit.engine.errors import PathfitError, Pos, Problem
from pathfit.engine.pipeline.bundled import SCHEMA_FILE


def owning_rule_set(path: str) -> Path | None:
    """DIR for a test path inside DIR/tests (DIR/tests/FILE, DIR/tests/sub/FILE, DIR/tests
    itself) when DIR holds a schema.yaml, readable or not: the nearest such `tests` folder the path lies in,
    looked for up through the working directory's own folders too (`pathfit test cases.yaml`
    run in DIR/tests). A file in a subfolder of tests/ is run only when named, but its cases
    name DIR's facts and rules all the same. DIR is spelt from the path as given (`..` where
    it is above the working directory), as the hint's --rules is typed."""
    given = Path(path)
    folder = given if os.path.isdir(given) else given.parent  # Path.is_dir raises on a name too long
    real = Path(os.path.abspath(folder))
    for up, at in enumerate((real, *real.parents)):
        if at.name == "tests" and os.path.lexists(at.parent / SCHEMA_FILE):  # unreadable too: cli/test.holds_schema
            return Path(os.path.normpath(os.path.join(folder, *[os.pardir] * (up + 1))))
    return None


def refuse_other_rule_sets(paths: tuple[str, ...], directory: Path, bundled: bool) -> None:
    """PF801 at each test path that belongs to a rule set other than the one picked without
    --rules: the hint names the --rules that tests it against its own."""
    from pathfit.engine.quote import shell_word, shown_path

    from .common import fail_with

    tested = "the rules bundled with pathfit" if bundled else f"the rule set {shown_path(str(directory))}"
    problems = []
    for path in paths:
        owner = owning_rule_set(path)
        if owner is not None and os.path.realpath(owner) != os.path.realpath(directory):
            problems.append(Problem("PF801", f"is a test of the rule set {shown_path(str(owner))}, but no --rules "
                                    f"was given, so {tested} would be tested: give --rules {shell_word(str(owner))}",
                                    Pos(path)))
    if problems:
        fail_with(PathfitError(problems))


def note_rule_set_here(bundled: bool, verb: str = "test") -> str | None:
    """The note for a working directory that is a rule set (schema.yaml) but was not picked:
    no ./rules, no --rules or $PATHFIT_RULES, so the bundled rules are tested (or linted: a
    clean verdict on them would otherwise read as one on the folder's own rules)."""
    if not bundled or not os.path.lexists(SCHEMA_FILE):
        return None
    return (f"rules: the rules bundled with pathfit; the rule set in this folder (./{SCHEMA_FILE}) is "
            f"read only when named: give --rules . to {verb} it")


def check_rule_set(rules: str | None, paths: tuple[str, ...], directory: Path) -> None:
    """With no --rules: refuse test files of another rule set, and say when a rule set in the
    working directory was passed over for the bundled one (never reading it unasked)."""
    if rules is not None:
        return
    from .common import RULES_ENV, echo, rules_here

    bundled = not os.environ.get(RULES_ENV) and not rules_here()
    refuse_other_rule_sets(paths, directory, bundled)
    note = None if paths else note_rule_set_here(bundled)
    if note:
        echo(note, err=True)
