"""`pathfit interview` tries an output's folder before the first question where the write will
make it: the folder its name leads to as the system reads it, a link followed before `..`.

Regression: the folder was found by taking `..` off the name's text (os.path.abspath), so
`--save lnk/../out`, lnk a link to a folder elsewhere, was tried in the folder holding lnk
rather than the one the save writes in, the link's target's parent: refused up front (PF619)
where that folder took no file, though the save at the end would write it (`/proc/self/cwd/..`,
the working folder's parent, was tried as /proc/self). The refusal is injected by where a
name leads (the tests run as root, which a chmod does not stop)."""
from __future__ import annotations

import errno
import os

from click.testing import CliRunner

from pathfit.cli.main import cli

from .helpers import HERE

TINY = str(HERE / "fixtures" / "tiny")


def test_save_through_a_link_and_dotdot_is_tried_where_it_is_written(tmp_path, monkeypatch):
    shut, there = tmp_path / "shut", tmp_path / "there"
    shut.mkdir()
    (there / "deep").mkdir(parents=True)
    (shut / "lnk").symlink_to(there / "deep")
    real = os.open

    def refused(path, *args, **kwargs):  # `shut` takes no new file: no permission to write in it
        if os.path.realpath(os.path.dirname(os.fspath(path))) == str(shut):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refused)
    result = CliRunner().invoke(cli, ["interview", "--rules", TINY, "--save", str(shut / "lnk" / ".." / "out")],
                                input="quit\n")
    assert result.exit_code == 0, result.output
    assert (there / "out").is_file() and sorted(p.name for p in shut.iterdir()) == ["lnk"]
