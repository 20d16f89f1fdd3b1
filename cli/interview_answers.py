"""The answers an interview keeps, however it ends: a person's minutes of answers are never lost
for a file its end could not write, nor for a Ctrl-C, a SIGTERM, a terminal that hung up or a
standard output that failed. What is refused before the first question is cli/interview_outputs.py's."""
from __future__ import annotations

import json
import sys
from collections.abc import Mapping

import click
import yaml

from pathfit.engine import PathfitError
from pathfit.engine.errors import counted
from pathfit.engine.files import check_target, write_atomic as files_write_atomic
from pathfit.engine.pipeline.model import RuleSet, input_files, valued_facts
from pathfit.engine.pipeline.profile import SUBJECT
from pathfit.engine.quote import shown_path

from .common import echo, fail_with
from .interrupts import HungUp, Terminated, wait_for_a_line
from .profile_input import stdin_failed
from .streams import failed as as_stdout_failure
from .problems import say_problems


def with_subject(answers: dict, subject: str | None, facts: Mapping) -> dict:
    """The answers as a profile keeps them: with --subject, the subject at its top level, unless
    the rule set (`facts`, its facts by name) has a fact named `subject`: a profile's `subject` is
    then that fact's answer (engine.pipeline.profile.profile_subject), so the subject written there
    would replace the answer, or, unanswered, be read back as one; a valued derived fact of that
    name (held as `subject=...`) makes the key one every profile reader refuses (PF405). The
    subject is then not kept."""
    if subject is None or SUBJECT in facts or SUBJECT in valued_facts(facts):
        return dict(answers)
    return {**answers, SUBJECT: subject}


def keep_hung_up(saved: dict, save: str | None, force: bool, inputs: tuple) -> None:
    """The terminal has gone: the answers go to --save before anything is said (there is no
    one to say it to, and writing to the dead terminal fails); without --save, or where the
    save fails, they are shown on stderr, which may be a file that outlives the terminal."""
    text = profile_text(saved, save)
    if save:
        try:
            check_target(save, inputs, what="--save")
            files_write_atomic(save, text, replace=force)
            return
        except PathfitError:
            pass
    show_to_keep(text)  # a standard error that fails is passed over (common.echo)


def keep_answers(saved: dict, count: int, save: str | None, force: bool, inputs: tuple, fmt: str, failed: bool,
                 ask: bool = True, rules: RuleSet | None = None, line_open: bool = False) -> None:
    """Save the answers with --save, or where the person says at a terminal (`ask`: not once they
    have interrupted it). Where the end of the interview `failed` (or it was interrupted) and
    nothing saves them, or the save fails (exit 2), they are shown on stderr to keep: a
    conversation is never lost for a file its end could not write, nor for a Ctrl-C. SIGTERM or a
    hang-up at the prompt is raised again for the caller to keep them as on any other stop: Ctrl-C
    there is a person declining the save, a supervisor's stop or a terminal gone is not. A name
    typed there is refused as --save is before the first question, `rules` (the rule set) too:
    one the loader would read as a rule file broke the rule set for every later command. An answer
    that cannot be read there is PF100 at `<stdin>` (exit 2) as at a question, the answers shown.
    `line_open`: stopped at a typed question, whose prompt's line is ended on stderr (where a
    terminal shows both) before anything is said."""
    target = save
    if target is None and ask and sys.stdin.isatty():
        try:
            target = _typed_name(fmt == "json")
        except click.Abort as declined:  # Ctrl-D or Ctrl-C: only the save is left
            if isinstance(declined.__context__, HungUp):  # no one declined, nor is there anyone to tell
                raise HungUp from None
            if isinstance(declined.__context__, Terminated):  # no one declined: the caller keeps them
                echo("", err=True)  # the prompt's line ends, on stderr as what follows
                raise Terminated from None
            if not failed:  # else they are shown below
                echo("\nThe answers were not saved.", err=True)
            target = None
        except OSError as exc:  # the answer not read: the prompt's write is _prompted's
            echo("", err=True)  # the prompt's line ends, on stderr as what follows
            say_problems(stdin_failed(exc).problems)
            show_to_keep(profile_text(saved, None))
            raise SystemExit(2) from None
    text = profile_text(saved, target)
    refused = _saved(target, text, save is None, force, inputs, rules) if target else None
    if line_open:  # once the answers are saved: a stalled stderr holds up no save
        echo("", err=True)
    if refused is not None:
        say_problems(refused.problems)
        show_to_keep(text)
        raise SystemExit(2)
    if target:
        echo(f"Saved {counted(count, 'answer')} to {shown_path(target)}.", err=True)  # status, as `recorded ...` is
    elif failed:
        show_to_keep(text)


def _saved(target: str, text: str, typed: bool, force: bool, inputs: tuple, rules: RuleSet | None) -> PathfitError | None:
    """Write the answers' `text` to `target` (`typed` at the prompt, else --save) -> the problem that
    refused it, if any."""
    try:
        if typed and rules is not None:
            check_target(target, input_files(rules), what="the name typed", rules=rules.directory)
        check_target(target, inputs, what="the name typed" if typed else "--save")
        files_write_atomic(target, text, replace=force)
    except PathfitError as err:
        return err
    return None


def _prompted(err: bool) -> bool:
    """Write the save prompt -> whether it was written: on stdout, a failure is stdout's, as anywhere
    in the interview (the caller keeps the answers); on a standard error that fails, nobody can be
    asked, and the save is passed over. Written apart from the read, which waits first
    (interrupts.wait_for_a_line), so a failure to read is told from a failure to write."""
    stream = sys.stderr if err else sys.stdout
    try:
        stream.write("\nSave these answers as a profile? File name (Enter to skip): ")
        stream.flush()
    except OSError as exc:  # Python's own stream (cli/main.py); cli/streams.py's raises StdoutFailed itself
        if not err:
            raise as_stdout_failure(exc) from None
        return False
    return True


def _typed_name(err: bool) -> str | None:
    """The name typed at the save prompt (on stderr with --format json: stdout holds the JSON
    alone), once a line is there: a SIGTERM or a hang-up meanwhile is taken at once
    (interrupts.wait_for_a_line), not after someone presses Enter. Ctrl-C, Ctrl-D or a signal
    while the prompt is written or waits is click's Abort, as while click reads the line."""
    try:
        if not _prompted(err):
            return None
        wait_for_a_line(sys.stdin)
    except KeyboardInterrupt:  # its __context__ tells a person's Ctrl-C from a stop
        raise click.Abort() from None
    return click.prompt("", prompt_suffix="", default="", show_default=False, err=err) or None


def profile_text(saved: dict, target: str | None) -> str:
    """The answers as a profile: JSON where the file's name ends in .json (read back as JSON by
    --profile), else YAML."""
    if target and target.lower().endswith(".json"):
        return json.dumps(dict(sorted(saved.items())), indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(dict(sorted(saved.items())), sort_keys=True, allow_unicode=True)


def show_to_keep(text: str) -> None:
    """On stderr, where a script's capture or a scrollback keeps them when no file could."""
    echo("The answers were not saved; here they are, to keep:", err=True)
    echo(text.rstrip("\n"), err=True)


def answer_line(say) -> str | None:
    """The interview's next answer piped in, after its prompt: a line of standard input, None
    at its end. Standard input that cannot be read (opened for writing only, a terminal gone)
    is PF100 at `<stdin>`, exit status 2, on a line of its own: never an internal error, nor
    taken for the end of the answers."""
    say("> ", nl=False)
    try:
        wait_for_a_line(sys.stdin)  # at a terminal: a SIGTERM meanwhile is taken at once, not after Enter
        line = sys.stdin.readline() or None
    except OSError as exc:
        say("")
        fail_with(stdin_failed(exc))
    if line is not None and line.startswith(("\udcff", "\udcfe", "\x00")):  # a mark no UTF-8 text opens with
        _not_utf16(line, say)
    return line


def _not_utf16(line: str, say) -> None:
    """Answers saved as UTF-16 or UTF-32 with its byte order mark (PowerShell 5's `>`, Notepad's
    "Unicode"): refused as every file pathfit reads is (PF101, exit status 2), before any answer is
    taken; read as UTF-8, each answer was refused in turn and the advice decided on none."""
    from pathfit.engine.cohort.lines import other_encoding
    from pathfit.engine.errors import Pos, Problem

    other = other_encoding(line.encode("utf-8", "surrogateescape"))
    if other is not None:
        say("")
        fail_with(PathfitError([Problem("PF101", f"the answers are {other} (they open with a {other} byte order "
                                                 "mark); save them as UTF-8", Pos("<stdin>", 1, 1))]))
