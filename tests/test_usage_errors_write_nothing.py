"""A command line that cannot be read as options is click's usage error, as README's "Bad input"
says: the usage and `Error: ...` on stderr, exit status 2, a did-you-mean for a misspelt option,
and nothing written, the command never run."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli


@pytest.mark.parametrize("args, said", [
    (["batch", "{rows}", "--out", "{out}", "--jobs", "0"], "Invalid value for '--jobs'"),
    (["recommend", "--format", "xml", "--record", "{out}"], "Invalid value for '--format'"),
    (["recommend", "--recrod", "{out}"], "Did you mean '--record'?"),
    (["docs", "--out", "{out}", "--kb-lnk", "x"], "Did you mean '--kb-link'?"),
    (["test", "--min-coverage", "abc", "--format", "json"], "Invalid value for '--min-coverage'"),
])
def test_a_usage_error_is_clicks_exit_2_and_writes_nothing(tmp_path, args, said):
    rows, out = tmp_path / "rows.jsonl", tmp_path / "out.file"
    rows.write_text('{"id": "a"}\n')
    result = CliRunner().invoke(cli, [a.format(rows=rows, out=out) for a in args], prog_name="pathfit")
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Usage: pathfit {args[0]} [OPTIONS]"), result.stderr
    assert "\nError: " in result.stderr and said in result.stderr, result.stderr
    assert result.stdout == "" and not out.exists()
