"""Every example a `--help` text shows runs as shown: exit status 0, no traceback, no usage
error, and `--format json` output that parses.

The examples are read from the help texts themselves (the indented lines of their
description), so an example added to a command is checked without touching this file. Each
help text's examples run in order, as a user would type them, in a fresh copy of a folder
that holds what they read (a person's profile, a cohort, an audit log signed and sealed, the
keys, a starter rule project, older copies of the rules) and none of the new files they
write, with a fresh, empty home folder; `export NAME=VALUE` carries to the examples after it.
Two placeholders stand for what only a real log knows: `3f1c...e9` for its head and `3f1c2a`
for a record id. `serve` runs on a free port until it has said where it serves, then is
stopped with Ctrl-C, which must end it cleanly.

Regressions: `pathfit audit keygen ~/.config/pathfit/audit.key` was refused on a machine
without that folder (keygen, as every output, never makes a missing folder: the example now
makes it); `interview`'s stdin example was run into a paragraph of prose by the help
formatter, and two of its examples saved to the same new file, so the second was refused;
`pathfit test`'s last example named a test file `pathfit init` does not write.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import ROOT

HEAD_PLACEHOLDER, ID_PLACEHOLDER = "3f1c...e9", "3f1c2a"
# options whose FILE an example writes as a new file: absent before that help's examples run
NEW_FILE_OPTIONS = ("--record", "--save")


def _commands(group: click.Command = cli, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command path under the top-level group, the group itself first."""
    found = [path]
    if isinstance(group, click.Group):
        ctx = click.Context(group)
        for name in group.list_commands(ctx):
            found += _commands(group.get_command(ctx, name), path + (name,))
    return found


def _help(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(cli, [*path, "--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    return result.output


def examples(help_text: str) -> list[str]:
    """The example command lines of a help text: the description's lines indented beyond its
    prose (click keeps a `\\b` block's lines as written; prose is re-wrapped at two spaces)."""
    description = re.split(r"^(?:Options|Commands):$", help_text, maxsplit=1, flags=re.M)[0]
    return [line.strip() for line in description.splitlines() if line.startswith("    ") and line.strip()]


COMMANDS = _commands()
HELPED = [(path, examples(_help(path))) for path in COMMANDS]


def _run(args: list[str], cwd: Path, env: dict, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> dict:
    """The folder every help text's examples start from, built once; -> paths and the
    placeholders' real values."""
    top = tmp_path_factory.mktemp("help-examples")
    bin_dir = top / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "pathfit"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pathfit.cli.main "$@"\n')
    shim.chmod(0o755)
    work = top / "work"
    work.mkdir()
    (work / "docs").mkdir()
    shutil.copytree(ROOT / "examples", work / "examples")
    shutil.copy(ROOT / "knowledge_base.md", work / "knowledge_base.md")
    for name in ("rules", "rules-v2", "old", "new"):
        shutil.copytree(ROOT / "rules", work / name)
    (top / "release").mkdir()
    shutil.copytree(ROOT / "rules", top / "release" / "rules")
    shutil.copy(ROOT / "knowledge_base.md", top / "release" / "knowledge_base.md")
    shutil.copy(ROOT / "examples" / "new-vp-wants-structure.yaml", work / "person.yaml")
    shutil.copy(ROOT / "examples" / "partial-intake-only-basics.yaml", work / "partial.yaml")
    person = (work / "person.yaml").read_text(encoding="utf-8")
    import yaml

    (work / "person.json").write_text(json.dumps(yaml.safe_load(person)), encoding="utf-8")
    corpus = (ROOT / "examples" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()
    (work / "cohort.jsonl").write_text("\n".join(corpus[:10]) + "\n", encoding="utf-8")
    (work / "cohort.csv").write_text("id,needs,goal_clarity,hours_per_month\n"
                                     "A1,performance;specific_skill,specific,4\nA2,career_direction,undefined,2\n",
                                     encoding="utf-8")
    token = work / "token.txt"
    token.write_text("a-secret-of-more-than-sixteen-characters\n")
    token.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PATHFIT_")}
    env.update(PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", NO_COLOR="1", PATHFIT_CACHE="0",
               HOME=str(top / "home"))

    def made(*args: str, stdin: str = "", **more: str) -> str:
        done = _run(["pathfit", *args], work, {**env, **more}, stdin)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    made("audit", "keygen", "audit.key")
    made("audit", "keygen", "--signing", "signing.key")
    made("audit", "keygen", "--signing", "old.key")
    shutil.copy(work / "signing.key.pub", work / "new.pub")
    shutil.copy(work / "old.key.pub", work / "old.pub")
    made("init", "my-rules")
    # twelve unsigned entries (a batch of ten rows between its begin and commit), then a signed one
    made("batch", "cohort.jsonl", "--out", "old.jsonl", "--audit-log", "old-audit.jsonl", "--quiet",
         PATHFIT_AUDIT_KEY_FILE=str(work / "audit.key"))
    keys = {"PATHFIT_AUDIT_KEY_FILE": str(work / "audit.key"), "PATHFIT_SIGNING_KEY_FILE": str(work / "signing.key")}
    made("recommend", "--profile", "person.yaml", "--audit-log", "old-audit.jsonl", **keys)
    made("recommend", "--profile", "person.yaml", "--record", "decision.json", "--audit-log", "audit.jsonl", **keys)
    made("recommend", "--profile", "examples/burnt-out-director-sleep-problems.yaml", "--audit-log", "audit.jsonl",
         **keys)
    (work / "head-0301.json").write_text(made("audit", "head", "audit.jsonl", **keys))
    (work / "old.jsonl").unlink()
    head = json.loads((work / "head-0301.json").read_text())["head"]
    record_id = json.loads((work / "decision.json").read_text())["id"][:8]
    return {"top": top, "env": {**env, **keys}, "head": head, "id": record_id}


def _fresh_copy(base: dict, where: Path) -> tuple[Path, dict]:
    shutil.copytree(base["top"], where, symlinks=True)
    env = {**base["env"], "HOME": str(where / "home"),
           "PATH": base["env"]["PATH"].replace(str(base["top"]), str(where), 1)}
    for name in ("PATHFIT_AUDIT_KEY_FILE", "PATHFIT_SIGNING_KEY_FILE"):
        env[name] = env[name].replace(str(base["top"]), str(where), 1)
    (where / "home").mkdir()
    return where / "work", env


def _new_files(lines: list[str]) -> list[str]:
    """Files the examples write as new ones (--record, --save, init's DIRECTORY)."""
    out = []
    for line in lines:
        words = shlex.split(line)
        for i, word in enumerate(words[:-1]):
            if word in NEW_FILE_OPTIONS or (word == "init" and i and words[i - 1] == "pathfit"):
                out.append(words[i + 1])
    return out


def _serve(line: str, cwd: Path, env: dict) -> None:
    """Run a `pathfit serve` example on a free port until it serves, then stop it with Ctrl-C."""
    words = shlex.split(line)
    if "--port" in words:
        words[words.index("--port") + 1] = "0"
    else:
        words += ["--port", "0"]
    proc = subprocess.Popen(words, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        banner = proc.stderr.readline()
        assert banner.startswith("pathfit serving on http://"), (line, banner + proc.stderr.read())
        proc.send_signal(signal.SIGINT)
        out, rest = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Traceback" not in rest, (line, rest)


@pytest.mark.parametrize("path,lines", HELPED, ids=[" ".join(("pathfit",) + p) for p, _ in HELPED])
def test_every_help_example_runs_as_shown(base, tmp_path, path, lines):
    assert lines, f"`pathfit {' '.join(path)} --help` shows no example"
    cwd, env = _fresh_copy(base, tmp_path / "copy")
    for name in _new_files(lines):
        target = cwd / name
        shutil.rmtree(target) if target.is_dir() else target.unlink(missing_ok=True)
    for line in lines:
        assert "pathfit" in line or line.split()[0] in ("export", "mkdir"), f"not a pathfit example: {line}"
        line = line.replace(HEAD_PLACEHOLDER, base["head"]).replace(ID_PLACEHOLDER, base["id"])
        if line.startswith("export "):
            name, _, value = line[len("export "):].partition("=")
            env[name] = env["HOME"] + value[1:] if value.startswith("~") else value
            continue
        if line.startswith("pathfit serve"):
            _serve(line, cwd, env)
            continue
        done = _run(["bash", "-c", line], cwd, env)
        shown = f"$ {line}\n{done.stdout[-2000:]}{done.stderr[-2000:]}"
        assert done.returncode == 0, shown
        assert "Traceback" not in done.stderr and "Error: " not in done.stderr and "PF600" not in done.stderr, shown
        if "--format json" in line and ">" not in line:
            json.loads(done.stdout)


def test_the_advertised_completion_line_completes_commands_and_options(base, tmp_path):
    """`pathfit --help` advertises bash completion with a line to eval: that line, taken from
    the help, must define completion for `pathfit` that completes a command and an option."""
    line = next(l for l in _help(()).splitlines() if "_PATHFIT_COMPLETE" in l)
    setup = line.split(":", 1)[1].strip()
    script = (f"{setup}\n"
              "COMPREPLY=(); COMP_WORDS=(pathfit rec); COMP_CWORD=1; _pathfit_completion pathfit; echo \"${COMPREPLY[@]}\"\n"
              "COMPREPLY=(); COMP_WORDS=(pathfit recommend --for); COMP_CWORD=2; _pathfit_completion pathfit;"
              " echo \"${COMPREPLY[@]}\"\n")
    done = _run(["bash", "-c", script], tmp_path, base["env"])
    assert done.returncode == 0 and not done.stderr, done.stderr
    assert done.stdout.splitlines() == ["recommend", "--format"], done.stdout


def test_interview_help_shows_its_stdin_example_as_an_example():
    """Regression: the line piping answers into `pathfit interview` sat under a paragraph of
    prose, so the help formatter ran it into that paragraph, where nobody could copy it."""
    lines = dict(HELPED)[("interview",)]
    assert any(line.startswith("printf ") and line.endswith("| pathfit interview") for line in lines), lines
