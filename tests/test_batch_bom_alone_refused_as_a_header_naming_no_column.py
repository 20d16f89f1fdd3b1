"""A cohort that is a UTF-8 byte order mark and nothing else (an empty file saved by an editor
that marks UTF-8, as Windows Notepad does) is read as its unmarked copy, the empty file: `batch`
refused it (PF406, "the CSV header names no column", exit status 2) where it decides the empty
file's no rows (exit status 0), and `impact` said its header named no column where the empty
file holds no profiles."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def _batch(folder: Path, data: bytes, name: str, out: str) -> tuple[int, str, str]:
    folder.mkdir()
    (folder / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["batch", str(folder / name), "--out", str(folder / out), "--rules", TINY,
                                      "--jobs", "1"])
    written = (folder / out).read_text(encoding="utf-8") if (folder / out).exists() else None
    return result.exit_code, result.stderr.replace(str(folder), "DIR"), written


@pytest.mark.parametrize("name", ["cohort.csv", "cohort.jsonl"])
@pytest.mark.parametrize("out", ["results.jsonl", "results.csv"])
def test_a_byte_order_mark_alone_is_read_as_the_empty_file(tmp_path, name, out):
    empty = _batch(tmp_path / "empty", b"", name, out)
    marked = _batch(tmp_path / "marked", b"\xef\xbb\xbf", name, out)
    assert empty[0] == 0
    assert marked == empty


@pytest.mark.parametrize("name", ["cohort.csv", "cohort.jsonl"])
def test_impact_reads_a_byte_order_mark_alone_as_the_empty_file(tmp_path, name):
    said = []
    for folder, data in (("empty", b""), ("marked", b"\xef\xbb\xbf")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_bytes(data)
        result = CliRunner().invoke(cli, ["impact", "--base", TINY, "--rules", TINY, "--profiles",
                                          str(tmp_path / folder / name)])
        said.append((result.exit_code, result.stderr.replace(str(tmp_path / folder), "DIR")))
    assert said[0][0] == 2 and ": PF406: " in said[0][1]
    assert said[1] == said[0]
