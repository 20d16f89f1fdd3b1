"""An option that takes one value, given twice with two values, kept the last without a word:
`recommend --profile a.yaml --profile b.yaml` decided for b alone, `--format json --format
text` printed text to a script reading JSON, `--audit-log a --audit-log b` appended to b. Now
every such option of every command is refused (PF613 at the option, every value named as
typed, exit status 2, nothing written). The table is click's own: every command and option
pathfit has, so an option added later is covered. A flag given twice, or one value given
twice, asks for what once does and is accepted; an environment default is no second value."""
from __future__ import annotations

import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")


def _commands(command: click.Command, path: tuple[str, ...] = ()):
    """Every command under `command` (itself too) with the words that run it."""
    yield path, command
    if isinstance(command, click.Group):
        ctx = click.Context(command)
        for name in command.list_commands(ctx):
            yield from _commands(command.get_command(ctx, name), path + (name,))


def _longest(option: click.Option) -> str:
    return max(option.opts, key=len)


SINGLE = [(path, _longest(p)) for path, command in _commands(cli) for p in command.params
          if isinstance(p, click.Option) and not (p.is_flag or p.multiple or p.count)]


def test_the_table_is_every_command_s_own():
    """Not vacuous: the commands and options a person types most are in it, --why-not too."""
    for case in [(("recommend",), "--profile"), (("recommend",), "--format"), (("explain",), "--why-not"),
                 (("batch",), "--audit-log"), (("audit", "show"), "--id"), (("test",), "-k"), (("serve",), "--port")]:
        assert case in SINGLE
    assert len({path for path, _ in SINGLE}) >= 18


@pytest.mark.parametrize("path,option", SINGLE, ids=[" ".join(path + (option,)) for path, option in SINGLE])
def test_an_option_given_twice_with_two_values_is_refused(tmp_path, monkeypatch, path, option):
    monkeypatch.chdir(tmp_path)
    first, second = str(tmp_path / "one"), str(tmp_path / "two")
    result = CliRunner().invoke(cli, [*path, option, first, option, second])
    assert (result.exit_code, result.stderr) == (2, f"{option}:0:0: PF613: {option} given twice, as {first!r} "
                                                    f"and {second!r}; give one\n")
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


def test_every_value_is_named_as_typed_and_every_option_at_once(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["recommend", "--record", "a.json", "--format=json", "--record", "b.json",
                                      "--record", "a.json", "--format", "text", "--profile", EXAMPLE])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "--format:0:0: PF613: --format given twice, as 'json' and 'text'; give one",
        "--record:0:0: PF613: --record given 3 times, as 'a.json', 'b.json' and 'a.json'; give one"]
    assert list(tmp_path.iterdir()) == []


def test_a_short_option_joined_to_its_value_is_read_as_click_reads_it(tmp_path):
    result = CliRunner().invoke(cli, ["test", "-kfirst", "-k", "second", str(tmp_path)])
    assert (result.exit_code, result.stderr) == (2, "-k:0:0: PF613: -k given twice, as 'first' and 'second'; give one\n")


def test_one_value_given_twice_and_a_flag_given_twice_are_accepted():
    once = CliRunner().invoke(cli, ["recommend", "--profile", EXAMPLE, "--format", "json", "--ids"])
    twice = CliRunner().invoke(cli, ["recommend", "--profile", EXAMPLE, "--format", "json", "--profile", EXAMPLE,
                                     "--format", "json", "--ids", "--ids"])
    assert once.exit_code == twice.exit_code == 0 and twice.stdout == once.stdout


def test_an_environment_default_is_no_second_value(tmp_path):
    """$PATHFIT_RULES names a rule set that is not there: --rules, given once, wins over it."""
    result = CliRunner(env={"PATHFIT_RULES": str(tmp_path / "missing")}).invoke(
        cli, ["recommend", "--profile", EXAMPLE, "--rules", str(ROOT / "rules"), "--format", "json"])
    assert result.exit_code == 0, result.stderr


def test_the_console_script_refuses_before_anything_is_written(tmp_path):
    log, record = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    done = subprocess.run([sys.executable, "-m", "pathfit.cli.main", "recommend", "--profile", EXAMPLE,
                           "--audit-log", str(log), "--record", str(record), "--audit-log", str(record)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == f"--audit-log:0:0: PF613: --audit-log given twice, as {str(log)!r} and {str(record)!r}; give one\n"
    assert list(tmp_path.iterdir()) == []
