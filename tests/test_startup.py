"""What `pathfit recommend` loads on its way, pinned by module name rather than by time:
a heavy module (or a cold-path part of pathfit) creeping back onto the path of a
recommend served from the rule-set cache fails here, on any machine, however busy.
Each case runs the console script's entry point in a fresh interpreter and reads
sys.modules just before the process ends (docs/performance.md, "Start-up")."""
from __future__ import annotations

import ast
import os
import subprocess
import sys

import pytest

from pathfit.cli.launch import ONE_SHOT, command_named

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")

# Run pathfit.cli.launch.main as the console script does; at os._exit (which every
# command ends with) print the modules loaded since the interpreter started and whether
# the collector ran.
_PROBE = """
import sys
before = set(sys.modules)  # loaded by the interpreter's start (site, an editable install's finder): not pathfit's
import gc, os
exit_now = os._exit
def report(code):
    loaded = sorted(set(sys.modules) - before - {"gc"})
    import typing  # loaded already (click imports it): what typing built at pathfit's imports
    aliases = sorted(f"{m}.{n}" for m in loaded if m.startswith("pathfit") and sys.modules[m] is not None
                     for n, v in list(vars(sys.modules[m]).items()) if isinstance(v, typing._GenericAlias))
    sys.__stderr__.write("\\nPROBE " + repr({"modules": loaded, "gc": gc.isenabled(), "aliases": aliases}) + "\\n")
    sys.__stderr__.flush()
    exit_now(code)
os._exit = report
sys.argv = ["pathfit"] + sys.argv[1:]
from pathfit.cli.launch import main
main()
"""

# Standard-library modules that cost milliseconds to import and that recommend has no use
# for (pathlib with urllib.parse and ipaddress, hashlib's OpenSSL, importlib.metadata,
# shutil's compression modules, textwrap's compiled expressions, pickle.py beside _pickle),
# or that only other commands need; `fractions` with the `decimal` and `numbers` it imports
# (a decision's exact values are whole numbers, rationals.ratio: a view asks for fractions); locale, which gettext imports on its first question
# (cli/params.py words click's help option and path type itself); and the third-party
# libraries of other commands.
HEAVY = {"locale", "pathlib", "urllib.parse", "ipaddress", "hashlib", "importlib.metadata", "shutil", "textwrap", "pickle",
         "dataclasses", "difflib", "csv", "ctypes", "subprocess", "tempfile", "multiprocessing", "concurrent.futures",
         "asyncio", "email", "http", "fractions", "decimal", "_decimal", "numbers", "xml", "sqlite3", "zipfile", "tarfile", "secrets", "hmac", "base64_codec",
         "rich", "markdown_it", "cryptography", "starlette", "uvicorn", "prompt_toolkit", "jsonschema", "orjson"}
# pathfit's cold path (reading, validating, compiling a rule set: the cache serves it),
# the modules of other commands and of the explanation's other views, the quoting of a
# problem's message (with its Unicode table), how problems are printed, the standard streams
# for anything but open UTF-8 ones (or a failure to write them), counting the columns of
# text that is not ASCII (the bundled rules' text is ASCII), and looking for line ends other
# than LF and CRLF, which an ASCII text without a carriage return cannot hold, and how a
# number written as text is written (a profile's YAML numbers are numbers).
COLD = ("pathfit.engine.pipeline.ruleset", "pathfit.engine.pipeline.compile", "pathfit.engine.pipeline.validate_",
        "pathfit.engine.pipeline.knowledge_base", "pathfit.engine.pipeline.capacity",
        "pathfit.engine.pipeline.field_checks", "pathfit.engine.pipeline.tables", "pathfit.engine.audit",
        "pathfit.engine.authoring", "pathfit.engine.cohort", "pathfit.engine.service", "pathfit.engine.reports.html",
        "pathfit.engine.reports.graph", "pathfit.engine.explain.how", "pathfit.engine.explain.what_if",
        "pathfit.engine.explain.interview", "pathfit.engine.files", "pathfit.cli.batch", "pathfit.cli.explain",
        "pathfit.cli.interview", "pathfit.cli.serve", "pathfit.engine.quote", "pathfit.engine.printable",
        "pathfit.cli.problems", "pathfit.cli.streams", "pathfit.cli.interrupts", "pathfit.engine.reports.rule_json",
        "pathfit.engine.output_schemas", "pathfit.engine.reports.wide_text", "pathfit.engine.reports.width_table",
        "pathfit.engine.canonical", "pathfit.engine.pipeline.line_ends",
        "pathfit.engine.pipeline.number_forms", "pathfit.cli.typed_args")
# whose the collector's set-apart objects are is asked only where some are: on CPython 3.12 the
# interpreter's own always are (engine/frozen.py)
if sys.version_info[:2] != (3, 12):
    COLD += ("pathfit.engine.frozen",)


def _probe(tmp_path, *args: str) -> dict:
    env = {**os.environ, "PATHFIT_CACHE": "1", "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "80"}
    env.pop("PATHFIT_RULES", None)
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=60)
    line = next(ln for ln in done.stderr.splitlines() if ln.startswith("PROBE "))
    return {**ast.literal_eval(line[len("PROBE "):]), "status": done.returncode, "stdout": done.stdout}


def _loaded(found: dict, names) -> list[str]:
    return sorted(m for m in found["modules"] if m in names or m.split(".")[0] in names or m.startswith(COLD))


# What only some runs need: json for --format json (and --fact values, a cold load), the
# certainty-factor module for a policy that combines so (the bundled rules add weights up),
# and the explanation, which JSON carries as the trace and text never shows (a text decision
# once explained itself to tell whether its confidence was final: 10 M instructions a start).
NOT_FOR_TEXT = {"json", "_json", "pathfit.engine.pipeline.certainty", "pathfit.engine.explain.why_not",
                "pathfit.engine.explain.kept", "pathfit.engine.program_json"}


def test_recommend_from_the_cache_loads_nothing_heavy_and_runs_without_the_collector(tmp_path):
    first = _probe(tmp_path, "recommend", "--profile", EXAMPLE)  # fills the cache (the cold path)
    assert first["status"] == 0 and "pathfit.engine.pipeline.compile" in first["modules"]
    for fmt in ("text", "json", "markdown"):
        found = _probe(tmp_path, "recommend", "--profile", EXAMPLE, "--format", fmt)
        assert found["status"] == 0 and found["stdout"]
        assert _loaded(found, HEAVY) == [], fmt
        assert found["gc"] is False, fmt  # the launcher's pause held to the end
        # a typing alias (Union[...], Callable[...]) built at import costs 0.08-0.23 M instructions a start
        # and annotations, text here, never read it: written as text (a TypeAlias) instead
        assert found["aliases"] == [], fmt
        assert ("json" in found["modules"]) == (fmt == "json"), fmt
        if fmt != "json":
            assert sorted(NOT_FOR_TEXT & set(found["modules"])) == [], fmt


def test_version_loads_neither_the_pipeline_nor_anything_heavy(tmp_path):
    found = _probe(tmp_path, "--version")
    assert found["status"] == 0 and found["stdout"].startswith("pathfit ")
    assert _loaded(found, HEAVY) == []
    assert [m for m in found["modules"] if m.startswith("pathfit.engine.pipeline.") and
            m not in ("pathfit.engine.pipeline.durable_adapter", "pathfit.engine.pipeline.durable_rules_engine",
                      "pathfit.engine.pipeline.fact_text",
                      "pathfit.engine.pipeline.fact_ids", "pathfit.engine.pipeline.model")] == []


def test_long_running_commands_keep_the_collector(tmp_path):
    found = _probe(tmp_path, "batch", "--help")
    assert found["status"] == 0 and found["gc"] is True


@pytest.mark.parametrize("args, named", [
    (["recommend", "--profile", "p.yaml"], "recommend"), (["--debug", "explain", "--why-not", "x"], "explain"),
    (["--version"], None), ([], None), (["-h"], None), (["batch", "recommend"], "batch"), (["serve"], "serve")])
def test_the_launcher_finds_the_command_before_click_parses_it(args, named):
    assert command_named(args) == named
    assert (named in ONE_SHOT) == (named in ("recommend", "explain"))
