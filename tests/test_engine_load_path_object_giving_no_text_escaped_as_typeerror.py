"""Regression: `Engine.load` given a path object (os.PathLike) whose `__fspath__` gives neither
text nor bytes (a number, None, a list) raised Python's own TypeError ("expected
X.__fspath__() to return str or bytes, not int") from os.fspath, where a path object giving
bytes was PF216. Now each is PF216 at `<rules>`, naming the type the path object gave."""
from __future__ import annotations

import pytest

from pathfit.engine import Engine, PathfitError


class _Gives:
    def __init__(self, value: object) -> None:
        self.value = value

    def __fspath__(self) -> object:
        return self.value


@pytest.mark.parametrize("value, kind", [(5, "int"), (None, "NoneType"), (["rules"], "list")])
def test_a_path_object_giving_no_text_is_pf216_naming_what_it_gave(value, kind):
    with pytest.raises(PathfitError) as refused:
        Engine.load(_Gives(value))  # type: ignore[arg-type]
    assert [(p.code, p.pos.file, p.message) for p in refused.value.problems] == [
        ("PF216", "<rules>", f"the rules directory is given as text or a path (str or os.PathLike), not {kind}")]
