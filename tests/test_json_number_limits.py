"""Numbers at the edges of what JSON can write, read the one way pathfit reads a number
wherever it comes from.

Regressions: a whole number of more digits than pathfit reads as one (5,000) in a JSON
profile was Python's "Exceeds the limit (4300 digits) for integer string conversion"
as PF102, and in a JSON Lines row an internal error (locating the row's keys read its
numbers); it is now PF402 at the value, too large, as in a YAML profile, a CSV cell or
`--fact`. `1e300` out of range was shown as the float's 301 exact digits ("1000000000000000052504..."),
not the number written. A number box on the web page read `1e1` as 10, where `--fact`, a CSV
cell and a YAML profile refuse it as a form readers disagree on (PF407, write 10)."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .serve_support import call, form_body
from .serve_support import server  # the module-scoped service the serve tests share

HUGE = "9" * 5000


def _run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.mark.parametrize("digits", [HUGE, "-" + HUGE])
def test_a_json_profile_number_of_too_many_digits_is_pf402_at_the_value(tmp_path, digits):
    profile = tmp_path / "p.json"
    profile.write_text('{\n  "horizon_months": ' + digits + "\n}\n")
    result = _run("recommend", "--profile", str(profile))
    assert result.exit_code == 2 and result.stdout == ""
    assert re.fullmatch(rf"{re.escape(str(profile))}:2:21: PF402: horizon_months is a number from 1 to 120, not "
                        r"'-?9+\.\.\.: too large for the numbers pathfit compares, it would be read as -?infinity\n",
                        result.stderr), result.stderr


def test_the_same_digits_are_refused_alike_in_yaml_csv_fact_and_json(tmp_path):
    said = []
    for name, text in [("p.json", '{"horizon_months": ' + HUGE + "}"), ("p.yaml", "horizon_months: " + HUGE)]:
        (tmp_path / name).write_text(text + "\n")
        said.append(_run("recommend", "--profile", str(tmp_path / name)).stderr.split(": ", 2)[1:])
    said.append(_run("recommend", "--fact", f"horizon_months={HUGE}").stderr.split(": ", 2)[1:])
    assert said[0] == said[1] == said[2] and said[0][0] == "PF402", said


def test_a_json_lines_row_number_of_too_many_digits_is_that_row_s_error(tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text('{"id": "a", "horizon_months": ' + HUGE + '}\n{"id": "b", "horizon_months": 9}\n')
    out = tmp_path / "out.csv"
    result = _run("batch", str(rows), "--out", str(out))
    assert result.exit_code == 1 and "internal error" not in result.output, result.output
    lines = out.read_text().splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("1,a,") and ',PF402,"1:31: PF402: horizon_months is a number' in lines[1]
    assert lines[2].startswith("2,b,") and "PF" not in lines[2]


@pytest.mark.parametrize("written, shown", [("1e300", "1e+300"), ("-1.5e200", "-1.5e+200"), ("1e16", "1e+16"),
                                            ("9007199254740993.0", None), ("121.0", "121")])
def test_an_out_of_range_number_is_shown_as_written_not_as_a_float_s_digits(tmp_path, written, shown):
    profile = tmp_path / "p.json"
    profile.write_text('{"horizon_months": ' + written + "}\n")
    result = _run("recommend", "--profile", str(profile))
    assert result.exit_code == 2
    if shown is None:  # more digits than a float holds: refused as written (PF402), never rounded
        assert ": PF402: " in result.stderr and written in result.stderr, result.stderr
    else:
        assert result.stderr.endswith(f": PF404: horizon_months is from 1 to 120; {shown} is out of range\n"), \
            result.stderr
    assert not re.search(r"[0-9]{18}", result.stderr.replace(written, ""))


def test_the_api_reads_a_number_of_too_many_digits_as_the_cli_does(server):
    reply = call(server, "POST", "/v1/decisions", raw=('{"facts": {"horizon_months": ' + HUGE + "}}").encode(),
                 headers={"Content-Type": "application/json"})
    assert reply.status == 422, reply.body
    assert [(e["code"], e["fact"]) for e in reply.json["errors"]] == [("PF402", "horizon_months")]


@pytest.mark.parametrize("typed, plain", [("1e1", "10"), ("1.2e1", "12"), ("-.5", None), ("1E1", "10")])
def test_a_form_number_readers_disagree_on_is_refused_as_fact_refuses_it(server, typed, plain):
    api = call(server, "POST", "/v1/decisions", {"facts": {"hours_per_month": typed}})
    cli_said = _run("recommend", "--fact", f"hours_per_month={typed}").stderr
    # a JSON string is text to every reader, as in a JSON profile: refused as text (PF402), no
    # reader disagreeing on it; typed on the command line or in the form, it is a number as written
    assert [(e["code"], e["fact"], e["message"]) for e in api.json["errors"]] == [
        ("PF402", "hours_per_month", f"hours_per_month is a number from 0 to 160, not {typed!r}")]
    assert cli_said.startswith(f"--fact:0:0: PF407: hours_per_month: {typed!r} is not a plain decimal number, "
                               "and readers disagree on it"), cli_said
    page = call(server, "POST", "/decide", raw=form_body({"hours_per_month": typed}),
                headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert page.status == 422 and "Please check these answers" in page.text, page.text
    if plain is not None:
        assert f"write {plain}" in page.text


@pytest.mark.parametrize("count, code", [(4300, "PF404"), (4301, "PF402")])
def test_a_whole_number_of_4300_digits_is_out_of_range_and_one_of_4301_too_large_every_way_in(tmp_path, count,
                                                                                             code):
    """The edge of "up to 4,300" digits: 4,300 nines are a whole number out of range (PF404, shown
    by its count of digits) in a YAML and a JSON profile, `--fact`, a CSV cell, a JSON Lines row and
    from the Python API; 4,301 are too large to read (PF402) every way. The cases above are 5,000
    digits, so a limit read one short passed them."""
    from pathfit.engine import Engine, PathfitError

    digits = "9" * count
    (tmp_path / "p.yaml").write_text(f"horizon_months: {digits}\n")
    (tmp_path / "p.json").write_text(f'{{"horizon_months": {digits}}}\n')
    said = [_run("recommend", "--profile", str(tmp_path / name)).stderr for name in ("p.yaml", "p.json")]
    said.append(_run("recommend", "--fact", f"horizon_months={digits}").stderr)
    assert said[0].startswith(f"{tmp_path / 'p.yaml'}:1:17: {code}: "), said[0][:200]
    assert said[1].startswith(f"{tmp_path / 'p.json'}:1:20: {code}: "), said[1][:200]
    assert said[2].startswith(f"--fact:0:0: {code}: "), said[2][:200]
    (tmp_path / "in.csv").write_text(f"id,horizon_months\na,{digits}\n")
    (tmp_path / "in.jsonl").write_text(f'{{"id": "a", "horizon_months": {digits}}}\n')
    for name, at in (("in.csv", "2:3"), ("in.jsonl", "1:31")):
        assert _run("batch", str(tmp_path / name), "--out", str(tmp_path / f"{name}.csv"), "--quiet").exit_code == 1
        row = (tmp_path / f"{name}.csv").read_text().splitlines()[1]
        assert f',{code},"{at}: {code}: ' in row, row[:200]
    with Engine.load() as engine:
        for least_or_most in (10 ** (count - 1), 10 ** count - 1):  # the fewest and the most of `count` digits
            with pytest.raises(PathfitError) as info:
                engine.check({"horizon_months": least_or_most})
            assert info.value.codes == [code]
