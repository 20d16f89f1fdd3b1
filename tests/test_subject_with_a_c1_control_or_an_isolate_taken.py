"""A subject or operator holding a control character (C0, DEL or C1) or a bidirectional
override or isolate is PF628, with the character named, from the one rule (check_who). The rule's other
tests try the separators U+2028/U+2029, invisible text and numbers, so a rule that let C1
controls (U+0080-U+009F: U+0085 is a line end to some readers, U+009B a terminal's escape) or the
isolates U+2066-U+2069 (which reorder what an auditor reads) through passed them."""
from __future__ import annotations

import pytest

from pathfit.engine.audit.subject import check_who
from pathfit.engine.errors import PathfitError, Pos

from .test_subject import EXAMPLE, keyed, run  # keyed: the fixture the subject tests share

CONTROLS = {"\x01": "a control character", "\x1f": "a control character", "\x7f": "a control character",
            "\x80": "a control character", "\x85": "a control character", "\x9b": "a control character",
            "\x9f": "a control character", "\u202a": "a bidirectional control character",
            "\u202e": "a bidirectional control character", "\u2066": "a bidirectional control character",
            "\u2067": "a bidirectional control character", "\u2068": "a bidirectional control character",
            "\u2069": "a bidirectional control character"}


@pytest.mark.parametrize("char", sorted(CONTROLS), ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_and_bidirectional_control_is_refused_by_the_one_rule(char):
    for what in ("subject", "operator"):
        with pytest.raises(PathfitError) as err:
            check_who(f"E-{char}9", what, Pos("x"))
        [problem] = err.value.problems
        assert problem.code == "PF628"
        assert problem.message == f"{what} holds {CONTROLS[char]} (U+{ord(char):04X} at character 3)"


@pytest.mark.parametrize("char", ["\x85", "\x9b", "\u2066", "\u2069"], ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("option", ["--subject", "--operator"])
def test_a_c1_control_or_an_isolate_is_refused_on_the_command_line(tmp_path, keyed, char, option):
    """A profile file or a batch row refuses such a character as it is read (PF101), before
    the rule is asked; the command line's options reach the rule itself."""
    record = tmp_path / "r.json"
    words = f"holds {CONTROLS[char]} (U+{ord(char):04X} at character 3)"
    given = run("recommend", "--profile", EXAMPLE, "--record", record, option, f"E-{char}9")
    assert given.exit_code == 2 and given.stderr == f"{option}:0:0: PF628: {option} {words}\n", given.stderr
    assert given.stdout == "" and not record.exists()
