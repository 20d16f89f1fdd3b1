"""How the interview's lists fit a terminal of any size (cli/interview_tty.py): rows wrapped at a
space, the keys on as many lines as the width needs, and the lines a text takes, so the list's
rows scroll between the question and the keys rather than run past the terminal's last row."""
from __future__ import annotations

from prompt_toolkit.utils import get_cwidth

from pathfit.engine.reports.wrap import wrap


def list_row(highlighted: bool, style: str, marks: str, label: str, columns: int) -> list[tuple[str, str]]:
    """A row of a list: its `marks` (pointer, box) and label, wrapped at a space where it is wider
    than the terminal (`columns`), its later lines under the label; the highlighted one holds the
    cursor, which its window scrolls to."""
    text = marks + label
    if get_cwidth(text) >= columns:
        text = "\n".join(wrap(text, columns - 1, subsequent_indent=" " * len(marks))) or text
    return [("[SetCursorPosition]", ""), (style, text)] if highlighted else [(style, text)]


def height_of(fragments: list[tuple[str, str]], columns: int) -> int:
    """The lines `fragments` take on a terminal `columns` wide, long lines wrapped."""
    text = "".join(text for _, text in fragments)
    return sum(max(1, -(-get_cwidth(line) // max(columns, 1))) for line in text.split("\n"))


def key_lines(pairs: list[str], columns: int) -> list[str]:
    """The keys (`w why`, ...) on as many lines as a terminal `columns` wide needs, each
    key whole: one line cut at the terminal's edge lost `c change  h help  q quit` at 40."""
    lines = [""]
    for pair in pairs:
        if lines[-1] and get_cwidth(f" {lines[-1]}  {pair} ") > columns:
            lines.append(pair)
        else:
            lines[-1] = f"{lines[-1]}  {pair}" if lines[-1] else pair
    return lines
