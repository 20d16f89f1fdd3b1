"""A number written as text means the same whichever way it comes in (a YAML profile,
`--fact`, a CSV cell, a JSON Lines value): taken as the same number, or refused with the same
code. One a float does not hold as written (too many digits, too small) is refused, never
silently taken as a nearby number: `12.0000000000000001` is more than 12, and pathfit would
compare, explain and print 12."""
from __future__ import annotations

import json
from decimal import Decimal

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from pathfit.cli.main import cli
from pathfit.engine.pipeline.scalars import inexact, plain_number, yaml_reads_as_text

WRITTEN = {  # as written -> the number taken, or the code it is refused with
    "12.0000000000000001": "PF402", "1e-400": "PF402", "0.30000000000000001": "PF402", "2.5": 2.5,
    ".5": "PF404", "1.": 1, "+1": 1, "12": 12, "12.000": 12,
    # YAML's infinity and not-a-number are numbers a profile refuses as not finite; JSON's
    # words for them, and Python's, are text to YAML and refused as not numbers
    ".nan": "PF404", ".NaN": "PF404", ".inf": "PF404", "-.Inf": "PF404", "+.inf": "PF404",
    "NaN": "PF402", "Infinity": "PF402", "-Infinity": "PF402", "nan": "PF402", "inf": "PF402", "-.nan": "PF402",
}


def _run(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, list(args))


def _result(kind: str, text: str, tmp_path) -> object:
    if kind == "yaml":
        (tmp_path / "p.yaml").write_text(f"horizon_months: {text}\n")
        done = _run("recommend", "--profile", str(tmp_path / "p.yaml"), "--format", "json")
    elif kind == "fact":
        done = _run("recommend", "--fact", f"horizon_months={text}", "--format", "json")
    else:
        src = tmp_path / ("p.csv" if kind == "csv" else "p.jsonl")
        src.write_text(f"id,horizon_months\na,{text}\n" if kind == "csv" else f'{{"id": "a", "horizon_months": {text}}}\n')
        done = _run("batch", str(src), "--out", str(tmp_path / "out.jsonl"))
        row = json.loads((tmp_path / "out.jsonl").read_text())
        return row["error"]["code"] if row["error"] else "taken"  # a row gives no facts back
    if done.exit_code == 2:
        return done.stderr.split(": ")[1]
    return json.loads(done.stdout)["facts"]["horizon_months"]


@pytest.mark.parametrize("text", sorted(WRITTEN))
@pytest.mark.parametrize("kind", ["yaml", "fact", "csv"])
def test_a_number_means_the_same_every_way_in(tmp_path, kind, text):
    """Regression: `.5`, `1.` and `+1` were refused by --fact and taken by a profile or a CSV
    cell; `12.0000000000000001` was taken as 12 everywhere."""
    expected = WRITTEN[text]
    assert _result(kind, text, tmp_path) == (expected if kind != "csv" or isinstance(expected, str) else "taken")


@pytest.mark.parametrize("text", [t for t in sorted(WRITTEN) if "n" in t.lower()])
def test_a_number_box_reads_infinity_and_nan_as_fact_does(text):
    """Regression: `--fact hours=NaN` was PF404 (read as JSON's NaN) where a YAML profile, a CSV
    cell and a number box refuse the text `NaN` (PF402); `.nan` and `.inf` were PF402 by
    `--fact`, a CSV cell and a number box, where a YAML profile reads them as numbers (PF404)."""
    from pathfit.engine import Engine, PathfitError
    from pathfit.engine.service import form

    with Engine.load() as engine:
        facts = form.read_form(engine.ruleset, f"horizon_months={text}".encode())[0]
        with pytest.raises(PathfitError) as refused:
            engine.check(facts)
    assert refused.value.codes == [WRITTEN[text]]


@pytest.mark.parametrize("text", ["12.0000000000000001", "1e-400", "0.30000000000000001", "2.5", "12.000"])
def test_a_json_lines_number_is_refused_exactly_when_a_csv_cell_is(tmp_path, text):
    expected = WRITTEN[text]
    got = _result("jsonl", text, tmp_path)
    assert got == (expected if isinstance(expected, str) else "taken"), got


@settings(max_examples=400)
@given(st.integers(-10**20, 10**20), st.integers(0, 25), st.integers(-330, 330))
def test_a_number_is_refused_exactly_when_its_float_is_another_number(mantissa, places, exponent):
    """Against Decimal: a text is taken exactly when the float read from it, written back as
    Python writes it, is the same number as the text, and YAML 1.1 reads it as a number (a
    point and a signed exponent, `12.5e+3`); `12e3` and `1.25e4`, text to YAML 1.1, are kept
    as text by every way in, as a YAML profile keeps them (PF407)."""
    digits = str(abs(mantissa)).rjust(places + 1, "0")
    sign, whole, fraction = "-" if mantissa < 0 else "", digits[:len(digits) - places], digits[len(digits) - places:]
    text = f"{sign}{whole}.{fraction}e{exponent}" if places else f"{mantissa}e{exponent}"
    value = float(text)
    same = value != float("inf") and value != float("-inf") and Decimal(text) == Decimal(repr(value))
    assert inexact(text, value) is not same
    assert yaml_reads_as_text(text) is (not places or exponent >= 0)  # no point, or no sign
    assert (plain_number(text) == text) is (not same or yaml_reads_as_text(text))
    read_alike = f"{sign}{whole}.{fraction}e{exponent:+d}"  # a number to YAML 1.1 as well
    assert not yaml_reads_as_text(read_alike)
    assert (plain_number(read_alike) == read_alike) is not same


def test_fact_null_and_unknown_still_mean_unknown_for_a_number():
    """Regression: with plain numbers read as a CSV cell reads them, `--fact hours=null` (what
    a program writes for JSON's null) was refused as text."""
    for written in ("null", "unknown"):
        done = _run("recommend", "--fact", f"horizon_months={written}", "--format", "json")
        assert done.exit_code == 0, done.output
        assert "horizon_months" not in json.loads(done.stdout)["facts"]


def test_a_json_profile_with_a_number_a_float_does_not_hold_keeps_its_positions(tmp_path):
    """Regression: the number kept as text by JSON's reading and as a float by YAML's made the
    two readings differ, and every problem of the profile was reported at 0:0."""
    profile = tmp_path / "p.json"
    profile.write_text('{\n  "horizon_months": 12.0000000000000001,\n  "career_stage": "bogus"\n}\n')
    done = _run("recommend", "--profile", str(profile))
    assert done.exit_code == 2
    assert [line.split(": ")[0:2] for line in done.stderr.splitlines()] == [
        [f"{profile}:2:21", "PF402"], [f"{profile}:3:19", "PF403"]], done.stderr


def test_a_number_too_large_is_said_to_be_too_large():
    done = _run("recommend", "--fact", "horizon_months=1e400")
    assert done.exit_code == 2 and "too large" in done.stderr and "more digits" not in done.stderr, done.stderr


EXPONENTS = {"1e1": "10", "1.0e1": "10", "1.5e0": "1.5", "1E1": "10", "12.0e0": "12"}  # as written -> to write


@pytest.mark.parametrize("text", sorted(EXPONENTS))
def test_an_exponent_yaml_1_1_reads_as_text_is_pf407_with_its_plain_form_in_a_yaml_profile(tmp_path, text):
    """Regression: `1e1` was PF407 with how to write it, but `1.0e1` and `1.5e0` (also text to
    YAML 1.1, numbers to YAML 1.2 and JSON) were PF402 with no advice."""
    (tmp_path / "p.yaml").write_text(f"horizon_months: {text}\n")
    done = _run("recommend", "--profile", str(tmp_path / "p.yaml"))
    assert done.exit_code == 2, done.output
    assert done.stderr.startswith(f"{tmp_path / 'p.yaml'}:1:17: PF407: "), done.stderr
    assert f"(write {EXPONENTS[text]})" in done.stderr


@pytest.mark.parametrize("text", sorted(EXPONENTS))
@pytest.mark.parametrize("kind", ["fact", "csv", "jsonl"])
def test_an_exponent_is_pf407_every_way_in_as_text_and_the_number_in_json(tmp_path, kind, text):
    """`--fact` and a CSV cell give the YAML profile's verdict (PF407: README's "in a YAML
    profile, a CSV cell and `--fact` alike"); JSON Lines, where JSON reads it, the number.
    Regression: `--fact` and a CSV cell took these while a YAML profile refused them."""
    got = _result(kind, text, tmp_path)
    assert got == ("taken" if kind == "jsonl" else "PF407"), got


@pytest.mark.parametrize("text", ["0x10", "1:30", "024", "1_000", "0b11"])
@pytest.mark.parametrize("fact", ["measurable_soon", "goal_clarity"])
def test_a_number_readers_disagree_on_given_for_a_yes_no_or_choice_is_quoted_as_written(tmp_path, fact, text):
    """Regression: `measurable_soon: 1:30` in a YAML profile was refused "not 90" (YAML 1.1's
    base 60), `0x10` "not 16", where `--fact` and a CSV cell quote what was written: the
    person never wrote 90."""
    (tmp_path / "p.yaml").write_text(f"{fact}: {text}\n")
    from_profile = _run("recommend", "--profile", str(tmp_path / "p.yaml"))
    from_fact = _run("recommend", "--fact", f"{fact}={text}")
    assert from_profile.exit_code == from_fact.exit_code == 2
    said = from_profile.stderr.split(": ", 1)[1]
    assert said == from_fact.stderr.split(": ", 1)[1], (from_profile.stderr, from_fact.stderr)
    assert said.rstrip("\n").endswith(f"not {text!r}"), said
