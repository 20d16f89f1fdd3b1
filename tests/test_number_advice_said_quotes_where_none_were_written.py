"""Text where a rule file wants a number is refused (PF203, at the value) with advice on what
to write, and the advice fits how the text was written: `!!str 3` has no quotes to leave out
(its tag makes it text), and a block of text (`max: >-`) neither. Written quoted or tagged,
`1e3` is text to every reader, so it is PF203 too, never PF211 ("readers disagree"), which a
plain `1e3` is, since YAML 1.2 reads that as a number and YAML 1.1 as text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pathfit.engine import Engine, PathfitError

TINY = Path(__file__).parent / "fixtures" / "tiny"
WEIGHT = ("rules.yaml", "{coaching: 3}, suggest", 16, 33)  # (file, text replaced, line and column of the value)
MAX = ("schema.yaml", "max: 160", 11, 10)

CASES = [  # (where, the value written, code, the advice the message ends with)
    (WEIGHT, "{coaching: !!str 3}, suggest", "PF203", "('3'): write 3 without the !!str tag"),
    (WEIGHT, '{coaching: !!str "3"}, suggest', "PF203", "('3'): write 3 without the !!str tag and the quotes"),
    (WEIGHT, "{coaching: !<tag:yaml.org,2002:str> 2.5}, suggest", "PF203",
     "('2.5'): write 2.5 without the !<tag:yaml.org,2002:str> tag"),
    (WEIGHT, "{coaching: '1e3'}, suggest", "PF203", "('1e3'): write 1000 without quotes"),
    (WEIGHT, "{coaching: !!str 1e3}, suggest", "PF203", "('1e3'): write 1000 without the !!str tag"),
    (MAX, "max: >-\n      160", "PF203", "('160'): write 160 on the key's line as a plain number, not as a block of text"),
    (MAX, "max: !!str\n      160", "PF203", "('160'): write 160 without the !!str tag"),
    (WEIGHT, '{coaching: "3"}, suggest', "PF203", "('3'): write 3 without quotes"),
    (WEIGHT, "{coaching: '1e-400'}, suggest", "PF203", "('1e-400'), and as a number it would not be taken: too small "
     "for the numbers pathfit compares, it would be read as 0"),
    (WEIGHT, "{coaching: 1e3}, suggest", "PF211", "(YAML 1.2 and JSON read a plain 1e3 as a number); write 1000"),
]


@pytest.mark.parametrize("where, written, code, words", CASES, ids=[c[1] for c in CASES])
def test_the_advice_for_text_where_a_number_belongs_fits_how_it_was_written(
        tmp_path: Path, where: tuple, written: str, code: str, words: str) -> None:
    name, old, line, col = where
    rules = tmp_path / "rules"
    shutil.copytree(TINY, rules)
    path = rules / name
    path.write_text(path.read_text().replace(old, written, 1))
    with pytest.raises(PathfitError) as caught:
        Engine.load(rules)
    found = caught.value.problems
    assert [(p.code, Path(p.pos.file).name, p.pos.line, p.pos.col) for p in found] == [(code, name, line, col)]
    assert found[0].message.endswith(words), found[0].message
