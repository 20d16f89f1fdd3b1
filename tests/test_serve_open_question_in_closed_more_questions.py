"""Regression: the answer page links each open question to its question in the form, but
"More questions" was opened only where one of its questions had been answered, so after
answering only questions shown first, the open questions under it were links into a closed
details element: in a browser that does not open it on following the link (chromium does; not
every browser does), they led nowhere.
Now "More questions" is open whenever the result links into it (or an answer in it was
refused), and stays closed on the empty form."""
from __future__ import annotations

import re

from .serve_support import call
from .serve_support import audited  # the module-scoped audited service the serve tests share

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _more(text: str) -> tuple[bool, str]:
    start = re.search(r'<details id="more"( open)?>', text)
    return bool(start.group(1)), text[start.end():].split("</details>")[0]


def test_more_questions_is_open_where_an_open_question_links_into_it(audited):
    reply = call(audited, "POST", "/decide", raw=b"formal_performance_process=no", headers=FORM)
    assert reply.status == 200, reply.body
    linked = re.findall(r'<li><a href="#q-([^"]+)">', reply.text.split('id="open-questions"')[1].split("</ul>")[0])
    opened, inside = _more(reply.text)
    assert [n for n in linked if f'id="q-{n}"' in inside], "no open question under More questions"
    assert opened


def test_the_empty_form_keeps_more_questions_closed(audited):
    opened, inside = _more(call(audited, "GET", "/").text)
    assert inside and not opened
