"""What a YAML (or JSON) file of a person's facts means by its text, which the reader of
every YAML file, rule files included, does not say: asked only for a profile and a rule
test file's facts, once they are read (load.parse_yaml's `person`).

- A plain scalar written as a number that YAML 1.1 reads as text (`1e1`, `-.5`, `0o14`) is
  a number as written (value_text.AsWritten): the profile check says readers disagree on it
  and how to write it (PF407), as for a CSV cell or `--fact`. Quoted, tagged `!!str` or a
  JSON string, the same text is text to every reader, refused as text where a number is
  asked (PF402), as `'3'` is: no reader disagrees on it.
- The subject (a top-level `subject`, or one in the `facts:` block) holding a control
  character written as an escape (`"a\\u0007"`) is refused by the subject's one rule (PF628),
  as a batch row's and the service's are, not as a file's text (PF101). A control character
  written raw is refused as the file is read, PF101, as in every file.
"""
from __future__ import annotations

import yaml

from ..errors import Collector
from .located import Map, Seq
from .scalars import node_pos

_NUMBER_FIRST = frozenset("0123456789+-.")  # how every text number_form judges starts (load._as_person's)
_STR = "tag:yaml.org,2002:str"


def mark_numbers_as_written(doc, text: str) -> None:
    """Each plain scalar of `doc` (in place, repeated keys' later values too) that is text
    written as a number (number_forms.number_form knows its form) made AsWritten."""
    lines: list[str] = []
    stack = [doc]
    while stack:
        node = stack.pop()
        for key in (range(len(node)) if isinstance(node, Seq) else list(node)):
            value = node[key]
            if isinstance(value, (Map, Seq)):
                stack.append(value)
            elif _plain_number_text(value, node.at(key), text, lines):
                from .value_text import AsWritten
                (list if isinstance(node, Seq) else dict).__setitem__(node, key, AsWritten(value))
        for key, later in (node.later_values().items() if isinstance(node, Map) else ()):
            node.repeats[key] = [(v, at, w or (v if _plain_number_text(v, at, text, lines) else None))
                                 for v, at, w in later]
            stack.extend(v for v, _, _ in later if isinstance(v, (Map, Seq)))


def _plain_number_text(value, at, text: str, lines: list[str]) -> bool:
    """Whether `value`, read at `at`, is text written plainly (it begins where it was written:
    a quoted or tagged one begins with its quote or tag) in a form number_form judges."""
    if type(value) is not str or value[:1] not in _NUMBER_FIRST or at.line < 1:
        return False
    from .number_forms import number_form  # a number's form: only for text that may be one

    if number_form(value) is None:
        return False
    if not lines:
        lines.extend(text.removeprefix("\ufeff").split("\n"))
    return at.line <= len(lines) and lines[at.line - 1][at.col - 1:at.col] == value[:1]


def keep_escaped_subject(root: yaml.Node, doc, out: Collector, label: str) -> None:
    """The subject's text, in `doc` (top level and in its `facts:` block), where the reader
    refused it (PF101, taken off `out`) for a control character written as an escape only:
    the profile check refuses it by the subject's rule (PF628) at the same place."""
    holders = [(root, doc)]
    for key_node, value_node in root.value if isinstance(root, yaml.MappingNode) else ():
        if key_node.value == "facts" and isinstance(value_node, yaml.MappingNode):
            holders.append((value_node, doc.get("facts") if isinstance(doc, Map) else None))
    for node, mapping in holders:
        if not isinstance(node, yaml.MappingNode) or not isinstance(mapping, Map):
            continue
        for key_node, value_node in node.value:
            if key_node.value != "subject" or not isinstance(value_node, yaml.ScalarNode) or value_node.tag != _STR \
                    or mapping.get("subject") is not None:
                continue
            said = [p for p in out.problems if p.code == "PF101" and p.pos == node_pos(label, value_node)]
            if said:
                out.problems.remove(said[0])
                dict.__setitem__(mapping, "subject", value_node.value)
            break
