"""A second signal stops `pathfit serve` waiting for its callers on Python 3.12 and 3.13 too.

Regression: from Python 3.12, asyncio's `Server.wait_closed`, which uvicorn awaits as it shuts
down, waits until every connection is dropped (until 3.11 it returned at once once the server
was closed). A connection waiting for its evaluation was dropped only once answered, so after
SIGTERM then Ctrl-C every caller still waited for its evaluation and was answered 200, however
long that took, where docs/serve.md says each is answered 503 PF907 at once. The service now
cancels the requests still waiting as soon as the second signal has come
(engine/service/stopping.py). Here the service runs with 3.12's `wait_closed` put in place of
the running Python's, so this fails without the fix whatever Python runs it; the test beside
it (test_serve_second_signal_answered_500_with_a_traceback.py) runs it with the Python's own.
"""
from __future__ import annotations

import sys

from .test_serve_second_signal_answered_500_with_a_traceback import stopped_twice_while_callers_wait

WAITS_FOR_CONNECTIONS = '''
import asyncio.base_events, runpy

async def wait_closed(self):  # Python 3.12.1's: until the server is closed and its last connection dropped
    if self._waiters is None:
        return
    waiter = self._loop.create_future()
    self._waiters.append(waiter)
    await waiter

asyncio.base_events.Server.wait_closed = wait_closed
runpy.run_module("pathfit.cli.main", run_name="__main__", alter_sys=True)
'''


def test_a_second_signal_cuts_off_the_waiting_callers_when_closing_waits_for_their_connections(tmp_path):
    stopped_twice_while_callers_wait(tmp_path, [sys.executable, "-c", WAITS_FOR_CONNECTIONS])
