"""`pathfit docs`: a Markdown catalogue of the rules, with a Mermaid dependency graph."""
from __future__ import annotations

import os
from pathlib import Path

import click

from pathfit.engine.errors import PathfitError
from pathfit.engine.quote import shown_path

from .authoring import rules_dir
from .common import echo, fail_with, rules_option
from .params import Command, FilePath


@click.command(cls=Command)
@rules_option
@click.option("--out", "out_path", type=FilePath(dir_okay=False, checked=False), default=None,
              help="Write the Markdown here (whole or not at all) instead of printing it; replaced whole if "
                   "it exists: it is made again from the rules.")
@click.option("--kb-link", default=None, metavar="URL",
              help="Link citations to this knowledge base [default: its path relative to the output file; "
                   "for the bundled rules, its name beside them (knowledge_base.md), never a path into "
                   "the installation]. A fragment it holds (`#top`) is replaced by each section's.")
def docs(rules: str | None, out_path: str | None, kb_link: str | None) -> None:
    """Write a Markdown catalogue of the rules grouped by what they conclude: each
    rule's reason, conditions in plain words, effects and knowledge-base links, and
    a Mermaid graph of facts, rules, derived facts and outcomes.

    \b
    Examples:
      pathfit docs --out docs/rules.md
      pathfit docs --rules my-rules/ --kb-link https://intranet.example/kb.html
    """
    from pathfit.engine.authoring.catalogue import render
    from pathfit.engine.files import check_target, write_atomic
    from pathfit.engine.api import load_rules
    from pathfit.engine.pipeline.model import input_files

    try:  # from the cache as every command's rule set; refused as the engine refuses it at load
        rs = load_rules(rules_dir(rules))[0]  # (PF215, PF301-PF305), never catalogued
    except PathfitError as err:
        from pathfit.engine.authoring.lint.capacity import with_compile_problems  # every problem at once, as lint

        fail_with(with_compile_problems(rules_dir(rules), err))
    if out_path is not None:
        try:  # before any work: a missing folder, or an output that is one of the rule set's files (replaced)
            check_target(out_path, input_files(rs), what="--out", rules=rs.directory)
        except PathfitError as err:
            fail_with(err)
    if kb_link is None:
        kb_link = _default_kb_link(rs.directory, rs.knowledge_base, out_path)
    else:  # a page's own fragment (`kb.html#top`) would leave `#top#section`, a link to no section
        kb_link = kb_link.split("#", 1)[0]
    text = render(rs, kb_link)
    if out_path is None:
        echo(text.rstrip("\n"))
        return
    try:
        write_atomic(out_path, text)
    except PathfitError as err:
        fail_with(err)
    echo(f"wrote {shown_path(Path(out_path))}", err=True)


def _default_kb_link(directory: str, knowledge_base: str, out_path: str | None) -> str:
    """The knowledge base relative to the output file; for the bundled rules, relative to
    the rule set's parent, as rule files are named (`rules/coaching.yaml`), because the
    path from here to an installed copy runs through a virtual environment or site-packages.
    Both ends are real paths: a reader follows `..` from the directory the file really lies
    in, so a link made from an output folder's symbolic link would lead elsewhere."""
    from pathfit.engine.pipeline.bundled import bundled_rules_dir

    try:
        bundled = os.path.realpath(directory) == os.path.realpath(bundled_rules_dir())
    except PathfitError:
        bundled = False
    start = os.path.dirname(os.path.realpath(directory)) if bundled else os.path.realpath(
        Path(out_path).parent if out_path else Path("."))
    return os.path.relpath(os.path.realpath(knowledge_base), start).replace(os.sep, "/")

