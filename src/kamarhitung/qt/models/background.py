"""Run a service call off the GUI thread and hand its result back on the GUI thread.

The dashboard's rule (ARCHITECTURE.md: the GUI never blocks) in one small helper, after Anki's
``QueryOp``: :meth:`Background.submit` runs a plain callable on Qt's global thread pool and calls
``on_done(result)`` or ``on_error(exception)`` on the GUI thread. Results travel through one
application-wide relay object, so a screen may be deleted while its job still runs: the result is
then dropped (the connection to the deleted receiver is gone).

Callables must not touch widgets; they call services and pure code and return plain data.
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread, QThreadPool, Signal

log = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class _Outcome:
    value: object
    error: BaseException | None
    seconds: float


class _Relay(QObject):
    """Lives as long as the application; carries outcomes from workers to the GUI thread."""

    sig_done = Signal(int, object)


_relay_instance: _Relay | None = None
_ids = itertools.count(1)


def _relay() -> _Relay:
    global _relay_instance
    if _relay_instance is None:
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


class Background(QObject):
    """Jobs of one screen: submit callables, receive their results on the GUI thread."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[
            int, tuple[Callable[[Any], None], Callable[[BaseException], None] | None]
        ] = {}
        self.last_seconds = 0.0
        """How long the last finished job ran on its worker."""
        _relay().sig_done.connect(self._on_done)

    def submit(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None],
        on_error: Callable[[BaseException], None] | None = None,
    ) -> int:
        """Run ``fn()`` on a worker; ``on_done(result)`` (or ``on_error(exc)``) runs on the GUI
        thread afterwards. Returns the job's id."""
        job_id = next(_ids)
        self._pending[job_id] = (on_done, on_error)
        QThreadPool.globalInstance().start(_Job(job_id, fn, _relay()))
        return job_id

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

    def _on_done(self, job_id: int, outcome: object) -> None:
        callbacks = self._pending.pop(job_id, None)
        if callbacks is None or not isinstance(outcome, _Outcome):
            return
        on_done, on_error = callbacks
        self.last_seconds = outcome.seconds
        if outcome.error is None:
            on_done(outcome.value)
        elif on_error is not None:
            on_error(outcome.error)
        else:
            log.error("background job failed", exc_info=outcome.error)
