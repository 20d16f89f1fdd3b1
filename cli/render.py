"""A Decision for people: plain text at the given width (the terminal's), or Markdown. The words
(headline, reasons, confidence line, open questions) are engine.reports.wording's,
shared with the web page."""
from __future__ import annotations

import click

from pathfit.engine import Decision
from pathfit.engine.explain.labels import format_text
from pathfit.engine.pipeline.model import RuleSet
from pathfit.engine.reports.wrap import wrap
from pathfit.engine.reports.wording import (NO_REASON, ON_ANSWERS_GIVEN, figures as _figures, open_questions,
                                            ranking, reasons, share_tail as _tail, title as _title)


def _bold(text: str) -> str:
    return click.style(text, bold=True)


def _figure_and_note(confidence: str) -> tuple[str, str]:
    """The confidence line and, on a settled decision whose figures an answer could still move,
    the note saying so, printed under it: the figure keeps its own line."""
    if confidence.endswith(" " + ON_ANSWERS_GIVEN):
        return confidence[:-len(ON_ANSWERS_GIVEN) - 1], ON_ANSWERS_GIVEN
    return confidence, ""


def render_text(rs: RuleSet, d: Decision, width: int = 80, ids: bool = False) -> str:
    """HR staff's view: facts by their questions, rules by their reasons; `ids` adds the
    identifiers a consultant looks up (docs/engine.md, "Who reads what")."""
    confidence, header, shown = _figures(rs, d)
    lines = [_bold(line) for line in wrap(_title(rs, d), width, subsequent_indent="  ")]
    figure, note = _figure_and_note(confidence)
    lines += wrap(figure, width, subsequent_indent="  ")
    if note:
        lines += wrap(note, width, initial_indent="  ", subsequent_indent="   ")
    why = reasons(rs, d, ids=ids)
    if why or shown:
        head = wrap("Why" + header + ":", width)
        lines += ["", _bold("Why") + head[0][3:]] + head[1:]
        for sentence, share in why or [(NO_REASON, None)]:
            lines += wrap(sentence + _tail(share, shown), width, initial_indent="  - ",
                                   subsequent_indent="    ")
    head, ranked = ranking(rs, d)
    if ranked:
        lines += [""] + [_bold(line) for line in wrap(head + ":", width)]
        for line in ranked:
            lines += wrap(line, width, initial_indent="  ", subsequent_indent="     ")
    if d.formats:
        formats = wrap("Suggested formats: " + ", ".join(map(format_text, d.formats)), width,
                       subsequent_indent="  ")
        lines += ["", _bold("Suggested formats:") + formats[0][len("Suggested formats:"):]] + formats[1:]
    questions = open_questions(rs, d)
    if questions:
        lines += ["", _bold("Open questions that might change this:")]
        for name in questions:
            lines += wrap(rs.facts[name].question + (f" [{name}]" if ids else ""), width, initial_indent="  ? ",
                                   subsequent_indent="    ")
    return "\n".join(lines)


def render_markdown(rs: RuleSet, d: Decision, ids: bool = False) -> str:
    """As render_text, in Markdown; the rules fired, by id, only with `ids`. Every line of words
    (authors' labels, reasons and questions among them) is written as `pathfit docs` writes
    authored text (engine.reports.markdown_text.md): a viewer shows it as written, never as a heading, a list,
    a link or HTML of its own, whatever a rule file holds."""
    from pathfit.engine.reports.markdown_text import heading, md

    confidence, header, shown = _figures(rs, d)
    label, _, rest = confidence.partition(": ")
    lines = [f"# {heading(_title(rs, d))}", "", f"**{md(label)}:** {md(rest, line_start=False)}", ""]
    why = reasons(rs, d, ids=ids)
    if why or shown:
        lines += [f"## {heading('Why' + header)}", ""]
        for sentence, share in why or [(NO_REASON, None)]:
            lines.append(f"- {_cited(sentence, md)}{_tail(share, shown)}")
        lines.append("")
    head, ranked = ranking(rs, d)
    if ranked:  # bullets, each with its rank (`1\.`): a Markdown viewer renumbers an ordered list (1., 2., 2. as 1, 2, 3)
        lines += [f"## {heading(head)}", ""] + [f"- {md(line)}" for line in ranked] + [""]
    if d.formats:
        lines += ["## Suggested formats", ""] + [f"- {md(format_text(f))}" for f in d.formats] + [""]
    questions = open_questions(rs, d)
    if questions:
        lines += ["## Open questions", ""] + [f"- {md(rs.facts[n].question)}" + (f" (`{n}`)" if ids else "")
                                             for n in questions] + [""]
    if ids:
        lines += ["## Rules fired, in order", "", ", ".join(f"`{r}`" for r in d.fired) or "none", ""]
    return "\n".join(lines)


def _cited(sentence: str, md) -> str:
    """A reason and the citations wording.reasons puts after it (`... [kb#focus]`), the reason
    and each citation escaped and pathfit's own brackets kept: followed by no `(` and with no
    definition of that name in the page (authored text can start no line), `[kb#focus]` is
    text to a Markdown viewer, and the raw Markdown reads as the text view does."""
    reason, bracket, cites = sentence.rpartition(" [")
    if not bracket or not cites.endswith("]"):
        return md(sentence)
    return f"{md(reason)} [{md(cites[:-1], line_start=False)}]"
