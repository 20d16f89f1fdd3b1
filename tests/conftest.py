"""Shared test settings: no test reads or writes the user's rule-set cache
(tests/test_cache.py points it at a temporary directory instead)."""
from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATHFIT_CACHE", "0")
