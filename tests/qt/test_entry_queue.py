"""The keying station's write queue (qt/models/station.py): jobs on a worker, in the order asked
for; a newer draft of the same form takes the place of one still waiting; a job that lost the
host stays first and is retried, and nothing overtakes it."""

from __future__ import annotations

import functools
import threading
import time

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kamarhitung.qt.models.station import SerialQueue


class LostError(Exception):
    pass


def is_lost(e: BaseException) -> bool:
    return isinstance(e, LostError)


def test_jobs_run_one_at_a_time_in_order_off_the_gui_thread(
    qtbot: QtBot, qapp: QApplication
) -> None:
    q = SerialQueue(is_lost, 50)
    gui = threading.get_ident()
    ran: list[int] = []
    done: list[int] = []
    running = [0]
    overlap: list[bool] = []

    def job(i: int) -> int:
        running[0] += 1
        overlap.append(running[0] > 1)
        time.sleep(0.02 if i % 2 else 0.001)  # uneven: a pool would finish them out of order
        ran.append(i)
        assert threading.get_ident() != gui
        running[0] -= 1
        return i

    for i in range(6):
        q.submit("draft", functools.partial(job, i), done.append)
    assert q.busy() and len(q.kinds()) == 6
    assert q.wait_idle(10_000)
    assert ran == done == list(range(6))
    assert not any(overlap)


def test_a_newer_draft_replaces_a_waiting_one(qtbot: QtBot, qapp: QApplication) -> None:
    q = SerialQueue(is_lost, 50)
    gate = threading.Event()
    saved: list[str] = []

    def hold() -> None:
        assert gate.wait(10)

    q.submit("finish", hold, lambda _r: saved.append("first finish"))
    for v in ("1", "12", "123"):
        q.submit("draft", functools.partial(saved.append, v), lambda _r: None, key="form A")
    q.submit("draft", lambda: saved.append("B"), lambda _r: None, key="form B")
    assert q.kinds() == ["finish", "draft", "draft"]
    gate.set()
    assert q.wait_idle(10_000)
    assert saved == ["first finish", "123", "B"]


def test_a_lost_job_is_retried_first_and_nothing_overtakes_it(
    qtbot: QtBot, qapp: QApplication
) -> None:
    q = SerialQueue(is_lost, 50)
    lost: list[str] = []
    back: list[str] = []
    q.sig_lost.connect(lost.append)
    q.sig_back.connect(back.append)
    tries: list[int] = []
    order: list[str] = []
    failed: list[BaseException] = []

    def flaky() -> str:
        tries.append(1)
        if len(tries) < 4:
            raise LostError("no host")
        order.append("finish")
        return "saved"

    q.submit("finish", flaky, lambda r: order.append(f"done:{r}"))
    q.submit("next", lambda: order.append("next"), lambda _r: None)
    qtbot.waitUntil(lambda: q.lost, timeout=5_000)
    assert lost == ["finish"] and order == []
    assert q.kinds()[0] == "finish"
    assert q.wait_idle(10_000)
    assert len(tries) == 4 and lost == ["finish"] and back == ["finish"]
    assert order == ["finish", "done:saved", "next"]
    assert not q.lost

    # An error that is not a lost connection goes to the job's on_error, once.
    q.submit("draft", lambda: 1 / 0, lambda _r: None, failed.append)
    assert q.wait_idle(5_000)
    assert len(failed) == 1 and isinstance(failed[0], ZeroDivisionError)
