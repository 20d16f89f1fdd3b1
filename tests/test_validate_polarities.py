"""The cycle check reads each derived comparison's polarity from one walk of the rule's
condition (cycles._polarities) instead of asking polarity_negative comparison by
comparison; the answers must be polarity_negative's."""
from __future__ import annotations

from pathfit.engine.pipeline.bundled import bundled_rules_dir
from pathfit.engine.pipeline.model import facts_in
from pathfit.engine.pipeline.ruleset import read_ruleset
from pathfit.engine.pipeline.cycles import _polarities, polarity_negative
from tools import synth

from .helpers import HERE

FIXTURES = sorted(p.name for p in (HERE / "fixtures").iterdir() if (p / "schema.yaml").is_file())


def test_polarities_in_one_walk_are_polarity_negative_of_each_comparison(tmp_path):
    """On the bundled rules, every fixture and a synthetic base (which nests not, all and any)."""
    synth.write_rule_base(tmp_path, 300, seed=5)
    dirs = [bundled_rules_dir(), tmp_path, *(HERE / "fixtures" / name for name in FIXTURES)]
    compared = 0
    for rules in (read_ruleset(d).rules for d in dirs):
        for rule in rules:
            found = _polarities(rule.when)
            for c in facts_in(rule.when):
                assert found[id(c)] == polarity_negative(rule.when, c)
                compared += 1
    assert compared > 1000
