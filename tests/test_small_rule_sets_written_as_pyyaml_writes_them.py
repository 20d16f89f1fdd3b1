"""tests/small_rulesets.py writes the drawn rule sets with libyaml's emitter where PyYAML has it
(a rule set is written for every example of the brute-force tests): the text is the one
PyYAML's own emitter writes, byte for byte, so those tests read the rule sets they always did."""
from __future__ import annotations

import yaml
from hypothesis import HealthCheck, given, settings

from . import small_rulesets as small


class _PurePython(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:
        return True


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
@given(wide=small.wide_rule_set(), narrow=small.rule_set(presence=True))
def test_every_file_written_is_pyyamls_text(wide, narrow):
    docs = [small.SCHEMA, small.WIDE_SCHEMA]
    for spec in (wide, narrow):
        docs += [spec["policy"], {"rules": [dict(r) for r in spec["rules"]]}]
    for doc in docs:
        assert yaml.dump(doc, Dumper=small._NoAliases, sort_keys=False) == \
            yaml.dump(doc, Dumper=_PurePython, sort_keys=False)
