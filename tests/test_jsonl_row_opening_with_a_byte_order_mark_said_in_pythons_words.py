"""Two JSON Lines files joined (`cat a.jsonl b.jsonl`), the second saved with a UTF-8 byte
order mark, put the mark at the start of a row: the row was refused as "Unexpected UTF-8 BOM
(decode using utf-8-sig)", Python's words, naming a codec the person never chose, and without
its id. The row is still refused (PF102, at the mark), now saying what is there and what to
do, with its id kept as any row refused for its JSON keeps it."""
from __future__ import annotations

import io

from pathfit.engine import Engine
from pathfit.engine.cohort.rows import read_rows

FACTS = Engine.load().ruleset.facts


def test_a_row_opening_with_a_byte_order_mark_is_refused_in_words_a_person_can_act_on_with_its_id():
    data = '\ufeff{"id": "a"}\n{"id": "b"}\n\ufeff{"id": "c", "needs": ["network"]}\n'.encode()
    rows = list(read_rows(io.BytesIO(data), "in.jsonl", "jsonl", FACTS))
    assert [(r.id, r.error and (r.error.code, r.error.pos.line, r.error.pos.col)) for r in rows] == [
        ("a", None), ("b", None), ("c", ("PF102", 3, 1))]
    message = rows[2].error.message
    assert "byte order mark" in message and "utf-8-sig" not in message
