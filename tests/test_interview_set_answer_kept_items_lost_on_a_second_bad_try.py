"""A set answer's good items are kept for the next try, and for the one after it: a second try
that names only choices that do not exist still keeps what the first try named, says so, and
adds what a later try names. Keeping only the latest try's good items lost the first try's
items without a word, so Enter then kept nothing (or too little) of what was typed."""
from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from pathfit.cli.main import cli
from pathfit.engine import Engine
from pathfit.engine.explain.answers import BadAnswer, parse_answer


def _needs_saved(tmp_path, answers: str) -> list:
    saved = tmp_path / "p.yaml"
    result = CliRunner().invoke(cli, ["interview", "--save", str(saved)], input=f"no\nno\nno\n{answers}quit\n",
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    words = " ".join(result.output.split())
    assert words.count("Kept: Career direction") == 2, result.output  # said after each bad try
    return yaml.safe_load(saved.read_text())["needs"]


def test_items_kept_from_the_first_try_survive_a_second_bad_one_and_enter_keeps_them(tmp_path):
    assert _needs_saved(tmp_path, "4,nonsense\nfoo\n\n") == ["career_direction"]


def test_items_kept_from_the_first_try_survive_a_second_bad_one_and_a_third_adds_to_them(tmp_path):
    assert _needs_saved(tmp_path, "4,nonsense\nfoo,bar\n7\n") == ["career_direction", "network"]


def test_parse_answer_keeps_earlier_items_through_a_try_with_none_good():
    with Engine.load() as engine:
        needs = engine.ruleset.facts["needs"]
        with pytest.raises(BadAnswer) as first:
            parse_answer(needs, "4,nonsense")
        with pytest.raises(BadAnswer) as second:
            parse_answer(needs, "foo", first.value.kept)
        assert second.value.kept == first.value.kept == ("career_direction",)
        assert parse_answer(needs, "", second.value.kept) == ["career_direction"]
