"""A YAML 1.1 surprise written as the value of a key validation refuses (`label: off` in a
derived fact, PF202 at `label`) was also lint's PF711 warning, advising "quote it for text, or
write false", though the key itself is refused and no value there is legal. As for a value
validation refuses, the key's error is the one report of that entry; a surprise under a key
validation accepts is still warned of."""
from __future__ import annotations

import shutil

import pytest

from pathfit.engine.authoring.lint.run import lint

from .helpers import HERE


@pytest.mark.parametrize("entry", ["    label: off", "    label: [yes, 012]", "    label: {a: no}"])
def test_a_surprise_under_a_refused_key_is_reported_once_as_the_keys_error(tmp_path, entry):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    schema = rules / "schema.yaml"
    text = schema.read_text()
    line = text.splitlines().index("  structured:") + 2
    schema.write_text(text.replace("\n  structured:\n", f"\n  structured:\n{entry}\n"))
    found = [(p.code, p.pos.line, p.pos.col) for p in lint(rules).problems if p.pos.file.endswith("schema.yaml")]
    assert found == [("PF202", line, 5)], found


def test_a_surprise_under_an_accepted_key_is_still_warned_of(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    text = (rules / "rules.yaml").read_text()
    line = text.count("\n") + 5
    (rules / "rules.yaml").write_text(text + "  - id: x.n\n    reason: r\n    cites: [focus]\n"
                                      "    when: {fact: ready, equals: true}\n    then: {not_now: yes}\n")
    found = [(p.code, p.severity, p.pos.line, p.pos.col) for p in lint(rules).problems if p.code == "PF711"]
    assert found == [("PF711", "warning", line, 21)], found
