"""The hint for a key of a person's facts that names no fact (PF401).

Why apart: a name differing from a choice only in case (`ID` for a JSON Lines row's `id`)
is too short for the near-miss search to find (difflib scores `ID` and `id` as sharing
nothing), where a CSV header's column is told it (engine/cohort/csv_header.py); and a batch
row may hold `id` besides its facts, a profile file may not, so the names offered depend on
what was read (`also_named`, set by the row's reader)."""
from __future__ import annotations

from ..errors import did_you_mean
from .profile import SUBJECT


def key_hint(name: str, inputs: list[str], raw: object) -> str:
    """" (did you mean 'x'?)" or "": `x` the one of `inputs`, `subject` and the names `raw`
    says it may also hold (its `also_named`) that `name` differs from only in case, else the nearest.
    A name `raw` already holds is never offered (a row with `id` and `ID` was asked whether it
    meant `id`); one that differs only in case is said to be given too."""
    # a row reader's tuples; an attribute so named of a caller's own dict subclass means another thing
    also, held = (getattr(raw, n, ()) for n in ("also_named", "held"))  # `held`: a row's `id`, read apart
    also, held = (v if type(v) is tuple else () for v in (also, held))
    names = [*inputs, SUBJECT, *also]

    def given(n: str) -> bool:  # asked of `raw` name by name: gathering its keys for each unknown one was n^2
        return isinstance(raw, dict) and n in raw or n in held

    same = next((n for n in names if n.lower() == name.lower() and n != name), None)
    if same is not None and given(same):
        from ..quote import quote

        return f" ({quote(same)}, which it differs from only in case, is given too)"
    if same is not None:
        return did_you_mean(same, (same,))
    return did_you_mean(name, [n for n in names if not given(n)])
