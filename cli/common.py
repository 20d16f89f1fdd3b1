"""What every command shares: options, the rule set in, errors and colour out (a person's
facts in are cli/profile_input.py's).

Errors from any stage are PathfitError: printed one per line as
`file:line:col: code: message` on stderr, sorted by location, past PATHFIT_MAX_ERRORS
summed up by code in one line (problem_lines), exit status 2, never a traceback
(unless --debug), and nothing written.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, NoReturn

import click

from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.bundled import SCHEMA_FILE, bundled_rules_dir  # loaded with the engine: once here, not in each call
from pathfit.engine.safe_text import escape_controls

from .params import FilePath

profile_option = click.option("--profile", "profile_path", type=FilePath(dir_okay=False, allow_dash=True, checked=False),
                              help="The person's facts, YAML or JSON ('-' reads stdin).")
fact_option = click.option("--fact", "facts", multiple=True, metavar="NAME=VALUE",
                           help="One fact; repeat it. Sets as comma lists (repeated, they add up); 'unknown' or 'null' for unknown "
                                "(unless the fact has a value of that name). Wins over --profile.")
subject_option = click.option("--subject", metavar="ID",
                              help="Whom the decision is about (up to 256 characters), kept in records (--record, "
                                   "--audit-log) and by interview --save, nowhere else; sealed "
                                   "under the audit key unless policy.yaml says `subject: public`.")
operator_option = click.option("--operator", metavar="NAME",
                               help="Who is running pathfit (up to 256 characters), kept in records only (give "
                                    "--record or --audit-log), in clear.")
record_option = click.option("--record", "record_path", type=FilePath(dir_okay=False, checked=False), metavar="FILE",
                             help="Also write a sealed decision record (JSON) to FILE, a new file: a record is never "
                                  "replaced (PF612). See docs/audit.md in pathfit's source.")
audit_log_option = click.option("--audit-log", "audit_log", type=FilePath(dir_okay=False, checked=False), metavar="FILE",
                                help="Also append the decision record to the hash-chained audit log FILE "
                                     "(JSON Lines): a log is appended to, never replaced.")
ids_option = click.option("--ids", is_flag=True,
                         help="Also show the rules' fact, value and rule identifiers (for consultants); "
                              "without it the text speaks in the schema's labels. JSON always has them.")
rules_option = click.option("--rules", type=FilePath(file_okay=False, checked=False),
                            help="Rule-set directory [default: $PATHFIT_RULES, else ./rules when it holds a "
                                 "schema.yaml and is yours alone (one that cannot be read, or a link leading "
                                 "nowhere, is refused), else the rules bundled with pathfit].")
RULES_ENV = "PATHFIT_RULES"


MIN_WIDTH, MAX_WIDTH = 40, 120


def text_width(err: bool = False) -> int:
    """Columns for wrapped text output: $COLUMNS where set (a choice of the user's, and how
    tests set a width), else the terminal's width, else 80 when the output is not a terminal.
    Clamped to 40..120: narrower cannot hold a tree line, wider is hard to read."""
    stream = sys.stderr if err else sys.stdout
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    columns = _terminal_columns(stream if tty else sys.__stdout__) if tty or os.environ.get("COLUMNS") else 80
    return max(MIN_WIDTH, min(MAX_WIDTH, columns))


def _terminal_columns(stream=None) -> int:
    """`shutil.get_terminal_size((80, 24)).columns`, step for step, without importing
    shutil, which imports the compression modules (about 2 ms of every start); of the
    terminal `stream` is on (stdout by default): text for stderr is wrapped to stderr's
    terminal when stdout goes to a file."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size((stream or sys.__stdout__).fileno()).columns
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def dumb_terminal() -> bool:
    """TERM=dumb (an editor's shell buffer) shows escape sequences as text: no colour, no prompts."""
    return os.environ.get("TERM") == "dumb"


def use_color() -> bool | None:
    """None lets click decide (colour on a terminal only); NO_COLOR turns it off, FORCE_COLOR
    on (a CI log that shows colour), and a dumb terminal gets none."""
    environ = os.environ
    if environ.get("NO_COLOR"):
        return False
    if environ.get("FORCE_COLOR"):
        return True
    return False if dumb_terminal() else None


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Print, with control characters in the text shown escaped (engine.safe_text):
    rule reasons, row ids and values never drive the terminal. The only escape
    sequences kept are colour and bold, which pathfit's own styling makes. Written to the
    stream itself (cli/streams.py), in its encoding: click's own default would write UTF-8
    to a stream whose encoding is ASCII."""
    try:
        click.echo(escape_controls(str(text), keep_colour=True), file=sys.stderr if err else sys.stdout,
                   color=use_color(), nl=nl)
    except OSError as exc:  # Python's own stream (cli/main.py); cli/streams.py's raises StdoutFailed itself
        if err:
            return  # standard error that fails: nowhere left to say so; the exit status still tells
        from .streams import failed

        raise failed(exc) from None


def fail_with(err: PathfitError) -> NoReturn:
    """Say every problem of `err` (cli/problems.py) on stderr and exit with status 2."""
    from .problems import say_problems  # only where something failed: a decision's start-up never loads it

    say_problems(err.problems)
    raise SystemExit(2)


def find_rules(rules: str | None) -> tuple[str, bool]:
    """The rule set every command uses -> (directory, is it the bundled one?).

    One lookup for all commands, so an author editing ./rules in a checkout is
    never silently served the installed copy: --rules, then $PATHFIT_RULES,
    then ./rules when it is one meant (rules_here), then the bundled rules. The
    directory is shown relative to the working directory when inside it."""
    chosen = _chosen_rules(rules)
    try:
        bundled = bundled_rules_dir()
    except PathfitError as err:
        if chosen is None:
            fail_with(err)
        return chosen, False
    if chosen is None:
        return short_path(bundled), True
    # "bundled": nothing to announce (--rules names the set; a ./rules byte for byte the installed copy is it)
    if rules is not None or os.path.realpath(chosen) == os.path.realpath(bundled):
        return chosen, True
    from .same_rules import same_rule_files  # only where a rule set was found unasked

    return chosen, same_rule_files(chosen, bundled)


def rules_directory(rules: str | None) -> str:
    """The directory find_rules picks, for a command that never names its rule set on stderr
    (schema): without find_rules' question whether it is the bundled set, which reads every
    rule file of both sets before the command reads the rule set itself."""
    chosen = _chosen_rules(rules)
    if chosen is not None:
        return chosen
    try:
        return short_path(bundled_rules_dir())
    except PathfitError as err:
        fail_with(err)


def _chosen_rules(rules: str | None) -> str | None:
    """--rules, else $PATHFIT_RULES, else ./rules when it is one meant (rules_here; PF216 if another could
    have written it: cli/rules_owner.py); None: the bundled rules."""
    chosen = rules or os.environ.get(RULES_ENV)
    if chosen or not rules_here():
        return chosen or None
    from .rules_owner import another_could_have_written  # only where a ./rules is found

    refused = another_could_have_written("rules")
    if refused is not None:
        fail_with(refused)
    return "rules"


def rules_here() -> bool:
    """Whether ./rules is a rule set meant, whose load says what it cannot read (PF100, PF216), never
    passed over for the bundled rules: one holding an entry named schema.yaml, readable or not (a
    dangling link, a folder), a link leading nowhere (its target moved, a loop), or a folder that may
    not be searched (whether it holds one cannot be told)."""
    try:
        os.lstat(os.path.join("rules", SCHEMA_FILE))
    except FileNotFoundError:
        return os.path.islink("rules") and not os.path.exists("rules")
    except OSError as exc:  # not searched (EACCES), a loop (ELOOP); a file named rules (debian/rules) is none
        return not isinstance(exc, NotADirectoryError)
    return True


def short_path(path: str) -> str:
    """`path` relative to the working directory when it is inside it, else as given (also
    when there is no working directory: one deleted under the shell has no name to be
    relative to, and an absolute path still names the file)."""
    try:
        rel = os.path.relpath(path)
    except (ValueError, OSError):  # another drive (Windows); a working directory deleted
        return path
    return path if rel == ".." or rel.startswith(".." + os.sep) else rel


def announce_rules(directory: str, bundled: bool, name: str | None = None, digest: str | None = None) -> None:
    """Name the rule set on stderr (text output only; callers decide) when it was
    picked implicitly (PATHFIT_RULES or ./rules) and is not the bundled one: HR
    staff on the bundled rules, and anyone who typed --rules, see nothing new; an
    author in a checkout sees which directory was read and its digest."""
    if bundled:
        return
    from pathfit.engine.quote import shown_path  # a name with a line break or an escape, quoted
    shown = shown_path(short_path(directory).replace(os.sep, "/").rstrip("/") + "/")
    what = f" ({name} {digest[:12]})" if name and digest else ""
    echo(f"rules: {shown}{what}", err=True)


def load_engine(rules: str | None, announce: bool = True, found: tuple = ()) -> Engine:
    """The engine for the rule set find_rules picks; with `announce`, its name on
    stderr when it is not the bundled one (announce_rules). `found`: problems of the
    command's options already known, said beside the rule set's own if it is refused."""
    return load_from(rules, announce, found, Engine.load)


def load_from(rules: str | None, announce: bool, found: tuple, load: Callable[[str], object]):
    """load_engine with what `load` makes of the directory (an Engine, or the rule set alone), refused alike."""
    directory, bundled = find_rules(rules)
    try:
        loaded = load(directory)
    except PathfitError as err:
        from pathfit.engine.authoring.lint.capacity import with_compile_problems  # every problem at once, as lint
        fail_with(PathfitError([*found, *with_compile_problems(directory, err).problems]))
    if announce:
        rs = getattr(loaded, "ruleset", loaded)
        announce_rules(directory, bundled, rs.name, rs.digest)
    return loaded


def record_decision(engine: Engine, decision, record_path: str | None, audit_log: str | None,
                    subject: str | None, operator: str | None) -> None:
    """Seal the decision into --record and/or --audit-log, before any advice is shown,
    so a failure leaves nothing written; say where it went on stderr."""
    try:
        save_decision(engine, decision, record_path, audit_log, subject, operator)
    except PathfitError as err:
        fail_with(err)


def save_decision(engine: Engine, decision, record_path: str | None, audit_log: str | None,
                  subject: str | None, operator: str | None) -> None:
    """record_decision, raising PathfitError (nothing written) for a caller with more to keep
    when it fails: the interview's answers."""
    if not (record_path or audit_log):
        return
    from pathfit.engine.audit.save import save

    from pathfit.engine.quote import shown_path
    record, entry = save(engine, decision, record_path, audit_log, subject=subject, operator=operator)
    if record_path:
        echo(f"recorded decision {record['id']} in {shown_path(record_path)}", err=True)
    if audit_log:
        echo(f"appended it to {shown_path(audit_log)} as entry {entry['seq']}; head {entry['hash']}", err=True)
