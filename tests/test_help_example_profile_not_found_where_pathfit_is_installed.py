"""The examples the help texts run (`pathfit recommend --profile examples/new-vp-wants-structure.yaml`)
name a folder of the checkout; an installed pathfit carries them inside its package. Run
anywhere else, the PF100 for such a profile says where the examples pathfit came with are.

Regression: `pathfit --help`'s first example, typed outside the checkout, said only "cannot
read file: No such file or directory", and nothing told the user that the example was
installed, nor where (site-packages/pathfit/_bundled/examples/).
"""
from __future__ import annotations

import os

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.pipeline.bundled import bundled_rules_dir

EXAMPLE = "examples/new-vp-wants-structure.yaml"


def _run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _bundled_examples() -> str:
    return os.path.join(os.path.dirname(bundled_rules_dir()), "examples")


def test_the_help_example_run_elsewhere_says_where_the_bundled_examples_are(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert EXAMPLE in _run("--help").output  # the example this is about
    for command in (("recommend",), ("explain",), ("explain", "--why-not", "mentoring")):
        result = _run(*command, "--profile", EXAMPLE)
        assert result.exit_code == 2
        lines = result.output.splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"{EXAMPLE}:0:0: PF100: "), result.output
        assert lines[0].endswith(" " + _bundled_examples()), result.output
        assert os.path.isfile(os.path.join(_bundled_examples(), os.path.basename(EXAMPLE)))


def test_a_missing_profile_that_is_no_bundled_example_gets_no_such_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for named in ("examples/no-such-person.yaml", "person.yaml", os.path.basename(EXAMPLE)):
        result = _run("recommend", "--profile", named)
        assert result.exit_code == 2
        assert result.output.startswith(f"{named}:0:0: PF100: ") and _bundled_examples() not in result.output


def test_the_example_where_it_is_read_as_ever(tmp_path, monkeypatch):
    (tmp_path / "examples").mkdir()
    (tmp_path / EXAMPLE).write_text("facts: {hours_per_month: 0}\n")
    monkeypatch.chdir(tmp_path)
    result = _run("recommend", "--profile", EXAMPLE, "--format", "json")
    assert result.exit_code == 0 and '"hours_per_month": 0' in result.output
