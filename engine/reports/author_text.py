"""Text a rule set's authors wrote, on a page whose own words are pathfit's English.

The page says `lang="en"`: its headings, sentences and figures are pathfit's. Questions,
labels, reasons, knowledge-base headings and referral words are the authors', in the language
the rule set declares (schema.yaml `language`, a BCP 47 tag; a record keeps it as
`ruleset.language`). An element holding only such text carries that language, so a browser
draws it with that language's glyph forms (the same Han code points are drawn differently in
Japanese and Chinese) and a screen reader speaks it in that language, and `dir="auto"`, so
right-to-left text takes its own direction. Where the rule set declares no language nothing is
added: its text is taken as the page's English, as it was before a language could be declared.
pathfit's own default outcome labels (a policy without `outcomes:`) are pathfit's English, not
the authors' text: they carry no mark, whatever the rule set's language (label_language).
"""
from __future__ import annotations

from html import escape

from ..pipeline.policy import CLASSIC

# pathfit's words for each outcome of a policy without `outcomes:`, which the bundled policy writes out
PATHFIT_LABELS = {o.name: o.label for o in CLASSIC}


def lang_attrs(language: str) -> str:
    """` lang="ja" dir="auto"` for an element holding author text only; '' without a language."""
    return f' lang="{escape(language, quote=True)}" dir="auto"' if language else ""


def isolated(value: object, language: str = "") -> str:
    """Author's words set in a sentence of the page's: escaped and isolated (<bdi>), so a
    right-to-left label or reason cannot carry the figure or punctuation beside it to its
    other side, and marked with the rule set's language."""
    return f"<bdi{lang_attrs(language)}>{escape(str(value), quote=True)}</bdi>"


def label_language(outcome: object, label: object, language: str) -> str:
    """The language of `outcome`'s `label`: '' (the page's English) where it is pathfit's own
    default label for that outcome, word for word, else the rule set's `language`. Told from
    the words, so a report tells it from a record alone as the web page does from the policy;
    a label the authors wrote the same as pathfit's is the same English words, and is marked so."""
    return "" if isinstance(outcome, str) and PATHFIT_LABELS.get(outcome) == label else language
