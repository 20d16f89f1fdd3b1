"""`change N` with a number of ten or more digits names no answer, as `change 99` does: it was
read as an answer to the question shown ("Answer yes or no"), so the person learnt nothing
about the number and a question whose choices include such text could take it. A number of
5,000 digits (past int()'s limit) is refused the same way, and leading zeros name the answer
the number without them names."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


def run(*lines: str) -> str:
    result = CliRunner().invoke(cli, ["interview"], input="\n".join(lines) + "\n", catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("number", ["9999999999", "12345678901234567890", "9" * 5000, "0" * 5000 + "3"])
def test_a_long_number_after_change_names_no_answer(number):
    out = run("no", "no", f"change {number}", "quit")
    said = f"There is no answer {number.lstrip('0')} to change: change 1 to change 2"
    assert said in " ".join(out.split())  # a long number stands on a line of its own
    assert "Answer yes or no" not in out


def test_leading_zeros_name_the_answer_without_them():
    out = run("no", "no", "change " + "0" * 20 + "1", "quit")
    assert "question 1 again (now:" in out
