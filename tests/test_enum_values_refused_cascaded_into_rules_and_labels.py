"""Regression: an input enum or set whose `values` were refused (not a list, empty, or one of
them no identifier) was then used as if it declared what it could read: every rule comparing
it was told its value "is not a value of goal ()", an empty list, and every label that its
value "is not one of the fact's values", each a further error for the one mistake, and each
untrue of the file as written. The fact's values are now not judged where they are used, as
a derived fact's are: the schema's own error is the one message (a label's text that is
not text is still its own)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy, tiny_edited_problems

GOAL = "    values: [specific, emerging, undefined]\n"
NEEDS = "    values: [skill, network, basics]\n"
LABELS = "    labels: {specific: Specific, emerging: Emerging}\n"


def _problems(tmp_path: Path, old: str, new: str) -> list:
    return tiny_edited_problems(tmp_path, "schema.yaml", old, new)


@pytest.mark.parametrize("written, code, col", [("specific", "PF203", 13), ("[]", "PF204", 13), ("{a: 1}", "PF203", 13),
                                                ("[Specific, emerging, undefined]", "PF212", 14)])
def test_an_enums_refused_values_are_the_one_error(tmp_path, written, code, col):
    assert _problems(tmp_path, GOAL, f"    values: {written}\n") == [(code, "schema.yaml", 6, col)]


def test_its_labels_are_not_judged_against_values_refused(tmp_path):
    assert _problems(tmp_path, GOAL, f"    values: specific\n{LABELS}") == [("PF203", "schema.yaml", 6, 13)]


def test_a_label_that_is_no_text_is_still_its_own_error(tmp_path):
    assert _problems(tmp_path, GOAL, "    values: specific\n    labels: {specific: [a]}\n") == [
        ("PF203", "schema.yaml", 6, 13), ("PF203", "schema.yaml", 7, 24)]


def test_a_sets_refused_values_are_the_one_error(tmp_path):
    assert _problems(tmp_path, NEEDS, "    values: skill\n") == [("PF203", "schema.yaml", 15, 13)]


def test_lint_says_it_once_too(tmp_path):
    rules = tiny_copy(tmp_path)
    schema = rules / "schema.yaml"
    schema.write_text(schema.read_text().replace(GOAL, "    values: specific\n", 1))
    result = CliRunner().invoke(cli, ["lint", "--rules", str(rules)])
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == ["PF203"]
    assert "()" not in result.stdout
