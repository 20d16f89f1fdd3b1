"""`impact --profiles` given a directory was click's usage error (PF600 at `--profiles`, with the
usage text), where `batch` given one for its cohort, and `impact` given a missing corpus, say
pathfit's located `path:0:0: PF100: ...`: the corpus is read by the reader that says what it
cannot read, as every cohort is."""
from __future__ import annotations

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def test_a_directory_given_for_the_corpus_is_located(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "adir").mkdir()
    result = CliRunner().invoke(cli, ["impact", "--base", TINY, "--rules", TINY, "--profiles", "adir"])
    assert result.exit_code == 2, result.output
    assert result.output.startswith("adir:0:0: PF100: "), result.output
    assert "Usage:" not in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["adir"] and not any((tmp_path / "adir").iterdir())
