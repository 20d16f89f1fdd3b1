"""A decision record as one self-contained HTML page an auditor can open offline.

No scripts, no fonts, no images, no links out: CSS and the derivation graph
(inline SVG, engine.reports.graph) are inside the page, and a Content Security
Policy of `default-src 'none'` makes the browser refuse any request the page
might otherwise make. Every value taken from the record is escaped, because a
record's text (rule reasons, knowledge-base titles) is untrusted input. The
same record always gives the same bytes. The page's words are pathfit's English; the
author's text carries the rule set's language where the record keeps one
(`ruleset.language`, engine.reports.author_text).

Its figures are printed as every view prints them (docs/decision.md): none for a provisional
decision, which instead says, in `recommend`'s words (engine.reports.wording.figures), that
pathfit could not rule a change out; and none where whether the decision was settled is
sealed. A record that does not say whether it was settled (made before pathfit recorded it)
shows them with that said, as confidence_phrase says it.
"""
from __future__ import annotations

from html import escape
from types import SimpleNamespace

from ..audit.masking import is_masked
from ..audit.sealing import HIDDEN
from ..audit.recorded_figures import SHARES_NOT_RECORDED, record_open, record_shares_open
from ..audit.recorded_referral import referral_words
from ..pipeline.figures import SHARES_ON_ANSWERS_GIVEN, confidence_phrase, signed_share
from .author_text import isolated, label_language, lang_attrs
from .html_ranking import ranked_scores, ranking_html
from .numbers import signed_text
from .graph import fact_text, outline, show_value, svg, tree_from_record
from .provenance import provenance
from .wording import figures, open_questions
from ..explain.labels import format_text
from .. import __version__

CSS = """
body{font:15px/1.45 system-ui,sans-serif;color:#1b1b1b;max-width:70rem;margin:2rem auto;padding:0 1rem;
overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:0 0 .3rem} h2{font-size:1.15rem;margin-top:2rem;border-bottom:1px solid #ccc}
.headline{font-size:1.3rem;font-weight:600;padding:.6rem 1rem;background:#eef4ff;border-left:5px solid #2b5bb8}
table{border-collapse:collapse;margin:.5rem 0} td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;
vertical-align:top} th{background:#f5f5f5} code,.hash{font-family:ui-monospace,monospace;font-size:.85em}
.hash{word-break:break-all} .masked{color:#7a4b00;font-style:italic} ol.rules li{margin-bottom:.8rem}
.reason{margin:.15rem 0} .cite{color:#444;font-size:.9em} .effects{color:#2b5bb8}
.graph-box{overflow:auto;border:1px solid #ddd;padding:.5rem;background:#fcfcfc}
.node rect{fill:#fff;stroke:#888} .node.n-outcome rect{fill:#eef4ff;stroke:#2b5bb8;stroke-width:2}
.node.n-rule rect{fill:#f3f8ee;stroke:#4a7a2c} .node.n-input rect{fill:#fff8e6;stroke:#b07d00}
.node.n-refuted rect{fill:#fbeeee;stroke:#a33;stroke-dasharray:4 2} .node .sub{fill:#555;font-size:10px}
.ok{color:#17692b} footer{margin-top:3rem;color:#666;font-size:.85em} pre{white-space:pre-wrap}
@media print{.graph-box{overflow:visible} svg.graph{max-width:100%;height:auto}}
"""


# A record keeps no schema's screening marks: its open questions are listed in recorded order.
_NO_SCREENING = SimpleNamespace(inputs=())
SETTLEDNESS_SEALED = "confidence not shown (whether it was settled is sealed)"  # as `audit show` says it


def _e(value) -> str:
    return escape(str(value), quote=True)


def _iso(value, lang: str = "") -> str:
    """Author's words set in a sentence of the page's (author_text.isolated)."""
    return isolated(value, lang)


def shows_figures(d: dict) -> bool:
    """Whether the recorded decision's confidence figures (the confidence, each rule's share,
    the baseline) may be printed: never for a provisional decision, nor where the confidence or
    whether the decision was settled is sealed (the clear part of a sealed record, read
    without its key: it may have been provisional)."""
    return d.get("settled") is not False and "confidence" in d and not _settledness_sealed(d)


def _settledness_sealed(d: dict) -> bool:
    return "sealed" in d and "settled" not in d


def _strings(value) -> list[str]:
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def as_decision(d: dict) -> SimpleNamespace:
    """A recorded decision as engine.reports.wording reads a provisional Decision (`settled`,
    `missing`, the rules waiting on unknown facts, the unknown inputs), so the page lists the
    open questions and says the provisional line as `recommend` does, from the record: the
    words are written once. Members of another shape (a hand-made record) read as absent."""
    trace = d.get("trace") if isinstance(d.get("trace"), dict) else {}
    entries = trace.get("not_fired") if isinstance(trace.get("not_fired"), list) else []
    waiting = [{"status": "waiting", "unknown": _strings(e.get("unknown"))} for e in entries
               if isinstance(e, dict) and e.get("status") == "waiting"]
    return SimpleNamespace(settled=d.get("settled"), missing=_strings(d.get("missing")),
                           trace={"not_fired": waiting, "unknown_inputs": _strings(trace.get("unknown_inputs"))})


def _confidence_words(d: dict) -> str:
    if _settledness_sealed(d):
        return SETTLEDNESS_SEALED
    if "confidence" not in d:
        return "confidence sealed"
    phrase = confidence_phrase(d["confidence"], d.get("settled"), open_=record_open(d))
    if d.get("settled") is True and record_open(d) is False and d.get("contributions"):  # the shares printed stay?
        shares = record_shares_open(d)  # as recommend says it: the figure stays, who shares it may not
        phrase += f" ({SHARES_ON_ANSWERS_GIVEN})" if shares else "" if shares is False else f" {SHARES_NOT_RECORDED}"
    return phrase


def _value(value) -> str:
    if is_masked(value):
        if value["masked"] == HIDDEN:  # a sealed record's value, opened with the key and hidden again
            return '<span class="masked" title="sealed in the record">masked</span>'
        return f'<span class="masked" title="HMAC {_e(value["masked"])}">masked</span>'
    return _e(show_value(value))


def render(record: dict, entry: dict | None = None, masks: str = "", unverified: str = "") -> str:
    """The page of `record` (its log `entry`, if any); `masks`: what was checked of a version 1
    record's masks, or of a version 2 record's clear part against its seal
    (engine.audit.seal_check.checked_for_reading), said in its provenance; `unverified`: the
    first problem of a log that does not verify, said at the top (the service's page has no
    stderr to warn on, as `pathfit report` does)."""
    d = record["decision"]
    # the policy's label and the referral's words, recorded with the decision (a record made before shows less)
    words, note = referral_words(record) if d.get("referral") else ("", "")
    outcome = d.get("label", d["recommendation"]) + (f": {words}" if words else "")
    lang = record["ruleset"].get("language", "")  # the rule set's text's, where it declares one (author_text)
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>pathfit decision {_e(record['id'])}: {_e(outcome)}</title>",
        f"<style>{CSS}</style></head><body><main>",
        f"<h1>Decision record <code>{_e(record['id'])}</code></h1>",
        *([f'<p id="log-unverified" class="masked">Warning: the audit log this record was read from does not '
            f"verify ({_e(unverified)}); this record is among the entries its chain vouches for. Run "
            "<code>pathfit audit verify</code> on the log.</p>"] if unverified else []),
        f'<p class="headline" id="outcome">Recommendation{" (provisional)" if d.get("settled") is False else ""}: '
        f"{_headline(d, words, '' if note else lang, lang)} &middot; {_e(_confidence_words(d))}</p>",
    ]
    parts += [f'<p id="referral-words">{_e(note)}</p>'] if note else []
    if d.get("settled") is False:  # recommend's line: figures() reads only what a record holds of a provisional one
        parts.append(f'<p id="confidence">{_e(figures(_NO_SCREENING, as_decision(d))[0])}</p>')
    parts += ranking_html(d, lang)
    if d.get("formats"):
        parts.append(f"<p id=\"formats\">Suggested formats: {_e(', '.join(map(format_text, d['formats'])))}</p>")
    parts += provenance(record, entry, masks)
    parts += _inputs(record)
    parts += _fired(record, lang)
    parts += _graph(record, lang)
    parts += _open_questions(d, lang)
    parts.append("</main>")
    parts.append(f"<footer>Generated by pathfit {_e(__version__)} from the record alone. This page has no "
                 "scripts and loads nothing: it can be read offline and archived as it is.</footer>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _headline(d: dict, words: str, words_lang: str, lang: str) -> str:
    """The recommendation's label, then the referral's `words` (in `words_lang`: the rule set's,
    or pathfit's own for an old record's), each in the language of whoever wrote it: pathfit's
    default label and the ': ' between them are the page's English (author_text.label_language)."""
    said = d.get("label", d["recommendation"])
    shown = _iso(said, label_language(d["recommendation"], said, lang) if "label" in d else "")
    return shown + (f": {_iso(words, words_lang)}" if words else "")


def _inputs(record: dict) -> list[str]:
    facts = record["facts"]
    rows = "".join(f"<tr><td><code>{_e(k)}</code></td><td>{_value(v)}</td></tr>" for k, v in sorted(facts.items()))
    unknown = record["decision"]["trace"].get("unknown_inputs", [])
    out = ["<h2>Inputs</h2>", f'<table id="inputs"><tr><th>fact</th><th>value</th></tr>{rows}</table>']
    if unknown:
        out.append(f"<p>Not given (unknown): {_e(', '.join(unknown))}</p>")
    return out


def _fired(record: dict, lang: str = "") -> list[str]:
    d = record["decision"]
    contributions = {c["rule"]: c["contribution"] for c in d.get("contributions", [])}
    items = []
    for f in d["trace"]["firings"]:
        info = record["rules"].get(f["rule"], {})
        effects = [", ".join(f"{signed_text(w)} {o}" for o, w in f.get("evidence", {}).items())]
        effects += ["derives " + ", ".join(f["derived"])] if f.get("derived") else []
        effects += ["suggests " + ", ".join(f["suggest"])] if f.get("suggest") else []
        effects += [f"refers to {f['refer']}"] if f.get("refer") else []
        effects += ["not now"] if f.get("not_now") else []
        if f["rule"] in contributions and shows_figures(d):  # signed as recorded: a 0 has no sign to tell
            share = contributions[f["rule"]]
            effects.append(f"confidence {signed_share(f'{abs(share):.4g}', (share > 0) - (share < 0))}")
        cites = "; ".join(f"kb#{_e(c.get('anchor'))}" + (f" ({_iso(c['title'], lang)})" if c.get("title") else "")
                          for c in info.get("cites", []))
        matched = ", ".join(_matched(m) for m in f.get("matched", []))
        where = f" ({_e(info['file'])}:{_e(info.get('line'))})" if info.get("file") else ""
        reason_marks = lang_attrs(lang) or ' dir="auto"'  # a reason's own paragraph: its direction is its own
        items.append(f'<li data-rule="{_e(f["rule"])}"><code>{_e(f["rule"])}</code>{where} '
                     f'<span class="effects">[{_e("; ".join(e for e in effects if e))}]</span>'
                     f'<p class="reason"{reason_marks}>{_e(info.get("reason", ""))}</p>'
                     f'<div class="cite">cites: {cites or "nothing"}</div>'
                     f'<div class="cite">matched: {matched or "nothing"}</div></li>')
    return ["<h2>Rules that fired, in order</h2>", f'<ol class="rules" id="fired">{"".join(items)}</ol>']


def _matched(m: dict) -> str:
    if "refuted" in m and "fact" not in m:
        return f"rule {_e(m['refuted'])} refuted"
    if "member" not in m and "known" not in m and is_masked(m.get("value")):
        return f"{_e(m['fact'])} = {_value(m['value'])}"
    text = _e(fact_text(m))
    return text.replace("(masked)", '<span class="masked">masked</span>')


def _graph(record: dict, lang: str = "") -> list[str]:
    tree = tree_from_record(record)
    unsure = _not_now_unplaced(record["decision"], tree)
    note = [f'<p id="unplaced">This record does not name the rules that met its deciding clause\'s test of a '
            f"conclusion (it was made before pathfit recorded them, and holds no policy): whether that clause "
            f"tested not now, which {_e(', '.join(unsure))} concluded, it cannot tell, so the derivation below "
            "leaves them out; they are listed among the rules that fired.</p>"] if unsure else []
    if not tree.get("because"):
        said = "No rule with a share of the confidence fired." if unsure else \
            "No rule bearing on the outcome fired: the decision policy decided from the absence of evidence."
        return ["<h2>Derivation</h2>", *note, f"<p>{said}</p>", f'<div class="graph-box">{svg(tree, lang)}</div>']
    return ["<h2>Derivation</h2>", *note,
            "<p>Each arrow points from what a conclusion rests on to the conclusion: input facts at the bottom, "
            "the rules they satisfied, and the outcome at the top.</p>",
            f'<div class="graph-box">{svg(tree, lang)}</div>',
            "<details><summary>The same derivation as text</summary>",
            f"<pre>{_e(chr(10).join(outline(tree)))}</pre></details>"]


def _not_now_unplaced(d: dict, tree: dict) -> list[str]:
    """The rules that concluded not now and are not in a record's derivation, where the record
    does not name the rules that met its deciding clause's `concluded` test (one made before
    `concluding_rules`): a clause that weighs evidence may or may not have tested not now beside it."""
    if isinstance(d.get("concluding_rules"), list):
        return []
    drawn = {r["rule"] for r in tree.get("because", [])}
    return [f["rule"] for f in d["trace"]["firings"] if f.get("not_now") and f["rule"] not in drawn]


def _open_questions(d: dict, lang: str = "") -> list[str]:
    out = ["<h2>Decision policy</h2>"]
    dec = d["trace"].get("decision", {})
    words, shown = _outcome_words(d), ranked_scores(d)  # each score as the ranking prints it
    scores = ", ".join(f"{_iso(words[k], label_language(k, words[k], lang)) if k in words else _iso(k)} "
                       f"{_e(shown.get(k, v))}" for k, v in sorted(d["trace"].get("scores", {}).items()))
    index = dec.get("clause")  # records keep the 0-based index; people count policy.yaml's clauses from 1
    number = index + 1 if isinstance(index, int) and not isinstance(index, bool) else index
    how = f"; confidence = baseline {_e(dec.get('baseline'))} plus each rule's share" if shows_figures(d) else ""
    decided = dec.get("outcome")
    said = _iso(words[decided], label_language(decided, words[decided], lang)) if decided in words else _iso(decided)
    out.append(f"<p>Clause {_e(number)} of the policy decided {said}; evidence: {scores or 'none'}{how}.</p>")
    # a provisional decision's as `recommend` lists them; any other's as recorded (one that does not say
    # whether it was settled is not said to wait on the facts its waiting rules need)
    questions = open_questions(_NO_SCREENING, as_decision(d)) if d.get("settled") is False else \
        _strings(d.get("missing"))
    if questions:
        out.append(f'<p id="open-questions">Open questions that might change this: {_e(", ".join(questions))}</p>')
    return out


def _outcome_words(d: dict) -> dict:
    """Each outcome the record has the policy's words for: the recommendation's label and the
    ranked evidence outcomes' (a record holds no policy; one made before labels has none, and
    its outcomes are shown by their identifiers)."""
    rows = d.get("ranking") if isinstance(d.get("ranking"), list) else []
    words = {r["outcome"]: r["label"] for r in rows  # a hand-made row may lack either: its words are none
             if isinstance(r, dict) and isinstance(r.get("outcome"), str) and isinstance(r.get("label"), str)}
    if isinstance(d.get("label"), str):
        words[d["recommendation"]] = d["label"]
    return words
