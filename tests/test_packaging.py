"""pathfit installs as one package: nothing else at the top of site-packages, the
engine's C core built into it (stable ABI, durable-rules' licence beside it), the
rules, knowledge base and examples bundled; and the build's source handling
(build_tools/durable_core.py) refuses what is not the pinned durable-rules."""
from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import tarfile
import tomllib
from importlib.metadata import distribution
from pathlib import Path

import pytest

from build_tools import durable_core
from build_tools.decimal_point import READER
from build_tools.next_pool import NEXT_POOL

from .helpers import ROOT

DIST = distribution("pathfit")
READS_OF_NUMBERS = {"src/rules/rete.c": 2, "src/rules/state.c": 1}  # the atof calls the seventh patch replaces
VERSION = DIST.version
EDITABLE_SUPPORT = (f"__editable__.pathfit-{VERSION}.pth", f"__editable___pathfit_{VERSION.replace('.', '_')}_finder.py")


def _editable() -> bool:
    text = DIST.read_text("direct_url.json")
    return bool(text) and json.loads(text).get("dir_info", {}).get("editable", False)


def _pin() -> dict:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return tomllib.load(f)["tool"]["pathfit"]["durable-rules"]


def _core():
    from pathfit.engine.pipeline import durable_rules_engine

    return durable_rules_engine


def test_only_pathfit_and_its_dist_info_are_installed():
    names = [str(f) for f in DIST.files]
    assert names, "the installation has no RECORD"
    allowed = ("pathfit/", f"pathfit-{VERSION}.dist-info/")
    stray = []
    for name in names:
        parts = name.split("/")
        if name.startswith(allowed):
            continue
        if parts[-2:] == ["bin", "pathfit"] and all(p == ".." for p in parts[:-2]):
            continue  # the console script, outside site-packages
        if _editable() and (name in EDITABLE_SUPPORT or
                            (parts[0] == "__pycache__" and parts[-1].startswith(EDITABLE_SUPPORT[1][:-3]))):
            continue
        stray.append(name)
    assert stray == []
    assert DIST.read_text("top_level.txt").split() == ["pathfit"]
    assert DIST.entry_points.select(group="console_scripts")["pathfit"].value == "pathfit.cli.launch:main"


def test_the_checkout_layout_is_not_importable_outside_it(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    for name in ("engine", "cli"):
        run = subprocess.run([sys.executable, "-c", f"import {name}"], cwd=tmp_path, env=env,
                             capture_output=True, text=True)
        assert run.returncode != 0 and "ModuleNotFoundError" in run.stderr, (name, run.stderr)
    run = subprocess.run([sys.executable, "-c", "import pathfit.engine.pipeline.durable_rules_engine"],
                         cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr


def test_the_engine_core_is_inside_the_pathfit_package():
    import pathfit
    import pathfit.engine.pipeline as pipeline

    core = Path(_core().__file__).resolve()
    assert core.parent == Path(pipeline.__file__).resolve().parent
    if not _editable():
        assert core.is_relative_to(Path(pathfit.__file__).resolve().parent)
        assert core in {Path(DIST.locate_file(f)).resolve() for f in DIST.files}
    assert _core().__name__ == "pathfit.engine.pipeline.durable_rules_engine"


def test_the_engine_core_is_built_for_the_stable_abi():
    assert Path(_core().__file__).name.startswith("durable_rules_engine.abi3."), _core().__file__
    tags = [line.split(":", 1)[1].strip() for line in DIST.read_text("WHEEL").splitlines() if line.startswith("Tag:")]
    assert tags and all(tag.split("-")[:2] == ["cp311", "abi3"] for tag in tags), tags


def test_the_engine_core_runs():
    core = _core()
    handle = core.create_ruleset("packaging_probe", '{"r": {"all": [{"m": {"t": "a"}}]}}')
    try:
        code, state = core.assert_facts(handle, '[{"t": "a", "sid": "1", "id": "1"}]')
        assert code == 0
        _, message = core.start_action_for_state(handle, state)
        assert json.loads(message) == {"r": {"m": {"t": "a", "sid": "1", "id": "1"}}}
        assert not core.complete_and_start_action(handle, state)
        core.delete_state(handle, "1")
    finally:
        core.delete_ruleset(handle)


def test_durable_rules_licence_travels_with_the_engine_core():
    licence = Path(_core().__file__).with_name("durable_rules_engine.LICENSE")
    text = licence.read_text()
    assert "MIT License" in text and "Permission is hereby granted" in text
    if not _editable():
        assert "pathfit/engine/pipeline/durable_rules_engine.LICENSE" in {str(f) for f in DIST.files}


def test_the_pin_is_what_the_engine_reports():
    from pathfit.engine.pipeline.durable_adapter import DURABLE_VERSION

    assert DURABLE_VERSION == _pin()["version"]


def test_the_rules_knowledge_base_and_examples_are_bundled():
    if _editable():  # an editable install reads the checkout's own files
        import pathfit

        assert not (Path(pathfit.__file__).parent / "_bundled").exists()
        return
    installed = {str(f)[len("pathfit/_bundled/"):] for f in DIST.files if str(f).startswith("pathfit/_bundled/")}
    expected = {"knowledge_base.md"}
    expected |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "rules").rglob("*.yaml")}
    expected |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "examples").rglob("*") if p.is_file()}
    assert "rules/schema.yaml" in expected and any(e.startswith("rules/tests/") for e in expected)
    assert installed == expected
    for name in ("rules/schema.yaml", "knowledge_base.md"):
        assert Path(DIST.locate_file("pathfit/_bundled/" + name)).read_bytes() == (ROOT / name).read_bytes()


def test_the_durable_rules_runtime_dependency_is_gone():
    assert not any(r.lower().replace("_", "-").startswith("durable-rules") for r in DIST.requires or [])
    assert DIST.metadata["Requires-Python"] == ">=3.11"


# build_tools/durable_core.py, on small archives made here


def _sdist(tmp_path: Path, calls: int = 5, extra: list[tarfile.TarInfo] | None = None) -> tuple[Path, durable_core.Pin]:
    root = "durable_rules-9.9.9/"
    files = {"LICENSE": b"MIT License\n", "setup.py": b"print('never run')\n",
             "src/rulespy/rules.c": b"x = PyEval_CallObject(cb, args);\n" * calls}
    files |= {p: b"int f(void);\n" for p in durable_core.CORE_SOURCES}
    files["src/rules/rete.c"] = b"#define MAX_ACTIONS 4096\nint f(void);\n" + durable_core.NODE_POOL_OLD.encode()
    files["src/rules/rules.h"] = b"/* header */\n"
    for relative, old, _ in durable_core.NEXT_ACTION + durable_core.STALE_RESULT + durable_core.HANDLES + NEXT_POOL:
        files[relative] = files.get(relative, b"") + old.encode() + b"int g(void);\n"
    for relative, reads in READS_OF_NUMBERS.items():
        files[relative] += b'#include "rules.h"\n' + b"d = atof(t);\n" * reads
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(root + name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
        for info in extra or []:
            archive.addfile(info, io.BytesIO(b"evil\n") if info.isreg() else None)
    path = tmp_path / "durable_rules-9.9.9.tar.gz"
    path.write_bytes(buffer.getvalue())
    return path, durable_core.Pin("9.9.9", hashlib.sha256(path.read_bytes()).hexdigest())


def test_the_build_takes_only_the_c_sources_and_licence_and_patches_five_calls(tmp_path):
    sdist, pin = _sdist(tmp_path)
    dest = durable_core.extract(str(sdist), pin, str(tmp_path / "out"))
    durable_core.patch(dest, 8192)
    taken = sorted(p.relative_to(dest).as_posix() for p in Path(dest).rglob("*") if p.is_file())
    assert taken == sorted(["LICENSE", "src/rulespy/rules.c", "src/rules/rules.h", "src/rules/state.h",
                            *durable_core.CORE_SOURCES])
    text = (Path(dest) / "src/rulespy/rules.c").read_text()
    assert text.count("PyObject_CallObject(") == 5 and "PyEval_CallObject" not in text
    numbers = {relative: READER + "d = pathfitReadDouble(t);\n" * reads for relative, reads in READS_OF_NUMBERS.items()}
    assert (Path(dest) / "src/rules/rete.c").read_text() == \
        "#define MAX_ACTIONS 8192\nint f(void);\n" + durable_core.NODE_POOL_NEW + \
        "".join(new + "int g(void);\n" for _, _, new in NEXT_POOL) + numbers["src/rules/rete.c"]
    for relative in ("src/rules/state.h", "src/rules/state.c", "src/rules/rules.h"):
        before = "int f(void);\n" if relative in durable_core.CORE_SOURCES else \
            "/* header */\n" if relative == "src/rules/rules.h" else ""
        assert (Path(dest) / relative).read_text() == before + "".join(
            new + "int g(void);\n" for where, _, new in
            durable_core.NEXT_ACTION + durable_core.STALE_RESULT + durable_core.HANDLES if where == relative
        ) + numbers.get(relative, "")


def test_the_build_refuses_a_core_that_reads_numbers_in_other_places(tmp_path):
    """The seventh patch replaces every atof of rete.c (two) and state.c (one): one more or one
    fewer, and the source is refused before anything is compiled, never read by the locale."""
    for relative, change in (("src/rules/rete.c", b"d = atof(u);\n"), ("src/rules/state.c", b"d = atof(u);\n"),
                             ("src/rules/rete.c", b'#include "rules.h"\n')):
        where = tmp_path / f"{relative[10:]}-{len(change)}"
        where.mkdir()
        sdist, pin = _sdist(where)
        dest = durable_core.extract(str(sdist), pin, str(where / "out"))
        with (Path(dest) / relative).open("ab") as f:
            f.write(change)
        with pytest.raises(durable_core.DurableSourceError, match="expected (2 texts|1 text) "):
            durable_core.patch(dest, 8192)


def test_the_build_refuses_a_source_distribution_that_is_not_the_pinned_one(tmp_path, monkeypatch):
    sdist, pin = _sdist(tmp_path)
    other = durable_core.Pin(pin.version, "0" * 64)
    monkeypatch.setenv(durable_core.ENV_SDIST, str(sdist))
    with pytest.raises(durable_core.DurableSourceError, match="refusing"):
        durable_core.obtain_sdist(other, str(tmp_path / "cache"), log=lambda m: None)
    assert durable_core.obtain_sdist(pin, str(tmp_path / "cache"), log=lambda m: None) == str(sdist)


def test_the_build_refuses_links_in_place_of_sources_and_never_writes_outside(tmp_path):
    link = tarfile.TarInfo("durable_rules-9.9.9/src/rules/extra.c")
    link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
    sdist, pin = _sdist(tmp_path, extra=[link])
    with pytest.raises(durable_core.DurableSourceError, match="not a regular file"):
        durable_core.extract(str(sdist), pin, str(tmp_path / "out"))
    escape = tarfile.TarInfo("durable_rules-9.9.9/../../escaped.c")
    escape.size = 5
    sdist, pin = _sdist(tmp_path, extra=[escape])
    durable_core.extract(str(sdist), pin, str(tmp_path / "out" / "a" / "b"))
    assert not list(tmp_path.rglob("escaped.c"))


def test_the_build_refuses_sources_whose_calls_changed(tmp_path):
    sdist, pin = _sdist(tmp_path, calls=4)
    dest = durable_core.extract(str(sdist), pin, str(tmp_path / "out"))
    with pytest.raises(durable_core.DurableSourceError, match="expected 5"):
        durable_core.patch(dest, 8192)


def test_the_pin_is_well_formed_and_in_one_place():
    pin = durable_core.read_pin(str(ROOT / "pyproject.toml"))
    assert (pin.version, pin.sha256) == (_pin()["version"], _pin()["sha256"])
    build_files = [ROOT / "setup.py", ROOT / ".ci" / "run", ROOT / "docs" / "engine.md",
                   *(ROOT / "build_tools").glob("*.py")]
    assert [f.name for f in build_files if pin.sha256 in f.read_text()] == []
    assert pin.sha256 in (ROOT / "pyproject.toml").read_text()


def test_the_build_sets_the_core_action_limit_from_capacity_py_and_refuses_a_changed_rete_c(tmp_path):
    from pathfit.engine.pipeline.capacity import CORE_MAX_ACTIONS, MAX_ACTIONS
    assert durable_core.read_core_max_actions(str(ROOT / durable_core.CAPACITY_MODULE)) == CORE_MAX_ACTIONS
    assert MAX_ACTIONS == CORE_MAX_ACTIONS - 1
    sdist, pin = _sdist(tmp_path)
    dest = durable_core.extract(str(sdist), pin, str(tmp_path / "out"))
    (Path(dest) / "src/rules/rete.c").write_text("#define MAX_ACTIONS 8192\n")
    with pytest.raises(durable_core.DurableSourceError, match="expected 1 line"):
        durable_core.patch(dest, CORE_MAX_ACTIONS)


def test_the_build_doubles_the_node_pool_and_refuses_a_rete_c_whose_growth_changed(tmp_path):
    """The third patch replaces storeNode's one-node realloc, found exactly once: a rete.c
    without it, or with two, is refused before anything is compiled."""
    for times in (0, 2):
        sdist, pin = _sdist(tmp_path)
        dest = durable_core.extract(str(sdist), pin, str(tmp_path / f"out{times}"))
        (Path(dest) / "src/rules/rete.c").write_text("#define MAX_ACTIONS 4096\n" + durable_core.NODE_POOL_OLD * times)
        with pytest.raises(durable_core.DurableSourceError, match="expected 1 line"):
            durable_core.patch(dest, 8192)


def test_the_build_doubles_the_next_pool_and_refuses_a_rete_c_whose_growth_changed(tmp_path):
    """The eighth patch replaces allocateNext whole and adds the poisoning macros after rete.h's
    include, each found exactly once: a rete.c without one of them, or with it twice, is refused
    before anything is compiled."""
    for which, (_, old, _) in enumerate(NEXT_POOL):
        for times in (0, 2):
            sdist, pin = _sdist(tmp_path)
            dest = durable_core.extract(str(sdist), pin, str(tmp_path / f"out{which}-{times}"))
            rete = Path(dest) / "src/rules/rete.c"
            rete.write_text(rete.read_text().replace(old, old * times))
            with pytest.raises(durable_core.DurableSourceError, match="expected 1 line") as info:
                durable_core.patch(dest, 8192)
            assert f"found {times}" in str(info.value) and old.strip().splitlines()[0] in str(info.value)
