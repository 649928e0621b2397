"""The keying station's writes, one after another, off the GUI thread.

A station saves a draft whenever a field is left, finishes an entry and claims the next form; on a
room each of those is a round trip to the host, and a host that went away (a pulled cable) can
hold a call for seconds. :class:`SerialQueue` runs them on a worker through
:class:`~kamarhitung.qt.models.background.Background`, strictly in the order they were asked for
(a draft never overtakes the finish that follows it, a claim never overtakes the finish before
it), and hands each result back on the GUI thread.

When a job fails because the connection to the room is lost, it stays at the head of the queue and
is tried again every ``retry_ms`` until the host answers; the jobs behind it wait (nothing
overtakes it, nothing is dropped). ``sig_lost`` says so once, ``sig_back`` when the job that waited
went through. Drafts carry the whole form, so a draft that is still waiting is replaced by a newer
one of the same form (``key``) rather than saved twice.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal

from kamarhitung.qt.models.background import Background

T = TypeVar("T")


@dataclass(eq=False)
class Job:
    """One write of the station: what it is (``kind``), the call, and what to do with its
    result on the GUI thread."""

    kind: str
    fn: Callable[[], Any]
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None = None
    key: object = None
    """Waiting jobs with the same (not None) key are one: the newest replaces the older."""
    tag: object = None
    """What the job concerns (the form), for :meth:`SerialQueue.cancel`."""
    attempts: int = field(default=0)


class SerialQueue(QObject):
    """Jobs run one at a time on a worker, in submission order; a job that lost the connection
    is retried at the head of the queue until it goes through."""

    sig_lost = Signal(str)
    """The job at the head (its kind) could not reach the room's host; it will be tried again."""
    sig_back = Signal(str)
    """The job (its kind) that waited for the host went through."""

    def __init__(
        self,
        is_lost: Callable[[BaseException], bool],
        retry_ms: int,
        parent: QObject | None = None,
        *,
        priority: int = 0,
    ) -> None:
        super().__init__(parent)
        self._bg = Background(self)
        self._is_lost = is_lost
        self.retry_ms = retry_ms
        self._priority = priority
        self._waiting: deque[Job] = deque()
        self._running: Job | None = None
        self._lost = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._start_next)

    # --- asking -----------------------------------------------------------------------------------

    def submit(
        self,
        kind: str,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        key: object = None,
        tag: object = None,
    ) -> Job:
        """Queue ``fn`` behind every job asked for before; returns the job."""
        job = Job(kind, fn, on_done, on_error, key=key, tag=tag)
        if key is not None:
            for i, old in enumerate(self._waiting):
                # A waiting draft of the same form (even one waiting for the host): the newer
                # one takes its place in the order, with everything the older one had.
                if old.key == key:
                    job.attempts = old.attempts
                    self._waiting[i] = job
                    return job
        self._waiting.append(job)
        if self._running is None and not self._timer.isActive():
            self._start_next()
        return job

    def cancel(self, predicate: Callable[[Job], bool]) -> int:
        """Drop the waiting jobs (not the running one) for which ``predicate`` holds."""
        keep = [j for j in self._waiting if not predicate(j)]
        dropped = len(self._waiting) - len(keep)
        self._waiting = deque(keep)
        if not self._waiting and self._running is None:
            self._timer.stop()
            self._lost = False
        return dropped

    def retry_now(self) -> None:
        """Try the waiting job again at once (the host is known to be back)."""
        if self._lost and self._timer.isActive():
            self._timer.stop()
            self._start_next()

    # --- state ------------------------------------------------------------------------------------

    @property
    def lost(self) -> bool:
        """Whether the job at the head could not reach the host and waits to be tried again."""
        return self._lost

    def busy(self) -> bool:
        """Whether a job runs or waits."""
        return self._running is not None or bool(self._waiting)

    @property
    def last_seconds(self) -> float:
        """How long the last job that ended ran on its worker."""
        return self._bg.last_seconds

    def kinds(self) -> list[str]:
        """The kinds of the jobs running or waiting, in order."""
        head = [self._running.kind] if self._running is not None else []
        return head + [j.kind for j in self._waiting]

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        """Process events until no job runs or waits (tests, closing the screen)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self.busy() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            QThread.msleep(2)
        QCoreApplication.processEvents()
        return not self.busy()

    # --- running ----------------------------------------------------------------------------------

    def _start_next(self) -> None:
        if self._running is not None or not self._waiting:
            return
        job = self._waiting.popleft()
        self._running = job
        job.attempts += 1
        self._bg.submit(
            job.fn,
            lambda r: self._done(job, r),
            lambda e: self._failed(job, e),
            priority=self._priority,
        )

    def _done(self, job: Job, result: object) -> None:
        self._running = None
        was_lost, self._lost = self._lost, False
        try:
            if was_lost:
                self.sig_back.emit(job.kind)
            job.on_done(result)
        finally:
            self._start_next()

    def _failed(self, job: Job, error: BaseException) -> None:
        self._running = None
        if self._is_lost(error):
            # It stays first: whatever was asked for after it waits behind it.
            self._waiting.appendleft(job)
            first = not self._lost
            self._lost = True
            self._timer.start(self.retry_ms)
            if first:
                self.sig_lost.emit(job.kind)
            return
        was_lost, self._lost = self._lost, False
        try:
            if was_lost:
                self.sig_back.emit(job.kind)
            if job.on_error is not None:
                job.on_error(error)
        finally:
            self._start_next()
