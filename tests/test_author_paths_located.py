"""Rule-author commands take a path of the wrong kind as bad input in pathfit's own form,
`file:0:0: CODE: message` with exit status 2 and nothing written, not as click's usage
error: lint's DIRECTORY given a file (PF216, as a missing directory is), schema's --out
given a file (PF618, as any refused output is), docs' --out given a directory (PF618),
test's PATHS read by the reader that reports what cannot be read. Their help pages and
shell completion stay click.Path's."""
from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from pathfit.cli import params
from pathfit.cli.main import cli
from pathfit.cli.params import FilePath

from .helpers import tiny_copy


def _run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output and "Invalid value" not in result.output, result.output
    return result


def test_lint_given_a_file_for_its_directory_is_located_pf216(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    result = _run("lint", str(afile))
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"{afile}:0:0: PF216: not a directory: give the rule set's directory"]


def test_schema_out_given_a_file_is_located_pf618_and_writes_nothing(tmp_path):
    rules = tiny_copy(tmp_path)
    afile = tmp_path / "afile"
    afile.write_text("kept", encoding="utf-8")
    result = _run("schema", "--rules", str(rules), "--out", str(afile))
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"{afile}:0:0: PF618: --out is a file, not a directory"]
    assert afile.read_text(encoding="utf-8") == "kept"


def test_schema_out_given_a_dangling_link_says_so(tmp_path):
    rules = tiny_copy(tmp_path)
    link = tmp_path / "link"
    link.symlink_to(tmp_path / "nowhere")
    result = _run("schema", "--rules", str(rules), "--out", str(link))
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"{link}:0:0: PF618: --out is a link to nothing, not a directory"]
    assert not (tmp_path / "nowhere").exists()


def test_docs_out_given_a_directory_is_located_pf618(tmp_path):
    rules = tiny_copy(tmp_path)
    folder = tmp_path / "folder"
    folder.mkdir()
    result = _run("docs", "--rules", str(rules), "--out", str(folder))
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"{folder}:0:0: PF618: --out is a directory, not a regular file"]
    assert list(folder.iterdir()) == []


def test_test_paths_are_left_to_the_reader(tmp_path, monkeypatch):
    """A path click would call unreadable is read by the reader, which locates what it cannot read."""
    rules = tiny_copy(tmp_path)
    case = tmp_path / "case.yaml"
    case.write_text("", encoding="utf-8")
    real = params.os.access
    monkeypatch.setattr(params.os, "access", lambda path, mode, **k: str(path) != str(case) and real(path, mode, **k))
    result = _run("test", "--rules", str(rules), str(case))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1].startswith(f"{case}:1:1: PF109: ")


def test_unchecked_paths_keep_click_paths_name_and_completion():
    for file_okay, dir_okay in ((False, True), (True, False), (True, True)):
        ours = FilePath(file_okay=file_okay, dir_okay=dir_okay, checked=False)
        theirs = click.Path(file_okay=file_okay, dir_okay=dir_okay)
        assert ours.name == theirs.name
        assert [(c.value, c.type) for c in ours.shell_complete(None, None, "ex")] == \
            [(c.value, c.type) for c in theirs.shell_complete(None, None, "ex")]
    ctx = click.Context(cli)
    lint = cli.get_command(ctx, "lint")
    assert "Usage: lint [OPTIONS] [DIRECTORY]" in lint.get_help(click.Context(lint, info_name="lint"))


@pytest.mark.parametrize("args", [
    ("lint", "--rules", "{f}"), ("recommend", "--rules", "{f}", "--fact", "goal_clarity=specific"),
    ("docs", "--rules", "{f}"), ("test", "--rules", "{f}"), ("rules", "list", "--rules", "{f}"),
    ("schema", "--rules", "{f}"), ("impact", "--base", "{f}", "--rules", "{f}", "--profiles", "{f}"),
    ("batch", "{f}", "--out", "{t}/o.jsonl", "--rules", "{f}"),
])
def test_every_rules_option_given_a_file_is_located_pf216(tmp_path, args):
    """`--rules FILE` (and impact's `--base FILE`) gave click's usage error, where a missing
    directory got a located PF216."""
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    result = _run(*(a.format(f=afile, t=tmp_path) for a in args))
    assert result.exit_code == 2, result.output
    assert result.output.splitlines()[0] == f"{afile}:0:0: PF216: not a directory: give the rule set's directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile"]
