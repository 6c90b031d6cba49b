"""One thread that owns the UI's database connection.

Every database call the UI makes (saving a tag, reading the history, looking for other people's
changes) runs here, one after the other, in the order it was asked for. The UI thread only puts
work on a queue, so a database locked by another reviewer, or a slow disk, never freezes the
screen, and two quick changes to one statement can never land in the wrong order. A sqlite
connection belongs to the thread that opened it, which is why the store is opened in the thread.

Nothing here imports Textual: tests drive it directly.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")
Job = tuple[Callable[[Any], Any], Future]


class DbWorker:
    """Runs callables `fn(store)` on one thread holding the store that `opener()` returns."""

    def __init__(self, opener: Callable[[], Any], name: str = "factcheck-db") -> None:
        self._opener = opener
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._open_error: BaseException | None = None
        self._closed = False

    def start(self) -> DbWorker:
        self._thread.start()
        return self

    @property
    def pending(self) -> int:
        """How many calls are waiting (roughly: for the status line, not for decisions)."""
        return self._queue.qsize()

    def submit(self, fn: Callable[[Any], T]) -> Future[T]:
        """Queue `fn(store)`; the future holds its result or its exception."""
        future: Future[T] = Future()
        if self._closed:
            future.set_exception(RuntimeError("the database worker is closed"))
            return future
        self._queue.put((fn, future))
        return future

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until everything queued so far has run; False if `timeout` ran out first."""
        if self._closed or not self._thread.is_alive():
            return True
        done = self.submit(lambda store: None)
        try:
            done.result(timeout)
        except TimeoutError:
            return False
        except Exception:  # the store failed to open: nothing will ever run
            return True
        return True

    def close(self, timeout: float | None = None) -> bool:
        """Run what is queued, then stop and close the store; False if `timeout` ran out first."""
        if self._closed:
            return not self._thread.is_alive()
        self._closed = True
        self._queue.put(None)
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        store = None
        try:
            store = self._opener()
        except BaseException as exc:  # reported through every future instead of vanishing
            self._open_error = exc
        try:
            while (job := self._queue.get()) is not None:
                fn, future = job
                if not future.set_running_or_notify_cancel():
                    continue
                if self._open_error is not None:
                    future.set_exception(self._open_error)
                    continue
                try:
                    future.set_result(fn(store))
                except BaseException as exc:
                    future.set_exception(exc)
        finally:
            close = getattr(store, "close", None)
            if close is not None:
                with contextlib.suppress(Exception):
                    close()
