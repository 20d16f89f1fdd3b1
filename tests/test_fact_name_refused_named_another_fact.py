"""Regression: a fact whose name schema.yaml refused (`Ready:`, not an identifier) was PF212
and then, at the rule reading `ready`, PF205 "unknown fact 'ready' (did you mean 'broad'?)":
the one mistake said twice, the second pointing at another fact. A rule's fact is not judged
against a schema that refused a name it declares (any name may have been meant there): the
refusal is the one message."""
from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import tiny_edited_problems


def _problems(tmp_path: Path, old: str, new: str) -> list:
    return tiny_edited_problems(tmp_path, "schema.yaml", old, new)


@pytest.mark.parametrize("old, new, expected", [
    ("  ready:\n", "  Ready:\n", ("PF212", 17, 3)),
    ("  broad:\n", "  Broad:\n", ("PF212", 27, 3)),
])
def test_a_refused_fact_name_is_the_one_error(tmp_path, old, new, expected):
    code, line, col = expected
    assert _problems(tmp_path, old, new) == [(code, "schema.yaml", line, col)]
