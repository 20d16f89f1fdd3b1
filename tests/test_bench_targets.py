"""The benchmark's verdict on its targets (bench/targets.py): each limit compared the right way
round, the limit itself met, a figure the run did not measure left out rather than counted,
and every figure read from a key bench/run.py writes."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.targets import TARGETS, report

RUN = (Path(__file__).resolve().parent.parent / "bench" / "run.py").read_text()


def results_with(value_for) -> dict:
    """A run's results holding, for every target, value_for(target)."""
    out: dict = {}
    for t in TARGETS:
        node = out
        for key in t.path[:-1]:
            node = node.setdefault(key, {})
        node[t.path[-1]] = value_for(t)
    return out


@pytest.mark.parametrize("step, expected_met", [(0.0, True), (-0.001, True), (0.001, False)])
def test_each_target_is_met_up_to_its_limit_and_no_further(step, expected_met):
    # `step` moves each figure past its limit (+) or inside it (-), whichever way the limit runs
    got = report(results_with(lambda t: round(t.limit + (step if t.at_most else -step), 6)))
    assert [r["target"] for r in got] == [t.name for t in TARGETS]
    assert [r["met"] for r in got] == [expected_met] * len(TARGETS)


def test_the_limits_are_the_readmes_table():
    limits = {t.name: (t.limit, t.at_most) for t in TARGETS}
    assert limits["decision only / the floor, 1,000 rules"] == (1.05, True)
    assert limits["batch --jobs 1 / CLIPS, 30 rules"] == (0.3, False)
    assert limits["batch --jobs 1 / CLIPS, 1,000 rules"] == (0.2, False)
    assert limits["audited batch / plain batch, 30 rules"] == (0.5, False)
    assert limits["explanation added to the decision, 300 rules"] == (0.3, True)
    assert limits["cold load of 1,000 rules, seconds"] == (0.3, True)
    assert limits["recommend start-up / the bare imports"] == (1.15, True)
    assert limits["batch --jobs 2 / --jobs 1"] == (1.7, False)
    assert limits["3,000 rules, people disagreeing with the floor"] == (0, True)
    assert limits["3,000 rules, people disagreeing with CLIPS"] == (0, True)


def test_each_limit_is_written_in_its_readme_row():
    # the README's targets table, as its rows begin, each with the limit the code holds a run to
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    table = text[text.index("| target | measured | met |"):]
    rows = [line for line in table[:table.index("\n\n")].splitlines()[2:]]
    last_at: dict = {}  # row -> where the previous target's limit sits in it
    for t in TARGETS:
        row = next((r for r in rows if r.startswith(f"| {t.row}")), None)
        assert row is not None, t.name
        first_cell = row.split(" | ")[0]
        found = re.search(re.escape(t.written()) + r"(?![\d.])", first_cell)  # ">= 0.5" is not ">= 0.55"
        assert found, (t.name, t.written(), first_cell)
        # targets sharing a row are written in TARGETS' order (30 rules before 1,000)
        assert found.start() >= last_at.get(t.row, 0), (t.name, first_cell)
        last_at[t.row] = found.start()
    assert len(rows) == len({t.row for t in TARGETS})  # no row without a target


def test_a_figure_the_run_did_not_measure_is_left_out_not_met():
    results = results_with(lambda t: t.limit)
    del results["batch_30"]["plain_to_clips"]  # clipspy not installed
    results["per_profile_1000"]["ratio_pathfit_to_floor"] = None
    results["jobs"]["speedup"] = True  # not a figure
    names = [r["target"] for r in report(results)]
    assert "batch --jobs 1 / CLIPS, 30 rules" not in names
    assert "decision only / the floor, 1,000 rules" not in names
    assert "batch --jobs 2 / --jobs 1" not in names
    assert len(names) == len(TARGETS) - 3


def test_every_target_reads_a_key_the_benchmark_writes():
    assert 'results["targets"] = report(results)' in RUN  # and a run reports them
    for t in TARGETS:
        section, key = t.path[0], t.path[-1]
        assert f'results["{section}"] = ' in RUN, section
        assert f'"{key}"' in RUN, key
