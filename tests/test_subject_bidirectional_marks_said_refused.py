"""Regression: the README said a subject or operator with "bidirectional controls" is refused,
and Unicode counts the marks U+200E, U+200F and U+061C among them; the rule refuses only the
embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder the text around
them. The marks, which a name written in a right-to-left script may carry, are kept, and
`audit show` and `replay` print them as escapes, so none can pass for a name without them. The
README now says which are refused; this holds the code to it."""
from __future__ import annotations

import pytest

from pathfit.cli.audit_show import field
from pathfit.engine.audit.subject import check_who
from pathfit.engine.errors import PathfitError, Pos

MARKS = ["\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("mark", MARKS, ids=lambda c: f"U+{ord(c):04X}")
def test_a_mark_is_kept_and_shown_as_an_escape(mark):
    for what in ("subject", "operator"):
        assert check_who(f"Dana{mark} Levi", what, Pos("x")) == f"Dana{mark} Levi"
    assert field(f"Dana{mark} Levi") == f"Dana\\u{ord(mark):04x} Levi"


@pytest.mark.parametrize("char", [chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]],
                         ids=lambda c: f"U+{ord(c):04X}")
def test_every_embedding_override_and_isolate_is_refused(char):
    with pytest.raises(PathfitError) as err:
        check_who(f"Dana{char} Levi", "subject", Pos("x"))
    assert [p.code for p in err.value.problems] == ["PF628"]
