"""The recorded ranking as the HTML report shows it (engine.reports.html): kept apart so each
module stays small."""
from __future__ import annotations

from html import escape

from ..audit.recorded_figures import record_waited
from ..pipeline.figures import JSON_PLACES, places_text, ratio_of_text, telling_apart
from .author_text import isolated, label_language


def _e(value) -> str:
    return escape(str(value), quote=True)


def ranking_html(d: dict, lang: str = "") -> list[str]:
    """The recorded ranking (a record made before rankings has none: nothing is shown).
    Figures as recorded (4 places); the exact score is in each row's title. Equal exact scores
    share a rank, as recommend prints it (reports/wording.ranking): each item carries its rank
    as its value, or the list would number tied outcomes apart. Scores ranked apart that are
    recorded the same (2.00004 and 2.00001, both 2.0) are printed from their exact values to as
    many places as tell them apart, as recommend does (figures.telling_apart)."""
    rows = d.get("ranking")
    rows = [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
    if not rows:
        return []
    shown = _scores(rows)
    items, rank, previous = [], 0, None
    for i, (r, score) in enumerate(zip(rows, shown), 1):
        exact = r.get("exact")  # in lowest terms: equal scores are equal texts; a row without one ties with none
        rank = rank if isinstance(exact, str) and exact == previous else i
        previous = exact
        label = r.get("label")  # the policy's words (author_text.label_language); else the outcome's identifier
        shown_label = isolated(label, label_language(r.get("outcome"), label, lang)) if isinstance(label, str) \
            else isolated(r.get("outcome", ""))
        items.append(f'<li value="{rank}" title="exact {_e(r.get("exact", ""))}">{shown_label} {_e(score)}</li>')
    items = "".join(items)
    # "so far" as recommend says it (reports/wording.ranking): an answer not yet given could add
    # evidence to a provisional decision, and to a settled one where a rule with evidence waits, as
    # the record says (`evidence_open`); a record made before it keeps no waiting rule's effects,
    # so where a rule waited, whether it carries evidence is not ruled out (its `confidence_open`
    # says only whether the confidence could move, which evidence for an outcome the deciding
    # clause does not weigh, or any under `certain`, never does)
    recorded = d.get("evidence_open")
    waited = recorded if isinstance(recorded, bool) else record_waited(d)
    so_far = " so far" if d.get("settled") is not True or waited else ""
    return [f'<h2>Ranking{so_far}</h2><p>Each evidence outcome\'s score, strongest first (equal scores share '
            'a rank, in the policy\'s order); the recommendation above is the policy\'s one answer.</p>',
            f'<ol id="ranking">{items}</ol>']


def ranked_scores(d: dict) -> dict:
    """Each ranked outcome -> its score as the ranking prints it, for every other line of the
    report that names a score (the deciding clause's evidence): two scores ranked apart never
    print the same there either. Empty for a record made before rankings; a row naming no
    outcome (a hand-made record) names none here."""
    rows = d.get("ranking")
    rows = [r for r in rows if isinstance(r, dict)] if isinstance(rows, list) else []
    return {r["outcome"]: score for r, score in zip(rows, _scores(rows)) if isinstance(r.get("outcome"), str)}


def _scores(rows: list[dict]) -> list:
    """Each row's score as the report prints it: as recorded, unless two neighbours ranked apart
    are recorded the same; then every score from its exact value, at as many places as tell
    them apart. A score below 0 that is recorded (or printed) as 0 keeps its minus sign: "0.0" is
    no evidence. A record whose exact scores cannot all be read (a hand-made one) is printed as
    recorded."""
    recorded = [r.get("score", "") for r in rows]
    try:
        exact = [ratio_of_text(r["exact"]) for r in rows]
    except (KeyError, TypeError, ValueError, AttributeError, ZeroDivisionError):
        return recorded
    if any(d == 0 for _, d in exact):
        return recorded
    places = telling_apart(exact, JSON_PLACES)
    shown = [places_text(x, places) for x in exact] if places > JSON_PLACES else recorded
    # a score below 0 recorded as 0.0 keeps its sign, as recommend prints it (reports/wording.ranking)
    return [f"-{s}" if n < 0 and _zero(s) else s for s, (n, _) in zip(shown, exact)]


def _zero(shown) -> bool:
    """Whether a score as recorded or printed (0.0, "0.00000") is a zero, which has no sign."""
    if isinstance(shown, str):
        return shown[:1] == "0" and not shown.strip("0.")
    return type(shown) in (int, float) and shown == 0 and str(shown)[0] != "-"
