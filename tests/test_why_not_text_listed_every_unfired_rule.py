"""`explain --why-not` printed every rule supporting the outcome that did not fire: on a
1,000-rule set 284 of them in 1,071 lines, on 3,000 rules 1,269 in 4,867 lines, for one
person. The text now shows the 25 most relevant and says how many more there are; JSON
still lists every one, and a list of 25 or fewer (every bundled example's) is printed
whole as before. Sizes are counted at two rule-set sizes, never timed."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.explain import SHOWN_RULES
from pathfit.cli.main import cli
from tools import synth

from .helpers import ROOT, synthetic_engines

# its 150 commands on the bundled rules (and a few on two generated ones) read, validate and compile
# each rule set once, not once a command: that was three quarters of the module's time
pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")

@pytest.fixture(scope="module")
def engines(tmp_path_factory):
    with synthetic_engines(tmp_path_factory) as load:
        yield load


def _why_not(args: list[str]) -> tuple[str, list]:
    runner = CliRunner()
    text = runner.invoke(cli, ["explain", *args, "--why-not", "coaching"])
    data = runner.invoke(cli, ["explain", *args, "--why-not", "coaching", "--format", "json"])
    assert text.exit_code == 0 and data.exit_code == 0, (text.output, data.output)
    return text.output, json.loads(data.output)["rules"]


def _person(engine, tmp_path: Path) -> Path:
    """The first generated person not recommended coaching."""
    for person in synth.profiles(engine.ruleset, 20, seed=5, known_fraction=0.7):
        if engine.evaluate(person).outcome != "coaching":
            path = tmp_path / "person.json"
            path.write_text(json.dumps(person))
            return path
    raise AssertionError("no generated person without coaching")


@pytest.mark.parametrize("n_rules", [300, 1000])
def test_the_text_shows_the_most_relevant_unfired_rules_and_counts_the_rest(engines, tmp_path, n_rules):
    engine = engines(n_rules, 11)
    text, rules = _why_not(["--rules", str(engine.ruleset.directory), "--profile", str(_person(engine, tmp_path))])
    assert len(rules) > SHOWN_RULES
    entries = re.findall(r"^- (.*)$", text, re.M)
    assert len(entries) == SHOWN_RULES
    assert text.rstrip("\n").splitlines()[-1] == \
        f"... and {len(rules) - SHOWN_RULES:,} more, less relevant (`--format json` lists every one)."


def test_the_text_does_not_grow_with_the_rule_set_while_json_lists_every_rule(engines, tmp_path):
    sizes, listed = [], []
    for n_rules in (300, 1000):
        engine = engines(n_rules, 11)
        text, rules = _why_not(["--rules", str(engine.ruleset.directory),
                                "--profile", str(_person(engine, tmp_path))])
        sizes.append(len(text.splitlines()))
        listed.append(len(rules))
    assert listed[1] > 2 * listed[0]
    assert sizes[1] < 2 * sizes[0] and sizes[1] < 400, sizes


def test_every_bundled_example_lists_its_unfired_rules_whole():
    for example in sorted((ROOT / "examples").glob("*.yaml")):
        for outcome in ("coaching", "mentoring", "blended"):
            runner = CliRunner()
            text = runner.invoke(cli, ["explain", "--rules", str(ROOT / "rules"), "--profile", str(example),
                                       "--why-not", outcome])
            data = runner.invoke(cli, ["explain", "--rules", str(ROOT / "rules"), "--profile", str(example),
                                       "--why-not", outcome, "--format", "json"])
            if text.exit_code != 0:
                continue
            rules = json.loads(data.output)["rules"]
            assert len(re.findall(r"^- ", text.output, re.M)) == len(rules) <= SHOWN_RULES, example
            assert "less relevant" not in text.output
