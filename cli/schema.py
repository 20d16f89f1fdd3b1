"""`pathfit schema`: JSON Schemas for the files authors and HR write, for editors, and for
the JSON pathfit prints, for the programs that read it."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from pathfit.engine.errors import PathfitError, Pos, Problem
from pathfit.engine.folders import missing_folders, remove_folders
from pathfit.engine.program_json import json_on
from pathfit.engine.quote import shown_path

from .common import echo, fail_with, rules_directory, rules_option
from .params import Choice, Command, FilePath

from pathfit.engine.output_schemas import KINDS as OUTPUTS

EDITOR = ("rules", "profile", "tests", "schema", "policy")  # the files people write
FILE_NAMES = {kind: f"{kind}.schema.json" for kind in (*EDITOR, *OUTPUTS)}
GENERATED = ("rules", "profile", "tests")  # made from the rule set; the others describe the language
ALL_OUTPUTS = "outputs"  # every output kind at once, with --out


@click.command(cls=Command)
@rules_option
@click.option("--kind", type=Choice([*FILE_NAMES, ALL_OUTPUTS]), default=None,
              help="One schema: rules (rule files), profile, tests (rule tests), schema (schema.yaml), "
                   "policy (policy.yaml); or of an output: decision, explain, why-not, what-if, batch-row, "
                   "replay, audit-verify, audit-show, lint, test-report, impact, errors, served-rules, rules-list, "
                   "rules-show, health "
                   "(docs/authoring.md, in pathfit's source); outputs: every output's, with --out. Default: the five for "
                   "editors with --out, rules without.")
@click.option("--out", "out_dir", type=FilePath(file_okay=False, checked=False), default=None,
              help="Write KIND.schema.json files into this directory (made if needed, with any missing folders "
                   "above it, as init makes its own) instead of printing; "
                   "files of those names are replaced: they are made again from the rule set.")
def schema(rules: str | None, kind: str | None, out_dir: str | None) -> None:
    """Write JSON Schemas (draft 2020-12) generated from the rule set's facts, policy
    and knowledge base, so an editor completes and checks YAML as it is typed; or the
    schema of a JSON output, so a script can check what it reads.

    Hook them to VS Code's YAML extension as docs/authoring.md, in pathfit's source,
    shows.

    \b
    Examples:
      pathfit schema --out .schemas/
      pathfit schema --kind profile > profile.schema.json
      pathfit schema --rules my-rules/ --kind rules --out my-rules/.schemas/
      pathfit schema --kind decision > decision.schema.json
      pathfit schema --kind outputs --out output-schemas/
    """
    from pathfit.engine.api import load_rules
    from pathfit.engine.authoring.json_schemas import generate_from
    from pathfit.engine.pipeline.model import input_files

    if kind == ALL_OUTPUTS and out_dir is None:  # several documents are no one JSON text to print
        fail_with(PathfitError([Problem("PF613", "--kind outputs writes one file per output: give --out DIRECTORY",
                                        Pos("--kind"))]))
    kinds = tuple(OUTPUTS) if kind == ALL_OUTPUTS else (kind,) if kind else (EDITOR if out_dir else ("rules",))
    try:  # the rule set loaded once, here, as the engine loads it (from the cache; PF215, PF301-PF305
        # refused: a rule set the engine refuses offers no names); the fixed kinds read none
        rs = load_rules(rules_directory(rules))[0] if set(kinds) & set(GENERATED) else None
        schemas = _outputs(kinds) | generate_from(rs, tuple(k for k in kinds if k in EDITOR))
    except PathfitError as err:
        if set(kinds) & set(GENERATED):  # every problem of the rule set at once, as lint gives them
            from pathfit.engine.authoring.lint.capacity import with_compile_problems

            err = with_compile_problems(rules_directory(rules), err)
        fail_with(err)
    if out_dir is None:
        echo(json_on(sys.stdout, _dump(schemas[kinds[0]]).rstrip("\n")))
        return
    target = Path(out_dir)
    if os.path.lexists(target) and not target.is_dir():  # taken as given (FilePath checked=False): said here
        kind = "a file" if target.is_file() else "a link to nothing" if target.is_symlink() else \
            "a device, pipe or socket"
        fail_with(PathfitError([Problem("PF618", f"--out is {kind}, not a directory", Pos(out_dir))]))
    paths = [target / FILE_NAMES[k] for k in kinds]
    _check_all(target, paths, input_files(rs) if rs is not None else [])
    created = missing_folders(target)
    named = rs.directory if rs is not None else _named_rules(rules)  # a kind reading no rule set: the one named
    if named is not None:
        _refuse_folders_read_as_rules(created, out_dir, named)
    try:
        target.mkdir(parents=True, exist_ok=True)
        _write_all({path: _dump(schemas[k]) for path, k in zip(paths, kinds)})
    except OSError as exc:
        remove_folders(created)
        fail_with(PathfitError([Problem("PF100", f"cannot create directory: {exc.strerror or exc}", Pos(out_dir))]))
    except PathfitError as err:
        remove_folders(created)
        fail_with(err)
    except BaseException:  # Ctrl-C or SIGTERM meanwhile: the folders made go too, as init's do
        remove_folders(created)
        raise
    for path in paths:
        echo(f"wrote {shown_path(path)}", err=True)


def _outputs(kinds: tuple) -> dict[str, dict]:
    """The output schemas asked for, as the package keeps them: fixed, whatever the rule set."""
    from pathfit.engine.output_schemas import load

    return {k: load(k) for k in kinds if k in OUTPUTS and k not in EDITOR}


def _check_all(folder: Path, paths: list[Path], inputs: list[str]) -> None:
    """Refuse, before anything is written, when any target is a link, not a regular file,
    or one of the rule set's files: a refusal after some schemas were written would leave
    a folder of schemas from two different rule sets. Every refusal is reported."""
    from pathfit.engine.files import check_target

    if not folder.is_dir():
        return  # created below, so nothing in it can be refused
    problems = []
    for path in paths:
        try:
            check_target(path, inputs, what="--out")
        except PathfitError as err:
            problems += err.problems
    if problems:
        fail_with(PathfitError(problems))


def _named_rules(rules: str | None) -> str | None:
    """The rule set a kind that reads none would still be written into: --rules, $PATHFIT_RULES
    or ./rules, as the other commands pick it (never read, so never refused here), or None."""
    from .common import RULES_ENV, rules_here

    return rules or os.environ.get(RULES_ENV) or ("rules" if rules_here() else None)


def _refuse_folders_read_as_rules(created: list[Path], out_dir: str, rules: str) -> None:
    """PF618 at --out when a folder it would make is named as the rule set reads its YAML
    (`my-rules/schemas.yaml`, `my-rules/tests/s.yaml/`): every command would then refuse the
    rule set for holding a folder where a rule file or a rule test is read."""
    from pathfit.engine.pipeline.yaml_names import read_as_rules

    for folder in created:
        read_as = read_as_rules(folder, rules)
        if read_as is not None:
            fail_with(PathfitError([Problem("PF618", f"--out would make the folder {shown_path(os.path.relpath(folder))}, which the rule "
                                            f"set in {shown_path(rules)} would read as {read_as} and then refuse; "
                                            "name it otherwise", Pos(out_dir))]))


def _write_all(texts: dict[Path, str]) -> None:
    """Every file written and flushed to disk before the first is renamed into place, so
    a full disk or a refused permission leaves the folder as it was (engine.files.Output).
    Raises PathfitError: the caller removes the folders it made before saying it."""
    from contextlib import ExitStack

    from pathfit.engine.files import Output

    with ExitStack() as stack:
        outputs = [stack.enter_context(Output(path)) for path in texts]
        for out, text in zip(outputs, texts.values()):
            out.write(text)
            out.prepare()
        for out in outputs:
            out.commit()


def _dump(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
