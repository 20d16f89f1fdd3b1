"""tools/synth.py wrote its rule bases through PyYAML's pure-Python emitter: most of the time a
large base took to make (about 0.6 of 0.8 s at 1,000 rules), in every test and benchmark that
makes one. It now writes them through libyaml's emitter where PyYAML has it, which must
write the very bytes the Python one wrote: a base is the same for the same arguments, on any
machine (the benchmarks' figures are counted on them)."""
from __future__ import annotations

import pytest
import yaml
import yaml.emitter

from tools import synth


class _PythonEmitted(yaml.SafeDumper):
    """synth's dumper as it was: the Python emitter, no aliases."""

    def ignore_aliases(self, data) -> bool:
        return True


def test_a_base_is_not_written_by_the_python_emitter_where_libyaml_is_there(monkeypatch):
    emitted = []
    real = yaml.emitter.Emitter.emit
    monkeypatch.setattr(yaml.emitter.Emitter, "emit", lambda self, event: emitted.append(event) or real(self, event))
    synth.build_rule_base(30, seed=11)
    assert (len(emitted) == 0) if yaml.__with_libyaml__ else (len(emitted) > 0)


@pytest.mark.parametrize("n_rules,seed,presence_tests", [(30, 11, True), (200, 20240612, False), (300, 5, True)])
def test_the_bytes_are_the_python_emitters(monkeypatch, n_rules, seed, presence_tests):
    written = synth.build_rule_base(n_rules, seed, presence_tests)
    monkeypatch.setattr(synth, "_NoAliases", _PythonEmitted)
    assert written == synth.build_rule_base(n_rules, seed, presence_tests)
