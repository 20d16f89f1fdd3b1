"""The brute-force tests write the rule sets hypothesis draws with libyaml's emitter where PyYAML
has it (tests/small_rulesets.py's dumper, tests/helpers.py's yaml_text), as a rule set is written
for every example: the text is the one PyYAML's own emitter writes, byte for byte, so those tests
read the rule sets they always did."""
from __future__ import annotations

import json

import yaml
from hypothesis import HealthCheck, given, settings

from . import small_rulesets as small
from .helpers import yaml_text
from .test_lint_subsumed_brute_force import SCHEMA as SUBSUMED_SCHEMA
from .test_lint_subsumed_brute_force import rule_sets as subsumed_rule_sets
from .test_value_conflicts_brute_force import SCHEMA as CONFLICTS_SCHEMA
from .test_value_conflicts_brute_force import rule_sets as conflicts_rule_sets


class _PurePython(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(wide=small.wide_rule_set(), narrow=small.rule_set(presence=True), subsumed=subsumed_rule_sets(),
       conflicts=conflicts_rule_sets())
def test_every_file_written_is_pyyamls_text(wide, narrow, subsumed, conflicts):
    docs = [small.SCHEMA, small.WIDE_SCHEMA]
    for spec in (wide, narrow):
        docs += [spec["policy"], {"rules": [dict(r) for r in spec["rules"]]}]
    for doc in docs:
        assert yaml.dump(doc, Dumper=small._NoAliases, sort_keys=False) == \
            yaml.dump(doc, Dumper=_PurePython, sort_keys=False)
    for doc in (SUBSUMED_SCHEMA, CONFLICTS_SCHEMA, {"rules": json.loads(json.dumps(subsumed))},
                {"rules": conflicts}):
        assert yaml_text(doc) == yaml.safe_dump(doc, sort_keys=False)
