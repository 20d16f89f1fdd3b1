"""A fixture made once for a module loads its rule sets with the rule-set cache off, as every
test does, so that no test reads or writes the user's cache.

Regression: the cache was turned off by a fixture of each test's, which pytest makes after the
module's own: a module's fixture loading the bundled rules (an engine shared by its tests, the
reference one thread alone gives) read and wrote ~/.cache/pathfit, and on a machine where an
earlier run had left an entry, loaded that entry, not the rule files.
"""
from __future__ import annotations

import os

import pytest


@pytest.fixture(scope="module")
def cache_setting_seen_by_a_module_fixture() -> str | None:
    return os.environ.get("PATHFIT_CACHE")


def test_a_module_fixture_sees_the_cache_turned_off(cache_setting_seen_by_a_module_fixture):
    assert cache_setting_seen_by_a_module_fixture == "0"
