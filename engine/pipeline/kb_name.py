"""Which knowledge base a schema names: the loader's rule (validate_schema.parse_schema,
ruleset.read_ruleset), kept here so that the one other reader of it, the CLI's question whether
a rule set found unasked is the bundled one (cli/same_rules.py), reads the very file the loader
reads, from schema.yaml parsed the loader's way."""
from __future__ import annotations

from .load import decode, parse_yaml
from ..errors import PathfitError

KEY = "knowledge_base"
DEFAULT = "knowledge_base.md"  # for a schema that names none


def named(schema: object) -> str | None:
    """The knowledge base's path, relative to the rule set's directory, as `schema` (schema.yaml's
    document, as load.parse_yaml reads it) names it; DEFAULT when it names none. None where the
    loader reads no knowledge base: a schema that is no mapping, or a `knowledge_base` that is no
    text or is empty (refused, PF203, PF211, PF204), for no other file is read in its place."""
    if not isinstance(schema, dict):
        return None
    where = schema.get(KEY, DEFAULT)
    return where if isinstance(where, str) and where.strip() else None


def named_in(data: bytes, label: str) -> str | None:
    """`named` for schema.yaml's bytes, decoded and parsed as the loader reads them; None if the
    loader would refuse them as YAML (its load then says why)."""
    try:
        return named(parse_yaml(decode(data, label), label))
    except PathfitError:
        return None
