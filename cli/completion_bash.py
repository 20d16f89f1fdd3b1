"""Bash completion that reads the line as the command will get it, for a word with `=` or `:`
in it (`rules list --reads pace=f`, `--reads=pace=f`, a `--rules` path with a colon).

Why pathfit's own: bash hands a completion function the line cut into words at every
character of COMP_WORDBREAKS (`=` and `:` among them), and click's script sends those words
alone. Click then read `pace`, `=`, `f`: `--reads` took `pace` and nothing took `f`, so
nothing was offered; and `pace = f`, typed with spaces, sends the same words, so they alone
cannot tell which was typed. The script given here also sends the line up to the cursor and
the break characters, and the words are made of the line as the shell makes arguments of it.
What bash puts in place of the word being completed replaces only the text after the last
break character typed in it, so each word offered is given from there (`fast` for `pace=f`).
A word typed with quotes or a backslash is offered whole, as click offers it; a script from
an earlier pathfit, which sends the words alone, is completed as click completes it.
Loaded only when a shell asks bash's words of pathfit (cli/main.py), never by a command.
"""
from __future__ import annotations

import os
import shlex

import click
from click.shell_completion import BashComplete, CompletionItem

_SENT = 'COMP_CWORD=$COMP_CWORD COMP_LINE="$COMP_LINE" COMP_POINT=$COMP_POINT COMP_WORDBREAKS="$COMP_WORDBREAKS"'
BREAKS = " \t\n\"'><=;|&(:"  # bash's COMP_WORDBREAKS unless a user changed it


class LineBashComplete(BashComplete):
    """click's BashComplete, given the line (COMP_LINE, COMP_POINT) and COMP_WORDBREAKS too."""

    source_template = BashComplete.source_template.replace("COMP_CWORD=$COMP_CWORD", _SENT, 1)
    typed = ""  # the word being completed, as typed, when it is one bash replaces in part

    def get_completion_args(self) -> tuple[list[str], str]:
        line, point = os.environ.get("COMP_LINE", ""), os.environ.get("COMP_POINT", "")
        if not line or not point.isdigit():  # a script from an earlier pathfit: bash's words
            return super().get_completion_args()
        before = line[:int(point)]
        words = _split(before + "\0")  # the mark ends the last word, or is a word of its own after a space
        incomplete = words.pop()[:-1]
        plain = before.endswith(incomplete) and before[:len(before) - len(incomplete)][-1:] in ("", " ", "\t", "\n")
        self.typed = incomplete if plain else ""
        return words[1:], incomplete

    def get_completions(self, args: list[str], incomplete: str) -> list[CompletionItem]:
        """click's words, each from after the last break character typed in the word."""
        items = super().get_completions(args, incomplete)
        if not self.typed:
            return items
        breaks = set(os.environ.get("COMP_WORDBREAKS") or BREAKS) - set(" \t\n")
        cut = max((self.typed.rfind(ch) for ch in breaks), default=-1) + 1  # 0: bash replaces the whole word
        found = []
        for item in items:
            word = _whole(item.value, self.typed) if item.type == "plain" else None
            if word is None:  # a file or folder (bash completes those itself), or a word not begun as typed
                if item.type != "plain" or not cut:
                    found.append(item)
            elif word[cut:]:
                found.append(CompletionItem(word[cut:], type=item.type, help=item.help))
        return found


def _whole(value: str, typed: str) -> str | None:
    """The word `value` completes `typed` to: click offers a long option's value alone
    (`pace` for `--reads=pa`), where bash's word is the whole `--reads=pace`; None for a
    word not beginning with what was typed (offered as click gives it where bash replaces the
    whole word, and not at all where it would replace a part)."""
    if value.startswith(typed):
        return value
    name, equals, rest = typed.partition("=")
    return name + equals + value if equals and value.startswith(rest) else None


def _split(text: str) -> list[str]:
    """The arguments the shell makes of `text`, the last one left open (an unclosed quote)."""
    lex = shlex.shlex(text, posix=True)
    lex.whitespace_split, lex.commenters = True, ""
    out: list[str] = []
    try:
        out.extend(lex)
    except ValueError:  # the end reached inside a quote or after a backslash: the word so far
        out.append(lex.token)
    return out


def complete(cli: click.Command, ctx_args: dict, prog_name: str, complete_var: str, instruction: str) -> int:
    """click.shell_completion.shell_complete for bash, with LineBashComplete: the exit status."""
    comp = LineBashComplete(cli, ctx_args, prog_name, complete_var)
    if instruction == "bash_source":
        click.echo(comp.source().encode(), nl=False)
        return 0
    if instruction == "bash_complete":
        click.echo(comp.complete().encode())
        return 0
    return 1
