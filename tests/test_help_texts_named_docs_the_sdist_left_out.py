"""Regression: help texts send the reader to docs/audit.md, docs/authoring.md and
docs/rule-language.md, but the source distribution held none of docs/, and an installed
pathfit has no checkout to look in. The source distribution now holds every doc a help text
names, and each help that names one says it is in pathfit's source."""
from __future__ import annotations

import re
import tarfile

import click

from pathfit.cli.main import cli

from .helpers import build_checkout, run_setup

_DOC = re.compile(r"docs/[\w-]+\.md")


def _helps() -> dict[str, str]:
    """Every command's help page, by its name (`audit verify` for a subcommand), its examples
    left out: a file an example writes (`docs --out docs/rules.md`) is no doc to read."""
    pages: dict[str, str] = {}

    def walk(command: click.Command, path: list[str]) -> None:
        with click.Context(command, info_name=" ".join(["pathfit", *path])) as ctx:
            lines = command.get_help(ctx).splitlines()
            pages[" ".join(path)] = "\n".join(line for line in lines if not line.strip().startswith("pathfit "))
            if isinstance(command, click.Group):
                for name in command.list_commands(ctx):
                    walk(command.get_command(ctx, name), [*path, name])

    walk(cli, [])
    return pages


def test_every_doc_a_help_names_is_in_the_source_distribution(tmp_path):
    named = {doc: command for command, page in _helps().items() for doc in _DOC.findall(page)}
    assert {"docs/audit.md", "docs/authoring.md", "docs/rule-language.md"} <= set(named)
    top = build_checkout(tmp_path)
    done = run_setup(top, "sdist", "--formats=gztar", "--dist-dir", str(tmp_path / "dist"))
    assert done.returncode == 0, done.stderr
    (sdist,) = (tmp_path / "dist").glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        held = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {doc: command for doc, command in named.items() if doc not in held} == {}


def test_a_help_that_names_a_doc_says_it_is_in_pathfits_source():
    for command, page in _helps().items():
        flat = " ".join(page.split())
        for doc in _DOC.findall(flat):
            assert re.search(re.escape(doc) + r",? in pathfit's source", flat), (command, doc)
