"""An accent can be typed as one character (U+00E9, é) or as a letter and a combining accent
(e + U+0301): the same text to the person reading it, two strings to Python. Text a person
types to find something an author or another person wrote (an interview answer naming a
choice by its label; `audit show --subject` and `--operator`) is compared under Unicode
canonical equivalence (NFC), so either spelling finds it.

Regression: a label written decomposed was refused when typed precomposed (with a did-you-mean
that looked exactly like what was typed), and `audit show --subject` listed "0 of 1 records"
for a subject recorded in the other spelling: an auditor told there was no record about a
person who had one."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.answers import parse_answer

from .audit_support import make_key
from .helpers import ROOT

EXAMPLE = ROOT / "examples" / "new-vp-wants-structure.yaml"
PRECOMPOSED, DECOMPOSED = "\u00e9", "e\u0301"


@pytest.fixture(scope="module")
def needs():
    with Engine.load() as engine:
        yield engine.ruleset.facts["needs"]


@pytest.mark.parametrize("written, typed", [(DECOMPOSED, PRECOMPOSED), (PRECOMPOSED, DECOMPOSED)])
@pytest.mark.parametrize("kind", ["enum", "set"])
def test_a_label_is_found_whichever_way_its_accent_is_typed(needs, kind, written, typed):
    value = needs.values[0]
    fact = needs._replace(type=kind, labels=((value, f"Strat{written}gie d'entreprise"),))
    want = [value] if kind == "set" else value
    assert parse_answer(fact, f"Strat{typed}gie d'entreprise") == want
    assert parse_answer(fact, f"strat{typed}gie") == want  # the start of one choice, case aside


@pytest.mark.parametrize("option, written, typed", [("--subject", DECOMPOSED, PRECOMPOSED),
                                                    ("--subject", PRECOMPOSED, DECOMPOSED),
                                                    ("--operator", DECOMPOSED, PRECOMPOSED),
                                                    ("--operator", PRECOMPOSED, DECOMPOSED)])
def test_audit_show_finds_a_subject_or_operator_whichever_way_its_accent_is_typed(tmp_path, monkeypatch, option,
                                                                                  written, typed):
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(make_key(tmp_path)))
    log = tmp_path / "audit.jsonl"
    made = CliRunner().invoke(cli, ["recommend", "--profile", str(EXAMPLE), "--audit-log", str(log),
                                    option, f"Ren{written}e Dupont"])
    assert made.exit_code == 0, made.output
    shown = CliRunner().invoke(cli, ["audit", "show", str(log), option, f"Ren{typed}e Dupont", "--format", "json"])
    assert shown.exit_code == 0, shown.output
    assert len(json.loads(shown.stdout)) == 1
    other = CliRunner().invoke(cli, ["audit", "show", str(log), option, "Renee Dupont", "--format", "json"])
    assert json.loads(other.stdout) == []  # an accent left off is another name
