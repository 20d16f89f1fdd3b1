"""A plain YAML string written as a number is (`1e1`, `-.5`, `0o14`: text to YAML 1.1, a number
to YAML 1.2, CSV and `--fact`), noted by the readers (located.py, located_events.py) in its
mapping's `number_texts`, so that the profile check judges it as a number as written: readers
disagree on it (PF407, with how to write it). Quoted, tagged `!!str` or a block, the same text
is text to every reader, and where a number is asked it is refused as text (PF402), as `'3'`
is. Loaded only for a file with such a string: a profile that is fine has none.
"""
from __future__ import annotations

import yaml

from .located import Map
from .scalars import _NUMBER_FIRST

_STR = "tag:yaml.org,2002:str"


def number_text(node: yaml.Node, text: str | None) -> bool:
    """Whether the string `node` is written plainly, with no tag, and begins as a number does:
    it spans its own text alone, or its first token in `text` (where a tag or an anchor would
    stand) is neither a tag nor an anchor followed by one."""
    if not isinstance(node, yaml.ScalarNode) or node.tag != _STR or node.style or node.value[:1] not in _NUMBER_FIRST:
        return False
    start = node.start_mark.index
    if node.end_mark.index - start == len(node.value) or text is None:  # its text alone, or not known: so it was
        return node.end_mark.index - start == len(node.value)  # written if it spans nothing else (no tag)
    first, *then = text[start:start + 300].split(None, 2)[:2]
    return not first.startswith("!") and not (first.startswith("&") and then and then[0].startswith("!"))


def note_number_text(m: Map, key, node: yaml.Node, text: str) -> None:
    """Note the string `node`, `m[key]`, in `m.number_texts` if number_text says it is one."""
    if number_text(node, text):
        note_text(m, key, node.value)


def note_text(m: Map, key, value: str) -> None:
    """Note `value` in `m.number_texts`, made for its first one (a slot left unset elsewhere)."""
    try:
        m.number_texts[key] = value
    except AttributeError:
        m.number_texts = {key: value}
