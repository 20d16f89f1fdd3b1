"""A set's boxes on the web page add up as repeated `--fact`s do: each box adds, in the order
sent, the items it names that no earlier box named. The sum was made by searching the list
built so far for every item and copying it for every box, so one posted form of 64 KiB with
about 9,000 boxes for one question held the service (every request, `/healthz` too) for
about 0.4 s. It is now kept beside a set of what it holds; this pins what the sum is, against
the words above written out here, on every way of ticking boxes (items repeated within a box,
across boxes, "unknown", "None of these")."""
from __future__ import annotations

from urllib.parse import urlencode

from hypothesis import given, settings, strategies as st

from pathfit.engine import Engine
from pathfit.engine.service import form
from pathfit.engine.service.page import NONE_OF_THESE

ENGINE = Engine.load()
NEEDS = ENGINE.ruleset.facts["needs"]
ITEMS = list(NEEDS.values)[:4]

box = st.one_of(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=3).map(",".join),
                st.just("unknown"), st.just(NONE_OF_THESE), st.just(" "))


def _expected(boxes: list[str]):
    """(present, value) as the form's rules say, written out independently."""
    ticked = [b for b in boxes if b.strip() and b != NONE_OF_THESE]
    none = NONE_OF_THESE in boxes
    if "unknown" in ticked:
        if len(ticked) > 1 or none:
            return True, [NONE_OF_THESE, *ticked] if none else ticked
        return True, None
    total: list = []
    for b in ticked:
        parts = [p.strip() for p in b.split(",") if p.strip()]
        total += [p for p in parts if p not in total] if total else parts
    if total and none:
        return True, [NONE_OF_THESE, *total]
    return (bool(total or none), total)


@settings(max_examples=300, deadline=None)
@given(st.lists(box, max_size=6))
def test_boxes_add_up_as_repeated_facts_do(boxes: list[str]) -> None:
    facts, _ = form.read_form(ENGINE.ruleset, urlencode([("needs", b) for b in boxes]).encode())
    present, value = _expected(boxes)
    assert ("needs" in facts) == present
    if present:
        assert facts["needs"] == value


def test_many_boxes_keep_each_item_once_in_the_order_sent() -> None:
    boxes = [ITEMS[i % len(ITEMS)] for i in range(9000)][::-1]
    facts, _ = form.read_form(ENGINE.ruleset, urlencode([("needs", b) for b in boxes]).encode())
    assert facts["needs"] == list(dict.fromkeys(boxes))
