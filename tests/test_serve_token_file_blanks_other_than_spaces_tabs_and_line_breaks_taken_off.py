"""Regression: `serve --token-file` took every Unicode blank off the ends of the file's text
(str.strip), so a file holding a no-break space, a line separator or an em space beside 20
ASCII characters served those 20 as the token, where everything else a person types into
pathfit loses only spaces, tabs and line breaks around it and keeps a no-break space as text.
Such a file is now refused (PF902 at the file): its token would hold a character no
Authorization header carries."""
from __future__ import annotations

import pytest

from pathfit.cli.serve import read_token
from pathfit.engine import PathfitError

TOKEN = "s3cret-Token_0123456789"


def _file(tmp_path, text: str) -> str:
    path = tmp_path / "token"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return str(path)


@pytest.mark.parametrize("text", ["\u00a0" + TOKEN, TOKEN + "\u2028", "\u2003" + TOKEN + "\n", TOKEN + "\x0b",
                                  TOKEN + "\x0c\n", "\x1c" + TOKEN])
def test_a_blank_other_than_space_tab_or_line_break_beside_the_token_is_refused(tmp_path, text):
    path = _file(tmp_path, text)
    with pytest.raises(PathfitError) as err:
        read_token(path)
    assert [(p.code, p.pos.file, p.pos.line, p.pos.col) for p in err.value.problems] == [("PF902", path, 0, 0)]


@pytest.mark.parametrize("text", [" \t" + TOKEN + "\r\n", "\n\n" + TOKEN + "\n", TOKEN])
def test_spaces_tabs_and_line_breaks_around_the_token_are_left_off(tmp_path, text):
    assert read_token(_file(tmp_path, text)) == TOKEN
