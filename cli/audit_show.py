"""Text for `pathfit audit show`: a one-line-per-record listing, and one record in full."""
from __future__ import annotations

import re
import textwrap

from pathfit.engine.audit.masking import is_masked

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Record text is untrusted: show control characters (a terminal escape could
    repaint the screen) as escapes instead of sending them to the terminal."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _value(value) -> str:
    if is_masked(value):
        return "masked"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(map(_value, value)) or "none"
    return str(value)


def _outcome(d: dict) -> str:
    return d["recommendation"] + (f" ({d['referral']})" if d.get("referral") else "")


def listing(items: list) -> str:
    """seq, when, id, outcome, confidence, rule set: one record per line, oldest first."""
    rows = ["seq   decided (UTC)         id                                    outcome                  conf  rules"]
    for item in items:
        r, d = item.record, item.record["decision"]
        seq = str(item.entry["seq"]) if item.entry else "-"
        rows.append(f"{seq:<5} {r['timestamp'][:19]:<21} {r['id']:<37} {_outcome(d):<24} "
                    f"{d.get('confidence', 0):.2f}  {r['ruleset'].get('name')} {str(r['ruleset'].get('digest'))[:12]}")
    return printable("\n".join(rows))


def detail(item, subject: str | None = None) -> str:
    """Everything an auditor reads first: provenance, subject and operator, facts, fired rules with reasons,
    open questions. `subject`: the subject in clear if the caller could open it."""
    r, d = item.record, item.record["decision"]
    where = f"{item.where.file}:{item.where.line}" if item.where.line else item.where.file
    lines = [f"Record {r['id']}  ({where})"]
    if item.entry:
        lines.append(f"Log entry:   seq {item.entry['seq']}, appended {item.entry['time']}, hash {item.entry['hash']}")
    lines += [
        f"Decided at:  {r['timestamp']}",
    ]
    source = r.get("source")
    if isinstance(source, dict):  # a batch row: which input, which row
        row_id = f" (id {printable(str(source['id']))})" if source.get("id") is not None else ""
        lines.append(f"From:        {printable(str(source.get('input')))} row {printable(str(source.get('row')))}{row_id}")
    if "subject" in r:
        sealed = isinstance(r["subject"], dict)
        lines.append(f"Subject:     {printable(subject)}" + (" (sealed in the record)" if sealed else "")
                     if subject is not None else
                     f"Subject:     sealed ({r['subject']['sealed']}, key {r['subject']['key_id']}); "
                     "set PATHFIT_AUDIT_KEY_FILE to read it")
    if "operator" in r:
        lines.append(f"Operator:    {printable(str(r['operator']))}")
    lines += [
        f"Outcome:     {_outcome(d)}, confidence {d.get('confidence', 0):.2f}"
        + (f"; formats: {', '.join(d['formats'])}" if d.get("formats") else ""),
        f"Versions:    pathfit {r['versions'].get('pathfit')}, durable-rules {r['versions'].get('durable_rules')}",
        f"Rule set:    {r['ruleset'].get('name')} {r['ruleset'].get('digest')}",
        f"Facts:       digest {r['facts_digest']}",
    ]
    m = r.get("masking")
    if m:
        lines.append(f"Masking:     {m.get('scheme')}, key {m.get('key_id')}; masked: {', '.join(m.get('masked', []))}")
    width = max((len(k) for k in r["facts"]), default=0)
    lines += [f"  {k:<{width}}  {_value(v)}" for k, v in sorted(r["facts"].items())]
    unknown = d["trace"].get("unknown_inputs", [])
    if unknown:
        lines += textwrap.wrap("Unknown:     " + ", ".join(unknown), 80, subsequent_indent="             ")
    lines.append("Fired, in order:")
    for f in d["trace"].get("firings", []):
        info = r["rules"].get(f["rule"], {})
        effects = "; ".join(filter(None, [
            ", ".join(f"{w:+g} {o}" for o, w in f.get("evidence", {}).items()),
            "derives " + ", ".join(f["derived"]) if f.get("derived") else "",
            "suggests " + ", ".join(f["suggest"]) if f.get("suggest") else "",
            f"refers to {f['refer']}" if f.get("refer") else "", "not now" if f.get("not_now") else ""]))
        lines.append(f"  {f['step']:>2}. {f['rule']} [{effects}]")
        lines += textwrap.wrap(info.get("reason", ""), 80, initial_indent="      ", subsequent_indent="      ")
        cites = ", ".join(f"kb#{c.get('anchor')}" for c in info.get("cites", []))
        if cites:
            lines.append(f"      cites: {cites}")
    if d.get("missing"):
        lines += textwrap.wrap("Open questions: " + ", ".join(d["missing"]), 80, subsequent_indent="  ")
    return printable("\n".join(lines))
