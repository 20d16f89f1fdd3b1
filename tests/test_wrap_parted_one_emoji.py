"""An emoji drawn from several characters stays whole on one line: a zero width joiner's sequence
(👨‍👩‍👧, three people and two joiners) and an emoji with a skin-tone modifier (👍🏽).

Regression: text without spaces may break beside a wide character, and every emoji of such a
sequence is wide, so a line could end with a joiner and the next start with the rest of the
family, or a thumb end one line and its skin tone start the next, drawn apart as other emoji."""
from __future__ import annotations

import pytest

from pathfit.engine.reports.wrap import wrap

FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467"
THUMB = "\U0001F44D\U0001F3FD"
WHOLE = (FAMILY, THUMB)


def _parts(line: str) -> list[str]:
    """The emoji of a line, each sequence kept as one (the reference: the sequences written here)."""
    out, rest = [], line.replace(" ", "")
    while rest:
        found = next((s for s in WHOLE if rest.startswith(s)), rest[0])
        out.append(found)
        rest = rest[len(found):]
    return out


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 6, 7, 9])
def test_a_joined_or_modified_emoji_is_never_parted(width):
    text = FAMILY + THUMB * 3 + "目標" + FAMILY + " " + THUMB + FAMILY
    lines = wrap(text, width)
    assert "".join(lines) == text.replace(" ", "")  # nothing lost, nothing added
    for line in lines:
        assert not line.endswith("\u200d") and not line.startswith("\u200d"), lines
        assert not ("\U0001F3FB" <= line[0] <= "\U0001F3FF"), lines
    assert [p for line in lines for p in _parts(line)] == _parts(text)
