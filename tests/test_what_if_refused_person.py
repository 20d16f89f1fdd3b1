"""Regression: `explain --what-if` stopped with exit 2 and the engine's PF231 ("set to 2 values
for this person") when one changed person tried sets a valued derived fact twice, though the
person asked about is decided and the other changes lead where they lead. Such a changed
person reaches no outcome: it is listed with its problem (`refused`), the search goes on, and
every alternative still comes from re-running the rules."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.explain.what_if import what_if

from .helpers import UNREADY_SLOW, VALUED

PERSON = {"goal": "specific", "hours": 4, "ready": True}


def _rules(tmp_path):
    rules = tmp_path / "valued"
    shutil.copytree(VALUED, rules)
    with open(rules / "rules.yaml", "a", encoding="utf-8") as f:
        f.write(UNREADY_SLOW)  # not ready: pace slow, beside hours 2-8: pace steady (PF231)
    return rules


def _changed(changes: list) -> dict:
    """The person after `changes` ({fact, from, to}; `to` null: made unknown), built from the
    entries alone."""
    after = dict(PERSON)
    for c in changes:
        after.pop(c["fact"], None)
        if c["to"] is not None:
            after[c["fact"]] = c["to"]
    return after


def test_a_refused_changed_person_is_listed_and_the_search_goes_on(tmp_path):
    rules = _rules(tmp_path)
    with Engine.load(rules) as engine:
        result = what_if(engine, PERSON)
        assert {"fact": "ready", "from": True, "to": False} in [c for r in result["refused"] for c in r["changes"]]
        for r in result["refused"]:  # the reference: each changed person, decided alone, is refused
            assert r["code"] == "PF231" and r["size"] >= len(r["changes"])
            with pytest.raises(PathfitError) as info:
                engine.evaluate(_changed(r["changes"]))
            assert info.value.problems[0].code == "PF231"
        assert result["alternatives"]  # the search went on past them
        for alt in result["alternatives"]:
            assert engine.evaluate(_changed(alt["changes"])).outcome == alt["outcome"]
    args = ["explain", "--rules", str(rules)] + [f"--fact={k}={str(v).lower()}" for k, v in PERSON.items()]
    text = CliRunner().invoke(cli, [*args, "--what-if"])
    assert text.exit_code == 0, text.output
    assert "The engine refuses the person" in text.stdout and "PF231" in text.stdout
    data = CliRunner().invoke(cli, [*args, "--what-if", "--format", "json"])
    assert data.exit_code == 0 and json.loads(data.stdout)["refused"] == result["refused"]


def test_a_refused_pair_of_changes_is_listed_as_a_refused_single_change_is(tmp_path):
    """The search tries pairs too (here every pair: refer and not now stay unreachable, and the
    search says it was exhaustive); a pair the engine refuses is listed as a single change is.
    Checked from the output: the refused single change (ready to false) beside each single
    change of another fact that was listed as an alternative is a pair tried; where the engine
    refuses it, it is among `refused`."""
    rules = _rules(tmp_path)
    with Engine.load(rules) as engine:
        result = what_if(engine, PERSON)
        assert result["unreachable"] and all(u["exhaustive"] for u in result["unreachable"])
        listed = [sorted((c["fact"], repr(c["to"])) for c in r["changes"]) for r in result["refused"]]
        ready_false = {"fact": "ready", "from": True, "to": False}
        pairs = 0
        for alt in result["alternatives"]:
            if alt["size"] != 1 or alt["changes"][0]["fact"] == "ready":
                continue
            both = [alt["changes"][0], ready_false]
            try:
                engine.evaluate(_changed(both))
            except PathfitError:
                pairs += 1
                assert sorted((c["fact"], repr(c["to"])) for c in both) in listed, (both, result["refused"])
        assert pairs, "no refused pair to look for"
        assert any(r["size"] == 2 for r in result["refused"])
