"""`pathfit test --min-coverage ""` (`--min-coverage "$MIN"` with MIN unset) says what was given.

Regression: the refusal quoted the value with its blanks stripped, so an empty or blank minimum
read "must be a number from 0 to 100, not " and named nothing. It is quoted now, as written.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import tiny_copy


@pytest.mark.parametrize("minimum", ["", "  ", "\t"])
def test_an_empty_or_blank_minimum_is_quoted_in_its_refusal(tmp_path, minimum):
    rules = tiny_copy(tmp_path)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--min-coverage", minimum])
    assert result.exit_code == 2 and "Traceback" not in result.output
    quoted = {"": "''", "  ": "'  '", "\t": "'\\t'"}[minimum]
    first = result.stderr.splitlines()[0]  # PF600 at the option, then click's usage
    assert first.startswith("--min-coverage:0:0: PF600: "), result.stderr
    assert first.endswith(f"must be a number from 0 to 100, not {quoted}"), result.stderr
    assert result.stderr.splitlines()[1].startswith("Usage: "), result.stderr
    assert result.stdout == ""


def test_a_minimum_written_with_text_is_still_shown_as_written(tmp_path):
    rules = tiny_copy(tmp_path)
    result = CliRunner().invoke(cli, ["test", "--rules", str(rules), "--min-coverage", " abc "])
    assert result.exit_code == 2
    first = result.stderr.splitlines()[0]
    assert first.startswith("--min-coverage:0:0: PF600: ") and first.endswith("must be a number from 0 to 100, not abc"), \
        result.stderr
