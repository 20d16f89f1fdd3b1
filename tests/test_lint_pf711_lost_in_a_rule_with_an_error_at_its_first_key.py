"""Lint leaves out a YAML 1.1 surprise under a key validation refuses (PF202): the key's error
is the one report. It took any error at a key's place for that key's refusal, and an error of
the whole entry is placed where the entry starts, at its first key: a rule lacking its reason
(PF201 at the rule) written `then` first lost the PF711 warning of its `not_now: yes`, though
`then` is no refused key and its value is read. The warning is given as for the complete rule."""
from __future__ import annotations

import shutil

import pytest

from pathfit.engine.authoring.lint.run import lint

from .helpers import HERE


@pytest.mark.parametrize("reason", ["    reason: r\n", ""])
def test_a_surprise_under_the_first_key_of_a_rule_with_an_error_is_still_warned_of(tmp_path, reason):
    rules = tmp_path / "rules"
    shutil.copytree(HERE / "fixtures" / "tiny", rules)
    text = (rules / "rules.yaml").read_text()
    line = text.count("\n") + 1
    (rules / "rules.yaml").write_text(text + "  - then: {not_now: yes}\n    when: {fact: ready, equals: true}\n"
                                      f"    id: x.n\n{reason}    cites: [focus]\n")
    found = [(p.code, p.severity, p.pos.line, p.pos.col) for p in lint(rules).problems
             if p.pos.file.endswith("rules.yaml") and p.pos.line == line]
    expected = [("PF711", "warning", line, 21)] + ([] if reason else [("PF201", "error", line, 5)])
    assert sorted(found) == sorted(expected), found
