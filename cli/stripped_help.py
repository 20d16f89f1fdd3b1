"""A command's help under `python -OO` (or PYTHONOPTIMIZE=2), read back from its source.

click takes a command's help (its description and examples) from the function's docstring,
and -OO compiles every docstring away: each help page was its usage and options alone, with
no word of what the command does. The source is still installed beside the bytecode, so the
docstring is read from it, as written. Only -OO comes here: every other start-up pays nothing.
"""
from __future__ import annotations

import ast
import inspect
import textwrap
from typing import Callable


def docstring_of(callback: Callable) -> str | None:
    """The docstring `callback` (a command's function, under click's wrappers) has in its
    source, as the compiler would have kept it; None where the source cannot be read."""
    function = inspect.unwrap(callback)
    try:
        source = textwrap.dedent("".join(inspect.getsourcelines(function)[0]))
        node = ast.parse(source).body[0]
    except (OSError, TypeError, SyntaxError, IndexError):
        return None
    if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    return ast.get_docstring(node, clean=False)
