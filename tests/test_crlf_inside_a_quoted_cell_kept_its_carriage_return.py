"""A cohort saved on Windows (CR LF line ends) is read as its LF copy is: a quoted cell that
spans lines held each line break as CR LF, so an id over two lines was `"r1\\r\\nmulti"` where
the LF copy's is `"r1\\nmulti"` (in the results, the summary, `impact`'s listing and an audited
row's record), and a value over two lines was quoted in its problem with the CR. A break inside
the quotes is now the LF copy's; a carriage return alone inside quotes is kept, as an LF copy
keeps it."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE, tiny_copy

TINY = HERE / "fixtures" / "tiny"
COHORT = ('id,goal,needs\n'
          '"r1\nover two lines",specific,"network;\nskill"\n'
          'r2,"spec\nific",network\n'
          '"r3\rcr alone",emerging,network\n')


def _windows(text: str | bytes, bom: bool) -> bytes:
    data = (text.encode("utf-8") if isinstance(text, str) else text).replace(b"\n", b"\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + data


def _batch(tmp_path: Path, name: str, data: bytes, out: str) -> tuple[int, str, str]:
    """(exit status, stderr with the folder's name made neutral, the results file's text)."""
    folder = tmp_path / name
    folder.mkdir()
    (folder / "cohort.csv").write_bytes(data)
    result = CliRunner().invoke(cli, ["batch", str(folder / "cohort.csv"), "--out", str(folder / out),
                                      "--rules", str(TINY), "--jobs", "1"])
    return result.exit_code, result.stderr.replace(str(folder), "DIR"), (folder / out).read_text(encoding="utf-8")


@pytest.mark.parametrize("bom", [False, True])
@pytest.mark.parametrize("out", ["results.jsonl", "results.csv"])
def test_a_cohort_saved_with_crlf_gives_its_lf_copys_results(tmp_path, bom, out):
    unix = _batch(tmp_path, "unix", COHORT.encode("utf-8"), out)
    win = _batch(tmp_path, "win", _windows(COHORT, bom), out)
    assert unix[0] == 1  # r2's goal is none of the goals
    assert "over two lines" in unix[2]
    assert win == unix


def test_impact_lists_a_crlf_cohorts_ids_as_its_lf_copys(tmp_path):
    new = tiny_copy(tmp_path, [{"id": "x.network", "reason": "Networking adds to mentoring.", "cites": ["focus"],
                                "when": {"fact": "needs", "contains": "network"},
                                "then": {"evidence": {"mentoring": 1}}}])
    cohort = COHORT.replace('"spec\nific"', "specific")
    said = {}
    for name, data in (("unix", cohort.encode("utf-8")), ("win", _windows(cohort, False))):
        (tmp_path / f"{name}.csv").write_bytes(data)
        result = CliRunner().invoke(cli, ["impact", "--base", str(TINY), "--rules", str(new), "--profiles",
                                          str(tmp_path / f"{name}.csv"), "--format", "json"])
        assert result.exit_code == 0, result.output
        said[name] = result.stdout.replace(str(tmp_path / f"{name}.csv"), "CORPUS")
    assert "over two lines" in said["unix"]
    assert said["win"] == said["unix"]


ROWS_REFUSED_AS_READ = (b'id,goal,needs\n'
                        b'"r1\nover two lines",spec\xffific,\n'  # not UTF-8: refused as read, its id kept
                        b'"r2\nover two lines",specific,"' + b'network\n' * 8000 + b'"\n'  # 64,000 as read
                        b'"r3\nover two lines","' + b'skill\n' * 11000 + b'",' + b'n' * 70000 + b'\n'
                        b'"r4\nover two lines",' + b's' * 70000 + b',\n')


def test_a_row_refused_as_read_keeps_its_lf_copys_id_and_place(tmp_path):
    """A row not UTF-8, or with a cell over the field limit, keeps the id its cell was read with,
    and the cell over the limit is the one its LF copy has over it: a cell under the limit in its LF
    copy is not over it for the CRs of its line breaks."""
    for bom in (False, True):
        unix = _batch(tmp_path, f"unix{bom}", ROWS_REFUSED_AS_READ, "results.jsonl")
        win = _batch(tmp_path, f"win{bom}", _windows(ROWS_REFUSED_AS_READ, bom), "results.jsonl")
        assert unix[0] == 1
        assert [line.count('"over two lines"') for line in unix[2].splitlines()] == [0, 0, 0, 0]
        assert win == unix
