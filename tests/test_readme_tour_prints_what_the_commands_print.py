"""README.md's tour (from "A short tour" to "Performance") shows commands with their output,
"pasted from real runs". Each deterministic one is run here in-process, as the README implies
(`NO_COLOR=1`, 80 columns, from the checkout), and the README must show exactly what it prints:
an output changed without its README block, or a block edited by hand, fails here.

Left out, as their output is not the same from run to run or needs more than a checkout: `serve`
and `curl`, the audit walk-through (ids, times, hashes), and a rule set of 2,000 broken rules
made for the "Bad input" block; and, for time, the second piped interview (NOT_RUN). A line
that is only `...` (indented or not) elides lines: the lines shown around it must appear in
that order, the first ones from the start and the last ones to the end unless the marker
stands there."""
from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")

DETERMINISTIC = {"recommend", "explain", "rules", "lint", "test", "interview", "docs", "impact", "schema"}
NOT_DETERMINISTIC = ("--record", "--audit-log", "--rules my-rules/")
# a second piped interview, which would double this file's time (a third of a second) to check four
# lines of a message the interview tests hold
NOT_RUN = ("printf 'no\\nno\\nno\\ncareer,netwrk,foo\\n' | pathfit interview",)


def _shown() -> list[tuple[int, str, list[str]]]:
    """(README line, command line, output lines shown) for each `$ pathfit ...` of the tour."""
    text = (ROOT / "README.md").read_text()
    start, end = text.index("\n## A short tour\n"), text.index("\n## Performance\n")
    found = []
    for block in re.finditer(r"```console\n(.*?)```", text[start:end], re.S):
        line = text[:start + block.start()].count("\n") + 2
        for n, row in enumerate(block.group(1).splitlines()):
            if found and found[-1][1].endswith("\\"):  # a command carried on to the next line
                found[-1] = (found[-1][0], found[-1][1][:-1] + row.strip(), [])
            elif row.startswith("$ "):
                found.append((line + n, row[2:], []))
            else:
                found[-1][2].append(row)
    return found


def _words(command: str) -> list[str]:
    """`command`'s words as the shell reads them, `|` and `;` words of their own, a comment left out."""
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    return list(lexer)


def _runnable(command: str) -> bool:
    words = _words(command)
    after = words[words.index("pathfit") + 1] if "pathfit" in words else None
    return (after in DETERMINISTIC and command not in NOT_RUN
            and not any(option in command for option in NOT_DETERMINISTIC))


CASES = [case for case in _shown() if _runnable(case[1])]


def _run(command: str, tmp_path) -> list[str]:
    """The lines `command` shows at a terminal 80 columns wide, run in-process: `printf '...' |`
    before it is its input, `| head -N`, `| tail -N` and `; echo "exit $?"` after it are done
    here, as the shell would."""
    words = _words(command)
    given = None
    if words[0] == "printf":
        given = words[1].encode().decode("unicode_escape")
        assert words[2] == "|", command
        words = words[3:]
    cut = exit_said = None
    if words[-3:] == [";", "echo", "exit $?"]:
        exit_said, words = True, words[:-3]
    if len(words) > 3 and words[-3] == "|" and words[-2] in ("head", "tail"):
        cut, words = (words[-2], int(words[-1].lstrip("-"))), words[:-3]
    assert words[0] == "pathfit" and "|" not in words and ";" not in words, command
    args = [str(tmp_path / w) if words[i - 1] == "--save" else w for i, w in enumerate(words) if i]
    result = CliRunner(env={"NO_COLOR": "1", "COLUMNS": "80", "PATHFIT_RULES": None}).invoke(
        cli, args, input=given, prog_name="pathfit")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.output.splitlines()
    if cut:  # only standard output goes through the pipe
        lines = result.stdout.splitlines()
        lines = (lines[:cut[1]] if cut[0] == "head" else lines[-cut[1]:]) + result.stderr.splitlines()
    return lines + ([f"exit {result.exit_code}"] if exit_said else [])


def _held(shown: list[str], printed: list[str]) -> bool:
    """Whether `printed` is what `shown` shows, a line that is only `...` standing for any lines."""
    parts, part = [], []
    for line in shown:
        if line.strip() == "...":
            parts.append(part)
            part = []
        else:
            part.append(line)
    parts.append(part)
    if len(parts) == 1:
        return shown == printed
    at = 0
    for n, part in enumerate(parts):
        if n == 0:
            if printed[:len(part)] != part:
                return False
            at = len(part)
            continue
        if n == len(parts) - 1 and part:
            return len(printed) - len(part) >= at and printed[len(printed) - len(part):] == part
        found = next((i for i in range(at, len(printed) - len(part) + 1) if printed[i:i + len(part)] == part), None)
        if found is None:
            return False
        at = found + len(part)
    return True


def test_the_tour_shows_enough_commands_to_hold_it_to():
    """The README's blocks are read as meant: a change in how they are written must not leave this
    file checking nothing."""
    said = {_words(command)[_words(command).index("pathfit") + 1] for _, command, _ in CASES}
    assert len(CASES) >= 14 and said == {"recommend", "explain", "interview", "rules", "test"}


@pytest.mark.parametrize("line, command, shown", CASES, ids=[f"README.md:{c[0]}" for c in CASES])
def test_the_readme_shows_what_the_command_prints(line, command, shown, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    printed = _run(command, tmp_path)
    assert _held(shown, printed), f"README.md:{line}: `{command}` now prints:\n" + "\n".join(printed)
