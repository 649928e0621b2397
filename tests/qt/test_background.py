"""The GUI's one runner (qt/models/background.py): progress in order on the GUI thread, a cancel
that stops a long job, a coded refusal worded in Indonesian, a screen deleted while its job runs,
and the operation's Changes announced after the screen's own callback."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Protocol

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kamarhitung.core.refusal import Refusal
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.models import background
from kamarhitung.qt.models.background import Background, Failure, Job
from kamarhitung.services import accounts
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor, AuthError
from kamarhitung.services.workspace import Workspace

pytestmark = pytest.mark.qt_log_level_fail("WARNING")


class Demo(Protocol):
    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


def _ctx(demo: Demo) -> AppContext:
    return AppContext(demo.ws, demo.login("supervisor1"))


def _announced(ctx: AppContext) -> list[Changes]:
    got: list[Changes] = []
    ctx.sig_data_changed.connect(got.append)
    return got


def test_progress_arrives_in_order_on_the_gui_thread_before_the_result(qtbot: QtBot) -> None:
    gui = threading.get_ident()
    jobs = Background()
    seen: list[tuple[int, bool]] = []
    events: list[str] = []
    workers: list[int] = []

    def work(job: Job) -> str:
        workers.append(threading.get_ident())
        for i in range(300):
            job.progress(i)
        return "selesai"

    def progress(i: int) -> None:
        seen.append((i, threading.get_ident() == gui))
        if not events:
            events.append("progress")

    jobs.run(work, lambda r: events.append(r), on_progress=progress)
    assert jobs.wait_idle()
    assert workers and workers[0] != gui  # the work ran off the GUI thread
    assert [i for i, _ in seen] == list(range(300))
    assert all(on_gui for _, on_gui in seen)
    assert events == ["progress", "selesai"]  # every progress before the result
    jobs.deleteLater()


def test_cancel_stops_a_long_job(qtbot: QtBot) -> None:
    jobs = Background()
    started = threading.Event()
    failures: list[Failure] = []
    done: list[object] = []

    class StoppedError(Exception):
        pass

    def work(job: Job) -> int:
        started.set()
        t0 = time.monotonic()
        steps = 0
        while time.monotonic() - t0 < 60:  # a minute unless cancelled
            if job.cancelled():
                raise StoppedError
            steps += 1
            time.sleep(0.005)
        return steps

    job = jobs.run(work, done.append, failures.append)
    assert started.wait(10)
    assert not job.cancelled()
    t0 = time.monotonic()
    job.cancel()
    assert jobs.wait_idle(10_000)
    assert time.monotonic() - t0 < 5
    assert done == []
    assert len(failures) == 1 and failures[0].cancelled
    assert isinstance(failures[0].error, StoppedError)
    jobs.deleteLater()


def test_a_coded_refusal_arrives_worded_in_indonesian(qtbot: QtBot, demo: Demo) -> None:
    """A real service's refusal (a wrong password) reaches the screen as its Indonesian words,
    from its code, not as the service's English sentence."""
    assert i18n.set_language("id") or True
    jobs = Background()
    failures: list[Failure] = []
    jobs.run(
        lambda job: accounts.authenticate(demo.ws, "supervisor1", "bukan-sandinya"),
        lambda actor: pytest.fail("logged in with a wrong password"),
        failures.append,
    )
    assert jobs.wait_idle()
    assert len(failures) == 1
    f = failures[0]
    assert isinstance(f.error, AuthError) and isinstance(f.error, Refusal)
    assert f.error.code != "REFUSED"
    assert not f.cancelled
    assert f.text == i18n.refusal_text(f.error)
    assert f.text and f.text != str(f.error)  # Indonesian words, not the English sentence
    # A bug is said by its kind rather than lost.
    jobs.run(lambda job: 1 // 0, lambda v: None, failures.append)
    assert jobs.wait_idle()
    assert failures[-1].text.startswith("ZeroDivisionError:")
    jobs.deleteLater()


def test_changes_are_announced_after_the_screens_callback(qtbot: QtBot, demo: Demo) -> None:
    ctx = _ctx(demo)
    got = _announced(ctx)
    jobs = Background()
    order: list[object] = []
    ctx.sig_data_changed.connect(lambda c: order.append(c))
    jobs.run(lambda job: 3, lambda v: order.append(v), ctx=ctx, changes=Changes.IMAGES)
    assert jobs.wait_idle()
    assert order == [3, Changes.IMAGES] and got == [Changes.IMAGES]
    # Computed from the result: nothing announced when nothing changed.
    jobs.run(
        lambda job: 0,
        lambda v: None,
        ctx=ctx,
        changes=lambda n: Changes.ENTRIES if n else Changes.NONE,
    )
    assert jobs.wait_idle()
    assert got == [Changes.IMAGES]
    # A failed operation announces what it may have written part of.
    jobs.run(
        lambda job: 1 // 0,
        lambda v: None,
        lambda f: None,
        ctx=ctx,
        changes=Changes.IMAGES,
        changes_on_failure=Changes.IMAGES | Changes.AUDIT,
    )
    assert jobs.wait_idle()
    assert got[-1] == Changes.IMAGES | Changes.AUDIT
    assert Changes.IMAGES in got[-1] and Changes.ENTRIES not in got[-1]
    # submit keeps its old shape: fn(), on_done(result), on_error(exc), on the GUI thread.
    results: list[object] = []
    jobs.submit(lambda: "ok", results.append, results.append)
    jobs.submit(lambda: 1 // 0, results.append, results.append)
    assert jobs.wait_idle()
    assert len(results) == 2 and "ok" in results  # two workers: either may end first
    assert any(isinstance(r, ZeroDivisionError) for r in results)
    jobs.deleteLater()


def test_a_screen_deleted_while_its_job_runs(qtbot: QtBot, demo: Demo) -> None:
    """The screen goes while its operation runs: nothing of the screen is called (no crash), and
    the operation's changes are still announced (the data did change)."""
    ctx = _ctx(demo)
    got = _announced(ctx)
    release = threading.Event()
    called: list[object] = []

    class Screen(QWidget):
        def __init__(self) -> None:
            super().__init__()
            self.jobs = Background(self)

        def done(self, value: object) -> None:
            called.append(value)
            self.setWindowTitle(str(value))  # would crash on a deleted widget

    screen = Screen()
    progress: list[object] = []

    def work(job: Job) -> str:
        release.wait(10)
        job.progress("late")
        return "written"

    screen.jobs.run(
        work, screen.done, on_progress=progress.append, ctx=ctx, changes=Changes.OFFICIAL
    )
    shiboken6.delete(screen)  # the screen is gone (as its window closed)
    QCoreApplication.processEvents()
    release.set()
    qtbot.waitUntil(lambda: got == [Changes.OFFICIAL], timeout=10_000)
    assert called == [] and progress == []

    # Gone after the result reached the relay but before the screen's own callback ran.
    screen2 = Screen()
    release.clear()
    screen2.jobs.run(work, screen2.done, ctx=ctx, changes=Changes.REGIONS)
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10_000)  # the worker has finished
    QCoreApplication.sendPostedEvents(background._relay(), 0)  # the relay has the result...
    assert got == [Changes.OFFICIAL]
    shiboken6.delete(screen2)  # ...and the screen goes before its own copy is delivered
    qtbot.waitUntil(lambda: got[-1] == Changes.REGIONS, timeout=10_000)
    assert called == [] and got.count(Changes.REGIONS) == 1


def test_the_gui_starts_threads_through_the_runner_only() -> None:
    """No screen keeps thread machinery of its own beside the runner (issue 15: four had grown
    up): no QRunnable, thread pool, QThread subclass, Python thread or cancel Event under qt/
    except in qt/models/background.py. A lock guarding a library (pdfium) is not machinery."""
    import re

    import kamarhitung.qt

    root = Path(kamarhitung.qt.__file__).parent
    banned = re.compile(
        r"QRunnable|QThreadPool|class \w+\(QThread\)|threading\.(Thread|Event)\b|"
        r"concurrent\.futures|QtConcurrent"
    )
    found = [
        f"{path.relative_to(root)}:{n}: {line.strip()}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "background.py" and "generated" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if banned.search(line)
    ]
    assert not found, "thread machinery beside the runner:\n" + "\n".join(found)
