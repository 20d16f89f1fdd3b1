"""`audit show`'s listing, too wide for the full ids, shortens each id to its shortest unique
prefix among the log's ids. It found each one by scanning every other id (and building a set of
them) once per row: work growing with the square of the log, 126 s for a listing of 10,000
records and ten times that for 50,000. Each prefix now comes from the id's neighbours in sorted
order; the prefixes are the same as the scan's."""
from __future__ import annotations

import random
import re

from pathfit.cli.audit_show import listing
from pathfit.engine.audit.read import Item
from pathfit.engine.errors import Pos


def _item(rid: str, seq: int) -> Item:
    record = {"id": rid, "timestamp": "2026-11-23T09:00:00.000000Z", "ruleset": {"name": "r", "digest": "d" * 64},
              "decision": {"recommendation": "coaching", "confidence": 0.5, "settled": False}}
    return Item(Pos("audit.jsonl", seq, 1), record, {"seq": seq})


def _scanned(rid: str, ids: list, least: int = 8) -> str:
    """The shortest prefix of `rid`, at least `least` long, that no other id starts with: by
    trying every length against every other id, the definition itself."""
    others = [i for i in set(ids) if i != rid]
    for n in range(least, len(rid)):
        if not any(o.startswith(rid[:n]) for o in others):
            return rid[:n]
    return rid


def _shown_ids(text: str) -> list[str]:
    return [re.split(r"\s{2,}", row)[2] for row in text.splitlines()[1:]]


def test_listing_shortens_each_id_to_the_prefix_no_other_id_of_the_log_starts_with():
    rng = random.Random(7)
    ids = ["".join(rng.choice("ab") for _ in range(rng.randint(6, 16))) for _ in range(300)]
    ids += ["abababab", "abababab", "ababababa", "ababababab", "b" * 20, "b" * 12]  # twins; an id another begins with
    listed = [rid for rid in ids if rid.startswith("a")]  # the rows shown, among every id of the log
    text = listing([_item(rid, n) for n, rid in enumerate(listed, 1)], 50, ids)
    assert _shown_ids(text) == [_scanned(rid, ids) for rid in listed]


def _counted(name: str):
    """A str method of `name` that counts its calls on _CountedId."""
    def method(self, *args):
        _CountedId.calls += 1
        return getattr(str, name)(self, *args)
    return method


class _CountedId(str):
    """An id that counts the comparisons, hashes and prefix tests made with it."""

    calls = 0

    __hash__ = _counted("__hash__")
    __eq__ = _counted("__eq__")
    __ne__ = _counted("__ne__")
    __lt__ = _counted("__lt__")
    __gt__ = _counted("__gt__")
    startswith = _counted("startswith")


def test_listing_every_record_of_a_log_compares_each_id_with_a_few_others_not_all():
    rng = random.Random(11)
    count = 1000
    ids = [_CountedId("%032x" % rng.getrandbits(128)) for _ in range(count)]
    items = [_item(str(rid), n) for n, rid in enumerate(ids, 1)]
    _CountedId.calls = 0
    text = listing(items, 50, ids)
    assert len(text.splitlines()) == count + 1
    assert _CountedId.calls < 40 * count, _CountedId.calls  # a sort's worth; a scan per row made 2,000 a row
