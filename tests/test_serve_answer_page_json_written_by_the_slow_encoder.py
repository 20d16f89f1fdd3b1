"""Regression: the web page's answer shows the decision as JSON (folded away, "as `pathfit
recommend --format json` gives it") and wrote it with json.dumps directly, so through json's
pure-Python encoder, where the CLI and the API write the same JSON by one writer
(program_json.json_for_programs), about three times faster: on a rule set of 1,000 rules about
6 ms of each post of the form. Now the page writes it by that writer too: the same bytes.

Counted, not timed: the values json's pure-Python encoder writes for an answer page."""
from __future__ import annotations

import html
import json
import re

from pathfit.engine.service import page

from .audit_support import EXAMPLES, engine, example_facts  # the module-scoped fixture the audit tests share
from .audit_support import slow  # json's slow encoders counted, orjson asked for as the service asks


def test_the_answer_pages_json_is_the_clis_and_not_written_by_the_slow_encoder(engine, slow):
    decisions = [engine.evaluate(example_facts(path)) for path in EXAMPLES]
    expected = [json.dumps(d.to_dict(), indent=2, sort_keys=True, ensure_ascii=False) for d in decisions]
    slow.clear()  # the expected texts were written by json's own slow encoder
    shown = [page.result(engine.ruleset, d) for d in decisions]
    assert slow == []  # was one for each page
    for text, want in zip(shown, expected):
        found = re.search(r'<pre id="decision-json">(.*?)</pre>', text, re.S)
        assert html.unescape(found[1]) == want
