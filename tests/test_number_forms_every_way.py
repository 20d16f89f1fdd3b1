"""A number's form gets one verdict whichever way it comes in as text (a YAML profile,
`--fact`, a batch CSV cell), with its code and position: a form YAML 1.1 reads as text and
YAML 1.2 and CSV as a number (`1e1`, `1.0e1`, `1.5e0`, `-.5`) is refused with how to write
it (PF407) every such way, as README promises; a JSON profile reads it as JSON does. A whole
number far out of range is the profile's PF404 at the value, never a rule file's code, and
one longer than pathfit reads is refused as too large (PF402), never an internal error.

Regressions: `1.0e1` and `1.5e0` were taken by `--fact` and a CSV cell and refused by a YAML
profile (PF402 without advice before that); `-.5` was taken by `--fact` and a CSV cell and
PF402 without advice in a YAML profile; a 101-digit whole number in a YAML or JSON profile
was PF203 (a rule file's code) where `--fact` said PF404; a 5,001-digit one given by
`--fact` or a CSV cell ended in an internal error (the batch wrote nothing)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.scalars import plain_number, yaml_reads_as_text

TINY = Path(__file__).parent / "fixtures" / "tiny"
BIG = "1" + "0" * 100  # 101 digits: read, and out of every fact's range
NEGATIVE_BIG = "-1" + "0" * 1000
TOO_LONG = "1" + "0" * 5000  # more digits than pathfit (and Python's int()) reads as a whole number

# as written -> (code in a YAML profile, --fact and a CSV cell, or the number taken;
#                how to write it, for PF407; what a JSON profile gives: the number, or a code)
FORMS = {
    "1e1": ("PF407", "write 10", 10),
    "1.0e1": ("PF407", "write 10", 10),
    "1.5e0": ("PF407", "write 1.5", 1.5),
    "12.0e0": ("PF407", "write 12", 12),
    "1E+1": ("PF407", "write 10", 10),
    "1e-1": ("PF407", "write 0.1", 0.1),
    "1e-5": ("PF407", "write 1.0e-05", 1e-05),  # as YAML 1.1 reads it too (was "write 1e-05": text to it)
    "1e300": ("PF407", "write 1.0e+300", "PF404"),  # (was "write 1000000000000000052504...": another number)
    "1.e1": ("PF407", "write 10", "PF102"),
    ".5e1": ("PF407", "write 5", "PF102"),
    "-.5": ("PF407", "write -0.5", "PF102"),
    "+.5": ("PF407", "write 0.5", "PF102"),
    "1.0e+1": (10, None, 10),  # a point and a signed exponent: a number to YAML 1.1 too
    "1.5e+0": (1.5, None, 1.5),
    ".5": (0.5, None, "PF102"),
    "1e-400": ("PF402", None, "PF402"),  # no number a float holds as written
    BIG: ("PF404", None, "PF404"),
    NEGATIVE_BIG: ("PF404", None, "PF404"),
}
# where the value stands: `hours_per_month: X` / `{"hours_per_month": X}` / `a,X` on line 2
AT = {"yaml": "p.yaml:1:18", "json": "p.json:1:21", "fact": "--fact:0:0", "csv": (2, 3)}


def _run(*args: str):
    return CliRunner(env={"PATHFIT_RULES": None}).invoke(cli, list(args))


def _verdict(kind: str, text: str, tmp_path: Path) -> tuple:
    """(code, where, message) of the one problem, or (the number taken, None, '')."""
    if kind == "csv":
        (tmp_path / "p.csv").write_text(f"id,hours_per_month\na,{text}\n")
        done = _run("batch", str(tmp_path / "p.csv"), "--out", str(tmp_path / "out.jsonl"))
        assert "internal error" not in done.output, done.output
        row = json.loads((tmp_path / "out.jsonl").read_text())
        if row["error"] is None:
            return ("taken", None, "")
        return (row["error"]["code"], (row["error"]["line"], row["error"]["col"]), row["error"]["message"])
    if kind == "fact":
        done = _run("recommend", "--fact", f"hours_per_month={text}", "--format", "json")
    else:
        body = f"hours_per_month: {text}\n" if kind == "yaml" else f'{{"hours_per_month": {text}}}\n'
        (tmp_path / f"p.{kind}").write_text(body)
        done = _run("recommend", "--profile", str(tmp_path / f"p.{kind}"), "--format", "json")
    if done.exit_code == 0:
        return (json.loads(done.stdout)["facts"]["hours_per_month"], None, "")
    assert done.exit_code == 2 and "Traceback" not in done.output and "internal error" not in done.output, done.output
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    where, code, message = lines[0].replace(f"{tmp_path}/", "").split(": ", 2)
    return (code, where, message)


@pytest.mark.parametrize("text", list(FORMS), ids=lambda t: t[:12])
@pytest.mark.parametrize("kind", ["yaml", "fact", "csv"])
def test_a_number_form_gets_the_same_code_at_its_value_every_way_in_as_text(tmp_path, kind, text):
    expected, advice, _ = FORMS[text]
    code, where, message = _verdict(kind, text, tmp_path)
    if not isinstance(expected, str):
        assert code == (expected if kind != "csv" else "taken"), (code, message)
        return
    assert (code, where) == (expected, AT[kind]), message
    if advice is not None:
        assert message.endswith(f"({advice})"), message


@pytest.mark.parametrize("text", list(FORMS), ids=lambda t: t[:12])
def test_a_json_profile_reads_a_number_form_as_json_does(tmp_path, text):
    expected = FORMS[text][2]
    code, where, message = _verdict("json", text, tmp_path)
    if not isinstance(expected, str):
        assert code == expected, (code, message)
    elif expected == "PF102":  # not JSON: where JSON's reader stops, on the value's line
        assert code == "PF102" and where.startswith("p.json:1:"), (code, where, message)
    else:
        assert (code, where) == (expected, AT["json"]), message


@pytest.mark.parametrize("kind", ["yaml", "fact", "csv"])
def test_a_whole_number_longer_than_pathfit_reads_is_refused_as_too_large_at_its_value(tmp_path, kind):
    code, where, message = _verdict(kind, TOO_LONG, tmp_path)
    assert (code, where) == ("PF402", AT[kind]), message
    assert "too large" in message and len(message) < 200, message


# Forms YAML 1.1 and the other readers disagree on the other way round from FORMS: 0o14 is a
# number to YAML 1.2 alone (text to YAML 1.1, CSV and --fact), and 1:30 to YAML 1.1 alone (90, in
# base 60); 1:75 is no number to any reader. -> (code every way in, the advice's end or None)
OTHER_FORMS = {
    "0o14": ("PF407", "(write 12)"),
    "1:30": ("PF407", "write the number meant as a plain decimal)"),
    "-1:30": ("PF407", "write the number meant as a plain decimal)"),
    "1:30.5": ("PF407", "write the number meant as a plain decimal)"),
    "12:00": ("PF407", "write the number meant as a plain decimal)"),
    "1:75": ("PF402", None),
}


@pytest.mark.parametrize("text", list(OTHER_FORMS))
@pytest.mark.parametrize("kind", ["yaml", "fact", "csv"])
def test_octal_and_base_60_forms_get_the_profile_code_at_the_value_every_way_in(tmp_path, kind, text):
    """Regression: `1:30` in a YAML profile was PF203 'cannot read as int', a rule file's code
    naming no fact, where `--fact` and a CSV cell said PF402; now every way in says PF407,
    as YAML 1.1 reads it as 90 and the others as text."""
    code, advice = OTHER_FORMS[text]
    got, where, message = _verdict(kind, text, tmp_path)
    assert (got, where) == (code, AT[kind]), message
    if advice is not None:
        assert message.endswith(advice) and "hours_per_month" in message, message


def test_a_huge_whole_number_in_a_yaml_profile_is_never_a_rule_file_code(tmp_path):
    """A profile's facts are checked against the schema: PF404 at the value, and the profile's
    other problems beside it, where PF203 stopped the reading at the number."""
    (tmp_path / "p.yaml").write_text(f"hours_per_month: {BIG}\ncareer_stage: bogus\n")
    done = _run("recommend", "--profile", str(tmp_path / "p.yaml"))
    assert done.exit_code == 2
    assert [line.split(": ")[:2] for line in done.stderr.splitlines()] == [
        [f"{tmp_path / 'p.yaml'}:1:18", "PF404"], [f"{tmp_path / 'p.yaml'}:2:15", "PF403"]], done.stderr


@pytest.mark.parametrize("text", list(FORMS), ids=lambda t: t[:12])
def test_plain_number_keeps_as_text_exactly_what_a_yaml_profile_reads_as_text(text):
    """One reading: `--fact` and a CSV cell hand the profile check the text exactly where a
    YAML profile's value is the text (YAML 1.1 reads it so, or a float does not hold it),
    and the number where it is one."""
    as_text = FORMS[text][1] is not None or text == "1e-400"
    assert yaml_reads_as_text(text) is as_text
    assert (plain_number(text) == text) is as_text, plain_number(text)


def _tiny(tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    return rules


def _problems(rules: Path) -> list:
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    return [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in info.value.problems]


@pytest.mark.parametrize("written, code", [(BIG, "PF219"), (TOO_LONG, "PF219"), ("1.0e1", "PF211"), ("1e1", "PF211"),
                                           ("-.5", "PF211"), ("0o14", "PF211"), ("12:00", "PF211"),
                                           ("1:30.5", "PF211"), ("1e-400", "PF211"), ("1e400", "PF203")])
def test_a_rule_files_number_keeps_a_rule_file_code_at_its_value(tmp_path, written, code):
    """The rule file's side of the same reading: a whole number read now (101 digits) is
    beyond what the engine compares (PF219, was PF203 'cannot read'), as is one longer than pathfit
    reads (5,001 digits, was PF203 'must be a finite number'); 1e400 is no finite number (PF203);
    an exponent YAML 1.1 reads as text is PF211
    with how to write it, as are 0o14 (text to YAML 1.1 alone), 12:00 (base 60 to YAML 1.1
    alone) and 1e-400 (too small for a float; was PF203 'not text', PF211 'write 0' and PF203
    'cannot read as int'); each at the value, in a rule's threshold and in a CSV table's weight."""
    rules = _tiny(tmp_path)
    text = (rules / "rules.yaml").read_text()
    (rules / "rules.yaml").write_text(text.replace("{fact: hours, gte: 4}", f"{{fact: hours, gte: {written}}}", 1))
    assert _problems(rules) == [(code, "rules.yaml", 5, 69)]
    rules = _tiny(tmp_path / "table")
    (rules / "t.yaml").write_text("tables:\n  - id: t\n    hit: first\n    reason: r\n    cites: [focus]\n"
                                  "    rows_from: t.csv\n")
    (rules / "t.csv").write_text(f"goal,evidence.coaching\nspecific,{written}\n")
    assert _problems(rules) == [(code, "t.csv", 2, 10)]


@pytest.mark.parametrize("written, readers, plain", [("1e1", "YAML 1.2 and JSON read", "10"),
                                                     ("-.5", "YAML 1.2 reads", "-0.5"), ("+.25", "YAML 1.2 reads", "0.25")])
def test_a_rule_files_number_yaml_1_1_reads_as_text_says_how_to_write_it(tmp_path, written, readers, plain):
    """Regression: `-.5` as a threshold was PF203 "must be a number, not text", with no word of
    why or what to write, where `1e1` said both; and JSON, which refuses `-.5`, is not named
    among the readers that take it."""
    rules = _tiny(tmp_path)
    text = (rules / "rules.yaml").read_text()
    (rules / "rules.yaml").write_text(text.replace("{fact: hours, gte: 4}", f"{{fact: hours, gte: {written}}}", 1))
    with pytest.raises(PathfitError) as info:
        Engine.load(rules)
    (problem,) = info.value.problems
    assert (problem.code, problem.message) == (
        "PF211", f"hours threshold: {written!r} is text to YAML 1.1, which pathfit reads ({readers} a plain "
                 f"{written} as a number); write {plain}")


@pytest.mark.parametrize("first, second", [("1e-400", "1.0e-400"), ("0o14", "0x0C")])
def test_a_rule_files_number_is_worded_as_its_twin_that_yaml_1_1_reads_otherwise(tmp_path, first, second):
    """Regression: a weight of `1e-400` (text to YAML 1.1) was PF211 'write 0', a weight then
    refused, where `1.0e-400` (a float to it) is refused as too small for a float; and a
    threshold of `0o14` was PF203 'not text' where `0x0C` is PF211 with how to write it.
    Each pair is now the same code at the same place, and the same words but the text."""
    said = []
    for written in (first, second):
        rules = _tiny(tmp_path / written)
        text = (rules / "rules.yaml").read_text()
        (rules / "rules.yaml").write_text(text.replace("{fact: hours, gte: 4}", f"{{fact: hours, gte: {written}}}", 1))
        with pytest.raises(PathfitError) as info:
            Engine.load(rules)
        (problem,) = info.value.problems
        said.append((problem.code, problem.pos.line, problem.pos.col, problem.message.replace(repr(written), "N")))
    assert said[0][:3] == said[1][:3] == ("PF211", 5, 69)
    if first == "1e-400":
        assert said[0][3] == said[1][3]
    else:
        assert said[0][3].endswith("write 12") and said[1][3].endswith("write 12"), said
