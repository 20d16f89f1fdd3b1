"""Regression: a caller's type checker saw nothing of pathfit's API. The package shipped no
py.typed (mypy: "module is installed, but missing library stubs or py.typed marker"), and once
it did, every public name was `object` (the package resolves them lazily, through a module
`__getattr__`), so `Decision` was "not valid as a type" and a Problem had no `code`. Now the
package is typed (PEP 561): mypy --strict accepts a caller using the whole public API as the
README shows it, and finds the two wrong types in it: the rule ids, facts and formats a decision
lists were bare tuples, so a caller's mistake with one of them went unseen."""
from __future__ import annotations

import subprocess
import sys
from importlib.resources import files
from pathlib import Path

CALLER = '''from pathfit import CODES, Decision, Engine, PathfitError, Problem, __version__


def advise(facts: dict[str, object]) -> str:
    try:
        with Engine.load() as rules:
            d: Decision = rules.evaluate(facts)
            confidence: float = d.confidence
            trace: dict[str, object] = d.trace
            return f"{__version__} {d.outcome} {d.label} {confidence} {d.fired} {d.missing} {d.settled} {trace}"
    except PathfitError as err:
        first: Problem = err.problems[0]
        where: tuple[str, int, int] = (first.pos.file, first.pos.line, first.pos.col)
        return f"{first.code} {first.severity} {first.message} {where} {CODES[first.code]}"


def names(d: Decision) -> list[tuple[str, float]]:
    return [(r, 0.0) for r in d.fired + d.missing + d.formats] + list(d.contributions)


def wrong_names(d: Decision) -> tuple[int, int, int, int, int]:
    return d.fired[0], d.missing[0], d.formats[0], d.contributions[0][0], d.contributions[0][1]


def wrong(rules: Engine) -> int:
    return rules.evaluate({}).outcome
'''


def test_the_installed_package_is_marked_typed() -> None:
    assert files("pathfit").joinpath("py.typed").is_file()


def test_mypy_strict_sees_the_public_api_and_its_types(tmp_path: Path) -> None:
    caller = tmp_path / "caller.py"
    caller.write_text(CALLER, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--no-error-summary",
                           "--cache-dir", str(tmp_path / "cache"), "--python-executable", sys.executable, str(caller)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    found = [line.split(": error: ", 1)[1] for line in done.stdout.splitlines() if ": error: " in line]
    # the rule ids, facts and formats a decision lists are known to be text, not Any
    assert found == ['Incompatible return value type (got "tuple[str, str, str, str, float]", expected '
                     '"tuple[int, int, int, int, int]")  [return-value]',
                     'Incompatible return value type (got "str", expected "int")  [return-value]'], done.stdout
    lines = CALLER.splitlines()
    at = [int(line.split(":")[1]) for line in done.stdout.splitlines() if ": error: " in line]
    assert at == [lines.index("def wrong_names(d: Decision) -> tuple[int, int, int, int, int]:") + 2, len(lines)]
