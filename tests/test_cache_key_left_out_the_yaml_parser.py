"""The load cache's key named pathfit's, durable-rules' and Python's versions and pathfit's code,
but not the YAML parser the rule files are read with: after PyYAML or libyaml was upgraded (or
PyYAML reinstalled without libyaml, whose pure-Python reader the loader then uses) a rule set was
served as the old parser had read it, though the new one could read the same bytes otherwise
(a scalar resolved to another type, a mark at another column, a document refused). Both
versions are now in the key."""
from __future__ import annotations

import types

import yaml

from pathfit.engine.pipeline import cache, load

from .helpers import tiny_copy


def test_another_pyyaml_is_another_key(tmp_path, monkeypatch):
    rules = str(tiny_copy(tmp_path))
    before = cache.key_for(rules, "v", code="c")
    monkeypatch.setattr(yaml, "__version__", yaml.__version__ + ".1")
    assert before is not None and cache.key_for(rules, "v", code="c") != before


def test_another_libyaml_is_another_key(tmp_path, monkeypatch):
    rules = str(tiny_copy(tmp_path))
    before = cache.key_for(rules, "v", code="c")
    monkeypatch.setattr(load, "_BASE_LOADER", getattr(yaml, "CSafeLoader", object))  # read with libyaml
    monkeypatch.setattr(yaml, "_yaml", types.SimpleNamespace(get_version_string=lambda: "9.9.9"), raising=False)
    assert cache.key_for(rules, "v", code="c") != before
