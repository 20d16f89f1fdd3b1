"""The README's two fresh-machine commands stay true: CI runs the test one verbatim."""
from __future__ import annotations

import re

from .helpers import ROOT


def _commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## On a fresh machine", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_readme_has_two_commands_and_ci_runs_the_test_one():
    main, tests = _commands()
    assert "pathfit recommend --profile examples/" in main
    example = main.split("--profile ", 1)[1].split()[0]
    assert (ROOT / example).is_file()
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text()


def test_every_test_the_guarantees_name_exists():
    """The Guarantees table is a promise with its proof: a renamed or deleted test
    must not leave it pointing at nothing."""
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    files = re.findall(r"`(tests/[\w/*.]+)", table)
    names = re.findall(r"(?:::|`)(test_\w+)`", table)
    assert len(files) >= 10 and len(names) >= 15
    for pattern in files:
        assert list(ROOT.glob(pattern.split("::")[0])), pattern
    source = "".join(p.read_text() for p in (ROOT / "tests").glob("*.py"))
    assert [n for n in names if f"def {n}(" not in source] == []
