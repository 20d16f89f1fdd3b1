"""Loading looks for control characters in a whole rule file twice: decode (refused bytes,
PF101) and build_document (whether strings may be read inline). Both now ask the bytes
first, at C speed; the answers must be the regular expressions' own. Checked against them
on random texts of ASCII controls, C1 and bidirectional characters and other non-ASCII."""
from __future__ import annotations

import random
import re

from pathfit.engine.errors import PathfitError
from pathfit.engine.pipeline import load, located
from pathfit.engine.safe_text import has_controls

ALPHABET = "ab :\n\t\r\x00\x07\x0b\x1b\x1f\x7f\x85\x9f\xa0é\u202a\u2066\u2028"


def _texts(n: int):
    rng = random.Random(11)
    for _ in range(n):
        yield "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12)))


def test_build_documents_control_check_is_has_controls():
    for text in _texts(2000):
        assert located._no_controls(text) == (has_controls(text) is None), repr(text)


def _decoded(data: bytes):
    try:
        return load.decode(data, "f.yaml")
    except PathfitError as exc:
        return exc.problems


def _by_the_expression(data: bytes):
    text = data.decode("utf-8")
    bad = re.search(load._CONTROL, text)
    if bad is None:
        return text
    line = text.count("\n", 0, bad.start()) + 1
    col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
    return [("PF101", f"control character U+{ord(bad.group()):04X} not allowed", line, col)]


def test_decodes_control_check_is_the_expressions():
    for text in _texts(2000):
        got = _decoded(text.encode("utf-8"))
        want = _by_the_expression(text.encode("utf-8"))
        if isinstance(want, str):
            assert got == want
        else:
            (p,) = got
            assert [(p.code, p.message, p.pos.line, p.pos.col)] == want


def test_the_control_bytes_written_out_are_the_expressions():
    """located and load write out the bytes their expressions match, so that no start compiles one."""
    assert located._ASCII_CONTROLS == bytes(b for b in range(0x80) if has_controls(chr(b)))
    assert located._NOT_ASCII_CONTROLS == bytes(b for b in range(256) if b not in located._ASCII_CONTROLS)
    assert load._NOT_CONTROL_BYTES == bytes(b for b in range(256) if not re.match(load._CONTROL, chr(b)) or b > 0x7f)


def test_a_plain_number_is_the_expressions():
    """is_plain_number judges digits alone without PLAIN_NUMBER: as it would."""
    rng = random.Random(5)
    texts = ["", "0", "00", "007", "10", "9", "٣", "²", "+1", "-0", "1.", ".5", "1e5", "1_0", "0x1f", "1:30", ".inf"]
    texts += ["".join(rng.choice("0123456789+-.eE_x ") for _ in range(rng.randrange(1, 7))) for _ in range(3000)]
    texts += [str(n) for n in range(1200)]
    for text in texts:
        assert located.is_plain_number(text) == (re.fullmatch(located.PLAIN_NUMBER, text) is not None), repr(text)


def test_a_batch_row_refuses_the_control_characters_a_profile_file_does():
    """A cohort row is refused for a control character written raw (engine.cohort.lines) exactly
    where a profile file is (load.decode): the two expressions match the same characters."""
    from pathfit.engine.cohort import lines

    for code in range(0x3000):
        assert bool(lines.CONTROL.match(chr(code))) == bool(re.match(load._CONTROL, chr(code))), hex(code)
