"""Requests already answered, kept so that one sent again is answered again, never decided twice.

Why: a browser posts the page's answers again when the answer page is reloaded or the button
clicked twice, and a program whose answer was lost (a dropped connection, a 503 after
`--timeout`) sends its request again; with an audit log, each copy would append a record of
its own, and the log would say the advice was asked for as many times. So the page's form
carries a token drawn afresh for every page served (the same answers posted from the same
page are one request), and a program names its request with an `Idempotency-Key` header (its
value, as sent, is the key; the same key with another body is refused, PF912). A request
found here is answered with the first answer, byte for byte, and nothing is run or recorded.

Looked up and kept by the job that decides, on the service's one evaluation thread, so two
copies sent at once are one decision: the second runs after the first and finds its answer.
Kept in memory, the most recent: at most KEPT requests and KEPT_BYTES of answers (a service
started again, or a request older than those, is decided again).
"""
from __future__ import annotations

import hashlib
import sys
from collections import OrderedDict
from typing import NamedTuple

from .request import bad

KEPT = 1000
KEPT_BYTES = 16 * 1024 * 1024
KEY_HEADER = "idempotency-key"
KEY_LONGEST = 255
AGAIN = ('<p id="sent-again" class="noprint">These answers were sent from this page before: this is the '
         "decision made for them then, recorded once; nothing was decided or recorded again.</p>\n")


class Answer(NamedTuple):
    """What a request was answered with: `body` (a decision's JSON, or the page's result),
    `extra` (the audit entry's headers, or the page's open questions), and the request's digest."""
    body: str | bytes
    extra: object
    digest: str


def held(body: str | bytes) -> int:
    """The bytes `body` holds: a str's characters take 1, 2 or 4 bytes each, as its widest needs
    (a page with one box-drawing character in it holds two bytes a character), not one each."""
    return len(body) if isinstance(body, bytes) else sys.getsizeof(body) - sys.getsizeof("")


def digest(request_body: bytes) -> str:
    return hashlib.sha256(request_body).hexdigest()


def key_of(headers) -> str | None:
    """The `Idempotency-Key` a request names, or None; one that cannot be a key is refused
    (400 PF905): sent twice, empty, longer than KEY_LONGEST, or not printable ASCII."""
    sent = headers.getlist(KEY_HEADER)
    if not sent:
        return None
    if len(sent) > 1:
        raise bad(400, "PF905", "the Idempotency-Key header is sent once")
    key = sent[0].strip(" \t")
    if not key or len(key) > KEY_LONGEST or not all(" " <= c <= "~" for c in key):
        raise bad(400, "PF905", f"the Idempotency-Key header is 1 to {KEY_LONGEST} printable ASCII characters")
    return key


class Sent:
    """The answers of the most recent requests, by their keys: ("key", an Idempotency-Key) or
    ("form", the digest of a form posted with the page's token). Used only on the evaluation thread."""

    def __init__(self, kept: int = KEPT, kept_bytes: int = KEPT_BYTES):
        self._answers: OrderedDict[tuple[str, str], Answer] = OrderedDict()
        self._kept, self._kept_bytes, self._bytes = kept, kept_bytes, 0

    def find(self, key: tuple[str, str], request_digest: str) -> Answer | None:
        """The answer a request with this key was given, or None if none is kept. The key given
        before with another request is refused, nothing run (422 PF912)."""
        answer = self._answers.get(key)
        if answer is None:
            return None
        if answer.digest != request_digest:
            raise bad(422, "PF912", "this Idempotency-Key was sent before with another request; nothing was run "
                      "or recorded: give a new request a new key")
        self._answers.move_to_end(key)
        return answer

    def keep(self, key: tuple[str, str], answer: Answer) -> None:
        size = held(answer.body)
        if size > self._kept_bytes:
            return
        old = self._answers.pop(key, None)
        if old is not None:
            self._bytes -= held(old.body)
        self._answers[key] = answer
        self._bytes += size
        while len(self._answers) > self._kept or self._bytes > self._kept_bytes:
            _, dropped = self._answers.popitem(last=False)
            self._bytes -= held(dropped.body)
