"""YAML's line ends that `grep -n` does not share, refused before a YAML text is parsed.

Why refuse rather than translate positions: libyaml (YAML 1.1) ends a line at a lone
carriage return, U+0085, U+2028 and U+2029, so every mark after one names a line the
author cannot find with `grep -n`, and it changes the text around it too (a next-line
character in a quoted string is read as a space). YAML 1.2 ends a line at a lone carriage
return too, but at none of the other three. Written as an escape in double quotes the character is kept, and no position moves.
"""
from __future__ import annotations

import re

from ..errors import Pos, fail

# what YAML 1.1 (libyaml, PyYAML) ends a line at beside a line feed and CRLF: a lone carriage
# return, U+0085 (next line), U+2028 (line separator) and U+2029 (paragraph separator)
_OTHER_LINE_ENDS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")
_LINE_END_NAMES = {"\r": "a carriage return not followed by a line feed", "\x85": "U+0085 (next line)",
                   "\u2028": "U+2028 (line separator)", "\u2029": "U+2029 (paragraph separator)"}


def line_ends_agree(text: str, label: str) -> None:
    """PF101 at the first character YAML 1.1 ends a line at and `grep -n` does not. Read,
    every position after it would name a line the author cannot find, and libyaml changes
    the text around it (a next line in a quoted string is read as a space); YAML 1.2 ends a
    line at a lone carriage return too, at none of the others. Written as an escape in double quotes (`"\\u2028"`) such
    a character is kept, and every position stays true."""
    if "\r" not in text and text.isascii():  # an ASCII text without CR, nearly every file: nothing to find
        return
    bad = _OTHER_LINE_ENDS.search(text)
    if bad is None:
        return
    at = bad.start()
    line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    fix = "end lines with LF or CRLF" if bad.group() == "\r" else \
        f"write it as \\u{ord(bad.group()):04x} inside double quotes"
    others = "`grep -n`" if bad.group() == "\r" else "YAML 1.2 or `grep -n`"  # YAML 1.2 ends a line at a lone CR too
    raise fail("PF101", f"{_LINE_END_NAMES[bad.group()]} ends a line for YAML 1.1, pathfit's reader, but not for "
               f"{others}; {fix}", Pos(label, line, col))
