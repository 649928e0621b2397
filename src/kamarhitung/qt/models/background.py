"""The one runner of the GUI: service calls off the GUI thread, results back on it.

The rule of ARCHITECTURE.md (the GUI never blocks) in one helper, after Anki's ``QueryOp`` and
``CollectionOp``. Every screen owns a :class:`Background` and hands it plain callables; nothing
else in the GUI starts a thread (the image loader of the entry screen, the export, the report
set, the image import and the log-in's long steps all run through it).

* :meth:`Background.submit` ``(fn, on_done, on_error)``: a read or a quick write. ``fn()`` runs on
  Qt's global thread pool, ``on_done(result)`` or ``on_error(exception)`` on the GUI thread.
* :meth:`Background.run` ``(fn, on_done, on_failed, on_progress=, changes=, ctx=)``: an operation.
  ``fn(job)`` is given a :class:`Job`: ``job.progress(...)`` reports progress (delivered to
  ``on_progress`` on the GUI thread, in the order sent, before the result), ``job.cancelled``
  is what a service's ``cancelled=`` callback checks between safe steps (cancel is cooperative:
  only callables that check it stop, and only where stopping leaves nothing half-written).
  The result goes to ``on_done``; an exception to ``on_failed`` as a :class:`Failure`, worded in
  the interface's language from its refusal code (:func:`kamarhitung.qt.i18n.refusal_text`).
  Then the operation's :class:`~kamarhitung.services.changes.Changes` (fixed, or computed from
  the result) is announced on ``ctx.sig_data_changed``, so every screen decides for itself
  whether to refresh.

Results travel through one application-wide relay object, an operation's progress through a
channel of its own connected to its screen only. A screen may be deleted while its job still runs: its callbacks are then dropped (the connection to the deleted receiver is gone), but
the operation's changes are still announced, since the data did change.

Callables must not touch widgets; they call services and pure code and return plain data.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

import shiboken6
from PySide6.QtCore import (
    QCoreApplication,
    QObject,
    QRunnable,
    Qt,
    QThread,
    QThreadPool,
    Signal,
)

from kamarhitung.core.refusal import CodedText, Refusal
from kamarhitung.services.changes import Changes

if TYPE_CHECKING:
    from kamarhitung.qt.context import AppContext

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Outcome:
    value: object
    error: BaseException | None
    seconds: float


@dataclass(frozen=True, slots=True)
class Failure:
    """Why an operation did not finish, as the screen that ran it is told (on the GUI thread)."""

    error: BaseException
    cancelled: bool
    """The job had been asked to stop (the error is then usually the service's way of stopping)."""

    @property
    def text(self) -> str:
        """The error in the interface's language: a refusal from its code, any other error (a
        bug, a full drive) by its kind and message, so it is said rather than lost."""
        from kamarhitung.qt.i18n import refusal_text

        e = self.error
        if isinstance(e, Refusal | CodedText):
            return refusal_text(e)
        return f"{type(e).__name__}: {e}"


class _Progress(QObject):
    """One operation's progress channel: a signal connected to the screen that ran it only (a
    long export reports thousands of times; no other screen's runner should hear each one).
    Lives in the GUI thread under the relay until the operation's result has arrived."""

    sig_progress = Signal(int, object)


class Job:
    """One operation as its callable and its screen see it: progress out, cancel in."""

    def __init__(self, job_id: int, channel: _Progress) -> None:
        self.id = job_id
        self._channel = channel
        self._cancel = threading.Event()

    def progress(self, *args: object) -> None:
        """Report progress (any thread): the arguments reach ``on_progress`` on the GUI thread,
        in the order sent, before the result."""
        self._channel.sig_progress.emit(self.id, args)

    def cancel(self) -> None:
        """Ask the callable to stop at its next safe point (what a "Batal" button does)."""
        self._cancel.set()

    def cancelled(self) -> bool:
        """Whether stopping was asked (the service's ``cancelled=`` callback; any thread)."""
        return self._cancel.is_set()


@dataclass(slots=True)
class _Announce:
    """The changes an operation announces when it ends, kept apart from the screen that ran it."""

    ctx: AppContext
    changes: Changes | Callable[[Any], Changes]
    on_failure: Changes
    owner: int
    outcome: _Outcome | None = None
    """The result, once it has reached the relay."""

    def changes_of(self, outcome: _Outcome) -> Changes:
        if outcome.error is not None:
            return self.on_failure
        if callable(self.changes):
            return self.changes(outcome.value)
        return self.changes


class _Relay(QObject):
    """Lives as long as the application; carries outcomes to the GUI thread and keeps what
    operations will announce."""

    sig_done = Signal(int, object)
    sig_announce = Signal(int)

    def __init__(self, parent: QObject | None) -> None:
        super().__init__(parent)
        self.announce: dict[int, _Announce] = {}
        self.channels: dict[int, _Progress] = {}
        self.live: set[int] = set()
        """The :class:`Background` objects not deleted yet (by their key)."""
        # Connected first, so it sees each outcome before the Background that ran the job.
        self.sig_done.connect(self._on_done)
        self.sig_announce.connect(self._announce_now, Qt.ConnectionType.QueuedConnection)

    def _on_done(self, job_id: int, outcome: object) -> None:
        channel = self.channels.pop(job_id, None)
        if channel is not None:  # the worker has sent its last progress before its result
            channel.deleteLater()
        a = self.announce.get(job_id)
        if a is None or not isinstance(outcome, _Outcome):
            return
        a.outcome = outcome
        if a.owner not in self.live:  # its screen is gone: nobody else will announce
            self._announce_now(job_id)

    def owner_gone(self, key: int) -> None:
        """A :class:`Background` was deleted: announce what its finished jobs changed (later,
        not inside the deletion), and let the others announce themselves when they end."""
        self.live.discard(key)
        for job_id, a in list(self.announce.items()):
            if a.owner == key and a.outcome is not None:
                self.sig_announce.emit(job_id)

    def _announce_now(self, job_id: int) -> None:
        a = self.announce.pop(job_id, None)
        if a is None or a.outcome is None:
            return
        emit(a.ctx, a.changes_of(a.outcome))


def emit(ctx: AppContext, changes: Changes) -> None:
    """Announce ``changes`` on ``ctx`` (nothing when empty or when the session is gone)."""
    if changes and shiboken6.isValid(ctx):
        ctx.sig_data_changed.emit(changes)


_relay_instance: _Relay | None = None
_ids = itertools.count(1)
_owners = itertools.count(1)


def _relay() -> _Relay:
    global _relay_instance
    if _relay_instance is None or not shiboken6.isValid(_relay_instance):
        _relay_instance = _Relay(QCoreApplication.instance())
    return _relay_instance


class _Job(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._id = job_id
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        t0 = time.perf_counter()
        try:
            outcome = _Outcome(self._fn(), None, time.perf_counter() - t0)
        except Exception as e:  # delivered to on_error on the GUI thread
            outcome = _Outcome(None, e, time.perf_counter() - t0)
        self._relay.sig_done.emit(self._id, outcome)


@dataclass(slots=True)
class _Pending:
    on_done: Callable[[Any], None]
    on_error: Callable[[BaseException], None] | None
    on_progress: Callable[..., None] | None = None
    job: Job | None = None


class Background(QObject):
    """The jobs of one screen: submit callables or run operations, receive their results on the
    GUI thread (see the module docstring)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[int, _Pending] = {}
        self.last_seconds = 0.0
        """How long the last finished job ran on its worker."""
        relay = _relay()
        self._key = next(_owners)
        relay.live.add(self._key)
        # A plain callable, not a method: it must run when this object is already gone.
        self.destroyed.connect(functools.partial(_owner_gone, relay, self._key))
        relay.sig_done.connect(self._on_done)

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
        *,
        priority: int = 0,
    ) -> int:
        """Run ``fn()`` on a worker; ``on_done(result)`` (or ``on_error(exc)``) runs on the GUI
        thread afterwards. A higher ``priority`` starts before queued jobs of a lower one (the
        form on screen before a prefetch). Returns the job's id."""
        job_id = next(_ids)
        self._pending[job_id] = _Pending(on_done, on_error)
        QThreadPool.globalInstance().start(_Job(job_id, fn, _relay()), priority)
        return job_id

    def run(
        self,
        fn: Callable[[Job], T],
        on_done: Callable[[T], None],
        on_failed: Callable[[Failure], None] | None = None,
        *,
        on_progress: Callable[..., None] | None = None,
        ctx: AppContext | None = None,
        changes: Changes | Callable[[T], Changes] = Changes.NONE,
        changes_on_failure: Changes = Changes.NONE,
    ) -> Job:
        """Run the operation ``fn(job)`` on a worker (see the module docstring): progress to
        ``on_progress``, then ``on_done(result)`` or ``on_failed(failure)`` on the GUI thread,
        then ``changes`` (or ``changes(result)``; ``changes_on_failure`` after a failure, for an
        operation that may have written part of its work) announced on ``ctx``."""
        relay = _relay()
        channel = _Progress(relay)
        job = Job(next(_ids), channel)
        relay.channels[job.id] = channel
        if on_progress is not None:
            channel.sig_progress.connect(self._on_progress)

        def failed(e: BaseException) -> None:
            failure = Failure(e, job.cancelled())
            if on_failed is not None:
                on_failed(failure)
            else:
                log.error("operation failed", exc_info=e)

        self._pending[job.id] = _Pending(on_done, failed, on_progress, job)
        if ctx is not None:
            relay.announce[job.id] = _Announce(ctx, changes, changes_on_failure, self._key)
        QThreadPool.globalInstance().start(_Job(job.id, functools.partial(fn, job), relay))
        return job

    def busy(self) -> bool:
        """Whether a job of this screen is still running."""
        return bool(self._pending)

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        """Process events until every job has delivered (tests, closing a screen)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while self._pending and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            QThread.msleep(2)
        QCoreApplication.processEvents()
        return not self._pending

    def cancel_all(self) -> None:
        """Ask every running operation of this screen to stop (the window closes)."""
        for p in self._pending.values():
            if p.job is not None:
                p.job.cancel()

    def _on_progress(self, job_id: int, args: object) -> None:
        p = self._pending.get(job_id)
        if p is not None and p.on_progress is not None and isinstance(args, tuple):
            p.on_progress(*args)

    def _on_done(self, job_id: int, outcome: object) -> None:
        p = self._pending.pop(job_id, None)
        if p is None or not isinstance(outcome, _Outcome):
            return
        self.last_seconds = outcome.seconds
        try:
            if outcome.error is None:
                p.on_done(outcome.value)
            elif p.on_error is not None:
                p.on_error(outcome.error)
            else:
                log.error("background job failed", exc_info=outcome.error)
        finally:
            a = _relay().announce.pop(job_id, None)
            if a is not None:
                emit(a.ctx, a.changes_of(outcome))


def _owner_gone(relay: _Relay, key: int, *_: object) -> None:
    if shiboken6.isValid(relay):
        relay.owner_gone(key)
