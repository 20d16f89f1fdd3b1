"""A key written twice in a profile (PF105) no longer hides the profile's other problems.

The reading keeps a key's first value as the key's value and each later one beside it
(Map.later_values), built like any other value, so its own load problems are reported;
the profile check judges every value of a repeated key, each where it was written. A
reader that is handed the document with its duplicate keys (a profile's) reports them
with every other problem in one run."""
from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.errors import Collector, PathfitError, Pos
from pathfit.engine.pipeline import located
from pathfit.engine.pipeline.profile import check_profile


@pytest.fixture(scope="module")
def bundled():
    with Engine.load() as engine:
        yield engine


def _read(text: str, label: str = "p.yaml"):
    """The located document and the problems found reading it, as parse_yaml's full path
    builds them (parse_yaml itself raises at a duplicate key)."""
    out = Collector()
    doc = located.build_document(yaml.compose(text, Loader=yaml.SafeLoader), text, label, out)
    return doc, [(p.code, p.pos.line, p.pos.col) for p in out.problems]


def _problems(engine, doc, label: str = "p.yaml") -> list[tuple[str, int, int]]:
    with pytest.raises(PathfitError) as info:
        check_profile(engine.ruleset, doc, label)
    return [(p.code, p.pos.line, p.pos.col) for p in info.value.problems]


def test_a_repeated_keys_later_value_is_checked_where_it_was_written(bundled):
    """Regression: the reading dropped a repeated key's later value unread, so what was
    wrong in it (500 hours, an item no list takes) came out only once the repeat was fixed
    by deleting the first, one more run for each."""
    text = ("hours_per_month: 2\n"
            "goal_clarity: specifc\n"
            "hours_per_month: 500\n"
            "needs: [performance]\n"
            "needs: [flying, performance]\n"
            "horizon_mnths: 3\n")
    doc, read = _read(text)
    assert read == [("PF105", 3, 1), ("PF105", 5, 1)]
    assert doc["hours_per_month"] == 2 and doc["needs"] == ["performance"]  # the first value stays the key's
    assert _problems(bundled, doc) == [("PF403", 2, 15), ("PF404", 3, 18), ("PF403", 5, 9), ("PF401", 6, 1)]


def test_a_repeated_number_is_judged_as_written_and_an_unknown_one_is_no_problem(bundled):
    """The later value of a number is judged as written (024 is PF407, as a first one is);
    a later `null` is unknown, no problem, as a first one is."""
    doc, read = _read("horizon_months: 12\nhorizon_months: 024\nhours_per_month: 2\nhours_per_month: null\n")
    assert read == [("PF105", 2, 1), ("PF105", 4, 1)]
    assert _problems(bundled, doc) == [("PF407", 2, 17)]


def test_a_value_given_again_by_fact_sets_the_files_later_values_aside(bundled):
    """`--fact` wins over the file: neither of the file's values of that key is judged."""
    doc, _ = _read("hours_per_month: 2\nhours_per_month: 500\n")
    doc.put("hours_per_month", 4, Pos("--fact"))
    assert check_profile(bundled.ruleset, doc, "p.yaml") == {"hours_per_month": 4}


def test_a_repeated_keys_later_value_has_its_own_load_problems_reported(tmp_path):
    """Regression: a tag or an alias in a repeated key's later value went unreported until
    the repeat was fixed, as the value was never read."""
    path = tmp_path / "person.yaml"
    path.write_text("hours_per_month: 2\nhours_per_month: !!python/name:os.system x\n")
    result = CliRunner().invoke(cli, ["recommend", "--profile", str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    assert [line.split(": ")[:2] for line in result.stderr.splitlines()] == [
        [f"{path}:2:1", "PF105"], [f"{path}:2:18", "PF103"]], result.stderr
    assert "Traceback" not in result.stderr


def test_a_mapping_without_repeats_has_no_later_values_and_none_is_made():
    doc, _ = _read("a: 1\nb: {c: 2}\n")
    assert doc.later_values() == {} and doc.later_values() is located.NONE_NOTED
    assert doc["b"].later_values() is located.NONE_NOTED
    assert located.NONE_NOTED == {}
