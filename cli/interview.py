"""`pathfit interview`: a consultation, one question at a time.

At a terminal the questions are asked with prompt_toolkit (cli/interview_tty.py: choices as
lists, line editing, history). Piped (scripts, tests), or on a dumb terminal (TERM=dumb, which
prints the lists' escape sequences as text), answers come from stdin one per line, every choice
numbered with its label (end of input leaves the remaining questions unknown). At any question:
`why`, `unknown`, `back`, `answers`, `change N`, `help`, `quit`; `why` says what each rule the
answer feeds says and the knowledge-base sections it cites, by title (rule ids only with --ids),
and asked again climbs the chain to the advice (cli/interview_why.py); `answers` and `change N`
(cli/interview_review.py) list the answers so far and ask any of them again. Before each question,
how many more can come at most (explain/progress.py), a bound whatever the answers."""
from __future__ import annotations

import sys

import click

from pathfit.engine import PathfitError
from pathfit.engine.explain.answers import BLANKS, NONE_WORDS, BadAnswer, choices, parse_answer, prompt_text
from pathfit.engine.explain.interview import next_question
from pathfit.engine.explain.progress import askable, progress_line
from pathfit.engine.reports.wrap import fill, wrap

from .common import (audit_log_option, dumb_terminal, echo, fail_with, ids_option, load_engine, operator_option,
                     profile_option, record_option, rules_option, subject_option, text_width)
from .interview_end import finish
from .interview_answers import answer_line, keep_answers, keep_hung_up, with_subject
from .interview_why import say_why
from .interview_review import answer_rows, change_line, change_request, change_target, say_answers, shown
from .interview_outputs import check_kept, check_outputs, check_sealing
from .profile_input import gathered, read_profile, who
from .interrupts import HUNG_UP, INTERRUPTED, Conversation
from .params import Choice, Command, FilePath
from .streams import StdoutFailed

COMMANDS = "Answer, or type: why, unknown, back, answers, change N, help, quit."
LISTED = "Choose an answer from the list (move with ↑↓, or type its number or first letters), or an entry at its foot."
WORDS = ("why", "unknown", "back", "answers", "help", "quit")
# every reply read as a command before it is read as an answer (`change` also takes a number)
COMMAND_WORDS = frozenset(WORDS) | {"?", "skip", "q", "exit", "change"}
ALIASES = "(? or skip also leaves the question unknown; q or exit also quits.)"  # said by help, not at each question


@click.command(cls=Command)
@profile_option
@rules_option
@click.option("--save", type=FilePath(dir_okay=False, checked=False),
              help="Save the answers as a profile, a new file (JSON if its name ends in .json, else YAML): a "
                   "person's answers never replace a file unless --force is given (PF612). Written also when the "
                   "interview is stopped (Ctrl-C, SIGTERM, a terminal that hangs up, an output nobody reads).")
@click.option("--force", is_flag=True, help="Let --save replace an existing file.")
@click.option("--format", "fmt", type=Choice(["text", "json"]), default="text", show_default=True,
              help="How to show the final recommendation.")
@ids_option
@record_option
@audit_log_option
@subject_option
@operator_option
def interview(profile_path: str | None, rules: str | None, save: str | None, fmt: str, force: bool = False,
              record_path: str | None = None, audit_log: str | None = None, subject: str | None = None,
              operator: str | None = None, ids: bool = False) -> None:
    """Ask only the questions that could still change the advice, most decisive first.

    \b
    Examples:
      pathfit interview
      pathfit interview --profile partial.yaml --save person.yaml
      pathfit interview --subject E1042 --operator "J. Smith" --audit-log audit.jsonl --save e1042.yaml
      printf 'no\\nno\\nno\\n4,7\\n' | pathfit interview

    At any question, type: why (what the answer feeds; asked again, one step
    further along the chain of rules to the advice, with what each rule does),
    unknown, back (take back the last answer), answers (the answers so far,
    numbered), change N (ask question N again, the other answers kept; then only
    the questions that could still change the advice), help, or quit (decide on
    the answers given). At a terminal these are also entries at the foot of each
    list.

    With --subject, a saved profile keeps it as its top-level `subject` (not for
    a rule set with a fact named subject: that key holds the fact's answer). Answers
    can come from stdin, one a line, as in the last example; at its end the
    remaining questions stay unknown.
    """
    # what --save must never replace: the profile read, and what this run writes before it
    inputs = (*((profile_path,) if profile_path and profile_path != "-" else ()),
              *(p for p in (record_path, audit_log) if p))
    try:
        check_outputs(profile_path, record_path, audit_log, save, force)
    except PathfitError as err:
        fail_with(err)
    say = _say(err=fmt == "json")  # with --format json, stdout holds the decision alone
    given = subject, operator  # as typed: a profile's own subject is no option given for nothing
    with load_engine(rules, announce=fmt == "text") as engine:
        try:
            start, label = read_profile(profile_path, (), engine)
            answers, (subject, operator) = gathered(
                lambda: dict(engine.check(start, profile_path or "--profile")) if start else {},
                lambda: who(engine, start, label, subject, operator))
            check_kept(record_path, audit_log, save, force, *given, rules=engine.ruleset)
            if record_path or audit_log:
                check_sealing(engine, answers, subject)
        except PathfitError as err:
            fail_with(err)
        answers = {k: list(v) if isinstance(v, tuple) else v for k, v in answers.items()}
        with Conversation() as talk:
            try:
                _converse(engine, answers, subject, save, force, inputs, fmt, ids, say, talk)
                failed = finish(engine, answers, subject, operator, record_path, audit_log, save, force, inputs,
                                fmt, ids, talk)
            except StdoutFailed:  # the reader gone (`| head`), a full disk: it ends as any command does there,
                if not talk.hung_up:  # the answers kept first (once: an interrupt may have), as on any early end
                    if not talk.kept:
                        keep_answers(with_subject(answers, subject, engine.ruleset.facts), len(answers), save,
                                     force, inputs, fmt, bool(answers), ask=False)
                    raise
            except BaseException:
                if not talk.hung_up:
                    raise
            if talk.hung_up:  # also where a prompt took the hang-up for an end of input
                keep_hung_up(with_subject(answers, subject, engine.ruleset.facts), save, force, inputs)
                raise SystemExit(HUNG_UP)
    if failed is not None:
        raise SystemExit(2)


def _converse(engine, answers: dict, subject: str | None, save: str | None, force: bool, inputs: tuple, fmt: str,
              ids: bool, say, talk: Conversation) -> None:
    """Ask until no question could change the advice, or `quit`, or the end of the input,
    filling `answers`. Ctrl-C (or SIGTERM) ends the command here: no decision, nothing
    recorded, the answers kept before that is said. A hang-up is the caller's (`talk.hung_up`)."""
    skipped: set[str] = set()
    history: list[tuple[str, str]] = []
    asker = _terminal_asker(fmt)
    width = text_width(err=fmt == "json")  # the width of the stream the conversation goes to
    kept: tuple = ()  # a set answer's good items, kept while its bad ones are asked again
    changing: int | None = None  # the index in `history` of an answer being changed (`change N`)
    whys = 0  # how many times in a row `why` was asked at this question
    typing = False  # at a typed question's prompt, its line left open
    ranked: tuple = ()  # (answers and skips, the question first for them): `why`, `help`, a bad answer rank none again
    try:
        say(fill(f"pathfit interview. {COMMANDS}", width))
        while True:
            if changing is None:
                state = repr(sorted(answers.items())), frozenset(skipped)
                ranked = ranked if ranked[:1] == (state,) else (state, next_question(engine, answers, skipped)[0])
                name = ranked[1]
                if name is None:
                    return
                number = len(history) + 1
            else:
                name, number = history[changing][1], changing + 1
            fact = engine.ruleset.facts[name]
            width = text_width(err=fmt == "json")  # read again for each question: the terminal may have been resized
            open_now = {k: v for k, v in answers.items() if k != name}  # a changed answer counts as not given
            more = len(askable(engine.ruleset, engine.check(open_now), skipped) - {name})
            listed = asker is not None and fact.type != "number"  # the terminal shows choices as a list
            say("")
            say(progress_line(number, more) if changing is None else
                change_line(number, more, fact, history[changing][0], answers.get(name)))
            text = fact.question if listed else prompt_text(fact, width - 4)
            heading = click.style(f"Q{number}. ", bold=True) + _wrapped(text, len(f"Q{number}. "), width)
            say(heading)
            for note in ([] if listed else taken_by_commands(fact)):
                say(fill(note, width - 2, initial_indent="  ", subsequent_indent="  "))
            if asker is None:
                typing = True
                reply = answer_line(say)
                typing = False
                if not history and reply:  # a file saved on Windows: its mark is no part of the first answer
                    reply = reply.removeprefix("\ufeff")
            else:
                now = answers.get(name) if changing is not None else None  # asked again: its list starts at it
                ticked = kept or (tuple(now or ()) if fact.type == "set" else ())
                reply = asker.choose(fact, ticked, heading.count("\n") + 1, now) if listed else asker.typed()
            if reply is None:
                say("\n(end of input: the remaining questions stay unknown)")
                return
            reply = reply.strip(BLANKS)  # as --fact and a CSV cell take them off
            command = reply.lower()
            asks_change, which = change_request(reply)
            if listed and (command in WORDS or asks_change):
                say(f"> {command}")
            if command in ("quit", "q", "exit"):
                return
            whys = whys + 1 if command == "why" else 0  # `why` again climbs the chain one step
            if command == "why":
                say_why(engine, name, whys, say, width, ids)
            elif command == "answers":
                say_answers(say, engine.ruleset, history, answers, width)
            elif asks_change:
                if not which and asker is not None and history:
                    which = asker.pick("Which answer do you want to change?",
                                       answer_rows(engine.ruleset, history, answers)) or ""
                    if not which:
                        continue
                target, problem = change_target(which, history)
                if target is None:
                    say(fill(problem, width - 2, initial_indent="  ", subsequent_indent="  "))
                else:
                    changing, kept = target, ()
            elif command in ("unknown", "?", "skip"):
                skipped.add(name)
                answers.pop(name, None)  # a changed answer, now not known
                _record(history, changing, ("skip", name))
                changing, kept = None, ()
            elif command == "back":
                if changing is not None:  # the answer being changed stays as it was
                    changing = None
                elif not history:  # said, as `change` says it: else the question came again unexplained
                    say("  This is the first question: there is none to go back to.")
                else:
                    kind, previous = history.pop()
                    (skipped.discard if kind == "skip" else answers.pop)(previous)
                kept = ()
            elif command == "help":
                say(fill(fact.help or "No further help for this question.", width - 2))
                say(fill(LISTED if listed else f"{COMMANDS} {ALIASES}", width - 2))
            else:
                try:
                    answers[name] = parse_answer(fact, reply, kept)
                    skipped.discard(name)  # a changed answer that was unknown
                    _record(history, changing, ("answer", name))
                    changing, kept = None, ()
                    if listed:
                        say(fill("> " + shown(fact, answers[name]), width, subsequent_indent="  "))
                except BadAnswer as err:
                    say(fill(err.message, width - 2, initial_indent="  ", subsequent_indent="  "))
                    kept = err.kept
    except (KeyboardInterrupt, click.Abort):
        if talk.hung_up:
            raise
    try:  # kept before a word is said: stdout may be the stalled pipe the interrupt came in
        keep_answers(with_subject(answers, subject, engine.ruleset.facts), len(answers), save, force, inputs, fmt,
                     bool(answers), ask=False, line_open=typing)
    finally:  # how it ended is status: on stderr, as after the last answer and with --format json
        talk.kept = True
        echo("(interrupted: no decision was made and nothing was recorded)", err=True)
    raise SystemExit(INTERRUPTED)


def taken_by_commands(fact) -> list[str]:
    """For each choice whose name or label is a word the typed interview reads as a command
    (a value named `unknown`, a set's member named `none`), how to choose it: by its number.
    The word alone does what it does at every question, so the person is told before typing it;
    a label such as `Change 2` is the `change N` command, read as such before any answer."""
    words = COMMAND_WORDS | (set(NONE_WORDS) if fact.type == "set" else set())
    notes = []
    for i, choice in enumerate(choices(fact), 1):
        said = next((w for w in (str(choice.value).lower(), choice.label.strip().lower())
                     if w in words or change_request(w)[0]), None)
        if said is not None and fact.type != "bool":
            notes.append(f"To choose {choice.label.strip()}, type {i}: {said} on its own "
                         f"{'means none of these' if said in NONE_WORDS else 'is read as the command'}.")
    return notes


def _record(history: list, changing: int | None, entry: tuple) -> None:
    """An answer (or `unknown`) where the question it answers stands: in place for a changed one."""
    if changing is None:
        history.append(entry)
    else:
        history[changing] = entry


def _wrapped(text: str, first_indent: int, width: int = 80) -> str:
    """Wrap each line at `width` columns, keeping the options' indentation."""
    out = []
    for i, line in enumerate(text.splitlines()):
        indent = " " * (len(line) - len(line.lstrip()))
        room = width - (first_indent if i == 0 else 0)
        out.append("\n".join(wrap(line, room, subsequent_indent=indent + ("    " if i == 0 else "")))
                   or line)
    return "\n".join(out)


def _terminal_asker(fmt: str):
    """The prompt_toolkit asker when a person is at a terminal (stdin and the stream the
    conversation goes to) that is not dumb, else None: answers are then read line by line."""
    try:
        out = sys.stderr if fmt == "json" else sys.stdout
        if dumb_terminal() or not (sys.stdin.isatty() and out.isatty()):
            return None
    except (AttributeError, ValueError):
        return None
    from .interview_tty import TerminalAsker  # only at a terminal: prompt_toolkit costs start-up time

    return TerminalAsker(err=fmt == "json")


def _say(err: bool):
    """Where the conversation goes: stdout, or stderr when stdout is for the decision."""
    return lambda text="", nl=True: echo(text, err=err, nl=nl)
