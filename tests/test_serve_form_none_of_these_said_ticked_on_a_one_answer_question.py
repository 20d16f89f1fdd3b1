"""Regression: the page's "None of these" box (`:none`) belongs to a list question alone; posted
as the answer to a one-answer question (`goal_clarity=:none`, which the page never sends but any
client can), it was refused as '"None of these" ticked with other answers', though nothing else
was ticked and the question has no such box. It is now quoted as sent, as any other answer the
question does not take; on a list question ticked with other boxes it is said as before."""
from __future__ import annotations

from urllib.parse import urlencode

from .html_support import Tree
from .serve_support import call
from .serve_support import server  # the module-scoped plain service the serve tests share

FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def problems(server, fields: list[tuple[str, str]]) -> str:
    reply = call(server, "POST", "/decide", raw=urlencode(fields).encode(), headers=FORM)
    assert reply.status == 422, reply.text[:600]
    return Tree(reply.text).by_id("errors")["text"]


def test_none_of_these_as_a_one_answer_questions_answer_is_quoted_as_sent(server):
    said = problems(server, [("goal_clarity", ":none")])
    assert "ticked with other answers" not in said and "not ':none'" in said, said


def test_none_of_these_ticked_with_other_boxes_is_said_as_before(server):
    said = problems(server, [("needs", ":none"), ("needs", "career_direction")])
    assert '"None of these" ticked with other answers' in said, said
