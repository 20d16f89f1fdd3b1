"""Text for `pathfit audit show`: a one-line-per-record listing, and one record in full."""
from __future__ import annotations

import re

from pathfit.engine.errors import Problem
from pathfit.engine.audit.masking import is_masked
from pathfit.engine.audit.recorded_figures import record_open
from pathfit.engine.pipeline.figures import confidence_phrase, figure_text
from pathfit.engine.quote import shown_id, shown_path
from pathfit.engine.reports.graph import EMPTY_SET
from pathfit.engine.reports.numbers import signed_text
from pathfit.engine.reports.wrap import wrap

# What record text may not bring to the screen as itself: C0 (newline, carriage return and tab
# among them), DEL, C1, the line and paragraph separators, and the bidirectional marks, embeddings,
# overrides and isolates that reorder what is shown.
_BIDI_AND_SEPARATORS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f" + _BIDI_AND_SEPARATORS + "]")
_CONTROL_BUT_NEWLINE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f" + _BIDI_AND_SEPARATORS + "]")


def _escape(match: re.Match) -> str:
    return match.group().encode("unicode_escape").decode("ascii")


def field(text: str) -> str:
    """One value, or one line, of record text, shown as escapes wherever it holds a control
    character: record text is untrusted, a terminal escape could repaint the screen, and a
    newline or carriage return in a value would print a line of its own that reads as a row
    or a line pathfit wrote."""
    return _CONTROL.sub(_escape, text)


def printable(text: str) -> str:
    """A whole text whose newlines are pathfit's own, between lines it built: every other
    control character escaped as `field` escapes it. Values that may hold a newline must go
    through `field` before they are put in the text, since here a newline is left as it is."""
    return _CONTROL_BUT_NEWLINE.sub(_escape, text)


def warn_unverified(problem: Problem | None) -> None:
    """The warning `audit show` and `replay` give, on stderr, for a log that does not verify
    (engine.audit.stream.CheckedLog): its records are still read, but not vouched for."""
    if problem is not None:
        from .common import echo

        echo(f"warning: the log does not verify: {field(problem.format())} (run `pathfit audit verify`)", err=True)


def _value(value) -> str:
    if is_masked(value):
        return "masked"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(_value, value)) or EMPTY_SET
    return str(value)


def settledness_sealed(d: dict) -> bool:
    """True for the clear part of a sealed record read without its key whose `settled` went
    into the box: whether the decision was provisional cannot be read, so no view may print
    its figure (a provisional decision has none), though the clear part holds one."""
    return "sealed" in d and "settled" not in d


def _confidence(d: dict) -> str:
    """The listing's figure: none while the decision was provisional (as every view says it),
    and none while whether it was is sealed; a sealed record opened by no key may have its
    confidence sealed: said, never printed as 0. A settled figure not shown final is marked "?"
    (the detail says it in words)."""
    if "confidence" not in d or settledness_sealed(d):
        return "sealed"
    if d.get("settled") is False:
        return "prov."
    # "?": a settled figure an answer not yet given might move (the record says so: figures.ON_ANSWERS_GIVEN
    # in `audit show --id`), or, in a record made before pathfit recorded that, one it cannot tell final
    # because a rule waited on an unknown fact (figures.OPEN_NOT_RECORDED)
    return figure_text(d["confidence"]) + ("?" if d.get("settled") and record_open(d) is not False else "")


def _confidence_words(d: dict) -> str:
    if "confidence" not in d:
        return "confidence sealed"
    if settledness_sealed(d):
        return "confidence not shown (whether it was settled is sealed)"
    return confidence_phrase(d["confidence"], d.get("settled"), open_=record_open(d))


def _outcome(d: dict) -> str:
    return d["recommendation"] + (f" ({d['referral']})" if d.get("referral") else "")


def listing(items: list, width: int = 80, all_ids: list | None = None) -> str:
    """The listing `audit show` prints (cli.audit.show_listing.Listing) of `items`, as one text:
    the id prefixes shortened among `all_ids` (default: the items' own)."""
    from .audit.show_listing import Listing

    shown = Listing(all_ids if all_ids is not None else [str(i.record["id"]) for i in items], width)
    for item in items:
        shown.add(item)
    return "\n".join(shown.lines())


def row(item) -> tuple:
    """What a listing shows of one record, as text."""
    r, d = item.record, item.record["decision"]
    seq = str(item.entry["seq"]) if item.entry else "-"
    return (seq, str(r["timestamp"]), str(r["id"]), _outcome(d), _confidence(d),
            str(r["ruleset"].get("name")), str(r["ruleset"].get("digest")))


def detail(item, subject: str | None = None, width: int = 80) -> str:
    """Everything an auditor reads first: provenance, subject and operator, facts, fired rules with reasons,
    open questions. `subject`: the subject in clear if the caller could open it."""
    r, d = item.record, item.record["decision"]
    file = shown_path(item.where.file)
    where = f"{file}:{item.where.line}" if item.where.line else file
    lines = [f"Record {r['id']}  ({where})"]
    if item.entry:
        lines.append(f"Log entry:   seq {item.entry['seq']}, appended {item.entry['time']}, hash {item.entry['hash']}")
    lines += [
        f"Decided at:  {r['timestamp']}",
    ]
    source = r.get("source")
    if isinstance(source, dict):  # a batch row: which input, which row
        row_id = f" (id {shown_id(str(source['id']), printable)})" if source.get("id") is not None else ""
        lines.append(f"From:        {printable(str(source.get('input')))} row {printable(str(source.get('row')))}{row_id}")
    if "subject" in r:
        sealed = isinstance(r["subject"], dict)
        lines.append(f"Subject:     {printable(subject)}" + (" (sealed in the record)" if sealed else "")
                     if subject is not None else
                     f"Subject:     sealed ({r['subject']['sealed']}, key {r['subject']['key_id']}); "
                     "set PATHFIT_AUDIT_KEY_FILE to read it")
    if "operator" in r:
        lines.append(f"Operator:    {printable(str(r['operator']))}")
    shut = "sealed" in d  # a sealed record read without its key: only the clear part is here
    formats = "; formats: sealed" if "formats" not in d else f"; formats: {', '.join(d['formats'])}" \
        if d["formats"] else ""
    lines += [
        f"Outcome:     {_outcome(d)}, {_confidence_words(d)}{formats}",
        f"Versions:    pathfit {r['versions'].get('pathfit')}, durable-rules {r['versions'].get('durable_rules')}",
        f"Rule set:    {r['ruleset'].get('name')} {r['ruleset'].get('digest')}",
        f"Facts:       digest {r['facts_digest']}",
    ]
    m = r.get("masking")
    if m and "salt" in m:
        lines.append(f"Masking:     {m.get('scheme')}, key {m.get('key_id')}; masked: {', '.join(m.get('masked', []))}")
    elif m and shut:
        lines.append(f"Sealed:      {m.get('scheme')}, key {m.get('key_id')}: sensitive facts and every rule, fact "
                     "and figure that depends on them; set PATHFIT_AUDIT_KEY_FILE to open")
    elif m:
        lines.append(f"Sealed:      {m.get('scheme')}, key {m.get('key_id')}; opened with the audit key; sensitive: "
                     f"{', '.join(m.get('masked', []))}")
    name_width = max((len(k) for k in r["facts"]), default=0)
    lines += [f"  {k:<{name_width}}  {_value(v)}" for k, v in sorted(r["facts"].items())]
    if shut:
        lines.append("  (sensitive facts: sealed)")
    unknown = d["trace"].get("unknown_inputs", [])
    if unknown:
        lines += wrap("Unknown:     " + field(", ".join(unknown)), width, subsequent_indent="             ")
    lines.append("Fired, in order:")
    for f in d["trace"].get("firings", []):
        info = r["rules"].get(f["rule"], {})
        effects = "; ".join(filter(None, [
            ", ".join(f"{signed_text(w)} {o}" for o, w in f.get("evidence", {}).items()),
            "derives " + ", ".join(f["derived"]) if f.get("derived") else "",
            "suggests " + ", ".join(f["suggest"]) if f.get("suggest") else "",
            f"refers to {f['refer']}" if f.get("refer") else "", "not now" if f.get("not_now") else ""]))
        lines.append(f"  {str(f['step']) + '.' if 'step' in f else '-':>3} {f['rule']} [{effects}]")
        lines += wrap(field(info.get("reason", "")), width, initial_indent="      ", subsequent_indent="      ")
        cites = ", ".join(f"kb#{c.get('anchor')}" for c in info.get("cites", []))
        if cites:
            lines.append(f"      cites: {cites}")
    if shut:
        lines.append("  (rules that read sensitive facts, and their step numbers: sealed)")
        lines.append("Open questions: sealed")
    elif d.get("missing"):
        lines += wrap("Open questions: " + field(", ".join(d["missing"])), width, subsequent_indent="  ")
    # each of `lines` is one line: a newline a value brought into it is shown as an escape
    return "\n".join(out for line in lines for out in _fit(field(line), width))


def _fit(line: str, width: int) -> list[str]:
    """A line over the width, wrapped at spaces: a labelled line continues under its
    value (column 13), an indented one under its text."""
    if len(line) <= width:
        return [line]
    pad = line[:len(line) - len(line.lstrip())]
    return wrap(line, width, subsequent_indent=pad + "    " if pad else " " * 13) or [line]
