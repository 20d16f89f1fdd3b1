"""In bash, `pathfit rules list --reads pace=f<TAB>` offered nothing, though `--reads pa<TAB>`
offered `pace=fast`: bash cuts the line into words at every character of COMP_WORDBREAKS (`=`
and `:` among them), so click read `pace`, `=`, `f`, took `pace` as --reads' value and had
nothing to offer for `f`; `--reads=pace=f` and a `--rules` path with a colon in it were read
wrong alike. The script pathfit gives bash now sends the line itself, and each word is offered
from after the last break character typed, the part of the word bash replaces. A script from
an earlier pathfit, which sends bash's words alone, is completed as before."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

from unittest import mock

import pytest
from click.testing import CliRunner

from pathfit.cli import main as pathfit_main
from pathfit.cli.main import cli

from .helpers import tiny_copy

VALUED = """rules:
  - id: v.fast
    reason: Many hours.
    cites: [focus]
    when: {fact: hours, gte: 20}
    then: {derive: {pace: fast}}
  - id: v.use
    reason: A fast pace helps.
    cites: [focus]
    when: {fact: pace, equals: fast}
    then: {evidence: {coaching: 1}}
"""
BREAKS = " \t\n\"'><=;|&(:"  # bash's default COMP_WORDBREAKS


def _valued(where) -> str:
    """tests/fixtures/tiny with a valued derived fact, pace (fast or slow)."""
    rules = tiny_copy(where)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text() + "  pace: {description: pace, type: enum, values: [fast, slow]}\n")
    (rules / "valued.yaml").write_text(VALUED)
    return str(rules)


@pytest.fixture(scope="module")
def rules(tmp_path_factory) -> str:
    return _valued(tmp_path_factory.mktemp("valued"))


def _bash_words(line: str) -> list[str]:
    """COMP_WORDS as bash makes them of `line` (typed without quotes): words end at a space,
    and a run of break characters is a word of its own; the last is the word being completed
    ('' after a space)."""
    words, word = [], ""
    for ch in line:
        if ch == " ":
            words, word = words + [word] * bool(word), ""
        elif word and (ch in BREAKS) != (word[-1] in BREAKS):
            words, word = words + [word], ch
        else:
            word += ch
    return words + [word]


def _asked(env: dict) -> str:
    """What `pathfit`, run with no arguments as a shell runs it to complete (cli/main.py's
    entry, which hands bash to completion_bash.py), prints under `env`, in-process."""
    with CliRunner().isolation(env=env) as streams, mock.patch.object(sys, "argv", ["pathfit"]):
        code = pathfit_main._run(False)
        out = streams[0].getvalue().decode()
    assert code == 0, out
    return out


def _offered(line: str, with_line: bool = True) -> list[str]:
    """What pathfit answers a bash completion at the end of `line` (typed without quotes), as
    the script it gives bash asks (with_line=False: as click's own script, sending the words)."""
    words = _bash_words(line)
    env = {"_PATHFIT_COMPLETE": "bash_complete", "COMP_WORDS": " ".join(words), "COMP_CWORD": str(len(words) - 1)}
    if with_line:
        env.update(COMP_LINE=line, COMP_POINT=str(len(line)), COMP_WORDBREAKS=BREAKS)
    return [entry.split(",", 1)[1] for entry in _asked(env).splitlines() if entry]


def test_a_value_after_the_equals_sign_is_completed_from_after_it(rules):
    at = f"pathfit rules list --rules {rules} "
    assert _offered(at + "--reads pace=f") == ["fast"]
    assert _offered(at + "--reads pace=") == ["fast", "slow"]
    assert _offered(at + "--reads=pace=s") == ["slow"]
    assert _offered(at + "--reads pa") == ["pace", "pace=fast", "pace=slow"]  # no break typed: whole words
    assert _offered(at + "--reads=pa") == ["pace", "pace=fast", "pace=slow"]  # bash replaces from after the `=`
    assert _offered(at + "--reads pace = f") == []  # typed apart, bash's words are the same: `f` is no name here


def test_a_rules_path_with_a_colon_is_the_rule_set_completed(tmp_path):
    rules = _valued(tmp_path / "a:b")
    assert _offered(f"pathfit rules show --rules {rules} v.") == ["v.fast", "v.use"]


def test_each_word_offered_after_what_was_typed_makes_a_name_the_filter_takes(rules):
    for typed in ("pace=", "pace=f"):
        words = _offered(f"pathfit rules list --rules {rules} --reads {typed}")
        assert words, typed
        for word in words:
            name = typed[:typed.rindex("=") + 1] + word
            result = CliRunner().invoke(cli, ["rules", "list", "--rules", rules, "--reads", name])
            assert result.exit_code == 0, (name, result.output)


def test_a_script_from_an_earlier_pathfit_is_completed_as_before(rules):
    at = f"pathfit rules list --rules {rules} --reads "
    assert _offered(at + "pa", with_line=False) == ["pace", "pace=fast", "pace=slow"]
    assert _offered(at + "pace=f", with_line=False) == []  # bash's words alone cannot tell `pace=f` from `pace = f`


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
def test_the_script_pathfit_gives_bash_sends_the_line(rules, tmp_path):
    """The completion function itself, run by bash with the words, line and point bash sets
    for `--reads pace=f` typed: it answers `fast`, which bash puts in place of `f`."""
    script = _asked({"_PATHFIT_COMPLETE": "bash_source"})
    line = f"pathfit rules list --rules {rules} --reads pace=f"
    words = " ".join(f"'{w}'" for w in _bash_words(line))
    shim = tmp_path / "pathfit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pathfit.cli.main "$@"\n')
    shim.chmod(0o755)
    run = (f"{script}\nCOMP_WORDS=({words}); COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 )); COMP_LINE='{line}'; "
           f"COMP_POINT={len(line)}; COMPREPLY=(); _pathfit_completion pathfit; echo \"${{COMPREPLY[@]}}\"\n")
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ.get('PATH', '')}", "PATHFIT_CACHE": "0"}
    done = subprocess.run(["bash", "--norc", "-c", run], env=env, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, "fast\n", "")
