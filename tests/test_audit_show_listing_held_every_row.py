"""`audit show LOG`, listing a log's records, kept every listed record's row (seven strings, about
1.8 KB) and every record's id until the last record was read, to find its columns' widths and
its ids' shortest unique prefixes, then built the whole table as one string: gigabytes for a
year's log. It now keeps each column's width and the widest line each form of the table would
have, the ids sorted and packed, a bit for each record to show and each listed row's text packed,
and prints the rows from that. What grows with the number of entries is measured here
(the peak at the larger size less the smaller's, over the entries between), with the output
going to /dev/null so that only what the command holds is counted; the listing is the one the
rows held whole made (cli.audit_show.listing)."""
from __future__ import annotations

import contextlib
import io
import json
import os
import random
import signal
import uuid

import click
import pytest

from pathfit.cli.audit.show_listing import HEADS
from pathfit.cli.audit_show import field, listing, row
from pathfit.cli.main import cli
from pathfit.engine.audit.log import GENESIS, entry_hash
from pathfit.engine.audit.read import Item
from pathfit.engine.audit.record import build_record, canonical
from pathfit.engine.errors import Pos

from .audit_support import engine, key  # the module-scoped fixtures the audit tests share
from .audit_support import SENSITIVE_EXAMPLE, example_facts, peak_while

# The smaller log all but empty, so that its run costs little. The larger one is large enough that
# the peak comes while the rows are kept (with 200 entries it still came before, in what reading a
# record takes, whatever the rows held): so the rows' growth counts in full over this span, where
# from 200 entries it counted once and a third (the rows' bytes at 800 over 600 entries), and the
# bound is lower by as much.
SIZES = (10, 800)
# bytes an entry at these sizes: about 540 now (the verified log, the ids, and each row's text packed),
# 890 with each row held whole (1,040 over 200 to 800 entries, against a bound of 800 there)
LIMIT = 700
LISTED = 200  # the entries of the log listed at every width and interrupted


@pytest.fixture(scope="module")
def logs(engine, key, tmp_path_factory):
    """Logs of SIZES and LISTED records, each its own id (so the id column holds every one; every
    seventh shares its first 12 characters with the one before), sealed with the module's key,
    which the runs are not given: what is listed is the records' clear part. Each the first entries
    of the largest: a log's first lines are a whole log, and each record is made once."""
    directory = tmp_path_factory.mktemp("logs")
    decision = engine.evaluate(example_facts(SENSITIVE_EXAMPLE))
    rng = random.Random(5)
    counts = (*SIZES, LISTED)
    out, prev, rid = [], GENESIS, ""
    for seq in range(1, max(counts) + 1):
        fresh = str(uuid.UUID(int=rng.getrandbits(128)))
        rid = rid[:12] + fresh[12:] if seq % 7 == 0 else fresh
        entry = {"record": build_record(engine, decision, key, record_id=rid), "prev": prev,
                 "seq": seq, "time": f"2026-12-05T10:00:{seq % 60:02d}.000000Z"}
        entry["hash"] = prev = entry_hash(entry)
        out.append(canonical(entry) + b"\n")
    made = {}
    for count in counts:
        made[count] = directory / f"audit-{count}.jsonl"
        made[count].write_bytes(b"".join(out[:count]))
    return made


def _show(*args: str) -> str:
    """`pathfit audit show ARGS` in this process, its output to /dev/null; -> what it said on stderr."""
    err = io.StringIO()
    with open(os.devnull, "w") as null, contextlib.redirect_stdout(null), contextlib.redirect_stderr(err):
        cli.main(["audit", "show", *args], standalone_mode=False)
    return err.getvalue()


def test_listing_a_log_grows_by_a_few_hundred_bytes_an_entry(logs, monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)

    def peak(count: int) -> int:
        if count == SIZES[0]:  # what is imported or kept on a first run is not the command's own
            _show(str(logs[count]))
        said: list = []
        held = peak_while(lambda: said.append(_show(str(logs[count]))))
        assert said[0].endswith(f"{count} of {count} records\n"), said[0]  # every record listed
        return held

    small, large = (peak(count) for count in SIZES)
    assert (large - small) / (SIZES[1] - SIZES[0]) < LIMIT


def _reference(items: list, width: int) -> str:
    """The listing as its definition gives it, every row held: each form's table built whole
    (cells as `field` shows them, columns two spaces apart, trailing blanks cut), the first
    whose longest line fits, the ids' prefixes found by trying every length against every id."""
    ids = {i.record["id"] for i in items}

    def prefix(rid: str) -> str:
        return next((rid[:n] for n in range(8, len(rid)) if not any(o.startswith(rid[:n]) for o in ids - {rid})), rid)

    rows = [row(i) for i in items]
    full = [(s, w[:19], r, o, c, f"{n} {d[:12]}") for s, w, r, o, c, n, d in rows]
    short = [(s, w[:16].replace("T", " "), prefix(r), o, c, n) for s, w, r, o, c, n, d in rows]
    for table, keep in ((full, 6), (short, 6), (short, 5)):
        cells = [[field(c) for c in r[:keep]] for r in [HEADS] + table]
        widths = [max(len(r[c]) for r in cells) for c in range(keep)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
        if max(map(len, lines)) <= width:
            break
    return "\n".join(lines)


def test_the_listing_printed_is_the_table_of_every_row_held_whole(logs, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    log = logs[LISTED]
    entries = map(json.loads, log.read_bytes().splitlines())
    items = [Item(Pos(str(log), n, 1), e["record"], e) for n, e in enumerate(entries, 1)]
    shapes = set()
    for width in (40, 75, 120):
        monkeypatch.setenv("COLUMNS", str(width))
        shown = CliRunner().invoke(cli, ["audit", "show", str(log)])
        assert shown.exit_code == 0 and shown.stdout == _reference(items, width) + "\n"
        assert shown.stdout == listing(items, width) + "\n"
        shapes.add(shown.stdout.splitlines()[0])
    assert len(shapes) == 3  # every form shown: full, short, short without the rule set


class _Interrupted(io.StringIO):
    """Standard output on which Ctrl-C comes halfway through the first write."""

    def write(self, text: str) -> int:
        if not getattr(self, "interrupted", False):
            self.interrupted = True
            half = len(text) // 2
            super().write(text[:half])
            os.kill(os.getpid(), signal.SIGINT)  # Python runs the handler before the next bytecode
            return half + super().write(text[half:])
        return super().write(text)


def test_a_listing_stopped_by_ctrl_c_ends_at_the_end_of_a_line(logs, monkeypatch):
    monkeypatch.delenv("PATHFIT_AUDIT_KEY_FILE", raising=False)
    out = _Interrupted()
    with pytest.raises(click.exceptions.Abort) as stopped, contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(io.StringIO()):
        cli.main(["audit", "show", str(logs[LISTED])], standalone_mode=False)
    assert isinstance(stopped.value.__cause__, KeyboardInterrupt)  # what cli.main makes exit status 130
    printed = out.getvalue()
    assert printed.endswith("\n") and printed.startswith("seq  decided (UTC)")
