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

import json
import re
from html import escape
from urllib.parse import parse_qsl

from ..cohort.rows import json_depth_problem
from ..explain.how import how, render_how
from ..errors import closest
from ..explain.labels import about_answer, outcome_text, value_label
from ..pipeline.model import FactDef, RuleSet
from ..pipeline.policy import outcomes
from ..pipeline.profile import BadValue, Words, check_value, json_float, json_int
from ..pipeline.scalars import LEADING_ZERO, PlainForm, is_plain_number, plain_number
from ..reports.wording import NO_REASON, figures, open_questions, reasons, share_tail, title
from ..surrogates import SURROGATE
from .core import CALLER_PF6, MAX_PERSON_TEXT

SHOWN_FIRST = 8  # questions shown before "More questions"
NAMED_IN_HEADING = 4  # evidence outcomes named in the page's heading; more and the heading names none
NONE_OF_THESE = ":none"  # a set's "none of these" box; no schema value starts with ':'
PERSON_FIELDS = (":subject", ":operator")
PERSON_QUESTIONS = {"subject": "Who is this about (a name or reference)?", "operator": "Your name"}
NOT_ASKED = "The answers came with a field this form does not ask about; send them again from this page."
CSP = ("default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")

CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:56rem;margin:1.5rem auto;padding:0 1rem}
h1{font-size:1.4rem} h2{font-size:1.15rem;margin-top:1.6rem}
fieldset{border:1px solid #ddd;margin:.6rem 0;padding:.5rem .8rem} legend{font-weight:600;padding:0 .3rem}
.help{color:#444;font-size:.9em;margin:.1rem 0 .4rem} .opts label{display:inline-block;margin:.1rem 1rem .1rem 0}
.headline{font-size:1.25rem;font-weight:600;padding:.6rem 1rem;background:#eef4ff;border-left:5px solid #2b5bb8}
.provisional{background:#fff8e6;border-left-color:#b07d00} .errors{color:#8a1010;border:1px solid #d99;
padding:.4rem 1rem;background:#fdf0f0} pre{white-space:pre-wrap;font-size:.85em;background:#f7f7f7;padding:.5rem}
button{font-size:1rem;padding:.4rem 1.2rem;margin:.8rem 0} input[type=text]{width:20rem}
@media print{form,.noprint{display:none}}
"""


def page(rs: RuleSet, order: list[str], values: dict | None = None, result: str = "") -> str:
    """The whole page: the result (if any) above the form, the form pre-filled with `values`."""
    values = values or {}
    first, rest = split_questions(rs, order)
    more_open = any(name in values for name in rest)
    heading = _e(heading_words(rs))
    parts = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
             f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{heading}</title>", f"<style>{CSS}</style></head><body>", f"<h1>{heading}</h1>", result,
             '<form method="post" action="/decide" id="interview">',
             "<p class=\"help\">Answer what you know; leave the rest as not known. The first questions are the ones "
             "most likely to decide the advice.</p>"]
    parts += [_field(rs.facts[name], values.get(name)) for name in first]
    parts.append(f'<details id="more"{" open" if more_open else ""}><summary>More questions ({len(rest)})'
                 "</summary>")
    parts += [_field(rs.facts[name], values.get(name)) for name in rest]
    parts.append("</details>")
    parts.append('<fieldset><legend>For the record (optional)</legend>'
                 + _text(":subject", PERSON_QUESTIONS["subject"], values.get(":subject"))
                 + _text(":operator", PERSON_QUESTIONS["operator"], values.get(":operator")) + "</fieldset>")
    parts.append('<button type="submit" id="submit">Get the recommendation</button></form></body></html>')
    return "\n".join(parts) + "\n"


def heading_words(rs: RuleSet) -> str:
    """The page's title and heading, in the policy's own labels (every view shows them, never
    words of another rule set): the outcomes its evidence weighs, and "or something else" when
    its clauses can give others. A policy weighing more than NAMED_IN_HEADING outcomes, or
    none, is named by its rule set's name: a title listing them all would not be read."""
    policy = rs.policy
    weighed_ = list(policy.evidence_outcomes)
    if not weighed_ or len(weighed_) > NAMED_IN_HEADING:
        return f"pathfit: the advice of the {rs.name} rules"
    names = [outcome_text(rs, o) for o in weighed_]
    if any(o not in weighed_ for o in outcomes(policy)):
        return f"pathfit: {', '.join(names)}, or something else"
    return f"pathfit: {names[0] if len(names) == 1 else ', '.join(names[:-1]) + ' or ' + names[-1]}"


def split_questions(rs: RuleSet, order: list[str]) -> tuple[list[str], list[str]]:
    """(shown first, under "More questions"): screening questions, then the interview's
    ranking, then every other input in schema order."""
    names = [f.name for f in rs.inputs]
    screening = [f.name for f in rs.inputs if f.screening]
    ranked = screening + [n for n in order if n not in screening]
    ranked += [n for n in names if n not in ranked]
    return ranked[:SHOWN_FIRST], ranked[SHOWN_FIRST:]


def _e(value) -> str:
    return escape(str(value), quote=True)


def _field(fact: FactDef, value) -> str:
    name = _e(fact.name)
    head = f'<fieldset class="q" id="q-{name}"><legend>{_e(fact.question)}</legend>'
    help_ = f'<p class="help">{_e(fact.help)}</p>' if fact.help else ""
    if fact.type == "set":
        chosen = set(value or ())
        boxes = [_check(fact.name, v, value_label(fact, v), v in chosen) for v in fact.values]
        boxes.append(_check(fact.name, NONE_OF_THESE, "None of these", value == [] or NONE_OF_THESE in chosen))
        body = f'<div class="opts">{"".join(boxes)}</div><p class="help">Tick all that apply; tick none if not known.</p>'
    elif fact.type in ("enum", "bool"):
        options = list(fact.values) if fact.type == "enum" else ["yes", "no"]
        labels = [value_label(fact, v) for v in options] if fact.type == "enum" else ["Yes", "No"]
        shown = {True: "yes", False: "no"}.get(value, value) if fact.type == "bool" else value
        items = [f'<option value=""{"" if shown else " selected"}>Not known</option>']
        items += [f'<option value="{_e(v)}"{" selected" if v == shown else ""}>{_e(label)}</option>'
                  for v, label in zip(options, labels)]
        body = f'<select name="{name}" id="f-{name}">{"".join(items)}</select>'
    else:
        step = "1" if fact.integer else "any"
        unit = f" {_e(fact.unit)}" if getattr(fact, "unit", "") else ""
        shown = _e(_echo(value))
        body = (f'<input type="number" name="{name}" id="f-{name}" min="{_e(_n(fact.minimum))}" '
                f'max="{_e(_n(fact.maximum))}" step="{step}" value="{shown}">{unit} '
                f'<span class="help">({_e(_n(fact.minimum))} to {_e(_n(fact.maximum))}; empty if not known)</span>')
    return head + help_ + body + "</fieldset>"


def _check(name: str, value: str, label: str, checked: bool) -> str:
    return (f'<label><input type="checkbox" name="{_e(name)}" value="{_e(value)}"{" checked" if checked else ""}> '
            f"{_e(label)}</label>")


def _text(name: str, label: str, value) -> str:
    return (f'<p><label>{_e(label)}<br><input type="text" name="{_e(name)}" maxlength="{MAX_PERSON_TEXT}" '
            f'value="{_e(_echo(value))}"></label></p>')


def _echo(value) -> str:
    """What a box shows again of what was sent: as sent, except text holding a lone surrogate
    (a byte that is not UTF-8), which no page can hold: the box is left empty to be typed
    again (shown as U+FFFD, sent again unchanged, it would be taken as that character)."""
    text = "" if value is None else str(value)
    return "" if SURROGATE.search(text) else text


def _n(value) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def read_form(rs: RuleSet, body: bytes) -> tuple[dict, dict]:
    """A posted form -> (facts as a profile would give them, subject/operator).
    Empty answers are unknown; a set with no box ticked is unknown, "None of these"
    alone is the empty set (with other boxes, a contradiction the check refuses beside the
    question, as the interview refuses "none" among choices); numbers are read as `--fact`
    reads them, so `024` gets the same error, except NaN and Infinity, which JSON's reader
    would take as numbers: kept as typed, they are quoted as sent, as the API quotes them in
    a string. A field that is no fact is passed on, to be refused by name.

    Read strictly: a byte that is not UTF-8 (raw or %-escaped) becomes a lone surrogate, as
    on the CLI's command line (U+DCFF for 0xFF), never U+FFFD, so the one rule for a subject
    or operator refuses it (PF628) and a fact's check quotes it (a page that replaced it
    would record text no one sent)."""
    fields: dict[str, list[str]] = {}
    text = body.decode("utf-8", "surrogateescape")
    for key, value in parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="surrogateescape"):
        fields.setdefault(key, []).append(value)
    person = {key[1:]: (fields[key][-1] or None) for key in PERSON_FIELDS if key in fields}
    facts: dict = {}
    for key, items in fields.items():
        if key.startswith(":"):
            continue
        fact = rs.facts.get(key)
        if fact is not None and fact.type == "set":
            chosen = [v for v in items if v != NONE_OF_THESE]
            if chosen and NONE_OF_THESE in items:  # a contradiction: kept, for the check to refuse (PF403)
                facts[key] = [NONE_OF_THESE, *chosen]
            elif chosen or NONE_OF_THESE in items:
                facts[key] = chosen
            continue
        answered = [v for v in items if v.strip()]
        if not answered:
            continue
        if len(answered) > 1:
            facts[key] = answered  # refused by the schema check, naming both
        elif fact is not None and fact.type == "bool":
            facts[key] = {"yes": True, "no": False}.get(answered[0], answered[0])
        elif fact is not None and fact.type == "number":
            facts[key] = _number(answered[0].strip())
        else:
            facts[key] = answered[0]
    return facts, person


def _number(text: str):
    """A number box's text as `--fact` reads a number: a plain decimal as a CSV cell reads it
    (`1e1`, `-.5` refused with their plain form, PF407, as everywhere but a JSON document),
    else as JSON, what is not a number left as typed for the check to refuse."""
    if is_plain_number(text):
        return plain_number(text)
    if json_depth_problem(text, "form", 0) is not None:  # the decoder recurses: refused as written
        return text
    try:
        value = json.loads(text, parse_float=json_float, parse_int=json_int, parse_constant=_not_a_number)
    except ValueError:
        return text
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else text


def _not_a_number(name: str):
    """NaN, Infinity, -Infinity: no answer a number box takes, and read as floats they would be
    echoed as Python prints them ("nan"): left as typed, quoted as sent."""
    raise ValueError(name)


def result(rs: RuleSet, decision, record: dict | None = None) -> str:
    """The recommendation, its reasons, open questions, derivation and JSON."""
    confidence, header, shown = figures(rs, decision)
    cls = "headline" if decision.settled else "headline provisional"
    d = decision.to_dict()
    parts = [f'<section id="result"><h2 class="{cls}" id="recommendation" data-outcome="{_e(decision.outcome)}" '
             f'data-referral="{_e(decision.referral or "")}" data-settled="{str(decision.settled).lower()}">'
             f"{_e(title(rs, decision))}</h2>", f"<p id=\"confidence\">{_e(confidence)}</p>"]
    why = reasons(rs, decision)
    if why or shown:
        items = "".join(f"<li>{_e(sentence)}{_e(share_tail(share, shown))}</li>" for sentence, share in
                        (why or [(NO_REASON, None)]))
        parts.append(f"<h3>Why{_e(header)}</h3><ul id=\"reasons\">{items}</ul>")
    if decision.formats:
        parts.append(f"<p>Suggested formats: {_e(', '.join(f.replace('_', ' ') for f in decision.formats))}</p>")
    questions = open_questions(rs, decision)
    if questions:
        items = "".join(f'<li><a href="#q-{_e(n)}">{_e(rs.facts[n].question)}</a></li>' for n in questions)
        parts.append(f'<h3>Open questions that might change this</h3><ul id="open-questions">{items}</ul>')
    parts.append('<details><summary>How this was derived (for consultants: rules and facts by their names in the '
                 f'rule files)</summary><pre id="how">{_e(render_how(how(rs, decision), decision=decision))}</pre></details>')
    if record is not None:
        parts.append(f'<p class="noprint">Recorded in the audit log as decision <code>{_e(record["id"])}</code>: '
                     f'<a href="/report/{_e(record["id"])}" id="report-link">printable report</a>.</p>')
    else:
        parts.append('<p class="noprint">To keep this, print the page: the questions are left out of the print.</p>')
    parts.append(f'<details class="noprint"><summary>The decision as JSON (as <code>pathfit recommend --format json'
                 f'</code> gives it)</summary><pre id="decision-json">'
                 f"{_e(json.dumps(d, indent=2, sort_keys=True, ensure_ascii=False))}</pre></details></section>")
    return "\n".join(parts)


class FormWords(Words):
    """A value's problem as HR staff read it beside its question: "the answer", the values
    by their schema labels, Yes or No for a question the form asks as Yes/No. What was sent
    and is no value of the fact is quoted as sent: it has no label."""

    def fact(self, fact) -> str:
        return "the answer"

    def choices(self, fact) -> str:
        return "Yes or No" if fact.type == "bool" else ", ".join(value_label(fact, v) for v in fact.values)

    def given(self, fact, value) -> str:
        if value == NONE_OF_THESE:  # the box is no value of the fact: said by its label, as the page shows it
            return '"None of these" ticked with other answers'
        if isinstance(value, (list, tuple)):  # several answers to a one-answer question
            return f"several answers ({' and '.join(self.given(fact, v) for v in value)})"
        if isinstance(value, bool) or isinstance(value, str) and value in (fact.values or ()):
            return value_label(fact, value)
        return super().given(fact, value)

    def hint(self, fact, value) -> str:
        close = closest(value, fact.values) if isinstance(value, str) and value != NONE_OF_THESE else None
        return f' (did you mean "{value_label(fact, close)}"?)' if close is not None else ""

    def not_plain(self, fact, value: str, form: PlainForm) -> str:
        """What to type instead, without the CLI's why (YAML 1.1, octal): HR staff type into
        a form, not a YAML file. Same problem, same code (PF407), beside the same question.
        The plain number only where the question takes it: one out of its range (or not whole
        where a whole number is asked) would send them to an answer the next submission
        refuses, so what the question takes is said instead, as the page's checks say it."""
        why = ", without the zero in front (some systems read a number that starts with 0 differently)" \
            if form.leave_out == LEADING_ZERO else ""
        instead = form.written if _takes(fact, form.written) else \
            f"a {'whole ' if fact.integer else ''}number from {_n(fact.minimum)} to {_n(fact.maximum)}"
        return f"{self.fact(fact)}: {self.given(fact, value)} is not a plain decimal number; write {instead}{why}"


def _takes(fact: FactDef, written: str) -> bool:
    """Whether the form takes `written` as an answer to `fact`, read as the form reads it."""
    try:
        check_value(fact, _number(written))
    except BadValue:
        return False
    return True


FORM_WORDS = FormWords()


# A failure of the server's, not of the answers: (heading, what it means), by kind (see `failure`).
# Nothing is claimed recorded or not where it could still be: an evaluation cut off by the time
# limit goes on, and is recorded when it ends (its message says so).
FAILURES = {
    "audit": ("The decision could not be recorded",
              "The audit log or its key could not be used, so nothing was recorded and no recommendation is shown."),
    "engine": ("The recommendation could not be worked out",
               "pathfit met an internal error, so nothing was recorded and no recommendation is shown."),
    "timeout": ("No answer in time", "The recommendation was not ready in time."),
}


def failure(code: str) -> str | None:
    """The kind of server-side failure a problem's code is (a key of FAILURES), or None for a
    problem with the answers. The PF6xx codes of the audit log and key are the server's, the
    ones a request's own content earns (CALLER_PF6: a bad subject or operator) are the
    answers', as the service's HTTP status tells them apart (500 or 422)."""
    if code == "PF907":
        return "timeout"
    if code.startswith("PF5"):
        return "engine"
    if code.startswith("PF6") and code not in CALLER_PF6:
        return "audit"
    return None


def errors(problems: list[dict], rs: RuleSet | None = None, answers: dict | None = None) -> str:
    """The problems with the answers, in the page's words: one about a question beside it,
    in labels, never identifiers (`answers`, the facts read from the form, are checked again
    in FORM_WORDS); a field the form does not ask about said as such. The API's JSON keeps
    the CLI's message, naming the fact: developers read it. A failure of the server's (the
    audit log, the engine, the time limit) is not said to be one of the answers: it has its
    own heading, saying what it means, and its located message for whoever runs pathfit."""
    answered = [p for p in problems if failure(p["code"]) is None]
    # the answers are said to need no change only where none of them has a problem
    then = " Show this to whoever runs pathfit:" if answered else \
        " The answers need no change; show this to whoever runs pathfit:"
    parts = []
    for kind, (heading, meaning) in FAILURES.items():
        located = dict.fromkeys(_located(p) for p in problems if failure(p["code"]) == kind)
        if located:
            parts.append(f'<section class="errors" id="failure-{kind}"><h2>{_e(heading)}</h2>'
                         f'<p>{_e(meaning + then)}</p><ul>{"".join(located)}</ul></section>')
    if answered:
        items = dict.fromkeys(_problem(p, rs, answers or {}) for p in answered)  # said once, however often sent
        parts.append(f'<section class="errors" id="errors"><h2>Please check these answers</h2>'
                     f'<ul>{"".join(items)}</ul></section>')
    return "\n".join(parts)


def _located(p: dict) -> str:
    """A server-side problem located as far as the page is told: the file concerned (the audit
    log, the key), the code, the message. One of the request itself (the time limit) is
    located nowhere."""
    where = p.get("where")
    place = f"{where}: " if where and where != "<request>" else ""
    return f"<li><code>{_e(place)}{_e(p['code'])}: {_e(p['message'])}</code></li>"


def _problem(p: dict, rs: RuleSet | None, answers: dict) -> str:
    name = p.get("fact")
    if rs is None:
        return f"<li>{_e(p['message'])}</li>"
    fact = rs.facts.get(name or "")
    if name is not None and (fact is None or fact.kind != "input" or not fact.question):  # PF401, PF405
        return f"<li>{_e(NOT_ASKED)}</li>"
    if fact is None:  # the subject or operator, or an option of the request's
        where = p.get("where")
        question = PERSON_QUESTIONS.get(where or "")
        if question is None:
            return f"<li>{_e(p['message'])}</li>"
        said = re.sub(rf"^{where}\b", "the answer", p["message"])
        return f"<li>{_e(question)} {_e(said[:1].upper() + said[1:])}</li>"
    said = about_answer(fact, p["message"])
    if name in answers:
        try:
            check_value(fact, answers[name], FORM_WORDS)
        except BadValue as bad:
            said = bad.message[:1].upper() + bad.message[1:]
    return f'<li><a href="#q-{_e(fact.name)}">{_e(fact.question)}</a> {_e(said)}</li>'
