"""Shared test settings: no test reads or writes the user's rule-set cache
(tests/test_cache.py points it at a temporary directory instead); interrupts reach the
processes tests start, and no test leaves a signal handled or blocked otherwise than it found it."""
from __future__ import annotations

import os
import signal
from typing import Iterator

import pytest
from hypothesis import settings


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: one worker more than the cores this process may run on. Many tests wait on a
    process or a server they started (a fifth of the suite's time on two cores left them idle),
    and the extra worker runs while they wait."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores + 1


@pytest.fixture(autouse=True, scope="session")
def _no_user_cache_for_the_session() -> Iterator[None]:
    # first of all fixtures, so that a module's or a class's fixture, made before any test's own
    # fixtures, loads its rule sets with the cache off too
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATHFIT_CACHE", "0")
        yield


@pytest.fixture(autouse=True)
def _no_user_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    # again for each test: one that turns the cache on leaves it off for the next
    monkeypatch.setenv("PATHFIT_CACHE", "0")


@pytest.fixture(scope="module")
def module_rule_set_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """A rule-set cache folder of one module's own, on from the module's first fixture: the
    CLI commands a module runs on the same few rule sets then read, validate and compile each
    once, not once a command (a cached rule set gives the same output: tests/test_cache.py).
    The user's cache is never read or written. A module asks for it with
    `pytestmark = pytest.mark.usefixtures("module_rule_set_cache", "rule_set_cache_of_the_module")`:
    named first, it is set up before the module's other fixtures on every pytest version (the
    order of fixtures reached only through another changed in pytest 9.1)."""
    folder = tmp_path_factory.mktemp("rule-set-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATHFIT_CACHE", "1")
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def rule_set_cache_of_the_module(_no_user_cache: None, module_rule_set_cache, monkeypatch: pytest.MonkeyPatch):
    """Each test of such a module uses the module's cache folder, rather than none (the default)."""
    monkeypatch.setenv("PATHFIT_CACHE", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(module_rule_set_cache))
    return module_rule_set_cache


# CI runs hypothesis with a fixed seed sequence, so a submission's result does not
# depend on luck; local runs keep exploring new examples (one found the exponent bug
# pinned in tests/test_regressions.py).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


# Tests send Ctrl-C (SIGINT) to pathfit processes they start. A test run started with
# interrupts ignored (under nohup, or as a background job of a script) would pass that
# on to every process it starts, where SIGINT would then do nothing: handled here instead,
# a started process gets Python's default handling, as one started from a terminal does.
# The same for hang-ups and SIGTERM, which nohup ignores: pathfit leaves a signal ignored at
# its start ignored, so the tests of what a hang-up or SIGTERM does would find it did nothing.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)
for _ignored in (getattr(signal, "SIGHUP", None), signal.SIGTERM):  # no SIGHUP on Windows
    if _ignored is not None and signal.getsignal(_ignored) is signal.SIG_IGN:
        signal.signal(_ignored, signal.SIG_DFL)


_SIGNALS = tuple(s for s in (signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None)


@pytest.fixture(autouse=True)
def _signals_left_as_found() -> Iterator[None]:
    """A test that leaves Ctrl-C, SIGTERM or a hang-up handled otherwise than it found them fails:
    every process a later test in the same worker starts would inherit an ignored one, and a
    Ctrl-C that test sends would then do nothing (the interview waited for an answer for ever)."""
    before = {s: signal.getsignal(s) for s in _SIGNALS}
    blocked = _blocked()
    yield
    after = {s: signal.getsignal(s) for s in _SIGNALS}
    changed = {signal.Signals(s).name: (before[s], after[s]) for s in _SIGNALS if after[s] is not before[s]}
    for s in _SIGNALS:
        if before[s] is not None:  # None: set outside Python, and not to be set back from it
            signal.signal(s, before[s])
    left = _blocked() - blocked  # a blocked signal is inherited too: a Ctrl-C would wait unseen
    if left:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, left)
    assert not changed and not left, f"the test left signal handlers changed {changed} or blocked {left}"


def _blocked() -> set:
    return signal.pthread_sigmask(signal.SIG_BLOCK, []) & set(_SIGNALS) if hasattr(signal, "pthread_sigmask") else set()
