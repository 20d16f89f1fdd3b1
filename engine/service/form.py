"""A form posted from the web page, read as the CLI reads the same answers, and its problems
said as HR staff read them: beside the question, in labels, never identifiers; a failure of
the server's (the audit log, the engine, the time limit, a full queue) under a heading of its own.

Apart from page.py, which writes the page: this changes with how answers are read and how
problems are worded, the page with how it looks.
"""
from __future__ import annotations

import re
from urllib.parse import parse_qsl

from ..errors import RULES_REFUSE, Pos, Problem, closest
from ..explain.labels import about_answer, value_label
from ..pipeline.figures import shown_number
from ..pipeline.model import FactDef, RuleSet
from ..pipeline.profile import BadValue, Words, check_value
from ..pipeline.number_forms import LEADING_ZERO, PlainForm
from ..pipeline.value_text import BLANKS, value_from_text
from ..quote import quote
from .core import NOT_KEPT as KEPT_NOWHERE
from .request import CALLER_PF6
from ..reports.author_text import lang_attrs
from .page import NONE_OF_THESE, PERSON_FIELDS, PERSON_QUESTIONS, TOKEN_FIELD, esc

NOT_ASKED = "The answers came with a field this form does not ask about; send them again from this page."
NOT_KEPT = ("The answers came with a name for the record (who this is about, or yours), but this service keeps no "
            "record, so nothing would keep it; send them again from this page, which asks for none.")


def read_form(rs: RuleSet, body: bytes) -> tuple[dict, dict]:
    """A posted form -> (facts as a profile would give them, subject, operator and the page token `sent`).
    Each answer is read as `--fact` reads its text (engine.pipeline.value_text, the one reading
    of both), save what the form adds: an empty answer is unknown; a set's boxes each give
    items (several items, or a set named twice by `--fact`, add up), none ticked is unknown,
    and "None of these" alone is the empty set (with other boxes, a contradiction the check
    refuses beside the question, as the interview refuses "none" among choices; so is
    "unknown" sent beside items, as `--fact` refuses a set given both ways). A question with
    one answer sent twice keeps both, refused beside it. A field that is no fact is passed on,
    to be refused by name.

    Read strictly: a byte that is not UTF-8 (raw or %-escaped) becomes a lone surrogate, as
    on the CLI's command line (U+DCFF for 0xFF), never U+FFFD, so the one rule for a subject
    or operator refuses it (PF628) and a fact's check quotes it (a page that replaced it
    would record text no one sent)."""
    fields: dict[str, list[str]] = {}
    text = body.decode("utf-8", "surrogateescape")
    for key, value in parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="surrogateescape"):
        fields.setdefault(key, []).append(value)
    person: dict = {key[1:]: list(dict.fromkeys(v for v in fields[key] if v)) or None  # an empty box is no answer
                    for key in PERSON_FIELDS if key in fields}
    person.update({name: given[0] for name, given in person.items() if given and len(given) == 1})
    if TOKEN_FIELD in fields:
        person[TOKEN_FIELD[1:]] = fields[TOKEN_FIELD][-1] or None
    facts: dict = {}
    for key, items in fields.items():
        if key in PERSON_FIELDS or key == TOKEN_FIELD:  # any other, `:`-named or not, is refused by name
            continue
        fact = rs.facts.get(key)
        if fact is not None and fact.type == "set":
            _read_set(facts, fact, [v for v in items if v.strip(BLANKS) and v != NONE_OF_THESE], NONE_OF_THESE in items)
            continue
        answered = [v for v in items if v.strip(BLANKS)]  # a box of blanks alone is empty, as --fact reads it
        if len(answered) > 1:
            facts[key] = answered  # refused by the schema check, naming both
        elif answered:
            facts[key] = value_from_text(fact, answered[0])
    return facts, person


def sent_twice(person: dict) -> list[Problem]:
    """PF613 at each box of the record (`subject`, `operator`) that read_form found sent with
    several values (a list), as the CLI refuses `--subject A --subject B`: a person who sent two
    meant something, so neither is recorded in silence. The box then holds the last, so the
    one rule still checks it and, without an audit log, refuses it as kept nowhere."""
    problems = []
    for name, value in person.items():
        if isinstance(value, list):
            said = [quote(v) for v in value]
            times = "twice" if len(said) == 2 else f"{len(said)} times"
            problems.append(Problem("PF613", f"{name} given {times}, as {', '.join(said[:-1])} and {said[-1]}; "
                                    "give one", Pos(name)))
            person[name] = value[-1]
    return problems


def _read_set(facts: dict, fact: FactDef, answered: list[str], none_ticked: bool) -> None:
    """A set's answers into `facts`: each box's text read as `--fact` reads a set's, the items
    added up in the order sent; unknown where nothing was ticked or only "unknown" was sent."""
    read = [value_from_text(fact, text) for text in answered]
    if None in read:  # "unknown": alone, unknown; beside items or "None of these", refused as sent
        if len(read) > 1 or none_ticked:
            facts[fact.name] = [NONE_OF_THESE, *answered] if none_ticked else answered
        else:
            facts[fact.name] = None
        return
    chosen: list = []
    seen: set = set()  # what `chosen` holds: a list searched for each item made a 64 KiB form take seconds
    for items in read:  # as repeated `--fact`s of a set add up: each adds the items new to it
        new = [item for item in items if item not in seen]
        chosen.extend(new)
        seen.update(new)
    if chosen and none_ticked:  # a contradiction: kept, for the check to refuse (PF403)
        facts[fact.name] = [NONE_OF_THESE, *chosen]
    elif chosen or none_ticked:
        facts[fact.name] = chosen


class FormWords(Words):
    """A value's problem as HR staff read it beside its question: "the answer", the values
    by their schema labels, Yes or No for a question the form asks as Yes/No. What was sent
    and is no value of the fact is quoted as sent: it has no label."""

    def fact(self, fact) -> str:
        return "the answer"

    def choices(self, fact) -> str:
        return "Yes or No" if fact.type == "bool" else ", ".join(value_label(fact, v) for v in fact.values)

    def given(self, fact, value) -> str:
        if value == NONE_OF_THESE and fact.type == "set":  # the box, a list's alone: said by its label, as shown
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
        refuses, so what the question takes is said instead, as the page's checks say it; so
        too for a number in base 60 (1:30), where what was meant cannot be told."""
        why = ", without the zero in front (some systems read a number that starts with 0 differently)" \
            if form.leave_out == LEADING_ZERO else ""
        instead = form.written if not form.base60 and _takes(fact, form.written) else \
            f"a {'whole ' if fact.integer else ''}number from {shown_number(fact.minimum)} to {shown_number(fact.maximum)}"
        return f"{self.fact(fact)}: {self.given(fact, value)} is not a plain decimal number; write {instead}{why}"


def _takes(fact: FactDef, written: str) -> bool:
    """Whether the form takes `written` as an answer to `fact`, read as the form reads it."""
    try:
        check_value(fact, value_from_text(fact, written))
    except BadValue:
        return False
    return True


FORM_WORDS = FormWords()


# A failure of the server's, not of the answers: (heading, what it means), by kind (see `failure`).
# Nothing is claimed recorded or not where it could still be: an evaluation cut off by the time
# limit goes on, and is recorded when it ends (its message says so). One refused because the
# queue was full was never accepted, so nothing of it was worked out or recorded.
FAILURES = {
    "audit": ("The decision could not be recorded",
              "The audit log or its key could not be used, so nothing was recorded and no recommendation is shown."),
    "engine": ("The recommendation could not be worked out",
               "pathfit met an internal error, so nothing was recorded and no recommendation is shown."),
    "timeout": ("No answer in time", "The recommendation was not ready in time."),
    "busy": ("The service is busy", "Too many recommendations were already waiting to be worked out, so this one "
             "was not started: nothing was worked out or recorded. Send the answers again in a moment."),
    "rules": ("The rules could not decide for these answers",
              "Two of the rules give one fact values that exclude each other for these answers, so nothing was "
              "recorded and no recommendation is shown."),
}


def failure(code: str) -> str | None:
    """The kind of server-side failure a problem's code is (a key of FAILURES), or None for a
    problem with the answers. The PF6xx codes of the audit log and key are the server's, the
    ones a request's own content earns (CALLER_PF6: a bad subject or operator) are the
    answers', as the service's HTTP status tells them apart (500 or 422)."""
    if code == "PF907":
        return "timeout"
    if code == "PF911":  # the queue was full: refused before it was accepted
        return "busy"
    if code in RULES_REFUSE:  # a clash between two rules, met while deciding: the rules' fault, not the answers'
        return "rules"
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
    audit log, the engine, the time limit, a full queue) is not said to be one of the answers: it has its
    own heading, saying what it means, and its located message for whoever runs pathfit."""
    answered = [p for p in problems if failure(p["code"]) is None]
    # the answers are said to need no change only where none of them has a problem
    then = " Show this to whoever runs pathfit:" if answered else \
        " The answers need no change; show this to whoever runs pathfit:"
    parts: list[str] = []
    for kind, (heading, meaning) in FAILURES.items():
        located = dict.fromkeys(_located(p) for p in problems if failure(p["code"]) == kind)
        if located:
            parts.append(f'<section class="errors" id="failure-{kind}">{_heading(heading, not parts)}'
                         f'<p>{esc(meaning + then)}</p><ul>{"".join(located)}</ul></section>')
    if answered:
        items = dict.fromkeys(_problem(p, rs, answers or {}) for p in answered)  # said once, however often sent
        parts.append(f'<section class="errors" id="errors">{_heading("Please check these answers", not parts)}'
                     f'<ul>{"".join(items)}</ul></section>')
    return "\n".join(parts)


def _heading(words: str, first: bool) -> str:
    """A problem section's heading; the first one listed takes the focus as the page opens
    (autofocus: the page has no scripts), so a screen reader says at once that the post was
    refused, and the next Tab reaches the first problem's link."""
    return f'<h2 tabindex="-1" autofocus>{esc(words)}</h2>' if first else f"<h2>{esc(words)}</h2>"


def _located(p: dict) -> str:
    """A server-side problem located as far as the page is told: the file concerned (the audit
    log, the key; a rule file at the rule's line and column), the code, the message. One of the
    request itself (the time limit) is located nowhere."""
    where = p.get("located") or p.get("where")
    place = f"{where}: " if where and where != "<request>" else ""
    return f"<li><code>{esc(place)}{esc(p['code'])}: {esc(p['message'])}</code></li>"


def field_problems(problems: list[dict], rs: RuleSet, answers: dict) -> dict[str, str]:
    """What is wrong with each refused answer, by the form's field name (a fact's, or
    ":subject", ":operator"), in the words listed under "Please check these answers": the page
    says it again inside the question and ties it to the control, so it is heard there."""
    said: dict[str, list[str]] = {}
    for p in problems:
        if failure(p["code"]) is None:
            field, _, words = _said(p, rs, answers)
            if field is not None and words not in said.setdefault(field, []):
                said[field].append(words)
    return {field: " ".join(words) for field, words in said.items()}


def _problem(p: dict, rs: RuleSet | None, answers: dict) -> str:
    if rs is None:
        return f"<li>{esc(p['message'])}</li>"
    field, question, said = _said(p, rs, answers)
    if field is None:
        return f"<li>{esc(said)}</li>"
    target = f"p-{field[1:]}" if field in PERSON_FIELDS else f"q-{field}"
    own = "" if field in PERSON_FIELDS else lang_attrs(rs.language)  # a fact's question is the author's
    return f'<li><a href="#{esc(target)}"{own}>{esc(question)}</a> {esc(said)}</li>'


def _said(p: dict, rs: RuleSet, answers: dict) -> tuple[str | None, str | None, str]:
    """(the form's field the problem is about, or None where no field of the form is; its
    question; what is wrong, in the page's words)."""
    name = p.get("fact")
    fact = rs.facts.get(name or "")
    if name is not None and (fact is None or fact.kind != "input" or not fact.question):  # PF401, PF405
        return None, None, NOT_ASKED
    if fact is None:  # the subject or operator, or an option of the request's
        where = p.get("where")
        question = PERSON_QUESTIONS.get(where or "")
        if question is not None and p["message"] == KEPT_NOWHERE.format(where):  # no audit log: no box for it
            return None, None, NOT_KEPT
        if question is None:
            return None, None, p["message"]
        said = re.sub(rf"^{where}\b", "the answer", p["message"])
        return ":" + where, question, said[:1].upper() + said[1:]
    said = about_answer(fact, p["message"])
    if p["code"] == "PF101":  # a control character, which no box of the page can hold: a crafted post
        found = re.search(r"U\+[0-9A-F]{4,6}", p["message"])
        said = f"The answer holds a control character{f' ({found.group()})' if found else ''}, which no answer may " \
               "hold; type it again"
    elif name in answers:  # worded again in labels, for the same problem only
        try:
            check_value(fact, answers[name], FORM_WORDS)
        except BadValue as bad:
            said = bad.message[:1].upper() + bad.message[1:] if bad.code == p["code"] else said
    return fact.name, fact.question, said
