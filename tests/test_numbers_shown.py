"""Numbers a view prints are the numbers the rules hold: never rounded to six digits as `:g`
rounds them (a weight of 2.0000004 printed as "+2", 1234567 as "+1.23457e+06")."""
from __future__ import annotations

from hypothesis import given, strategies as st

from pathfit.engine.reports.numbers import number_text, signed_text


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-10 ** 20, 10 ** 20))
def test_a_printed_number_reads_back_as_the_same_value(value):
    text = number_text(value)
    assert float(text) == value if isinstance(value, float) else int(text) == value
    assert signed_text(value) == (text if text.startswith("-") else "+" + text)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        assert "." not in text and "e" not in text


def test_weights_are_shown_as_written_regression_g_rounded_them(tmp_path):
    """Regression: `rules show` printed a weight of 2.0000004 as "+2"."""
    import yaml
    from click.testing import CliRunner

    from pathfit.cli.main import cli

    from .helpers import bundled_copy

    rules = bundled_copy(tmp_path)
    doc = yaml.safe_load((rules / "coaching.yaml").read_text())
    doc["rules"][0]["then"]["evidence"] = {"coaching": 2.0000004}
    rule_id = doc["rules"][0]["id"]
    (rules / "coaching.yaml").write_text(yaml.safe_dump(doc))
    shown = CliRunner().invoke(cli, ["rules", "show", rule_id, "--rules", str(rules)])
    assert shown.exit_code == 0, shown.output
    assert "+2.0000004 coaching" in shown.output
