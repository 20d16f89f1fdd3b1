"""Forked workers, each with a pipe of its own each way: work handed out, results taken
back in the order handed out.

Why not multiprocessing.Pool: its three threads in the process that reads and writes
(handing out, taking back, watching the workers), woken both ways for every chunk, took
CPU time from the workers on a machine with as many cores as workers; and its workers
share one pipe for results under one lock, so a worker killed while handing back a result
left that lock held, and stopping the pool could wait forever. Here the one thread waits
on every pipe at once, and a worker that ends is seen at once, as the end of its own
result pipe, with nothing shared left held.
"""
from __future__ import annotations

import os
import pickle
import selectors
import signal
import struct
import traceback
from collections import deque
from typing import Callable, Iterable, Iterator

from .held import stops_held

_LENGTH = struct.Struct("<Q")
_READ = 1 << 20  # bytes read from a result pipe at a time

serving: tuple[int, int] | None = None  # in a worker: (the pipe its work comes on, the pipe it answers on)


class WorkerGone(Exception):
    """A worker ended while it held work (killed when memory ran out, or crashed)."""


class NotStarted(Exception):
    """A worker could not be started: the system refused a pipe or a process (the OSError)."""


class RemoteError(Exception):
    """An exception raised in a worker that could not be handed back as itself (it, or what it
    holds, cannot be pickled, or its class cannot be made again from what was pickled): its
    type's name and its message, one line, as an unexpected error is told; its traceback is the
    cause (RemoteTraceback), shown with --debug alone."""


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, as the worker formatted it: the cause
    of what is raised in its turn, so that --debug shows where in the worker it was raised."""


class Workers:
    """Processes forked from this one (start), each running `work(*args)` for the args handed
    to it. `setup` runs first in each (its signals); workers inherit everything this
    process holds, the loaded engine among it."""

    def __init__(self, work: Callable, setup: Callable[[], None]) -> None:
        self._work, self._setup = work, setup
        self._workers: list[_Worker] = []

    def start(self, jobs: int) -> None:
        """Fork `jobs` workers. Called inside the `try` whose `finally` calls stop(): an
        interrupt held off while they are forked is raised as the last one is, and stop()
        must then end every one forked, as for an interrupt at any later moment."""
        with stops_held():  # and no handler of ours runs in a worker
            try:
                for _ in range(jobs):
                    self._workers.append(self._fork(self._work, self._setup))
            except OSError as exc:  # those forked are ended by stop()
                raise NotStarted(exc) from exc

    def _fork(self, work: Callable, setup: Callable[[], None]) -> _Worker:
        opened: list[int] = []
        try:  # a pipe or the process refused: what was opened for it is closed
            opened += os.pipe()
            opened += os.pipe()
            pid = os.fork()
        except OSError:
            for fd in opened:
                os.close(fd)
            raise
        task_r, task_w, result_r, result_w = opened
        if pid == 0:  # the worker: never returns, and leaves by os._exit, so nothing this
            # process buffered (its output, its files) is written twice and no exit handler runs
            code = 1
            try:
                for w in self._workers:  # the others' pipes: their ends must be seen by them alone
                    os.close(w.task_w)
                    os.close(w.result_r)
                os.close(task_w)
                os.close(result_r)
                setup()
                _serve(task_r, result_w, work)
                code = 0
            finally:
                os._exit(code)
        os.close(task_r)
        os.close(result_w)
        os.set_blocking(task_w, False)
        return _Worker(pid, task_w, result_r)

    def results(self, tasks: Iterable[tuple], in_flight: int) -> Iterator:
        """`work(*args)` for each args of `tasks`, in their order, with at most `in_flight`
        handed out and not yet given back; the next task is taken only as one is given back,
        so what it is made of may depend on the results before it. A worker's exception is
        raised here, in its turn; a worker gone while it held work raises WorkerGone."""
        tasks = iter(tasks)
        selector = selectors.DefaultSelector()
        for w in self._workers:
            selector.register(w.result_r, selectors.EVENT_READ, w)
        done: dict[int, tuple] = {}
        handed = given = 0
        more = True
        try:
            while True:
                while more and handed - given < in_flight:
                    try:
                        args = next(tasks)
                    except StopIteration:
                        more = False
                        break
                    alive = [w for w in self._workers if w.alive]
                    if not alive:
                        raise WorkerGone()
                    w = min(alive, key=lambda w: len(w.held))
                    w.hand(handed, pickle.dumps(args, pickle.HIGHEST_PROTOCOL), selector)
                    handed += 1
                if given in done:  # then more handed out first: what is given back frees room
                    ok, value = done.pop(given)
                    given += 1
                    if not ok:
                        raise value[0] from (RemoteTraceback(value[1]) if value[1] else None)
                    yield value
                    continue
                if given == handed:  # nothing held and nothing more to hand out
                    return
                for key, _ in selector.select():
                    if key.fd == key.data.task_w:
                        key.data.send(selector)
                    else:
                        key.data.receive(done, selector)
        finally:
            selector.close()

    def stop(self) -> None:
        """End every worker and wait for each, so none is left behind, not even a zombie.
        Each is killed: one that answered all it held has nothing left to do, and one
        stopped (SIGSTOP, a debugger) would never see its work pipe end. Interrupts wait
        until every one is waited for: raised between two waits, a second Ctrl-C would
        leave the rest behind."""
        with stops_held():  # an interrupt held off is raised as it ends
            for w in self._workers:
                _kill(w.pid)
                w.close()
            for w in self._workers:
                try:
                    os.waitpid(w.pid, 0)
                except ChildProcessError:
                    pass
            self._workers = []


class _Worker:
    __slots__ = ("pid", "task_w", "result_r", "held", "outbox", "inbox", "alive")

    def __init__(self, pid: int, task_w: int, result_r: int) -> None:
        self.pid, self.task_w, self.result_r = pid, task_w, result_r
        self.held: deque[int] = deque()  # the tasks handed to it, oldest first
        self.outbox = bytearray()  # what is still to be written to it
        self.inbox = bytearray()  # what it wrote that is not yet a whole result
        self.alive = True

    def hand(self, n: int, message: bytes, selector) -> None:
        self.held.append(n)
        was_empty = not self.outbox
        self.outbox += _LENGTH.pack(len(message))
        self.outbox += message
        if was_empty:
            self.send(selector)

    def send(self, selector) -> None:
        """Write what the pipe takes now; wait to be told it takes more for the rest."""
        try:
            n = os.write(self.task_w, self.outbox)
        except BlockingIOError:
            n = 0
        except BrokenPipeError:  # it is gone: its end of the results says so
            self.outbox.clear()
            n = 0
        del self.outbox[:n]
        waiting = self.task_w in selector.get_map()
        if self.outbox and not waiting:
            selector.register(self.task_w, selectors.EVENT_WRITE, self)
        elif waiting and not self.outbox:
            selector.unregister(self.task_w)

    def receive(self, done: dict, selector) -> None:
        data = os.read(self.result_r, _READ)
        if not data:
            self.alive = False
            selector.unregister(self.result_r)
            if self.held:
                raise WorkerGone()
            return
        self.inbox += data
        while len(self.inbox) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(self.inbox)
            end = _LENGTH.size + size
            if len(self.inbox) < end:
                break
            done[self.held.popleft()] = _loaded(self.inbox[_LENGTH.size:end])
            del self.inbox[:end]

    def close(self) -> None:
        for fd in (self.task_w, self.result_r):
            try:
                os.close(fd)
            except OSError:
                pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _serve(task_r: int, result_w: int, work: Callable) -> None:
    """A worker's life: read a task, do it, write back (True, result) or (False, (exception,
    its traceback)); until the work pipe ends."""
    global serving
    serving = (task_r, result_w)
    with open(task_r, "rb") as tasks, open(result_w, "wb") as results:
        while True:
            head = tasks.read(_LENGTH.size)
            if len(head) < _LENGTH.size:
                return
            args = pickle.loads(tasks.read(_LENGTH.unpack(head)[0]))
            try:
                answer = pickle.dumps((True, work(*args)), pickle.HIGHEST_PROTOCOL)
            except Exception as exc:
                answer = _failure(exc)
            results.write(_LENGTH.pack(len(answer)))
            results.write(answer)
            results.flush()


def _loaded(message: bytearray) -> tuple:
    """A worker's answer, read back; one that cannot be (its pickle names what this process
    cannot make again) is raised in its turn as a RemoteError saying so, never as pickle's."""
    try:
        return pickle.loads(message)
    except Exception as exc:
        return False, (RemoteError(f"a worker's answer could not be read back: {_told(exc)}"), "")


def _failure(exc: Exception) -> bytes:
    """(False, (exc, its traceback)), pickled, if this process can read it back as the process
    that waits for it will; else a RemoteError telling it in its place. Tried here, where the
    exception is known, rather than there, where only its pickle is."""
    text = "".join(traceback.format_exception(exc))
    try:
        answer = pickle.dumps((False, (exc, text)), pickle.HIGHEST_PROTOCOL)
        pickle.loads(answer)
        return answer
    except Exception:
        return pickle.dumps((False, (RemoteError(_told(exc)), text)), pickle.HIGHEST_PROTOCOL)


def _told(exc: BaseException) -> str:
    """`exc` as an unexpected error is told: its type's name and its message."""
    try:
        return f"{type(exc).__name__}: {exc}"
    except Exception:  # a message that cannot be made
        return type(exc).__name__
