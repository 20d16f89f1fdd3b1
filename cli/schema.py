"""`pathfit schema`: JSON Schemas for the files authors and HR write, for editors."""
from __future__ import annotations

import json
from pathlib import Path

import click

from pathfit.engine.errors import PathfitError, Pos, Problem

from .common import echo, fail_with, rules_directory, rules_option, write_atomic
from .params import Command, FilePath

FILE_NAMES = {kind: f"{kind}.schema.json" for kind in ("rules", "profile", "tests", "schema", "policy")}


@click.command(cls=Command)
@rules_option
@click.option("--kind", type=click.Choice(list(FILE_NAMES)), default=None,
              help="One schema: rules (rule files), profile, tests (rule tests), schema (schema.yaml), "
                   "policy (policy.yaml). Default: all with --out, rules without.")
@click.option("--out", "out_dir", type=FilePath(file_okay=False), default=None,
              help="Write KIND.schema.json files into this directory (created if needed) instead of printing.")
def schema(rules: str | None, kind: str | None, out_dir: str | None) -> None:
    """Write JSON Schemas (draft 2020-12) generated from the rule set's facts, policy
    and knowledge base, so an editor completes and checks YAML as it is typed.

    Hook them to VS Code's YAML extension as docs/authoring.md shows.

    \b
    Examples:
      pathfit schema --out .schemas/
      pathfit schema --kind profile > profile.schema.json
      pathfit schema --rules my-rules/ --kind rules --out my-rules/.schemas/
    """
    from pathfit.engine.authoring.json_schemas import generate

    kinds = (kind,) if kind else (tuple(FILE_NAMES) if out_dir else ("rules",))
    try:
        schemas = generate(rules_directory(rules), kinds)  # the rule set is read once, here
    except PathfitError as err:
        fail_with(err)
    if out_dir is None:
        echo(_dump(schemas[kinds[0]]).rstrip("\n"))
        return
    target = Path(out_dir)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail_with(PathfitError([Problem("PF100", f"cannot create directory: {exc.strerror or exc}", Pos(out_dir))]))
    for k in kinds:
        path = target / FILE_NAMES[k]
        write_atomic(path, _dump(schemas[k]))
        echo(f"wrote {path}", err=True)


def _dump(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
