"""Regression: under an ASCII locale (LC_ALL=C with Python's UTF-8 mode and locale coercion
off), a command-line value typed in UTF-8 (`--operator 'Zoë'`) was refused with PF628 "U+DCC3
at character 3 is no character (a byte that is not UTF-8 ...)": the bytes were UTF-8; it was the
locale's encoding that could not read them, and Python kept each byte as an escape. A `--fact`
value showed the escapes in its did-you-mean ('sp\\udcc3\\udca9cifique'). Now a value the
locale's encoding cannot read but UTF-8 can is read as UTF-8 (as Python's own UTF-8 mode reads
the C locale), the same as under a UTF-8 locale; a value that is not UTF-8 either is still
PF628 at its option, and a path is still opened by the very bytes typed."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT

EXAMPLE = str(ROOT / "examples" / "new-vp-wants-structure.yaml")
ASCII = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
UTF8 = {"LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"}


def _run(args: list, env: dict, cwd: Path) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "PYTHONUTF8", "LC_ALL", "LANG")}
    full["PATHFIT_AUDIT_KEY_FILE"] = str(cwd / "k.key")
    return subprocess.run([sys.executable, "-m", "pathfit.cli.main", *args], capture_output=True,
                          env={**full, **env}, cwd=cwd, timeout=120)


@pytest.fixture
def keyed(tmp_path: Path) -> Path:
    assert _run(["audit", "keygen", "k.key"], UTF8, tmp_path).returncode == 0
    return tmp_path


@pytest.mark.parametrize("option", ["--operator", "--subject"])
def test_a_utf8_value_is_read_as_typed_under_an_ascii_locale(keyed: Path, option: str) -> None:
    for env, record in ((ASCII, "ascii.json"), (UTF8, "utf8.json")):
        done = _run(["recommend", "--profile", EXAMPLE, option, "Zoë".encode(), "--record", record], env, keyed)
        assert done.returncode == 0, done.stderr
    if option == "--operator":  # kept in clear
        assert json.loads((keyed / "ascii.json").read_text(encoding="utf-8"))["operator"] == "Zoë"
    for env in (ASCII, UTF8):  # the record made under either locale is found by the value typed under either
        for record in ("ascii.json", "utf8.json"):
            shown = _run(["audit", "show", record, option, "Zoë".encode()], env, keyed)
            assert shown.returncode == 0, shown.stderr
            assert shown.stderr == b"1 of 1 record\n"


def test_a_utf8_fact_value_is_read_as_typed_in_its_did_you_mean(tmp_path: Path) -> None:
    ascii_said = _run(["recommend", "--fact", "goal_clarity=spécifique".encode()], ASCII, tmp_path)
    utf8_said = _run(["recommend", "--fact", "goal_clarity=spécifique".encode()], UTF8, tmp_path)
    assert ascii_said.returncode == utf8_said.returncode == 2
    assert ascii_said.stderr.startswith(b"--fact:0:0: PF403: ")
    assert b"\\udc" not in ascii_said.stderr
    assert ascii_said.stderr == utf8_said.stderr.decode("utf-8").encode("ascii", "backslashreplace")


def test_a_value_that_is_not_utf8_either_is_still_pf628(keyed: Path) -> None:
    done = _run(["recommend", "--profile", EXAMPLE, "--operator", b"Zo\xeb", "--record", "r.json"], ASCII, keyed)
    assert done.returncode == 2
    assert done.stderr.startswith(b"--operator:0:0: PF628: ")
    assert not (keyed / "r.json").exists()


def test_a_path_typed_in_utf8_is_still_opened_by_its_bytes(tmp_path: Path) -> None:
    (tmp_path / "Zoë.yaml").write_bytes(Path(EXAMPLE).read_bytes())
    done = _run(["recommend", "--profile", "Zoë.yaml".encode(), "--operator", "Zoë".encode(), "--format", "json"],
                ASCII, tmp_path)
    assert done.returncode == 2  # --operator without a record: refused as idle, after the path was taken
    assert b"PF628" not in done.stderr
    done = _run(["recommend", "--profile", "Zoë.yaml".encode(), "--format", "json"], ASCII, tmp_path)
    assert done.returncode == 0, done.stderr


def test_a_value_a_latin1_locale_read_is_kept_as_it_read_it(monkeypatch) -> None:
    """A latin-1 locale reads every byte: `Ã©` typed on a latin-1 terminal is Ã©, never read
    again as the UTF-8 `é` its bytes would also spell."""
    from pathfit.cli import typed_args

    monkeypatch.setattr(typed_args.os, "fsencode", lambda value: value.encode("latin-1", "surrogateescape"))
    assert typed_args.as_typed("Ã©") == "Ã©"
    assert typed_args.as_typed(["x", "Ã©"]) == ["x", "Ã©"]
    assert typed_args.as_typed("Zo\udcc3\udcab") == "Zoë"  # bytes the locale did not read: UTF-8's
