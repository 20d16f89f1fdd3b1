"""The interview at a terminal, for people who do not live in one (prompt_toolkit).

A typed answer (a number) gets line editing and history: Left/Right/Home/End
move, Up brings back earlier answers. A choice (yes/no, one of several, several
of several) is a list: Up/Down move, as does typing a choice's number or first
letters, Enter chooses; in a set, Space ticks items and Enter confirms. `why`,
`unknown`, `back`, `answers`, `change`, `help` and `quit` are entries at the foot
of each list and keys (w, u, b, a, c, h, q) named in the bottom toolbar, but for a
key some choice of the list begins with, which types it; in a typed answer they are
typed. `change` without a number lists the answers given, to pick the one to change.
Piped input never comes here (cli/interview.py).
"""
from __future__ import annotations

import sys
import unicodedata
from typing import Callable

import click
from prompt_toolkit import PromptSession
from prompt_toolkit.application import Application
from prompt_toolkit.history import InMemoryHistory
from prompt_toolkit.key_binding import KeyBindings
from prompt_toolkit.keys import Keys
from prompt_toolkit.layout import Dimension, HSplit, Layout, Window
from prompt_toolkit.layout.controls import FormattedTextControl
from prompt_toolkit.output import create_output

from pathfit.engine.explain.answers import choice_index, choices
from pathfit.engine.pipeline.value_text import BLANKS
from pathfit.engine.reports.wrap import wrap

from .interview_layout import height_of, key_lines, list_row

COMMANDS = [("why", "Why is this asked?", "w"), ("unknown", "Not known: leave it unknown", "u"),
            ("back", "Go back to the previous question", "b"), ("answers", "Show the answers so far", "a"),
            ("change", "Change an earlier answer", "c"), ("help", "Help on this question", "h"),
            ("quit", "Stop here and see the advice so far", "q")]
# two lines within 80 columns, more on a narrower terminal (`_typed_toolbar`): a toolbar line wider
# than the terminal is cut off
TYPED_TOOLBAR = " Enter answers · ↑ earlier answers \n type why, unknown, back, answers, change, help or quit "
KEEP = "Keep them all as they are"
REASKS = ("why", "help", "answers")  # the commands after which the same question is asked again


class TerminalAsker:
    """Asks one question at a time at the terminal; `err` sends it to stderr."""

    def __init__(self, err: bool = False):
        self.output = create_output(stdout=sys.stderr if err else sys.stdout)
        self.history = InMemoryHistory()
        self.held: tuple | None = None  # (a set's name, the items ticked) when a command left its list
        # Ctrl-Z suspends (`fg` brings the question back): it typed ^Z into the answer, refused
        self.session: PromptSession = PromptSession(history=self.history, output=self.output, enable_suspend=True)

    def typed(self) -> str | None:
        """A typed answer, or None at end of input (Ctrl-D)."""
        try:
            return self.session.prompt("> ", bottom_toolbar=self._typed_toolbar)
        except EOFError:
            return None
        except KeyboardInterrupt:
            raise click.Abort() from None

    def _typed_toolbar(self) -> str:
        """TYPED_TOOLBAR wrapped to the terminal's width as it is now: 40 columns cut it at `chang`."""
        columns = self.output.get_size().columns
        return "\n".join(f" {line} " for text in TYPED_TOOLBAR.split("\n")
                         for line in wrap(text.strip(), max(columns - 2, 10)))

    def choose(self, fact, ticked: tuple = (), above: int = 0, now: object = None) -> str | None:
        """-> the answer as the plain form reads it ('2', '1,4', 'none') or a command word;
        None at end of input (Ctrl-D). `above`: the lines of the question printed just before,
        kept on screen (`_run`); `now`: the answer of one asked again, where the list starts."""
        options = choices(fact)
        many = fact.type == "set"
        held, self.held = self.held, None  # back from a command that asks it again: the ticks left there
        ticked = held[1] if held and held[0] == fact.name else ticked
        rows = [o.label for o in options] + (["None of these"] if many else []) + [text for _, text, _ in COMMANDS]
        words = [str(i) for i in range(1, len(options) + 1)] + (["none"] if many else []) + [w for w, _, _ in COMMANDS]
        none = len(options) if many and now == [] and not ticked else 0  # asked again, a set answered none: its row
        at = next((i for i, o in enumerate(options) if not many and o.value == now), none)  # else its answer
        state = dict(at=at, ticked={i for i, o in enumerate(options) if o.value in ticked}, typed="", unmatched="")
        keys = _moving(state, len(rows))
        typable = [o.label for o in options] + (["None of these"] if many else [])
        carries_on = _typing(keys, state, typable)
        live = _live_commands(typable)

        def render():
            lines = []
            for i, row in enumerate(rows):
                pointer = "❯ " if i == state["at"] else "  "
                box = ("[x] " if i in state["ticked"] else "[ ] ") if many and i < len(options) else ""
                gap = "\n" if i == len(options) + many - 1 else ""
                style = "reverse" if i == state["at"] else ("class:command" if i >= len(options) + many else "")
                lines.extend(list_row(i == state["at"], style, pointer + box, row, self.output.get_size().columns))
                lines.append(("", "\n" + gap))
            return lines[:-1]

        def foot():
            lines = []
            if state["unmatched"]:  # a key typed that moved to nothing: said, never taken as a choice
                said = f"No choice is numbered or begins with {state['unmatched']!r}: move to one, then Enter"
                lines.extend([("bold", "\n".join(wrap(said, self.output.get_size().columns - 1))), ("", "\n")])
            toggle = "Space ticks · Enter confirms" if many else "Enter chooses"
            lines.append(("reverse", f" ↑↓ move · {toggle} "))
            for line in key_lines([f"{key} {word}" for word, _, key in live], self.output.get_size().columns):
                lines.extend([("", "\n"), ("reverse", f" {line} ")])
            return lines

        @keys.add("space")
        def _tick(event):
            state["typed"] = ""  # a tick ends what was typed: `1`, Space, `2` is 1 and 2, never 12
            if many and state["at"] < len(options):
                state["ticked"] ^= {state["at"]}

        @keys.add("enter")
        def _enter(event):
            at = state["at"]
            if state["unmatched"]:  # what was typed last named no choice: the highlighted one was not meant
                return
            if many and at < len(options):
                picked = sorted(state["ticked"]) or [at]
                event.app.exit(result=",".join(str(i + 1) for i in picked))
            else:
                event.app.exit(result=words[at])

        for word, _, key in live:  # a command, unless it carries on a word being typed
            keys.add(key)(lambda event, word=word, key=key: carries_on(key) or event.app.exit(result=word))

        @keys.add("c-d")
        def _eof(event):
            event.app.exit(result=None)

        reply = self._run(render, foot, keys, above)
        if reply in REASKS:  # the same question comes back: ticks were lost to `help`, a person's answer
            self.held = fact.name, tuple(o.value for i, o in enumerate(options) if i in state["ticked"])
        return reply

    def pick(self, title: str, rows: list[str]) -> str | None:
        """-> the number (from 1) of the row chosen, or None for the last entry (keep them all),
        Escape or Ctrl-D: which earlier answer `change` is to ask again."""
        rows = [*rows, KEEP]
        state = {"at": 0}
        keys = _moving(state, len(rows))

        def render():
            lines = []
            for i, row in enumerate(rows):
                lines.extend(list_row(i == state["at"], "reverse" if i == state["at"] else "",
                                      "❯ " if i == state["at"] else "  ", row, self.output.get_size().columns))
                lines.append(("", "\n"))
            return lines[:-1]

        def foot():
            return [("reverse", " ↑↓ move · Enter chooses · Esc keeps them all ")]

        @keys.add("enter")
        def _enter(event):
            event.app.exit(result=str(state["at"] + 1) if state["at"] < len(rows) - 1 else None)

        @keys.add("escape", eager=True)
        @keys.add("c-d")
        def _keep(event):
            event.app.exit(result=None)

        return self._run(render, foot, keys, title=title)

    def _run(self, render, foot, keys: KeyBindings, above: int = 0, title: str = "") -> str | None:
        """One list on screen until a key ends it; Ctrl-C (or SIGINT, which prompt_toolkit makes a
        key: unbound, `kill -INT` was ignored) is click's Abort and Ctrl-Z suspends, as in a typed
        answer. The rows (`render`) scroll to keep the highlighted one in sight between the `title`
        and the keys (`foot`), which stay; the `above` lines (the question) stay while there is room."""
        @keys.add("c-c")
        @keys.add(Keys.SIGINT)
        def _abort(event):
            event.app.exit(exception=KeyboardInterrupt())

        keys.add("c-z")(lambda event: event.app.suspend_to_background())

        def room() -> Dimension:
            size = self.output.get_size()
            rest = size.rows - height_of(foot(), size.columns) - height_of([("", title)], size.columns) * bool(title)
            return Dimension(max=max(rest - above, min(rest, 3), 1))

        control = FormattedTextControl(render, focusable=True, show_cursor=False)
        windows = [Window(control, height=room, dont_extend_height=True, wrap_lines=True),
                   Window(FormattedTextControl(foot), dont_extend_height=True, wrap_lines=True)]
        if title:
            windows.insert(0, Window(FormattedTextControl([("bold", title)]), dont_extend_height=True, wrap_lines=True))
        app: Application = Application(layout=Layout(HSplit(windows), focused_element=windows[-2]),
                                       key_bindings=keys, output=self.output, erase_when_done=True)
        try:
            return app.run()
        except KeyboardInterrupt:
            raise click.Abort() from None


def _typing(keys: KeyBindings, state: dict, labels: list[str]) -> Callable[[str], bool]:
    """Typing in a list moves to what was typed: digits to the choice of that number, letters to
    the first choice whose words begin with them; a letter that carries on no word starts
    one, a digit that makes a number naming no choice says so (`12` moved to No, its `2`,
    where piped it is refused). Typed keys were ignored, so `no` and Enter on a
    yes/no question chose the Yes highlighted first: a person typing their answer got the other
    one. Nothing typed chooses; Enter does, on the choice shown highlighted, and a key matching
    nothing says so. A key a command has on the list (`_live_commands`) is that command, unless
    it carries on a word being typed: `structured` left its question unknown at the `u`. -> that
    test, for the command keys."""
    def carries_on(key: str) -> bool:  # past a key that named no choice, a key starts again: `1,3` is 3, no 13
        at = _typed_choice(state["typed"] + key, labels) if state["typed"] and not state["unmatched"] else None
        if at is not None:
            state.update(at=at, typed=state["typed"] + key, unmatched="")
        return at is not None

    @keys.add(Keys.BracketedPaste)
    def _pasted(event):
        """A paste (a terminal's bracketed paste) names a choice as a whole, up to its first line
        end, spaces and all: taken as one key it was dropped (`no` pasted, Enter chose Yes), and
        typed key by key, its spaces no ticks, `1 3` was 13. Enter chooses; Backspace takes it back.
        Its ends lose what a piped answer's lose (BLANKS): a no-break space stays, refused as piped."""
        text = event.data.replace("\r", "\n").split("\n", 1)[0].strip(BLANKS)
        at = _typed_choice(text, labels) if text else None
        if at is not None:
            state.update(at=at, typed=text, unmatched="")
        elif text:
            state.update(unmatched=text)

    keys.add(Keys.Any)(lambda event: _typed_key(event.data))

    def _typed_key(key: str) -> None:
        if len(key) != 1 or not key.isprintable() or key.isspace() or carries_on(key):
            return
        if _number(key) and _number(state["typed"]) and not state["unmatched"]:  # a number read whole: `12` no 2
            state.update(unmatched=state["typed"] + key)
            return
        at = _typed_choice(key, labels)  # else start again at this key
        if at is None:
            state.update(unmatched=key)  # what was typed before stays, for Backspace to go back to
        else:
            state.update(at=at, typed=key, unmatched="")

    @keys.add("backspace")
    def _back(event):
        """Takes back the last key typed: one that named no choice, else the last of the word or
        number typed, moving to what the rest names."""
        if state["unmatched"]:
            state["unmatched"] = ""
            return
        state["typed"] = state["typed"][:-1]
        at = _typed_choice(state["typed"], labels) if state["typed"] else None
        if at is not None:
            state["at"] = at

    return carries_on


def _live_commands(labels: list[str]) -> list[tuple[str, str, str]]:
    """The commands whose keys are keys on a list of these choices: not a letter some choice begins
    with, which types it. `b` went back where a person typed `better` for Better performance, and
    `c` changed an earlier answer for Career direction; such a command is its entry at the list's
    foot there, and the toolbar names only the keys in force."""
    initials = {_folded(label)[:1] for label in labels}
    return [command for command in COMMANDS if command[2] not in initials]


def _typed_choice(typed: str, labels: list[str]) -> int | None:
    """The index of the choice `typed` names: its number (from 1), or the first label that begins
    with it, case aside and compared composed (NFC), as a piped answer is: `é` typed missed a label
    written `e` and a combining accent, and a plain `e` found it."""
    if _number(typed):  # read whole: a pasted number of 5,000 digits names none, never int()'s ValueError
        return choice_index(typed, len(labels))
    folded = _folded(typed)
    return next((i for i, label in enumerate(labels) if _folded(label).startswith(folded)), None)


def _number(typed: str) -> bool:
    """Digits 0 to 9, as a piped answer's number: `²` is a digit to Unicode, no int() of it, a crash."""
    return typed.isascii() and typed.isdigit()


def _folded(text: str) -> str:
    """`text` composed (NFC) and case aside, as typed letters and labels are compared."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).casefold())


def _moving(state: dict, count: int) -> KeyBindings:
    """Up, Down and Tab moving `state["at"]` around a list of `count` rows, the bindings a list starts with."""
    keys = KeyBindings()

    @keys.add("up")
    def _up(event):
        state.update(at=(state["at"] - 1) % count, typed="", unmatched="")

    @keys.add("down")
    @keys.add("tab")
    def _down(event):
        state.update(at=(state["at"] + 1) % count, typed="", unmatched="")

    return keys
