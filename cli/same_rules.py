"""Whether a rule set found unasked (./rules, $PATHFIT_RULES) is the bundled one, byte for byte:
then there is nothing to name on stderr (cli/common.announce_rules). Every file the rule set
reads counts, not its YAML alone: the knowledge base its schema names (beside rules/ in a
checkout, outside the folder) gives the section titles the advice cites and is in the rule-set
digest, and a table's CSV gives rows. Imported only where such a rule set is found."""
from __future__ import annotations

import os

from pathfit.engine.pipeline.bundled import SCHEMA_FILE
from pathfit.engine.pipeline.yaml_names import read_by_name
from pathfit.engine.pipeline.kb_name import named_in  # the loader's rule, and its reading of the schema


def same_rule_files(one: str, other: str) -> bool:
    """Whether two rule-set directories hold the same YAML files (and rule tests) and tables' CSV
    files, and name knowledge bases of the same bytes, byte for byte."""
    mine, theirs = _files(one), _files(other)
    if mine is None or mine != theirs:
        return False
    schema = mine.get(SCHEMA_FILE)
    where = None if schema is None else named_in(schema, os.path.join(one, SCHEMA_FILE))
    if where is None:
        return False
    kb_one, kb_other = _read(os.path.join(one, where)), _read(os.path.join(other, where))
    return kb_one is not None and kb_one == kb_other


def _files(top: str) -> dict | None:
    """name -> bytes of the `*.yaml` and `*.csv` files of `top` and the `*.yaml` of its tests/
    folder, hidden ones aside as the loader passes them over; None if one of them cannot be read."""
    found = {}
    for sub, endings in (("", (".yaml", ".csv")), ("tests", (".yaml",))):
        folder = os.path.join(top, sub)
        try:
            names = sorted(n for n in os.listdir(folder) if read_by_name(n, endings))
        except OSError:
            continue
        for name in names:
            data = _read(os.path.join(folder, name))
            if data is None:
                return None
            found[os.path.join(sub, name)] = data
    return found


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None
