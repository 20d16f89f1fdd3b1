"""A reason's printed share has the sign of its exact value, in every view that prints one.
Before: coaching 3.98 against mentoring 0.02 (confidence 0.995, shown 1.00) printed the
mentoring reason, which takes away 0.0025, as "(+0.00)": "+" went on anything not starting
with "-", and its share rounds to zero. Now "(-0.00)"; an exact 0 is "(0.00)", no sign; the
HTML report, which has only the recorded four places, signs what it has ("-0.0025", and "0"
for a share recorded as 0, whose sign the record cannot tell)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.audit.record import build_record
from pathfit.engine.reports.html import render as html_report
from pathfit.engine.service.page import result as page_result

from .helpers import scored_rule_set

FACTS = {"a": True, "b": True}


def _rules(tmp_path: Path, coaching: str, mentoring: str, below: str = "2") -> Path:
    return scored_rule_set(tmp_path, "signs", coaching, mentoring, below)


def _views(rules: Path) -> dict:
    """The shares as text, Markdown and the web page print them, by reason."""
    facts = [f"--fact={k}={str(v).lower()}" for k, v in FACTS.items()]
    text = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), *facts]).output
    md = CliRunner().invoke(cli, ["recommend", "--rules", str(rules), "--format", "markdown", *facts]).output
    with Engine.load(rules) as engine:
        page = re.sub(r"<[^>]+>", "", page_result(engine.ruleset, engine.evaluate(FACTS)))  # the text shown
    return {view: dict(re.findall(r"([AB]) says \w+\. \[kb#\w+\]\s+\(([-+]?\d\.\d\d)\)", " ".join(out.split())))
            for view, out in (("text", text), ("markdown", md), ("page", page))}


@pytest.mark.parametrize("coaching, mentoring, below, shares", [
    ("3.98", "0.02", "2", {"A": "+0.50", "B": "-0.00"}),  # 0.4975 and -0.0025 of 0.995, printed 1.00
    ("1", "2", "5", {"A": "0.00", "B": "-0.40"}),  # shortfall: evidence for the weaker outcome counts 0
])
def test_a_share_is_printed_with_its_exact_sign_regression_a_reason_that_takes_away_printed_plus_zero(
        tmp_path, coaching, mentoring, below, shares):
    assert _views(_rules(tmp_path, coaching, mentoring, below)) == {"text": shares, "markdown": shares,
                                                                    "page": shares}


def test_the_report_signs_the_recorded_share_and_gives_a_recorded_zero_none_regression_plus_zero(tmp_path):
    for where, (coaching, mentoring, shown) in {"small": ("3.98", "0.02", "-0.0025"),
                                                "tiny": ("199.98", "0.0002", "0")}.items():
        (tmp_path / where).mkdir()
        with Engine.load(_rules(tmp_path / where, coaching, mentoring)) as engine:
            record = build_record(engine, engine.evaluate(FACTS), None, record_id="r1")
        effects = re.search(r'data-rule="m\.guide">.*?class="effects">\[(.*?)\]', html_report(record)).group(1)
        assert effects == f"+{mentoring} mentoring; confidence {shown}"
