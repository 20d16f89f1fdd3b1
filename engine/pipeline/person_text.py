"""What a YAML (or JSON) file of a person's facts means by its text, which the reader of
every YAML file, rule files included, does not say: asked only for a profile, once it is
read (load.parse_yaml's `person`). Not for a rule test file: it has no subject of its own to
hand on, and its cases' profiles are checked as its own text, where an escape is PF101.

The subject (a top-level `subject`, or one in the `facts:` block) holding a control
character written as an escape (`"a\\u0007"`) is refused by the subject's one rule (PF628),
as a batch row's and the service's are, not as a file's text (PF101). A control character
written raw is refused as the file is read, PF101, as in every file.
"""
from __future__ import annotations

import yaml

from ..errors import Collector
from .located import Map
from .scalars import node_pos

_STR = "tag:yaml.org,2002:str"


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
