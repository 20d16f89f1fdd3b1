"""The characters a subject or operator may not be made only of: they show nothing.

A fixed table, not the running Python's `unicodedata`: each Python carries its own
Unicode version (3.11 has 14.0, 3.12 15.0, 3.13 15.1), and Unicode 15.0 made seven
unassigned code points format characters (U+13439-U+1343F): asking `unicodedata` would
have one machine record a subject that another refuses, and `pathfit schema` write
another pattern on each. The table is Unicode 15.1's: every character `str.isspace`
takes (the same on every supported Python), every format character (category Cf) and
the blanks that are neither (the Hangul fillers, the braille blank and the combining
grapheme joiner). Changing it changes which subjects are taken: do it on purpose,
with the Unicode version named here.
"""
from __future__ import annotations

import functools

UNICODE_VERSION = "15.1.0"
# (first, last) code points, in order, none adjacent to the next
RUNS = (
    (0x0009, 0x000D), (0x001C, 0x0020), (0x0085, 0x0085), (0x00A0, 0x00A0), (0x00AD, 0x00AD),
    (0x034F, 0x034F), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD), (0x070F, 0x070F),
    (0x0890, 0x0891), (0x08E2, 0x08E2), (0x115F, 0x1160), (0x1680, 0x1680), (0x180E, 0x180E),
    (0x2000, 0x200F), (0x2028, 0x202F), (0x205F, 0x2064), (0x2066, 0x206F), (0x2800, 0x2800),
    (0x3000, 0x3000), (0x3164, 0x3164), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
)


@functools.lru_cache(maxsize=1)
def shows_nothing() -> frozenset[str]:
    """Every character of RUNS, built on first use: only text that is not ASCII asks."""
    return frozenset(chr(c) for first, last in RUNS for c in range(first, last + 1))
