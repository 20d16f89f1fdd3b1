"""The build's own modules import on a Python without tomllib, so that pip's Requires-Python
check, which runs after it has imported setup.py, is what refuses an unsupported Python.

Regression: README's install command on Python 3.10 ended in a build traceback,
`ModuleNotFoundError: No module named 'tomllib'` from build_tools/durable_core.py (imported
by setup.py), instead of pip's "requires a different Python". tomllib is only read when the
durable-rules pin is, which a supported Python alone reaches.
"""
from __future__ import annotations

import os
import subprocess
import sys

from .helpers import ROOT

# Python 3.10 has no tomllib: `None` in sys.modules makes `import tomllib` fail as it fails there
_WITHOUT_TOMLLIB = """
import sys
sys.modules["tomllib"] = None
sys.path.insert(0, {root!r})
import build_tools.durable_core as core
print(core.ENV_SDIST)
"""


def test_the_durable_core_builder_imports_without_tomllib():
    done = subprocess.run([sys.executable, "-c", _WITHOUT_TOMLLIB.format(root=str(ROOT))], cwd=ROOT,
                          capture_output=True, text=True, timeout=60,
                          env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert (done.returncode, done.stdout) == (0, "PATHFIT_DURABLE_SDIST\n"), done.stderr


def test_setup_imports_nothing_an_older_python_lacks_before_pip_checks():
    """setup.py imports the builder at its top; beyond it, only modules every Python 3 has."""
    import ast

    tree = ast.parse((ROOT / "setup.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module.split(".")[0] for node in tree.body if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= {"__future__", "importlib", "os", "re", "shutil", "sys", "setuptools"}, imported
