"""`audit show LOG --id ID` parsed and held every record of the log, and opened every sealed one,
to show the one its prefix names: 1.24 GB of memory for a 295 MB log of 10,000 sealed records,
growing with the log. It now keeps whole only the records the prefix names (the others by their
ids, which still tell a prefix naming several records apart), as `report --id` and `replay --id`
do; what it shows is what reading every record shows."""
from __future__ import annotations

import json

from pathfit.engine.audit.masking import load_key

from .audit_support import engine  # the module-scoped fixture the audit tests share
from .audit_support import build_log, keyed_log_ending_sensitive, make_key, peak_while, run


def test_show_of_one_record_holds_far_less_than_every_record_of_the_log(tmp_path, engine, monkeypatch):
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    key = load_key(str(key_file))
    log = tmp_path / "audit.jsonl"
    peaks, sizes = [], []
    for _ in range(2):  # the peak's growth with the log: what the command holds apart from once
        last = json.loads(build_log(engine, key, log, 20)[-1])["record"]["id"]

        def show() -> None:
            result = run("audit", "show", log, "--id", last)
            assert result.exit_code == 0, result.output
            assert last in result.output

        show()  # what is imported or kept on a first run is not the command's own
        peaks.append(peak_while(show))
        sizes.append(log.stat().st_size)
    grown, by = peaks[1] - peaks[0], sizes[1] - sizes[0]
    assert grown < by / 2, (peaks, sizes)  # every record held: about 4 bytes a byte of the log


def test_show_of_one_record_shows_what_reading_every_record_shows(tmp_path, engine, monkeypatch):
    log, lines = keyed_log_ending_sensitive(tmp_path, engine, monkeypatch, 6)
    ids = [json.loads(line)["record"]["id"] for line in lines]
    ids.append(json.loads(log.read_bytes().splitlines()[-1])["record"]["id"])
    whole = json.loads(run("audit", "show", log, "--format", "json").stdout)
    for n, rid in enumerate(ids):
        one = run("audit", "show", log, "--id", rid[:10], "--format", "json")
        assert one.exit_code == 0, one.output
        assert json.loads(one.stdout) == [whole[n]]
    text = run("audit", "show", log, "--id", ids[-1])
    assert text.exit_code == 0 and f"Record {ids[-1]}" in text.output
    assert text.stderr.strip().endswith(f"1 of {len(ids)} records")
