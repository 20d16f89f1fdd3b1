"""The load cache unpickles only an entry pathfit wrote itself, in the folder it checked.

Regression: the entry was opened by name, following links, and was taken if the file reached
was this user's and writable by no one else. So a link named as an entry (left by whoever could
write the folder before it was made 700, such as a group member while an older pathfit left it
775) leading to a file of this user's whose bytes someone else chose (a download, a file they
sent) was unpickled, running what it says; so was a hard link to such a file. And the folder was
checked by name, then the entry opened by name again: a folder swapped between the two (a
shared XDG_CACHE_HOME such as /tmp) was never the one checked. Now the entry is opened with no
link followed, in the very folder checked (by descriptor), and taken only with one link.
"""
from __future__ import annotations

import os

import pytest

from pathfit.engine import Engine
from pathfit.engine.pipeline import cache

from .test_cache import PROFILE, cached  # the bundled rules copied, a cache of their own
from .test_cache_entry_unpickled_where_others_could_write import VERSIONS, _decides, _plant


@pytest.fixture
def chosen(cached, tmp_path):
    """A file of this user's, mode 600, holding a consistent entry for the key the copy is looked
    up by, whose bytes someone else chose: its code makes the marker folder when unpickled."""
    folder = tmp_path / "cache" / "pathfit"
    folder.mkdir(parents=True, mode=0o700)
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    key = cache.key_for(str(cached), VERSIONS)
    marker = tmp_path / "planted-code-ran"
    sent = _plant(downloads, key, marker).rename(downloads / "report.bin")
    os.chmod(sent, 0o600)
    return cached, folder / f"{key}.pickle", sent, marker


@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_an_entry_that_is_a_link_to_a_file_of_the_users_is_a_miss_and_never_run(chosen, monkeypatch, link):
    directory, entry, sent, marker = chosen
    if link == "symbolic":
        entry.symlink_to(sent)
    else:
        os.link(sent, entry)
    with Engine.load(directory) as engine:  # read from the rule files, not through the link
        decided = engine.evaluate(PROFILE).to_dict()
    assert not marker.exists()
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    assert _decides(directory) == decided


def test_the_entry_is_read_from_the_folder_checked_not_one_swapped_in_after(chosen, tmp_path, monkeypatch):
    """The folder is checked (private), then another takes its place before the entry is opened:
    what is in the one swapped in is never read."""
    directory, entry, sent, marker = chosen
    swapped = tmp_path / "swapped"
    swapped.mkdir(mode=0o700)
    os.link(sent, swapped / entry.name)  # one link in the folder swapped in, one in downloads
    os.unlink(sent)  # now the only name: one link, this user's, 600
    folder = entry.parent
    real_open, real_stat, swapped_in = os.open, os.stat, []

    def swap_after(real):
        def call(path, *args, **kwargs):
            answer = real(path, *args, **kwargs)
            if os.fspath(path) == str(folder) and not swapped_in:  # the folder looked at to be checked
                os.rename(folder, tmp_path / "checked")
                os.rename(swapped, folder)
                swapped_in.append(True)
            return answer
        return call

    monkeypatch.setattr(os, "open", swap_after(real_open))
    monkeypatch.setattr(os, "stat", swap_after(real_stat))
    try:
        cache.get(entry.name[:-len(".pickle")])
    except Exception:
        pass
    monkeypatch.setattr(os, "open", real_open)
    monkeypatch.setattr(os, "stat", real_stat)
    assert swapped_in
    assert not marker.exists()


def test_a_cache_folder_that_is_the_users_own_link_to_a_private_folder_still_serves(cached, tmp_path,
                                                                                      monkeypatch):
    elsewhere = tmp_path / "big-disk" / "pathfit-cache"
    elsewhere.mkdir(parents=True, mode=0o700)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "pathfit").symlink_to(elsewhere)
    first = _decides(cached)
    assert len(list(elsewhere.glob("*.pickle"))) == 1

    def refuse(*args, **kwargs):
        raise AssertionError("the rule set was read although it was cached")
    monkeypatch.setattr("pathfit.engine.pipeline.ruleset.read_ruleset", refuse)
    assert _decides(cached) == first
