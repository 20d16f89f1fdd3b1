"""A report (`pathfit report --id`, the service's `/report/ID`) or `replay --id` of one record
of a large audit log holds the log's bytes and its entries' hashes and ids while it reads, not
every record parsed (those took three times the log's size again: 2.4 GB for a 573 MB log of
20,000 records); and reading for one id finds exactly what reading every record finds."""
from __future__ import annotations

import json
from pathlib import Path

from pathfit.engine.audit.append import append
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.read import read_items_checked, select
from pathfit.engine.audit.record import seal
from pathfit.engine.errors import PathfitError

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, build_log, make_key, another_outcome, peak_while, record_for, rehashed, run


def test_a_report_of_one_record_holds_about_the_logs_bytes_not_every_record(tmp_path, engine, monkeypatch):
    key_file = make_key(tmp_path)
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    key = load_key(str(key_file))
    log, page = tmp_path / "audit.jsonl", tmp_path / "report.html"
    peaks, sizes = [], []
    for _ in range(2):  # the peak's growth with the log: what the report holds apart from once
        last = json.loads(build_log(engine, key, log, 60)[-1])["record"]["id"]

        def report() -> None:
            page.unlink(missing_ok=True)
            result = run("report", log, "--id", last, "--out", page)
            assert result.exit_code == 0, result.output

        report()  # what is imported or kept on a first report is not the report's own
        peaks.append(peak_while(report))
        sizes.append(log.stat().st_size)
    grown, by = peaks[1] - peaks[0], sizes[1] - sizes[0]
    assert grown < 1.5 * by, (peaks, sizes)  # every record held: about 4 bytes a byte of the log


def _odd_log(tmp_path, engine, key) -> tuple[Path, list[str]]:
    """Records of every example, two sharing their first id character, the fourth record damaged
    (rehashed with another outcome than its trace's: PF608)."""
    log = tmp_path / "odd.jsonl"
    for i, example in enumerate(EXAMPLES * 2):
        record = record_for(engine, example, key)
        if i in (0, 5):
            record = seal({**record, "id": "aa" + record["id"]})
        append(log, record)
    lines = log.read_bytes().splitlines(keepends=True)

    lines[3] = rehashed(lines[3], another_outcome)
    log.write_bytes(b"".join(lines))
    return log, [json.loads(line)["record"]["id"] for line in lines]


def _selected(log: Path, wanted: str, read: tuple):
    """What `select` takes for `wanted` from `read`, a (items, problem, unvouched) of the log."""
    items, broken, unvouched = read
    try:
        item = select(items, wanted, str(log), damaged=True)
        return (item.where, item.record, item.entry, item.problem), broken, unvouched
    except PathfitError as err:
        return err.problems, broken, unvouched


def test_reading_for_one_id_selects_what_reading_every_record_selects(tmp_path, engine, key):
    log, ids = _odd_log(tmp_path, engine, key)
    asked = [*ids, *(rid[:10] for rid in ids), "aa", "a", "", "nothing-like-it", ids[3][:6]]
    every = read_items_checked(log, record_id=None)  # the same whatever is asked: read once
    for wanted in asked:
        one = read_items_checked(log, record_id=wanted)
        assert _selected(log, wanted, one) == _selected(log, wanted, every), wanted
