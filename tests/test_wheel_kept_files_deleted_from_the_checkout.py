"""A build holds exactly the checkout's files: a rule file, example or module deleted or renamed
since the last build in the same checkout is not in the next one.

Regression: setuptools copies the package into build/lib and the wheel is made of whatever
build/lib holds, so a file built once stayed in every later wheel of that checkout. Renaming
rules/sponsorship.yaml and running `pip install .` again installed both names: every command
on the bundled rules then stopped with PF206 (each rule id used twice); a rule file deleted
from the checkout went on deciding in the installed rules, silently.
"""
from __future__ import annotations

from pathlib import Path

from .helpers import build_checkout, run_setup


def _build_py(top: Path) -> Path:
    """`setup.py build_py` into the checkout's build/lib, as `pip install .` builds it; -> pathfit/ there."""
    lib = top / "build" / "lib"
    done = run_setup(top, "build_py", "--build-lib", str(lib))
    assert done.returncode == 0, done.stderr
    return lib / "pathfit"


def test_a_rule_file_renamed_since_the_last_build_is_bundled_under_its_new_name_only(tmp_path):
    top = build_checkout(tmp_path)
    bundled = _build_py(top) / "_bundled" / "rules"
    assert (bundled / "sponsorship.yaml").is_file()
    (top / "rules" / "sponsorship.yaml").rename(top / "rules" / "sponsor.yaml")
    bundled = _build_py(top) / "_bundled" / "rules"
    assert sorted(p.name for p in bundled.glob("*.yaml")) == sorted(p.name for p in (top / "rules").glob("*.yaml"))
    assert not (bundled / "sponsorship.yaml").exists()


def test_a_rule_test_example_or_module_deleted_since_the_last_build_is_not_built(tmp_path):
    top = build_checkout(tmp_path)
    (top / "engine" / "gone_since.py").write_text('"""Deleted before the next build."""\n')
    package = _build_py(top)
    kept = [Path("engine", "gone_since.py"), Path("_bundled", "rules", "tests", "blend.yaml"),
            Path("_bundled", "examples", "corpus.jsonl")]
    assert all((package / p).is_file() for p in kept)
    for removed in (top / "engine" / "gone_since.py", top / "rules" / "tests" / "blend.yaml",
                    top / "examples" / "corpus.jsonl"):
        removed.unlink()
    package = _build_py(top)
    assert [p for p in kept if (package / p).exists()] == []
    assert (package / "engine" / "api.py").is_file() and (package / "_bundled" / "rules" / "schema.yaml").is_file()
