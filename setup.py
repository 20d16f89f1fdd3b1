"""pathfit's build: the package layout, the bundled data and durable-rules' C core.

Metadata lives in pyproject.toml's [project]; this file adds what a static table
cannot say: packages found by walking engine/ and cli/, the version read from
engine/__init__.py without importing it, the rules and examples copied into the
wheel, and the C extension compiled from durable-rules' pinned sources
(build_tools/durable_core.py; see "How the engine is built" in docs/engine.md).
"""
from __future__ import annotations

import importlib
import os
import re
import shutil
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext as _build_ext
from setuptools.command.build_py import build_py as _build_py

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # PEP 517 backends do not put the project on sys.path

durable_core = importlib.import_module("build_tools.durable_core")  # after the path is set

EXTENSION = "pathfit.engine.pipeline.durable_rules_engine"  # PyInit_durable_rules_engine
# directories in the checkout -> the package they become
ROOTS = {"pathfit": "src/pathfit", "pathfit.engine": "engine", "pathfit.cli": "cli"}
FORCED_INCLUDES = ("stdlib.h", "stdio.h", "errno.h", "string.h")
BUNDLED = "_bundled"  # pathfit/_bundled/: rules/, knowledge_base.md, examples/


def read_version() -> str:
    with open(os.path.join(HERE, "engine", "__init__.py"), encoding="utf-8") as f:
        found = re.search(r'^__version__\s*=\s*"([^"]+)"\s*$', f.read(), re.M)
    if not found:
        raise SystemExit("engine/__init__.py: no line __version__ = \"...\"")
    return found.group(1)


def find_packages() -> tuple[list[str], dict[str, str]]:
    """Every directory with an __init__.py under each root, mapped to its package name."""
    packages, package_dir = [], {}
    for package, directory in ROOTS.items():
        top = os.path.join(HERE, directory)
        if not os.path.isfile(os.path.join(top, "__init__.py")):
            raise SystemExit(f"{directory}/__init__.py is missing")
        for current, subdirs, files in os.walk(top):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__" and not d.startswith("."))
            if "__init__.py" not in files:
                subdirs[:] = []  # not a package: nothing below it is importable either
                continue
            relative = os.path.relpath(current, top)
            name = package if relative == "." else package + "." + relative.replace(os.sep, ".")
            packages.append(name)
            package_dir[name] = os.path.relpath(current, HERE).replace(os.sep, "/")
    return packages, package_dir


def bundled_files() -> list[tuple[str, str]]:
    """(source in the checkout, destination under pathfit/_bundled/)."""
    pairs = [("knowledge_base.md", "knowledge_base.md")]
    for source, keep in (("rules", lambda n: n.endswith((".yaml", ".csv"))), ("examples", lambda n: True)):
        for current, subdirs, files in os.walk(os.path.join(HERE, source)):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__" and not d.startswith("."))
            for name in sorted(files):
                if keep(name) and not name.startswith("."):
                    relative = os.path.relpath(os.path.join(current, name), HERE).replace(os.sep, "/")
                    pairs.append((relative, relative))
    return pairs


class build_py(_build_py):
    """Also copy the bundled rules, knowledge base and examples into pathfit/_bundled/.
    An editable install skips this: the code then reads the checkout's own files.

    pathfit/ in build/lib is made anew each time: the wheel is whatever build/lib holds, so a
    file built once (a rule file since renamed or deleted) stayed in every later wheel of
    the checkout, and went on deciding in the installed rules. build_ext, which runs after,
    puts the C core back."""

    def run(self):
        if getattr(self, "editable_mode", False):
            super().run()
            return
        built = os.path.join(self.build_lib, "pathfit")
        if os.path.isdir(built):
            shutil.rmtree(built)
        super().run()
        for source, destination in bundled_files():
            target = os.path.join(self.build_lib, "pathfit", BUNDLED, *destination.split("/"))
            self.mkpath(os.path.dirname(target))
            self.copy_file(os.path.join(HERE, source), target, preserve_mode=False)


class build_ext(_build_ext):
    """Fetch, verify, extract and patch durable-rules' sources, then compile them."""

    def run(self):
        work = os.path.join(self.build_temp, "durable-rules-src")
        cache = os.path.join(HERE, "build", "durable-rules-sdist")
        try:
            _, root = durable_core.prepare(os.path.join(HERE, "pyproject.toml"), work, cache,
                                            log=lambda m: print(m, flush=True))
        except durable_core.DurableSourceError as exc:
            raise SystemExit(f"pathfit build: {exc}") from None
        for ext in self.extensions:
            if ext.name == EXTENSION:
                ext.sources = [os.path.join(root, *p.split("/"))
                               for p in (durable_core.BINDING_SOURCE, *durable_core.CORE_SOURCES)]
                ext.include_dirs = [os.path.join(root, durable_core.INCLUDE_DIR)]
        super().run()
        self._ship_license(os.path.join(root, durable_core.LICENSE))

    def _ship_license(self, license_file: str) -> None:
        """durable-rules' MIT licence travels next to the extension built from it."""
        package, _, module = EXTENSION.rpartition(".")
        targets = {os.path.dirname(self.get_ext_fullpath(EXTENSION))}
        if self.inplace or getattr(self, "editable_mode", False):
            targets.add(self.get_finalized_command("build_py").get_package_dir(package))
        for directory in targets:
            self.mkpath(directory)
            self.copy_file(license_file, os.path.join(directory, module + ".LICENSE"), preserve_mode=False)

    def get_source_files(self):
        return []  # durable-rules' sources are fetched at build time, never shipped


packages, package_dir = find_packages()
EGG_BASE = os.path.relpath(os.path.join(HERE, "build"))
os.makedirs(EGG_BASE, exist_ok=True)

setup(
    version=read_version(),
    packages=packages,
    package_dir=package_dir,
    # the JSON Schemas of pathfit's JSON output are data read at run time (engine/output_schemas)
    # py.typed (PEP 561): the type hints are part of the API, read by a type checker in a caller's code
    package_data={"pathfit.engine.output_schemas": ["*.schema.json"], "pathfit": ["py.typed"]},
    ext_modules=[Extension(
        EXTENSION,
        sources=[],  # filled in by build_ext from the verified source distribution
        # -O2: upstream's setup.py replaces CFLAGS and so builds unoptimised.
        # -include: Python.h stops including these four headers under the 3.11
        # limited API, and rules.c relies on it (asprintf, free); forced includes
        # restore them without touching the source.
        extra_compile_args=["-std=c99", "-D_GNU_SOURCE", "-O2",
                            *(arg for h in FORCED_INCLUDES for arg in ("-include", h))],
        define_macros=[("Py_LIMITED_API", "0x030B0000")],
        py_limited_api=True,
    )],
    cmdclass={"build_py": build_py, "build_ext": build_ext},
    # egg_base: keep pathfit.egg-info out of the checkout's root, which is on
    # sys.path when the tests run and would shadow the installed metadata
    options={"bdist_wheel": {"py_limited_api": "cp311"}, "egg_info": {"egg_base": EGG_BASE}},
)
