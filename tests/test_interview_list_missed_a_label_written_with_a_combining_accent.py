"""At a terminal, typing a choice's first letters compares them as piped answers are compared:
in Unicode's composed form (NFC), case aside, so `é` typed finds a label written with `e` and
a combining accent, and a plain `e` does not.

Regression: the typed letters were compared as written, so on a list of Émergent and étude
(its é written as `e` + U+0301 in the rule file), `é` typed moved to Émergent and Enter
answered it, and `e` moved to étude; piped, `étude` was that choice and `e...` none."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .terminal_support import Terminal

LABELS = 'labels: {specific: "Émergent", emerging: "e\\u0301tude de cas"}'


def _rules(tmp_path):
    folder = tmp_path / "rules"
    assert CliRunner().invoke(cli, ["init", str(folder)]).exit_code == 0
    schema = folder / "schema.yaml"
    text = schema.read_text(encoding="utf-8")
    start = text.index("    labels: {specific:")
    schema.write_text(text[:start] + "    " + LABELS + text[text.index("\n", start):], encoding="utf-8")
    return folder


def _to_goal(term: Terminal) -> None:
    term.list_for(1)
    term.send("1\r")  # ready to change: yes
    term.list_for(2)  # How clear is the development goal?


def test_an_accent_typed_composed_finds_the_label_written_with_a_combining_one(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--rules", str(_rules(tmp_path)), "--save", str(saved))
    _to_goal(term)
    term.send("ét\r")
    term.list_for(3)
    term.send("q")
    term.finish()
    assert yaml.safe_load(saved.read_text(encoding="utf-8"))["goal_clarity"] == "emerging"


def test_a_letter_without_its_accent_names_no_accented_label(tmp_path):
    term = Terminal("--rules", str(_rules(tmp_path)), "--save", str(tmp_path / "person.yaml"))
    _to_goal(term)
    term.send("e")
    term.expect("No choice is numbered or begins with 'e'")
    term.send("\x7fq")
    term.finish()
