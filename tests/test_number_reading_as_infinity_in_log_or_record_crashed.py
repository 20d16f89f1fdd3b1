"""A number too large for a float (`1e400`) in an audit log line or a record file is refused at it.

Regression: records and log lines are read refusing NaN and Infinity (docs/audit.md, "Canonical
JSON"), but json reads `1e400`, or a fraction of 400 digits, as Infinity without a word, and the
first digest taken over it refused it: `audit verify` and `audit show` of such a log stopped with
"internal error: ValueError: Out of range float values are not JSON compliant" (exit 2, no code,
no place). It is now refused as the Infinity token is: PF601 at the number on a log line (verify
exit 1, as for any damaged line), PF608 at it in a record file.
"""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .audit_support import logged_folder, record_refused_by_every_reader

HUGE = ["1e400", "-1e999", "1" + "0" * 400 + ".5", "2E+309"]


def _run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture
def folder(tmp_path, monkeypatch):
    return logged_folder(tmp_path, monkeypatch)


@pytest.mark.parametrize("number", HUGE)
def test_a_log_line_holding_one_is_pf601_at_the_number(folder, number):
    lines = (folder / "log.jsonl").read_bytes().splitlines(keepends=True)
    at = lines[1].index(b'"confidence":') + len(b'"confidence":')
    end = at + len(json.dumps(json.loads(lines[1])["record"]["decision"]["confidence"]))
    lines[1] = lines[1][:at] + number.encode() + lines[1][end:]
    (folder / "log.jsonl").write_bytes(b"".join(lines))
    verified = _run("audit", "verify", "log.jsonl")
    assert verified.exit_code == 1, verified.output
    assert verified.stdout.startswith(f"log.jsonl:2:{at + 1}: PF601: "), verified.output
    for args in (["audit", "show", "log.jsonl"], ["replay", "log.jsonl"]):
        result = _run(*args)
        assert not isinstance(result.exception, ValueError), (args, result.exception)
        assert f"log.jsonl:2:{at + 1}: PF601: " in result.stderr, (args, result.output)


@pytest.mark.parametrize("number", HUGE)
def test_a_record_file_holding_one_is_pf608_at_the_number(folder, number):
    lines = (folder / "d.json").read_text().splitlines(keepends=True)
    row = next(i for i, line in enumerate(lines) if line.startswith('    "confidence": '))
    column = len('    "confidence": ') + 1
    lines[row] = lines[row][:column - 1] + number + ",\n"
    (folder / "d.json").write_text("".join(lines))
    record_refused_by_every_reader(folder, f"d.json:{row + 1}:{column}")


def test_large_finite_numbers_are_still_read(folder):
    """1e308 is a float: read, and refused only as any edit is (the digest no longer matches)."""
    text = (folder / "d.json").read_text()
    (folder / "d.json").write_text(text.replace('    "confidence": ', '    "confidence": 1e308, "x": ', 1))
    result = _run("audit", "verify", "d.json")
    assert result.exit_code == 1 and ": PF609: " in result.stdout, result.output
