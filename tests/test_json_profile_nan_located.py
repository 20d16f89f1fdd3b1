"""NaN, Infinity or -Infinity in a `.json` profile is refused where it is written (PF102 at
the token), as JSON's reader locates any other text that is not JSON. json's hook for them is
told no position, so the problem was at the whole file (0:0)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


def where(text: str, offset: int) -> tuple[int, int]:
    """(line, column) of a 0-based offset, both from 1."""
    return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)


@pytest.mark.parametrize("text,token", [
    ('{\n  "goal_clarity": "specific",\n  "horizon_months": NaN\n}\n', "NaN"),
    ('{"facts": {"needs": ["specific_skill"], "hours_per_month": -Infinity}}', "-Infinity"),
    # a key written twice is the profile's own PF105, not json's refusal: the token is still found,
    ('{"career_stage": "executive", "career_stage": "executive", "horizon_months": Infinity}', "Infinity"),
    # nor is a whole number too long for a float, which is the profile's own PF402
    ('{"hours_per_month": ' + "9" * 5000 + ', "horizon_months": NaN}', "NaN"),
])
def test_nan_or_infinity_in_a_json_profile_is_refused_at_its_token(tmp_path: Path, text: str, token: str) -> None:
    profile = tmp_path / "p.json"
    profile.write_text(text)
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(profile)])
    line, col = where(text, text.index(token))
    assert result.exit_code == 2, result.output
    assert f"{profile}:{line}:{col}: PF102: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
