"""YAML 1.1 surprises anywhere in a rule-set file, even where the value read is legal.

PyYAML reads YAML 1.1: `no`, `off`, `n` are false and `012` is ten. Editors
and most other tools read YAML 1.2, where those are text (or, for `012`,
twelve). engine/pipeline/load.py records the raw text of each such plain scalar in
`surprises`. Validation already refuses a surprise where it changes the
meaning (PF211), and every number written so that readers disagree on it
(`salience: 010`, `0x10`); lint warns about every other one, for instance
`not_now: yes`, so that a file means the same to pathfit and to the author's
editor; and `y` or `n`, as a value or a key, which pathfit reads as text but YAML
1.1 (and some readers of it) as a boolean. Where validation refuses the value for another reason
(`not_now: no`, `cites: [no]`), its error is the one report, and names the surprise.
"""
from __future__ import annotations

from ...errors import Collector, Problem
from .check import PARSED, Check, Context
from ...pipeline.load import Map, Seq, surprises_in
from ...quote import quote
from ...pipeline.tagged_words import for_text, read_by


def check_surprises(docs: dict[str, object], already: list[Problem], out: Collector) -> None:
    """`docs`: file label -> loaded document (Map/Seq). A token validation already refused
    (PF211, or any other error there, such as `not_now: no`, whose message then names the
    surprise) is reported once, as that error; so is a surprise under a key refused (PF202). Only
    PF202 marks a refused key: an error of a whole entry (a rule lacking its reason) is placed
    at its first key, whose value is read and warned of still."""
    reported = {(p.pos.file, p.pos.line, p.pos.col) for p in already if p.severity == "error"}
    refused_keys = {(p.pos.file, p.pos.line, p.pos.col) for p in already if p.severity == "error" and p.code == "PF202"}
    for label in sorted(docs):
        keyed = _keyed(docs[label], {}, refused_keys)
        for pos, raw, value in surprises_in(docs[label], text_too=True):
            key = keyed.get((pos.line, pos.col))
            if (pos.file, pos.line, pos.col) in reported or key == REFUSED:
                continue
            if isinstance(value, str):  # `y`, `n`: text to pathfit, a boolean to other YAML 1.1 readers
                out.add("PF711", f"{quote(raw)} is the text {quote(raw)} to pathfit and YAML 1.2, but the boolean "
                                 f"{'true' if raw in ('y', 'Y') else 'false'} to YAML 1.1 and to some readers of it; "
                                 f"quote it ('{raw}') so that every reader takes the text", pos, "warning")
                continue
            if key is not None:  # no boolean or number is legal there: quoting it is the one way out
                out.add("PF711", f"{quote(raw)} is read as {_show(value)} ({read_by(raw)}), but `{key}` takes a "
                                 f"name, which is text: {for_text(raw)}", pos, "warning")
                continue
            out.add("PF711", f"{quote(raw)} is read as {_show(value)} ({read_by(raw)}); {for_text(raw)} for text, or write "
                             f"{_suggest(value)}", pos, "warning")


NAME_KEYS = frozenset({"fact", "id", "cites", "derive", "suggest", "refer", "fired", "not_fired"})
REFUSED = ""  # _keyed's mark for a value under a key validation refused


def _keyed(node, found: dict, refused: set, key=None, depth: int = 0) -> dict:
    """(line, column) of every scalar written as a value (or an item of one) of a key that
    takes a name (a rule's `fact`, `id`, an item of its `cites` or `derive`, a test's `fired`)
    -> that key; of every scalar under a key validation refused (at `refused`, PF202's
    `label:` in a derived fact) -> REFUSED. Validation refuses a boolean or number where a name
    goes, but may not have read the file (schema.yaml's `facts:` refused), and then lint's
    advice must not be to write one; under a refused key the key's error is the one report."""
    if depth > 200:  # as surprises_in: parse_yaml bounds nesting far below this
        return found
    if isinstance(node, Map):
        for k, value in node.items():
            at = node.key_at(k)
            mark = REFUSED if key == REFUSED or (at.file, at.line, at.col) in refused else k
            if not isinstance(value, (Map, Seq)) and (mark == REFUSED or k in NAME_KEYS):
                pos = node.at(k)
                found[pos.line, pos.col] = mark
            _keyed(value, found, refused, mark, depth + 1)
    elif isinstance(node, Seq):
        for i, value in enumerate(node):
            if not isinstance(value, (Map, Seq)) and (key == REFUSED or key in NAME_KEYS):
                pos = node.at(i)
                found[pos.line, pos.col] = key
            _keyed(value, found, refused, REFUSED if key == REFUSED else None, depth + 1)
    return found


def _yaml_surprises(ctx: Context, out: Collector) -> None:
    check_surprises(ctx.docs, ctx.found, out)


CHECKS = (Check("yaml-surprises", {"PF711": "warning"},
                "YAML 1.1 surprises that validation accepts: `no` read as false where a boolean is legal", PARSED,
                _yaml_surprises),)


def _show(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _suggest(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value} without a leading zero"
