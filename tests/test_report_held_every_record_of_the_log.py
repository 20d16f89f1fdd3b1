"""A report (`pathfit report`, the service's `/report/ID`) or `replay --id` of one record
of a large audit log holds its entries' hashes and ids while it reads, and the record it draws,
not every record parsed (those took three times the log's size again: 2.4 GB for a 573 MB log of
20,000 records); and reading for one id finds exactly what reading every record finds."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pathfit.engine.audit.append import append
from pathfit.engine.audit.masking import load_key
from pathfit.engine.audit.read import select
from pathfit.engine.audit.stream import CheckedLog
from pathfit.engine.audit.record import seal
from pathfit.engine.errors import PathfitError

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import EXAMPLES, build_log, make_key, another_outcome, peak_while, read_every_record, record_for, \
    rehashed, run


# The records of the smaller log and of the larger: the smaller one's report costs little, and what
# grows is measured over the 50 records between. Grown by what is held apart from what is held once
# whatever the log, over the bytes between, a report holds 0.010 of them now (0.009 from 60 records
# to 120), and 2.48 holding every record as well, read and kept whole (2.50 from 60 to 120): the
# bound of 0.1 is as tight here.
GROWN = (10, 60)


@pytest.fixture(scope="module")
def grown_logs(engine, tmp_path_factory):
    """An audit key and a log of GROWN[0] records, then the same log with more appended, GROWN[1]
    in all, each kept as a copy with its last record's id: module-scoped, as appending each record
    is costly."""
    directory = tmp_path_factory.mktemp("grown")
    key_file = make_key(directory)
    key = load_key(str(key_file))
    log = directory / "audit.jsonl"
    kept, appended = [], 0
    for n, count in enumerate(GROWN):
        last = json.loads(build_log(engine, key, log, count - appended)[-1])["record"]["id"]
        appended = count
        copy = directory / f"audit-{n}.jsonl"
        shutil.copy2(log, copy)
        kept.append((copy, last))
    return key_file, kept


def _growth(tmp_path, grown_logs, monkeypatch, named: bool) -> tuple[int, int]:
    """(how much more a report's peak memory is on a log of GROWN[1] records than on one of
    GROWN[0], how many more bytes the log has): what it holds apart from what it holds once."""
    key_file, kept = grown_logs
    monkeypatch.setenv("PATHFIT_AUDIT_KEY_FILE", str(key_file))
    log, page = tmp_path / "audit.jsonl", tmp_path / "report.html"
    peaks, sizes = [], []
    for copy, last in kept:
        shutil.copy2(copy, log)  # the smaller log, then the same log grown

        def report() -> None:
            page.unlink(missing_ok=True)
            result = run("report", log, *(["--id", last] if named else []), "--out", page)
            if named:
                assert result.exit_code == 0, result.output
            else:  # PF616: so many records here; name one with --id
                assert result.exit_code == 2 and "PF616" in result.output and not page.exists(), result.output

        report()  # what is imported or kept on a first report is not the report's own
        peaks.append(peak_while(report))
        sizes.append(log.stat().st_size)
    return peaks[1] - peaks[0], sizes[1] - sizes[0]


def test_a_report_of_one_record_holds_about_the_logs_bytes_not_every_record(tmp_path, grown_logs, monkeypatch):
    grown, by = _growth(tmp_path, grown_logs, monkeypatch, named=True)
    assert grown < 0.1 * by, (grown, by)  # every record held: about 4 bytes a byte of the log


def test_a_report_naming_no_record_of_a_log_of_many_holds_none_of_them(tmp_path, grown_logs, monkeypatch):
    """Regression: `pathfit report LOG` with no --id read and kept every record of the log whole
    (about four times the log's size in memory) only to say it holds many and to name one with
    --id; it now verifies the log holding each entry's id, and reads again only the record drawn."""
    grown, by = _growth(tmp_path, grown_logs, monkeypatch, named=False)
    assert grown < 0.1 * by, (grown, by)


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


def _selected(log: Path, wanted: str, read: tuple, whole=None):
    """What `select` takes for `wanted` from `read`, a (items, problem, unvouched) of the log, read
    whole by `whole` where the items hold only ids; a damaged record named is refused with its own
    problem, as report and the service's report page refuse it."""
    items, broken, unvouched = read
    try:
        item = select(items, wanted, str(log))
        item = whole(item) if whole else item
        return (item.where, item.record, item.entry, item.problem), broken, unvouched
    except PathfitError as err:
        return err.problems, broken, unvouched


def test_reading_for_one_id_selects_what_reading_every_record_selects(tmp_path, engine, key):
    """As report and the service's report page read: the log verified holding ids alone, the
    record chosen by its id, then read again whole (CheckedLog)."""
    log, ids = _odd_log(tmp_path, engine, key)
    asked = [*ids, *(rid[:10] for rid in ids), "aa", "a", "", "nothing-like-it", ids[3][:6]]
    every = read_every_record(log)  # the same whatever is asked: read once
    checked = CheckedLog(log)  # checked once too: nothing asked changes it, and each read again opens the log anew
    one = (checked.items, checked.problem, checked.unvouched_from)
    for wanted in asked:
        assert _selected(log, wanted, one, checked.whole) == _selected(log, wanted, every), wanted
