"""An empty path is refused, never read as no path at all.

Regression: `--record ""` and `--audit-log ""` (as `--record "$OUT"` gives with OUT unset)
decided and wrote no record, exit status 0; `--rules ""` read the default rules, `--profile ""`
an empty person, and `schema --out ""` wrote its file into the working directory. Through the
Python API, Engine.load("") read the working directory's files as the rule set, since
pathlib reads '' as '.'.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.cli.params import FilePath
from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.bundled import bundled_rules_dir

from .helpers import cli_commands

PROFILE = "person.yaml"
PERSON = "career_stage: senior_leader\ntrigger: new_role\nneeds: [specific_skill]\n"


def _path_parameters():
    """(command words, parameter) for every path a command takes, found from the commands
    themselves, so a path option added later is checked too."""
    return [(words.split(), param) for words, command in cli_commands() for param in command.params
            if isinstance(param.type, FilePath)]


PATH_PARAMETERS = _path_parameters()


def test_the_sweep_finds_the_paths_that_were_read_as_no_path():
    """The sweep below is only as good as what it finds: the options this regression was
    about must be among them."""
    names = {(" ".join(words), param.name) for words, param in PATH_PARAMETERS}
    assert {("recommend", "record_path"), ("recommend", "audit_log"), ("recommend", "rules"),
            ("recommend", "profile_path"), ("schema", "out_dir"), ("batch", "audit_log"),
            ("serve", "audit_log"), ("interview", "save")} <= names, names
    assert len(PATH_PARAMETERS) >= 30


def _where(param: click.Parameter) -> str:
    return max(param.opts, key=len) if isinstance(param, click.Option) else param.human_readable_name


@pytest.mark.parametrize("words, param", PATH_PARAMETERS,
                         ids=[f"{' '.join(w)} {_where(p)}" for w, p in PATH_PARAMETERS])
def test_every_path_given_empty_is_pf613_at_its_name(tmp_path, monkeypatch, words, param):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    if isinstance(param, click.Option):
        given = [param.opts[0], ""]
    else:
        command = cli
        for word in words:
            command = command.get_command(click.Context(command), word)
        before = [p for p in command.params if isinstance(p, click.Argument)]
        assert before.index(param) == 0, "an empty argument after others needs values for them first"
        given = [""]
    if words == ["serve"]:
        # a port out of range, read after the empty path: were the path let through, click's
        # usage error would end the command here, where a server would otherwise start and wait
        given += ["--port", "65536"]
    result = CliRunner().invoke(cli, [*words, *given], input="")
    where = _where(param)
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{where}:0:0: PF613: "), result.stderr
    assert "Traceback" not in result.output and "Usage:" not in result.output
    assert list(tmp_path.iterdir()) == []


# Everything else on these command lines is good: with a name where the path is empty, each
# runs (exit status 0); with the empty path each ran too, before, and wrote nothing it was asked to.
COMMAND_LINES = [
    (["recommend", "--profile", PROFILE, "--record", ""], "rec.json"),
    (["recommend", "--profile", PROFILE, "--audit-log", ""], "log.jsonl"),
    (["explain", "--profile", PROFILE, "--rules", ""], "RULES"),
    (["recommend", "--profile", PROFILE, "--rules", ""], "RULES"),
    (["recommend", "--profile", ""], PROFILE),
    (["batch", "in.csv", "--out", "out.jsonl", "--audit-log", ""], "log.jsonl"),
    (["schema", "--out", ""], "outdir"),
    (["lint", "--rules", ""], "RULES"),
    (["test", "--rules", ""], "RULES"),
]


@pytest.mark.parametrize("args, instead", COMMAND_LINES, ids=[" ".join(a) for a, _ in COMMAND_LINES])
def test_an_empty_path_on_a_good_command_line_stops_it(tmp_path, tmp_path_factory, monkeypatch, args, instead):
    key = tmp_path_factory.mktemp("key") / "audit.key"
    assert CliRunner().invoke(cli, ["audit", "keygen", str(key)]).exit_code == 0
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key))  # the rule set has sensitive facts
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    (tmp_path / PROFILE).write_text(PERSON)
    (tmp_path / "in.csv").write_text("id,career_stage,trigger\nr1,senior_leader,new_role\n")
    inputs = sorted(p.name for p in tmp_path.iterdir())
    empty = args.index("")
    named = str(bundled_rules_dir()) if instead == "RULES" else instead
    fine = CliRunner().invoke(cli, [*args[:empty], named, *args[empty + 1:]], input="")
    assert fine.exit_code == 0, fine.output
    for made in set(tmp_path.iterdir()) - {tmp_path / name for name in inputs}:
        shutil.rmtree(made) if made.is_dir() else made.unlink()

    result = CliRunner().invoke(cli, args, input="")
    assert result.exit_code == 2, result.output
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"{args[empty - 1]}:0:0: PF613: "), result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == inputs


def test_engine_load_of_an_empty_path_is_pf216_even_where_the_working_directory_is_a_rule_set(
        tmp_path, monkeypatch):
    bundled = Path(bundled_rules_dir())
    shutil.copytree(bundled.parent, tmp_path / "installed")  # with the knowledge base it cites
    monkeypatch.chdir(tmp_path / "installed" / bundled.name)
    assert Engine.load(".").evaluate({"career_stage": "senior_leader"}) is not None  # the directory is a rule set
    with pytest.raises(PathfitError) as raised:
        Engine.load("")
    assert [(p.code, p.pos.file) for p in raised.value.problems] == [("PF216", "<rules>")]


def test_an_empty_pathfit_rules_counts_as_unset(tmp_path, monkeypatch):
    """An environment variable set empty is, as shells and most tools treat it, not set: the
    rule set is found as without it; only a path typed on the command line is refused empty."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PATHFIT_RULES", raising=False)
    (tmp_path / PROFILE).write_text(PERSON)
    args = ["recommend", "--profile", PROFILE, "--format", "json"]
    unset = CliRunner().invoke(cli, args)
    monkeypatch.setenv("PATHFIT_RULES", "")
    empty = CliRunner().invoke(cli, args)
    monkeypatch.setenv("PATHFIT_RULES", str(tmp_path / "nowhere"))
    elsewhere = CliRunner().invoke(cli, args)
    assert unset.exit_code == empty.exit_code == 0, (unset.output, empty.output)
    assert empty.stdout == unset.stdout
    assert elsewhere.exit_code == 2 and "PF216" in elsewhere.stderr  # the variable is read at all
