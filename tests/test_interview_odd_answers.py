"""Answers the interview cannot read are asked again with a message, never a crash, and are
quoted with every control character escaped; with `--format json`, stdout holds the JSON
alone and the questions fit the terminal they are asked on. Regressions: `1e1_0`,
`1_0.000000000000000` or Arabic digits for a number, and `²` for a choice, crashed the
interview (internal error, every answer lost); a typed `ESC[8m` reached the terminal and hid
the rest of the message; the "save?" prompt went into the JSON on stdout."""
from __future__ import annotations

import os
import sys

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

ANIMALS = str(HERE / "fixtures" / "animals")


@pytest.mark.parametrize("typed", ["1e1_0", "1_0.000000000000000", "\u0669\u0660", "1e-400", "\x1b[8mhidden"])
def test_an_odd_number_is_asked_again_with_a_message(typed):
    result = CliRunner().invoke(cli, ["interview", "--rules", ANIMALS], input=f"ordinary\nplants\nplain\n{typed}\n60\n")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output and "Recommendation" in result.output
    assert "\x1b" not in result.output  # a typed escape is shown escaped, colour sequences too
    assert "not a number" in result.output or "readers disagree" in result.output


@pytest.mark.parametrize("typed", ["\u00b2", "4,\u00b2"])
def test_a_superscript_digit_for_a_choice_is_asked_again(typed):
    result = CliRunner().invoke(cli, ["interview", "--rules", ANIMALS], input=f"{typed}\nquit\n")
    assert result.exit_code == 0, result.output
    assert "internal error" not in result.output and "is not one of the choices" in result.output


def test_with_format_json_the_save_prompt_goes_to_stderr(monkeypatch):
    """The "save these answers?" prompt is asked on stderr with --format json (stdout holds
    the JSON alone), on stdout otherwise; the answers come from a terminal (stdin a tty)."""
    import pathfit.cli.interview as interview
    import pathfit.cli.interview_answers as interview_answers

    asked = []

    def prompt(text, **options):
        asked.append(options.get("err", False))
        return ""

    monkeypatch.setattr(interview.click, "prompt", prompt)
    for fmt, err in (("json", True), ("text", False)):
        runner = CliRunner()
        with monkeypatch.context() as m:
            # stdin a terminal that has no more answers; stdout and stderr as CliRunner gives them
            terminal = type("S", (), {"stdin": type("I", (), {
                "isatty": staticmethod(lambda: True), "readline": staticmethod(lambda: "")})(),
                "stdout": sys.stdout, "stderr": sys.stderr})()
            m.setattr(interview, "sys", terminal)
            m.setattr(interview_answers, "sys", terminal)  # where the answers are kept: it asks for a file
            result = runner.invoke(cli, ["interview", "--rules", ANIMALS, "--format", fmt])
        assert result.exit_code == 0, result.output
        assert asked[-1] is err, (fmt, asked)


def test_text_for_stderr_is_wrapped_to_stderrs_terminal(monkeypatch):
    """With stdout a file and stderr a 50-column terminal, the interview's questions (on
    stderr with --format json) are wrapped at 50, not at stdout's 80."""
    from pathfit.cli import common

    class Stream:
        def __init__(self, fd, tty):
            self.fd, self.tty = fd, tty

        def isatty(self):
            return self.tty

        def fileno(self):
            return self.fd

    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(common.sys, "stderr", Stream(2, True))
    monkeypatch.setattr(common.sys, "__stdout__", Stream(1, False))
    monkeypatch.setattr(common.os, "get_terminal_size",
                        lambda fd: os.terminal_size((50 if fd == 2 else 80, 24)) if fd == 2 else (_ for _ in ()).throw(OSError()))
    assert common.text_width(err=True) == 50


FORMS = ["1e1", "1.0e1", "-.5", "024", "0x10", "0o17", "1_2", "1:30", "12.0000000000000001", "1e-400", ".inf",
         "NaN", "inf", "10", "10.0", ".5", "1.", "+1", "150", "0"]


@pytest.mark.parametrize("typed", FORMS)
def test_a_typed_number_is_taken_exactly_where_fact_takes_it(typed):
    """Taken or asked again as `--fact` takes or refuses the same text: each number form the
    README names (readers disagree, text to YAML 1.1, not held by a float, not finite) and plain
    numbers `--fact` reads. The cases above are text no reader takes for a number."""
    fact = CliRunner().invoke(cli, ["recommend", "--rules", ANIMALS, "--fact", f"speed_kmh={typed}"])
    assert fact.exit_code in (0, 2), fact.output
    result = CliRunner().invoke(cli, ["interview", "--rules", ANIMALS],
                                input=f"ordinary\nplants\nplain\n{typed}\n60\n")
    assert result.exit_code == 0, result.output
    asked = result.output.count("Q4. Top speed")
    assert asked == (1 if fact.exit_code == 0 else 2), (fact.output, result.output)
