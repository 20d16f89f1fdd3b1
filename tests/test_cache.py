"""The compiled rule-set cache: a hit skips load/validate/compile; any change
to a rule file or the knowledge base, or a damaged entry, is a miss."""
from __future__ import annotations

import pytest

import pathfit.engine.pipeline.ruleset
from pathfit.engine import Engine
from pathfit.engine.pipeline import cache

from .helpers import bundled_copy

PROFILE = {"needs": ["performance"], "goal_clarity": "specific", "measurable_soon": True}


@pytest.fixture()
def cached(tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return bundled_copy(tmp_path / "src")


def _no_reading(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the rule set was read although it was cached")
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", refuse)


def _count_reads(monkeypatch) -> list:
    """The directories read_ruleset is called with from now on (the misses)."""
    calls = []
    real = pathfit.engine.pipeline.ruleset.read_ruleset
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", lambda d: calls.append(d) or real(d))
    return calls


def test_second_load_comes_from_the_cache_and_decides_the_same(cached, monkeypatch):
    with Engine.load(cached) as first:
        expected = first.evaluate(PROFILE).to_dict()
    _no_reading(monkeypatch)
    with Engine.load(cached) as second:
        assert second.evaluate(PROFILE).to_dict() == expected


@pytest.mark.parametrize("change", ["rule", "knowledge_base"])
def test_a_changed_input_is_a_miss(cached, monkeypatch, change):
    Engine.load(cached).close()
    if change == "rule":
        path = cached / "coaching.yaml"
        path.write_text(path.read_text().replace("{evidence: {coaching: 2}}", "{evidence: {coaching: 3}}", 1))
    else:
        path = cached.parent / "knowledge_base.md"
        path.write_text(path.read_text() + "\n")
    calls = _count_reads(monkeypatch)
    Engine.load(cached).close()
    assert [str(c) for c in calls] == [str(cached)]


def test_a_knowledge_base_edited_while_the_rules_load_is_not_cached(cached, monkeypatch, tmp_path):
    """Regression: the entry kept the digest of the knowledge base as it was when the entry was
    written, so an edit made while the rules were being read was served, on the next load, with
    sections and a digest read from the file before the edit."""
    kb = cached.parent / "knowledge_base.md"
    real = pathfit.engine.pipeline.ruleset.read_ruleset

    def read_then_edit(directory):
        rs = real(directory)
        kb.write_text(kb.read_text() + "\n## Added meanwhile <a id=\"meanwhile\"></a>\n")
        return rs
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", read_then_edit)
    Engine.load(cached).close()
    assert not list((tmp_path / "cache").rglob("*.pickle"))
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", real)
    with Engine.load(cached) as rules:  # read again: it names the section added
        assert "meanwhile" in rules.ruleset.sections
    assert list((tmp_path / "cache").rglob("*.pickle"))


def test_a_rule_file_edited_while_the_rules_load_is_not_cached(cached, monkeypatch, tmp_path):
    """Regression: the key was taken from the rule files' bytes before they were read, so an edit
    made while they were being read was kept under the old bytes' key, and served as the edited
    rules to a later load of the old bytes."""
    path = cached / "coaching.yaml"
    before = path.read_text()
    real = pathfit.engine.pipeline.ruleset.read_ruleset

    def edit_then_read(directory):  # the edit lands after the key was taken, before the files are read
        path.write_text(before.replace("{evidence: {coaching: 2}}", "{evidence: {coaching: 3}}", 1))
        return real(directory)
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", edit_then_read)
    Engine.load(cached).close()
    assert not list((tmp_path / "cache").rglob("*.pickle"))
    monkeypatch.setattr(pathfit.engine.pipeline.ruleset, "read_ruleset", real)
    path.write_text(before)  # the old bytes again: their rules, not the edited ones
    Engine.load(cached).close()  # now kept, under the key of the bytes it read
    with Engine.load(cached) as rules, _fresh(cached, monkeypatch) as fresh:
        assert rules.ruleset.digest == fresh.ruleset.digest  # the weights written now, not the edit's


def _fresh(directory, monkeypatch) -> Engine:
    """The rule set read from its files now, the cache off."""
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    try:
        return Engine.load(directory)
    finally:
        monkeypatch.setenv("PATHFIT_CACHE", "1")


def test_an_edited_engine_module_is_a_miss(cached, monkeypatch, tmp_path):
    """An edited compiler in a checkout keeps pathfit's version string; the rules
    it compiled before must not be served."""
    import shutil

    code = tmp_path / "engine-copy"
    shutil.copytree(cache._ENGINE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_ENGINE_DIR", str(code))
    Engine.load(cached).close()
    compiler = code / "pipeline" / "compile.py"
    compiler.write_text(compiler.read_text() + "\n# edited\n")
    calls = _count_reads(monkeypatch)
    Engine.load(cached).close()
    assert [str(c) for c in calls] == [str(cached)]
    calls.clear()
    Engine.load(cached).close()  # and the new compilation is cached in turn
    assert calls == []


def test_a_damaged_entry_is_a_miss(cached, tmp_path):
    Engine.load(cached).close()
    (entry,) = (tmp_path / "cache" / "pathfit").glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:50])
    with Engine.load(cached) as rules:
        assert rules.evaluate(PROFILE).outcome


def test_a_damaged_byte_that_still_unpickles_is_a_miss_not_other_advice(cached, tmp_path):
    """Regression: one bit flipped in a weight's float inside an entry still unpickled, and the
    rule set read back gave other advice under the same rule-set digest. Every entry's bytes
    are now checked against their CRC-32 before they are unpickled: one bit flipped anywhere
    (here in every 97th byte, and in each of the last 64) is a miss."""
    Engine.load(cached).close()
    (entry,) = (tmp_path / "cache" / "pathfit").glob("*.pickle")
    good = entry.read_bytes()
    key = entry.name.removesuffix(".pickle")
    assert cache.get(key) is not None
    for at in sorted({*range(0, len(good), 97), *range(len(good) - 64, len(good))}):
        for bit in (0x01, 0x80):
            entry.write_bytes(good[:at] + bytes([good[at] ^ bit]) + good[at + 1:])
            assert cache.get(key) is None, (at, bit)
    entry.write_bytes(good)
    assert cache.get(key) is not None


def test_a_damaged_weight_is_read_again_from_the_rules(cached, tmp_path):
    """One evidence weight's float changed in the entry, as a damaged disk would change it: the
    rule set is read again, never taken with another weight under the same digest."""
    import struct

    blend = cached / "blend.yaml"
    blend.write_text(blend.read_text().replace("{evidence: {coaching: 1, mentoring: 1}}",
                                               "{evidence: {coaching: 1.25, mentoring: 1}}", 1))
    with Engine.load(cached) as cold:
        expected = cold.ruleset
    (entry,) = (tmp_path / "cache" / "pathfit").glob("*.pickle")
    good = entry.read_bytes()
    assert good.count(struct.pack(">d", 1.25)) == 1  # pickle writes a float as 8 big-endian bytes
    entry.write_bytes(good.replace(struct.pack(">d", 1.25), struct.pack(">d", 5.0)))
    with Engine.load(cached) as warm:
        assert warm.ruleset == expected


def test_cache_can_be_turned_off_and_survives_an_unwritable_directory(cached, tmp_path, monkeypatch):
    monkeypatch.setenv("PATHFIT_CACHE", "0")
    assert cache.cache_dir() is None
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    blocker = tmp_path / "blocked"
    blocker.write_text("a file where the cache directory would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    with Engine.load(cached) as rules:
        assert rules.evaluate(PROFILE).outcome


def _walk_stamp_parts(root) -> list[str]:
    """code_stamp's list as os.walk and os.path.relpath give it (how it was first written),
    below the top folder only into cache.COLD_PATH_FOLDERS."""
    import os

    parts = []
    for folder, subdirs, files in os.walk(root):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__" and
                            (os.path.abspath(folder) != os.path.abspath(root) or d in cache.COLD_PATH_FOLDERS))
        for name in sorted(files):
            if name.endswith((".py", ".so")):
                st = os.stat(os.path.join(folder, name))
                parts.append(f"{os.path.relpath(os.path.join(folder, name), root)}:{st.st_size}:{st.st_mtime_ns}")
    return parts


def test_code_stamp_lists_what_os_walk_lists(tmp_path):
    """The hand-rolled walk (scandir, names built by hand) stamps the same files, in the
    same order, as os.walk: nested folders of a cold-path folder, __pycache__, other
    files and the engine's other subfolders left out, a symbolic link to a folder not
    followed; and the engine's own tree too."""
    import hashlib
    import os

    root = tmp_path / "code"
    for rel in ("a.py", "b.so", "notes.txt", "pipeline/__init__.py", "pipeline/y/deep.py", "ab/c.py",
                "__pycache__/a.cpython-311.pyc", "pipeline/__pycache__/x.py"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(rel)
    os.symlink(root / "pipeline", root / "linked")
    os.symlink(root / "pipeline" / "y", root / "pipeline" / "linked")
    for tree in (root, cache._ENGINE_DIR):
        expected = hashlib.blake2b("\n".join(_walk_stamp_parts(tree)).encode(), digest_size=32).hexdigest()
        assert cache.code_stamp(str(tree)) == expected
    assert [p.split(":")[0] for p in _walk_stamp_parts(root)] == ["a.py", "b.so", "pipeline/__init__.py",
                                                                 "pipeline/y/deep.py"]


def test_a_cold_load_imports_only_code_the_stamp_covers(tmp_path):
    """What is cached can depend only on the code that made it: a cold load (no cache)
    imports no module of pathfit's engine outside the folders code_stamp walks."""
    import os
    import subprocess
    import sys

    probe = ("import sys; from pathfit.engine import Engine; Engine.load().close(); "
             "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('pathfit.engine')))")
    env = {**os.environ, "PATHFIT_CACHE": "0"}
    env.pop("PATHFIT_RULES", None)
    done = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                          timeout=60, check=True)
    engine = os.path.realpath(cache._ENGINE_DIR)
    folders = {engine} | {os.path.join(engine, sub) for sub in cache.COLD_PATH_FOLDERS}
    loaded = [os.path.realpath(f) for f in done.stdout.split()]
    assert any(f.endswith("compile.py") for f in loaded)
    outside = [f for f in loaded if os.path.dirname(f) not in folders
               and not any(f.startswith(d + os.sep) for d in folders - {engine})]
    assert outside == []
