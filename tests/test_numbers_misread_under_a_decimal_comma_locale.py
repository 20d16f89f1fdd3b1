"""A program that embeds pathfit and sets a locale whose decimal separator is a comma gets the
same decisions as under the C locale.

Regression: durable-rules' C core read every number with a fraction through `atof`, which takes
the separator from the process's LC_NUMERIC. After `locale.setlocale(locale.LC_ALL, "de_DE.UTF-8")`
it read a rule's `1.5` as 1 and a person's `1.2` as 1, so `hours >= 1.5` fired for 1.2 and the
evaluation ended in the cross-check's internal error (PF505) instead of a decision. pathfit's
build now patches the core to read the point as JSON writes it (build_tools/decimal_point.py).

The comma locale is compiled by the test itself (glibc's `localedef`, into a folder named by
LOCPATH), from Debian's `locales` package, which `.ci/run` installs where it is missing.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import SHARE_POLICY, SMALL_KB

INSTALL = "apt-get update -qq && apt-get install -y -qq locales"
COMMA_LOCALE = "de_DE.UTF-8"

SCHEMA = """ruleset: points
knowledge_base: knowledge_base.md
facts:
  hours: {type: number, min: 0, max: 10, question: Hours a month?}
  share: {type: number, min: -5, max: 5, question: Share?}
derived: {}
"""
RULES = """rules:
  - id: enough.hours
    reason: Enough hours.
    cites: [goals]
    when: {fact: hours, gte: 1.5}
    then: {evidence: {coaching: 2}}
  - id: small.share
    reason: A small share.
    cites: [mentors]
    when: {fact: share, lt: -0.25}
    then: {evidence: {mentoring: 1}}
"""
HOURS = (0.00001, 1.2, 1.49, 1.5, 1.7, 2, 9.75)
SHARES = (-4.5, -0.3, -0.25, -0.2, 0.5)

# Loads the rule set and decides each person under the locale named first, then again under
# the one named second without loading the rules again (facts read under another locale than
# the rules were), printing the separator and the rules each person fired.
_SCRIPT = r"""
import json, locale, sys
from pathfit import Engine
rules, load_in, decide_in = sys.argv[1:4]
locale.setlocale(locale.LC_ALL, load_in)
out = []
with Engine.load(rules) as engine:
    for where in (load_in, decide_in):
        locale.setlocale(locale.LC_ALL, where)
        people = [{"hours": h, "share": s} for h in %r for s in %r]
        out.append([locale.localeconv()["decimal_point"],
                    [sorted(engine.evaluate(p).fired) for p in people]])
print(json.dumps(out))
""" % (HOURS, SHARES)


def _comma_locale(folder: Path) -> dict:
    """An environment whose LOCPATH holds COMMA_LOCALE, compiled here."""
    folder.mkdir()
    made = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8", str(folder / COMMA_LOCALE)],
                          capture_output=True, text=True, timeout=120)
    if not (folder / COMMA_LOCALE).is_dir():
        pytest.fail(f"could not compile the {COMMA_LOCALE} locale (localedef: {made.stderr.strip()}); "
                    f"Debian's locales package holds its source: {INSTALL}")
    return {**os.environ, "LOCPATH": str(folder)}


def test_decisions_under_a_decimal_comma_locale_are_those_under_c(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    for name, text in (("schema.yaml", SCHEMA), ("rules.yaml", RULES), ("policy.yaml", SHARE_POLICY),
                       ("knowledge_base.md", SMALL_KB)):
        (rules / name).write_text(text, encoding="utf-8")
    env = _comma_locale(tmp_path / "locales")
    # what each person must fire, worked out here from the rules' two comparisons
    expected = [sorted((["enough.hours"] if h >= 1.5 else []) + (["small.share"] if s < -0.25 else []))
                for h in HOURS for s in SHARES]
    assert sum(map(bool, expected)) > 0 and not all(expected)
    for load_in, decide_in in (("C", COMMA_LOCALE), (COMMA_LOCALE, COMMA_LOCALE), (COMMA_LOCALE, "C")):
        done = subprocess.run([sys.executable, "-c", _SCRIPT, str(rules), load_in, decide_in],
                              capture_output=True, text=True, timeout=120, env=env)
        assert done.returncode == 0, done.stderr
        first, second = json.loads(done.stdout)
        assert [first[0], second[0]] == ["," if where == COMMA_LOCALE else "." for where in (load_in, decide_in)]
        assert first[1] == expected, (load_in, load_in)
        assert second[1] == expected, (load_in, decide_in)
