"""The web page HR staff use: the interview as one form, and the recommendation.

Plain HTML generated from the schema (questions, help, readable labels for
values), no scripts and nothing loaded from anywhere: the page's Content
Security Policy forbids it. The questions the interview would ask first (the
screening questions, then the most decisive) are shown; the rest wait under a
details element. Every value that comes from the rules or the request is
escaped. The result shows the recommendation (marked provisional when answers
to open questions could change it), its reasons with their citations, the open
questions (all in labels, never identifiers: docs/engine.md, "Who reads what"), and,
folded away for consultants, the derivation and the decision object as JSON.
"""
from __future__ import annotations

import re
import secrets
from html import escape
from typing import Callable

from ..explain.how import how, render_how
from ..explain.labels import format_text, outcome_text, value_label
from ..pipeline.model import FactDef, RuleSet
from ..pipeline.policy import label as outcome_label, outcomes, referral_label
from ..pipeline.figures import shown_number
from ..program_json import json_for_programs
from ..reports.author_text import isolated, label_language, lang_attrs
from ..reports.wording import (NO_REASON, figures, headline, open_questions, reasons, share_tail,
                               title)
from ..surrogates import SURROGATE
from .request import MAX_PERSON_TEXT

SHOWN_FIRST = 8  # questions shown before "More questions"
NAMED_IN_HEADING = 4  # evidence outcomes named in the page's heading; more and the heading names none
NAMED = "\x00"  # around an outcome pathfit's sentence names, put as its label (_named_html); in no text
NONE_OF_THESE = ":none"  # a set's "none of these" box; no schema value starts with ':'
PERSON_FIELDS = (":subject", ":operator")
TOKEN_FIELD = ":sent"  # drawn afresh for each page served: the same answers posted again from it are one request
# The subject and operator boxes' maxlength: past what either may be (MAX_PERSON_TEXT), so what a
# browser cuts there is refused, never recorded cut short; short enough that both boxes full
# (at most 9 bytes a UTF-16 unit, %-escaped) leave a form well inside the body the service reads.
BOX_LENGTH = 4 * MAX_PERSON_TEXT
PERSON_QUESTIONS = {"subject": "Who is this about (a name or reference)?", "operator": "Your name"}
CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")
# The page's own copy, for the page kept as a file: a <meta> cannot say frame-ancestors (browsers
# ignore it there, chromium with a logged error), so only the header (CSP) refuses framing.
META_CSP = "; ".join(d for d in CSP.split("; ") if not d.startswith("frame-ancestors"))

CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:56rem;margin:1.5rem auto;padding:0 1rem;
overflow-wrap:anywhere} fieldset{min-width:0} select,input{max-width:100%;box-sizing:border-box}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:1.6rem}
fieldset{border:1px solid #ddd;margin:.6rem 0;padding:.5rem .8rem} legend{font-weight:600;padding:0 .3rem}
.help{color:#444;font-size:.9em;margin:.1rem 0 .4rem} .opts label{display:inline-block;margin:.1rem 1rem .1rem 0}
.headline{font-size:1.25rem;font-weight:600;padding:.6rem 1rem;background:#eef4ff;border-left:5px solid #2b5bb8}
.provisional{background:#fff8e6;border-left-color:#b07d00} .errors{color:#8a1010;border:1px solid #d99;
padding:.4rem 1rem;background:#fdf0f0} pre{white-space:pre-wrap;font-size:.85em;background:#f7f7f7;padding:.5rem}
button{font-size:1rem;padding:.4rem 1.2rem;margin:.8rem 0} input[type=text]{width:20rem}
.field-error{color:#8a1010;font-weight:600;margin:.2rem 0} #open-questions li,#errors li{padding:.2rem 0}
@media print{form,.noprint{display:none}}
"""


def page(rs: RuleSet, order: list[str], values: dict | None = None, result: str = "",
         problems: dict[str, str] | None = None, wanted: tuple[str, ...] = (), refused: bool = False,
         kept: bool = True, token: str | None = None) -> str:
    """The whole page: the result (if any) above the form, the form pre-filled with `values`.
    `problems` (field name -> what is wrong with its answer) are said again inside each
    question and tied to its control (aria-invalid, aria-describedby), and the title starts
    "Error:", so one using a screen reader hears that the answers were refused and, at each
    refused question, why; so it does wherever the post was `refused` (no recommendation: a
    field the form does not ask, a failure of the server's), tied to a question or not.
    "More questions" opens where one of its questions was answered, refused or is `wanted`
    (an open question the result links to): a link into a closed details element leads
    nowhere in some browsers. `kept`: a record keeps the decision (an audit log), so the form asks who it is
    about and by whom, carrying `token` (a refused post's, if a page can hold it) or one drawn afresh; else neither."""
    values, problems = values or {}, problems or {}
    first, rest = split_questions(rs, order)
    more_open = any(name in values or name in problems or name in wanted for name in rest)
    heading = esc(heading_words(rs))
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{META_CSP}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{'Error: ' if problems or refused else ''}{heading}</title>", f"<style>{CSS}</style></head><body><main>",
             f"<h1>{_heading_html(rs) if rs.language else heading}</h1>", result,
             '<form method="post" action="/decide" id="interview">',
             "<p class=\"help\">Answer what you know; leave the rest as not known. The first questions are the ones "
             "most likely to decide the advice.</p>"]
    parts += [_field(rs.facts[name], values.get(name), problems.get(name), rs.language) for name in first]
    parts.append(f'<details id="more"{" open" if more_open else ""}><summary>More questions ({len(rest)})'
                 "</summary><div>")  # the questions under the summary, not on its line in a text browser
    parts += [_field(rs.facts[name], values.get(name), problems.get(name), rs.language) for name in rest]
    parts.append("</div></details>")
    if kept:
        parts.append(f'<input type="hidden" name="{TOKEN_FIELD}" value="{esc(_echo(token) or secrets.token_urlsafe(16))}">'
                     '<fieldset><legend>For the record (optional)</legend>'
                     + _text(":subject", PERSON_QUESTIONS["subject"], values.get(":subject"), problems.get(":subject"))
                     + _text(":operator", PERSON_QUESTIONS["operator"], values.get(":operator"),
                             problems.get(":operator"), "name") + "</fieldset>")
    parts.append('<button type="submit" id="submit">Get the recommendation</button></form></main></body></html>')
    return "\n".join(parts) + "\n"


def heading_words(rs: RuleSet) -> str:
    """The page's title and heading, in the policy's own labels (every view shows them, never
    words of another rule set): its outcomes (`outcome_words`), or, for a policy weighing more
    than NAMED_IN_HEADING outcomes or none, its rule set's name: a title listing them all would
    not be read."""
    words = outcome_words(rs)
    return f"pathfit: {words}" if words else f"pathfit: the advice of the {rs.name} rules"


def _heading_html(rs: RuleSet) -> str:
    """heading_words as the page's <h1>: pathfit's words, each of the policy's labels in the rule
    set's language and pathfit's default ones in its own (author_text); the words joining them
    are pathfit's; a heading naming the rule set is pathfit's sentence around a name."""
    words = outcome_words(rs, lambda o: isolated(outcome_label(rs.policy, o),
                                                 label_language(o, outcome_label(rs.policy, o), rs.language)))
    return f"pathfit: {words}" if words else esc(heading_words(rs))


def outcome_words(rs: RuleSet, shown: Callable[[str], str] | None = None) -> str | None:
    """The outcomes the policy's evidence weighs, in its own labels, and "or something else"
    when its clauses can give others; None for more than NAMED_IN_HEADING, or none. One
    wording for whatever describes the service (the page's heading, the API's description);
    `shown`: how each outcome is put (the page's heading marks each label's language)."""
    policy = rs.policy
    weighed_ = list(policy.evidence_outcomes)
    if not weighed_ or len(weighed_) > NAMED_IN_HEADING:
        return None
    names = [(shown or (lambda o: outcome_text(rs, o)))(o) for o in weighed_]
    if any(o not in weighed_ for o in outcomes(policy)):
        return f"{', '.join(names)}, or something else"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def split_questions(rs: RuleSet, order: list[str]) -> tuple[list[str], list[str]]:
    """(shown first, under "More questions"): screening questions, then the interview's
    ranking, then every other input in schema order."""
    names = [f.name for f in rs.inputs]
    screening = [f.name for f in rs.inputs if f.screening]
    ranked = screening + [n for n in order if n not in screening]
    ranked += [n for n in names if n not in ranked]
    return ranked[:SHOWN_FIRST], ranked[SHOWN_FIRST:]


def esc(value) -> str:
    """`value` as HTML text, quotes escaped too: every value from the rules or a request."""
    return escape(str(value), quote=True)


def _field(fact: FactDef, value, problem: str | None = None, lang: str = "") -> str:
    """One question: a fieldset whose legend is the question and names its control too (a
    select or number box has no label of its own), its help, what is wrong with its answer;
    a list's boxes set apart by a space, for a browser that draws them as text.
    `lang`: the rule set's language, which marks the author's text (author_text)."""
    name, la = esc(fact.name), lang_attrs(lang)
    head = f'<fieldset class="q" id="q-{name}"><legend id="l-{name}"{la}>{esc(fact.question)}</legend>'
    help_ = f'<p class="help" id="h-{name}"{la}>{esc(fact.help)}</p>' if fact.help else ""
    said = f'<p class="field-error" id="e-{name}">Error: {esc(problem)}</p>' if problem else ""
    described = [f"e-{name}"] * bool(problem) + [f"h-{name}"] * bool(fact.help)
    if fact.type == "set":
        # "None of these" is an answer (the person needs none), not "not known": the words say
        # so, and each box is described by them, so a screen reader says them at every box
        chosen = set(value or ())
        tied = _tied([*described, f"t-{name}"], problem)
        boxes = [_check(fact.name, v, value_label(fact, v), v in chosen, tied, la) for v in fact.values]
        boxes.append(_check(fact.name, NONE_OF_THESE, "None of these", value == [] or NONE_OF_THESE in chosen, tied))
        body = (f'<div class="opts">{" ".join(boxes)}</div><p class="help" id="t-{name}">Tick all that apply, or '
                '"None of these" if none does; leave every box unticked if not known.</p>')
    elif fact.type in ("enum", "bool"):
        options = list(fact.values) if fact.type == "enum" else ["yes", "no"]
        labels = [value_label(fact, v) for v in options] if fact.type == "enum" else ["Yes", "No"]
        # several answers sent for one question come back as a list: shown as none chosen, refused beside it
        shown = {True: "yes", False: "no"}.get(value, value) if fact.type == "bool" and type(value) is bool \
            else value
        items = [f'<option value=""{"" if shown else " selected"}>Not known</option>']
        own = la if fact.type == "enum" else ""  # an enum's labels are the author's; Yes and No pathfit's
        items += [f'<option value="{esc(v)}"{" selected" if v == shown else ""}{own}>{esc(label)}</option>'
                  for v, label in zip(options, labels)]
        body = f'<select name="{name}" id="f-{name}" aria-labelledby="l-{name}"{_tied(described, problem)}>' \
            f'{"".join(items)}</select>'
    else:
        step = "1" if fact.integer else "any"
        whole = "a whole number, " if fact.integer else ""  # as the interview's hint says it
        unit = (f" <span{la}>{esc(fact.unit)}</span>" if la else f" {esc(fact.unit)}") \
            if getattr(fact, "unit", "") else ""
        shown = esc(_echo(value))
        tied = _tied([*described, f"r-{name}"], problem)
        body = (f'<input type="number" name="{name}" id="f-{name}" min="{esc(shown_number(fact.minimum))}" '
                f'max="{esc(shown_number(fact.maximum))}" step="{step}" value="{shown}" aria-labelledby="l-{name}"'
                f'{tied}>{unit} <span class="help" id="r-{name}">({whole}{esc(shown_number(fact.minimum))} to '
                f'{esc(shown_number(fact.maximum))}; empty if not known)</span>')
    # a control in a block of its own: a text browser (such as w3m) lays out no fieldset, and drew
    # an inline one at the start of the next question's line, as if it answered that question
    return head + said + help_ + (body if fact.type == "set" else f"<div>{body}</div>") + "</fieldset>"


def _tied(described: list[str], problem: str | None) -> str:
    """A control's attributes tying it to what describes it: its problem (first), its help."""
    return (f' aria-describedby="{" ".join(described)}"' if described else "") + \
        (' aria-invalid="true"' if problem else "")


def _check(name: str, value: str, label: str, checked: bool, tied: str = "", la: str = "") -> str:
    return (f'<label{la}><input type="checkbox" name="{esc(name)}" value="{esc(value)}"{" checked" if checked else ""}'
            f'{tied}> {esc(label)}</label>')


def _text(name: str, label: str, value, problem: str | None = None, purpose: str = "") -> str:
    """A box for the subject or operator; `purpose`, the autocomplete token of a box asking
    the user about themselves (the operator's own name). Its maxlength is BOX_LENGTH, not what
    the subject may be: a browser cuts what is typed or pasted at maxlength without a word, and
    cut at the limit it would be recorded as a subject no one typed; cut past it, it is still
    refused beside the box (PF628), kept in it. `dir="auto"`: a name is drawn in its own
    direction (a Hebrew or Arabic one right to left), not the page's."""
    key = esc(name.lstrip(":"))
    purpose_ = f' autocomplete="{purpose}"' if purpose else ""
    said = f'<span class="field-error" id="e-p-{key}">Error: {esc(problem)}</span><br>' if problem else ""
    return (f'<p><label for="p-{key}">{esc(label)}</label><br>{said}<input type="text" id="p-{key}" dir="auto" '
            f'name="{esc(name)}" maxlength="{BOX_LENGTH}" value="{esc(_echo(value))}"{purpose_}'
            f'{_tied([f"e-p-{key}"] * bool(problem), problem)}></p>')


def _echo(value) -> str:
    """What a box shows again of what was sent: as sent, except text holding a lone surrogate
    (a byte that is not UTF-8), which no page can hold: the box is left empty to be typed
    again (shown as U+FFFD, sent again unchanged, it would be taken as that character)."""
    text = "" if value is None else str(value)
    return "" if SURROGATE.search(text) else text


def _reason(sentence: str, lang: str = "") -> str:
    """A reason as the author wrote it, isolated from its citations and share (wording.reasons
    appends ` [kb#...]`): a right-to-left reason would otherwise carry the figure after it to
    its other side."""
    words, bracket, cites = sentence.rpartition(" [")
    return f"{isolated(words, lang)}{esc(bracket + cites)}" if bracket else isolated(sentence, lang)


def _title_html(rs: RuleSet, decision) -> str:
    """The result's heading: pathfit's "Recommendation: ", then the policy's label and the
    referral's words, each marked as the rule set's language where it declares one, and
    pathfit's default label as pathfit's (author_text.label_language)."""
    if not rs.language:
        return esc(title(rs, decision))
    said, words = title(rs, decision), headline(rs, decision)
    named = outcome_label(rs.policy, decision.outcome)
    shown = isolated(named, label_language(decision.outcome, named, rs.language))
    if decision.referral:  # as outcome_text words it: the label, ": ", the referral's words
        shown += f": {isolated(referral_label(rs.policy, decision.referral), rs.language)}"
    return esc(said[: len(said) - len(words)]) + shown


def _named_html(rs: RuleSet, said: str) -> str:
    """pathfit's escaped sentence `said` with each outcome it names (NAMED, its identifier, NAMED)
    put as the policy's label, isolated in its language (author_text.label_language)."""
    def put(found: re.Match) -> str:
        words = outcome_label(rs.policy, found[1])
        return isolated(words, label_language(found[1], words, rs.language))
    return re.sub(f"{NAMED}([a-z0-9_]+){NAMED}", put, said)


def result(rs: RuleSet, decision, record: dict | None = None) -> str:
    """The recommendation, its reasons, open questions, derivation and JSON."""
    confidence, header, shown = figures(rs, decision, (lambda o: f"{NAMED}{o}{NAMED}") if rs.language else None)
    cls = "headline" if decision.settled else "headline provisional"
    d = decision._own_dict()  # read, never changed
    parts = [f'<section id="result"><h2 class="{cls}" id="recommendation" data-outcome="{esc(decision.outcome)}" '
             f'data-referral="{esc(decision.referral or "")}" data-settled="{str(decision.settled).lower()}">'
             f"{_title_html(rs, decision)}</h2>", f"<p id=\"confidence\">{esc(confidence)}</p>"]
    why = reasons(rs, decision)
    if why or shown:
        lang = rs.language  # NO_REASON is pathfit's sentence, not the author's
        items = "".join(f"<li>{_reason(sentence, lang if sentence != NO_REASON else '')}"
                        f"{esc(share_tail(share, shown))}</li>" for sentence, share in
                        (why or [(NO_REASON, None)]))
        parts.append(f"<h3>Why{_named_html(rs, esc(header))}</h3><ul id=\"reasons\">{items}</ul>")
    if decision.formats:
        parts.append(f"<p>Suggested formats: {esc(', '.join(map(format_text, decision.formats)))}</p>")
    questions = open_questions(rs, decision)
    if questions:
        items = "".join(f'<li><a href="#q-{esc(n)}"{lang_attrs(rs.language)}>{esc(rs.facts[n].question)}</a></li>'
                        for n in questions)
        parts.append(f'<h3>Open questions that might change this</h3><ul id="open-questions">{items}</ul>')
    parts.append('<details><summary>How this was derived (for consultants: rules and facts by their names in the '
                 f'rule files)</summary><pre id="how">{esc(render_how(how(rs, decision), decision=decision))}</pre></details>')
    if record is not None:
        # in a tab of its own: back from it in this tab, the answer (a post's, kept by no browser: no-store)
        # would be posted again and the decision recorded twice
        parts.append(f'<p class="noprint">Recorded in the audit log as decision <code>{esc(record["id"])}</code>: '
                     f'<a href="/report/{esc(record["id"])}" id="report-link" target="_blank" rel="noopener">'
                     "printable report</a> (opens in a new tab).</p>")
    else:
        parts.append('<p class="noprint">To keep this, print the page: the questions are left out of the print.</p>')
    parts.append(f'<details class="noprint"><summary>The decision as JSON (as <code>pathfit recommend --format json'
                 f'</code> gives it)</summary><pre id="decision-json">'
                 f"{esc(json_for_programs(d))}</pre></details></section>")
    return "\n".join(parts)
