"""A directory given where replay, report or an `audit` command reads a file is bad input in
pathfit's own form (`file:line:col: CODE: message`, exit 2), not click's usage error."""
from __future__ import annotations

import pytest

from pathfit.engine.audit.signing import generate_signing_key

from .audit_support import run


@pytest.mark.parametrize("args,code", [
    (("replay", "{d}"), "PF100"),
    (("report", "{d}", "--out", "{t}/r.html"), "PF100"),
    (("audit", "head", "{d}", "--signing-key", "{k}"), "PF100"),
    (("audit", "head", "{t}/none.jsonl", "--signing-key", "{d}"), "PF623"),
    (("audit", "head", "{t}/none.jsonl", "--signing-key", "{k}", "--public-key", "{d}"), "PF623"),
    (("audit", "verify", "{d}"), "PF100"),
    (("audit", "show", "{d}"), "PF100"),
    (("audit", "verify", "{t}/empty.jsonl", "--public-key", "{d}"), "PF623"),
])
def test_a_directory_is_located_bad_input(tmp_path, args, code):
    d = tmp_path / "adir"
    d.mkdir()
    (tmp_path / "empty.jsonl").write_bytes(b"")
    k = generate_signing_key(str(tmp_path / "s.key")).path
    result = run(*(a.format(d=d, t=tmp_path, k=k) for a in args))
    assert result.exit_code == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"{d}:0:0: {code}: ") and "Usage" not in result.stderr, result.stderr
    assert not (tmp_path / "r.html").exists()
