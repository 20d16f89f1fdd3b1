"""`audit show` called a sealed subject that does not open PF609 where `audit verify`,
`report`, serve's `/report/ID` and `replay` with the same key call it PF630.

PF609 is the code of a record whose content does not match its record_digest; a subject
moved from another record and the record resealed matches its digest, and only the
authentication tag shows the change: PF630 (docs/audit.md, "Error codes"), in every reader."""
from __future__ import annotations

import json
import re

from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine.audit.record import seal

from .helpers import ROOT
from .test_subject import keyed  # the audit key in PATHFIT_AUDIT_KEY_FILE

EXAMPLE = ROOT / "examples" / "new-vp-wants-structure.yaml"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_a_moved_subject_is_pf630_in_show_as_in_verify(tmp_path, keyed):
    one, two = tmp_path / "1.json", tmp_path / "2.json"
    for path, who in ((one, "A"), (two, "B")):
        assert run("recommend", "--profile", EXAMPLE, "--record", path, "--subject", who).exit_code == 0
    a, b = json.loads(one.read_text()), json.loads(two.read_text())
    b["subject"] = a["subject"]  # resealed: the digest matches, only the tag shows it
    moved = tmp_path / "moved.json"
    moved.write_text(json.dumps(seal(b)))
    verified = run("audit", "verify", moved)
    assert verified.exit_code == 1 and ": PF630: " in verified.stdout, verified.output
    shown = run("audit", "show", moved, "--id", b["id"])
    codes = set(re.findall(r": (PF\d{3}): ", shown.stderr))
    assert shown.exit_code == 2 and codes == {"PF630"}, shown.output
