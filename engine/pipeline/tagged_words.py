"""How a YAML 1.1 yes/no word is spoken of when YAML's own tag, not YAML 1.1, made it a boolean;
and a core tag on a kind of node it cannot tag (`misread`).

A plain `yes` is a boolean to YAML 1.1 and text to YAML 1.2: its messages say "YAML 1.1 reads
the plain 'yes' as true; quote it for text". Written with the tag (`!!bool "yes"`, `!!bool yes`,
`!!bool y`) it is a boolean because of the tag, quoted or not, and is refused where a plain one
is (scalars._surprise notes it so): those words would be untrue of it, so its text is noted as
Tagged and every message about it names the tag and says to write the text quoted, without it.
"""
from __future__ import annotations

import yaml

TAG = "!!bool"


class Tagged(str):
    """The text of a yes/no word that YAML's boolean tag made a boolean, as a surprise's raw text."""

    __slots__ = ()


def tagged(node: yaml.ScalarNode, text: str | None = None) -> bool:
    """Whether a scalar read as no string (a boolean, a number, null) was given its tag in the file
    (located.py asks it of such a key too): quoted (no quoted text is one otherwise), or spanning
    more than its text (a plain yes/no word, number or null, one line with nothing folded, spans
    its own characters alone) with a tag among what precedes it. An anchor (`&a no`) spans more
    too and is no tag: given the `text` (which holds an anchor only where it holds a `&`), what
    precedes the word is read for a `!` outside a comment; without it, any more is the tag."""
    if node.style:
        return True
    start, end = node.start_mark.index, node.end_mark.index
    if end - start == len(node.value):
        return False
    return text is None or any("!" in line.split("#", 1)[0]
                               for line in text[start:end - len(node.value)].splitlines())


def read_by(raw: str) -> str:
    """What read `raw` as a boolean: "YAML 1.1", or "its !!bool tag"."""
    return f"its {TAG} tag" if isinstance(raw, Tagged) else "YAML 1.1"


def is_read(raw: str, shown: str) -> str:
    """`'yes' is YAML 1.1 for true`, or `'yes' is read as true by its !!bool tag`."""
    from ..quote import quote  # loaded for a message only: never on a decision's way

    return f"{quote(raw)} is read as {shown} by its {TAG} tag" if isinstance(raw, Tagged) \
        else f"{quote(raw)} is YAML 1.1 for {shown}"


def plain_reads(raw: str, shown: str) -> str:
    """`YAML 1.1 reads the plain 'yes' as true`, or `its !!bool tag reads 'yes' as true`."""
    from ..quote import quote  # loaded for a message only: never on a decision's way

    return f"its {TAG} tag reads {quote(raw)} as {shown}" if isinstance(raw, Tagged) \
        else f"YAML 1.1 reads the plain {quote(raw)} as {shown}"


def for_text(raw: str) -> str:
    """How to write `raw` so that it is read as text: "quote it", or without the tag too."""
    return f"write it quoted and without the {TAG} tag" if isinstance(raw, Tagged) else "quote it"


_KINDS = {yaml.MappingNode: "a mapping", yaml.SequenceNode: "a sequence"}


def misread(node: yaml.Node) -> str:
    """PF203's message for a core tag on a node of a kind it cannot tag: a scalar's (`!!bool`,
    `!!int`, `!!str`, ...) on a mapping or sequence, or `!!seq` or `!!map` on another kind.
    Read past, `!!bool [a]` was a list and refused as a wrong value for the fact or field, as if
    the tag were not there; PyYAML's constructor refuses it, as `!!int abc` is refused."""
    from ..quote import quote  # loaded for a message only: never on a decision's way

    name = node.tag.rsplit(":", 1)[-1]
    goes_on = {"seq": "a sequence", "map": "a mapping"}.get(name, "a single value")
    what = _KINDS.get(node.__class__) or quote(node.value)
    return f"cannot read {what} as {name} (a !!{name} tag goes on {goes_on})"
