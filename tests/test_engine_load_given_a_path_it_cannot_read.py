"""Regression: `Engine.load` given a rules directory it could not read, or something that is
no path, raised whatever Python raised first: a number, bytes or a list a raw TypeError, a
name too long `OSError: [Errno 36] File name too long`, a directory under one that may not be
searched a raw PermissionError (pathlib's is_dir lets both through), and a directory that may
not be listed said its schema.yaml and policy.yaml were missing (pathlib's glob lists it as
empty). Now each is PF216 at the directory as given (`<rules>` for what is no path), saying why."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

from pathfit.engine import Engine, PathfitError
from pathfit.engine.pipeline.bundled import bundled_rules_dir

from .helpers import as_another_user


def _refused(directory: object) -> list[tuple[str, str, str]]:
    with pytest.raises(PathfitError) as refused:
        Engine.load(directory)  # type: ignore[arg-type]
    return [(p.code, p.pos.file, p.message) for p in refused.value.problems]


class _BytesPath:
    def __fspath__(self) -> bytes:
        return b"rules"


@pytest.mark.parametrize("given, kind", [(5, "int"), (b"rules", "bytes"), (["rules"], "list"),
                                         (_BytesPath(), "bytes")])
def test_a_rules_directory_given_as_no_path_is_pf216(given, kind):
    assert _refused(given) == [("PF216", "<rules>", "the rules directory is given as text or a path "
                                f"(str or os.PathLike), not {kind}")]


def test_a_name_too_long_for_the_system_is_pf216_at_it(tmp_path):
    name = str(tmp_path / ("a" * 5000))
    assert _refused(name) == [("PF216", name, "cannot read the rules directory: File name too long")]


def test_a_missing_directory_and_a_file_are_pf216_as_before(tmp_path):
    (tmp_path / "file.yaml").write_text("x: 1\n", encoding="utf-8")
    assert [c for c, _, m in _refused(tmp_path / "nope")] == ["PF216"]
    assert _refused(tmp_path / "nope")[0][2] == "rules directory not found"
    assert _refused(tmp_path / "file.yaml")[0][2] == "not a directory: give the rule set's directory"
    assert _refused(tmp_path / "file.yaml" / "under")[0][2] == "rules directory not found"


def _as_another_user(call) -> object:
    """`call()`'s answer, run as a user other than root (`helpers.as_another_user`); its
    PathfitError as [(code, message)], anything else raised as its type's name."""
    def answer() -> object:
        try:
            call()
            return "loaded"
        except PathfitError as err:
            return [[p.code, p.message] for p in err.problems]
        except BaseException as exc:  # the defect: anything raised, named by its type
            return type(exc).__name__

    return as_another_user(answer)


@pytest.fixture()
def rules_copy() -> Iterator[Path]:
    """The bundled rules under a new directory of the system's temporary one, which every
    user may search (pytest's own are root's alone, and would refuse the child anyway)."""
    top = Path(tempfile.mkdtemp(prefix="pathfit-unreadable-"))
    try:
        shutil.copytree(Path(bundled_rules_dir()).parent, top / "set")
        for folder, _, files in os.walk(top):
            os.chmod(folder, 0o755)
            for name in files:
                os.chmod(os.path.join(folder, name), 0o644)
        with pytest.raises(PathfitError):  # every module a load reads is imported before the child runs
            Engine.load(top / "nope")
        yield top / "set" / "rules"
    finally:
        for folder, _, _ in os.walk(top):
            os.chmod(folder, 0o755)
        shutil.rmtree(top)


def test_a_directory_that_may_not_be_listed_is_pf216_saying_so(rules_copy, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    os.chmod(rules_copy, 0o300)  # searched, not listed
    try:
        said = _as_another_user(lambda: Engine.load(rules_copy))
    finally:
        os.chmod(rules_copy, 0o755)
    assert said == [["PF216", "cannot read the rules directory: Permission denied"]]


def test_a_directory_under_one_that_may_not_be_searched_is_pf216_saying_so(rules_copy, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    os.chmod(rules_copy.parent, 0o600)  # the rules' parent: not searched
    try:
        said = _as_another_user(lambda: Engine.load(rules_copy))
    finally:
        os.chmod(rules_copy.parent, 0o755)
    assert said == [["PF216", "cannot read the rules directory: Permission denied"]]
