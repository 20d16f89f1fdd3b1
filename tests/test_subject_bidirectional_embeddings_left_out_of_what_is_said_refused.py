"""Regression: the README, docs/audit.md and docs/serve.md said a subject or operator with a
"bidirectional override or isolate" is PF628, but the rule refuses the embeddings U+202A and
U+202B and the pop U+202C too, which are neither: a reader checking a name with an embedding
against the docs was told it is taken. Every place that says what PF628 refuses now names the
embeddings beside the overrides and isolates; the code is held to them here."""
from __future__ import annotations

import re

import pytest

from pathfit.engine.audit.subject import check_who
from pathfit.engine.errors import PathfitError, Pos

from .helpers import ROOT


@pytest.mark.parametrize("char", ["\u202a", "\u202b", "\u202c"], ids=lambda c: f"U+{ord(c):04X}")
def test_an_embedding_or_its_pop_is_refused(char):
    with pytest.raises(PathfitError) as err:
        check_who(f"Dana{char} Levi", "subject", Pos("x"))
    assert [p.code for p in err.value.problems] == ["PF628"]


@pytest.mark.parametrize("doc", ["README.md", "docs/audit.md", "docs/serve.md"])
def test_every_place_saying_what_is_refused_names_the_embeddings(doc):
    text = " ".join((ROOT / doc).read_text().split())
    said = re.findall(r"bidirectional (?:\w+, )*(?:\w+ )?(?:or|and) (?:isolates?|controls?)", text)
    assert said and all("embedding" in s for s in said), said
