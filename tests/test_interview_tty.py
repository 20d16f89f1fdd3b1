"""The interview at a terminal, driven through a pseudo-terminal (pexpect): arrow keys
select choices, Space ticks set items, line editing and history in typed answers,
`back` and `why` as keys, and the decision printed at the end. Each expectation
waits at most a few seconds; the terminal's cursor-position requests are answered
as a terminal would."""
from __future__ import annotations

import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli

from .terminal_support import DOWN, END, HOME, LEFT, RIGHT, UP, Terminal


def test_terminal_interview_with_arrows_editing_history_back_and_a_set(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    for number in (1, 2, 3):  # the three yes/no screening questions: Down to No, Enter
        term.list_for(number)
        term.send(DOWN + "\r")
    term.list_for(4)  # needs: tick Career direction (4th) and A wider network (7th), confirm
    term.send(DOWN * 3 + " " + DOWN * 3 + " " + "\r")
    term.expect("> Career direction, A wider network")
    term.list_for(5)  # ready for change: Yes (the first choice), Enter
    term.send("\r")
    term.expect("> Yes")
    term.typed_for(6)  # hours: "no", Left Left, "x" makes "xno"; Home/End/Right move too
    term.send("no" + LEFT + LEFT + "x" + "\r")
    term.expect('"xno" is not a number')
    term.typed_for(6)
    term.send("9" + HOME + "1" + END + RIGHT + "\r")  # "19"
    term.list_for(7)
    term.send("b")  # back: question 6 again
    term.typed_for(6)
    term.send(UP + LEFT + "\x7f" + "\r")  # Up brings "19" back; Left, Backspace: "9"
    term.list_for(7)
    term.send("w")  # why, then the same question again
    term.expect("This answer feeds")
    term.list_for(7)
    term.send("\r")  # a major disruption: Yes, and the advice is settled
    term.expect("> Yes")
    out = term.finish()
    assert "Q8." not in out
    assert "question 6, at most" in out
    assert yaml.safe_load(saved.read_text()) == {
        "wellbeing_concern": False, "formal_performance_process": False, "systemic_cause": False,
        "needs": ["career_direction", "network"], "ready_for_change": True, "hours_per_month": 9,
        "major_disruption": True}
    piped = CliRunner().invoke(cli, ["recommend", "--profile", str(saved)])
    assert piped.output.splitlines()[0] in out  # the same advice as for the saved answers


def test_terminal_list_entries_reach_unknown_and_help(tmp_path):
    saved = tmp_path / "person.yaml"
    term = Terminal("--save", str(saved))
    term.list_for(1)
    term.send(UP * 2 + "\r")  # from Yes, Up wraps to the foot: quit, then Help on this question
    term.expect("If there is any sign of imminent danger")
    term.expect(r"Choose an answer from the list \(move with ↑↓, or type its number or first")  # not "type: why, ...": it is a list
    term.list_for(1)
    term.send(DOWN * 3 + "\r")  # past No and "Why is this asked?": "Not known: leave it unknown"
    term.list_for(2)
    term.send("q")  # stop here: the advice so far
    out = term.finish()
    assert "Q3." not in out
    assert "Recommendation" in out and yaml.safe_load(saved.read_text()) == {}
