"""The blind re-key audit in the GUI, by keyboard only: the supervisor draws a sample on the Mutu
data screen, a third operator keys a sampled form in the normal entry screen (marked AUDIT, blank,
nothing of the entries or the final shown), and the supervisor decides the difference against the
image by typing the value read there before anything is revealed."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kamarhitung import cli
from kamarhitung.qt import i18n, imageload
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.screens.entry import EntryScreen
from kamarhitung.qt.screens.province import ProvinceScreen
from kamarhitung.qt.screens.quality import QualityScreen
from kamarhitung.qt.widgets.form_grid import DigitEdit
from kamarhitung.services import accounts, bundle, entry, quality
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor, InputError
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import AuditKeyingRow, RecordRow, SyntheticImageRow

Key = Qt.Key
C = "gubernur"


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


@dataclass(frozen=True)
class FakePage:
    path: Path
    missing: bool = False


@pytest.fixture(autouse=True)
def small_pages(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    page = tmp_path / "page.png"
    img = QImage(600, 800, QImage.Format.Format_RGB32)
    img.fill(QColor(245, 245, 240))
    assert img.save(str(page))
    monkeypatch.setattr(imageload, "default_source", lambda _ws, _t, _c: [FakePage(page)])
    yield


def show(qtbot: QtBot, w: QualityScreen | EntryScreen) -> None:
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)


def focus() -> QWidget:
    w = QApplication.focusWidget()
    assert w is not None
    return w


def typed(text: str, key: Key = Key.Key_Return) -> None:
    w = focus()
    QTest.keyClicks(w, text)
    QTest.keyClick(w, key)


def test_draw_key_blind_and_decide_by_keyboard(qtbot: QtBot, demo: Demo) -> None:
    ws = demo.ws
    with ws.store.reading() as s:
        truth = {
            r.tps_id: json.loads(r.values_json)
            for r in s.execute(
                select(SyntheticImageRow).where(SyntheticImageRow.contest_id == C)
            ).scalars()
        }
    forms = [t for t in sorted(truth) if truth[t]["IV.1"] != truth[t]["IV.2"]][:6]
    op1, op2 = demo.login("operator1"), demo.login("operator2")
    for tps in forms:  # both original keyers transpose rows IV.1 and IV.2 the same way
        v = dict(truth[tps])
        v["IV.1"], v["IV.2"] = v["IV.2"], v["IV.1"]
        entry.submit_entry(ws, op1, {"tps": tps, "contest": C, "values": v})
        entry.submit_entry(ws, op2, {"tps": tps, "contest": C, "values": v})

    sup = QualityScreen(AppContext(ws, demo.login("supervisor1")))
    show(qtbot, sup)
    sup.setFocus()
    assert QApplication.focusWidget() is sup.findChild(QLineEdit, "qualitySeed")
    QTest.keyClicks(focus(), "47 11 02")
    QTest.keyClick(focus(), Key.Key_Tab)
    typed("2")  # the number of forms, Enter draws
    qtbot.waitUntil(lambda: "2 formulir ditarik" in sup.sample_text())
    assert "47 11 02" in sup.sample_text()
    with ws.store.reading() as s:
        sampled = [r.tps_id for r in s.execute(select(AuditKeyingRow)).scalars()]
    assert len(sampled) == 2 and sup.pending_tps() == []

    # A third operator gets the sampled form in the normal entry screen, marked as audit work.
    station = EntryScreen(AppContext(ws, demo.login("operator3")))
    show(qtbot, station)
    assert station.wait_idle()  # the form is claimed on a worker
    station.image_loader().wait_idle()
    kf = station.current_form()
    assert kf is not None and kf.audit and kf.tps.tps_id in sampled
    badge = station.findChild(QLabel, "slotBadge")
    assert badge is not None and badge.text() == "AUDIT"
    grid = station.grid()
    assert grid is not None and all(v is None for v in grid.values().values())
    values = truth[kf.tps.tps_id]
    for fid in grid.field_ids():
        w = QApplication.focusWidget()
        assert isinstance(w, DigitEdit) and w.field_id == fid
        typed(str(values[fid]))
    QTest.keyClick(focus(), Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert station.wait_idle()  # saved on a worker
    assert "entri audit" in station.message()
    with ws.store.reading() as s:
        rec = s.get(RecordRow, (kf.tps.tps_id, C))
        assert rec is not None and json.loads(rec.final_values or "{}")["IV.1"] == values["IV.2"]
    station.image_loader().wait_idle()
    station.close()

    # The supervisor decides against the image: types the values first, then sees the verdict.
    sup.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is sup)
    sup.refresh()
    assert sup.pending_tps() == [kf.tps.tps_id]
    assert set(sup.field_inputs()) == {"IV.1", "IV.2"}
    assert "final" not in sup.decision_text()  # nothing revealed before the decision
    sup.start_deciding()
    typed(str(values["IV.1"]))
    typed(str(values["IV.2"]))
    assert QApplication.focusWidget() is sup.findChild(QLineEdit, "qualityReason")
    typed("dibaca dari foto C1")
    qtbot.waitUntil(lambda: not sup.is_busy())
    assert "data final salah" in sup.decision_text(), sup.message()
    decide_box = sup.findChild(QLineEdit, "qualityReason")
    assert decide_box is not None and decide_box.isVisible()  # the verdict stays in view
    assert sup.pending_tps() == []
    assert "1 formulir dan 40 isian diaudit" in sup.summary_text()
    assert "2 galat terkonfirmasi" in sup.summary_text()
    with ws.store.reading() as s:
        rec = s.get(RecordRow, (kf.tps.tps_id, C))
        assert rec is not None and json.loads(rec.final_values or "{}") == values
    sup.wait_for_images()
    sup.wait_idle()


def test_quality_actions_keep_the_gui_live(
    qtbot: QtBot, demo: Demo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A draw and the pairing setting run off the GUI thread: a timer ticks and the buttons are
    disabled while they run; then the sample shows and Changes.QUALITY was announced. A refusal
    arrives in Indonesian."""
    ws = demo.ws
    with ws.store.reading() as s:
        rows = s.execute(
            select(SyntheticImageRow).where(SyntheticImageRow.contest_id == C).limit(3)
        ).scalars()
        truth = {r.tps_id: json.loads(r.values_json) for r in rows}
    op1, op2 = demo.login("operator1"), demo.login("operator2")
    for tps, values in truth.items():  # final forms to draw from
        entry.submit_entry(ws, op1, {"tps": tps, "contest": C, "values": values})
        entry.submit_entry(ws, op2, {"tps": tps, "contest": C, "values": values})
    ctx = AppContext(ws, demo.login("supervisor1"))
    sup = QualityScreen(ctx)
    show(qtbot, sup)
    changes: list[Changes] = []
    ctx.sig_data_changed.connect(changes.append)
    gate = threading.Event()
    real_draw, real_pairing = quality.draw, quality.set_pairing

    def slow_draw(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(10)
        return real_draw(*args, **kwargs)

    def slow_pairing(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(10)
        return real_pairing(*args, **kwargs)

    monkeypatch.setattr(quality, "draw", slow_draw)
    monkeypatch.setattr(quality, "set_pairing", slow_pairing)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    seed = sup.findChild(QLineEdit, "qualitySeed")
    draw = sup.findChild(QPushButton, "qualityDraw")
    assert seed is not None and draw is not None
    seed.setText("12 34")
    forms = sup.findChild(QSpinBox, "qualityForms")
    assert forms is not None
    forms.setValue(1)
    seed.setFocus()
    QTest.keyClick(seed, Key.Key_Return)
    assert sup.is_busy() and not draw.isEnabled()
    qtbot.waitUntil(lambda: len(ticks) >= 5)
    assert sup.is_busy() and changes == []
    gate.set()
    qtbot.waitUntil(lambda: not sup.is_busy(), timeout=10_000)
    assert "ditarik" in sup.sample_text() and draw.isEnabled()
    assert changes == [Changes.QUALITY]
    assert QApplication.focusWidget() is seed  # the keyboard stays where it was

    gate.clear()
    pairing = sup.findChild(QCheckBox, "qualityPairing")
    assert pairing is not None
    was = pairing.isChecked()
    pairing.setChecked(not was)
    assert sup.is_busy() and not pairing.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: not sup.is_busy(), timeout=10_000)
    assert quality.pairing(demo.ws) is (not was)
    assert changes == [Changes.QUALITY, Changes.QUALITY]

    # The service's refusal (an empty seed) is said in Indonesian, from its code.
    seed.clear()
    QTest.keyClick(seed, Key.Key_Return)
    qtbot.waitUntil(lambda: not sup.is_busy(), timeout=10_000)
    assert sup.message() == i18n.refusal_text(InputError("SEED_EMPTY"))
    assert sup.message() != str(InputError("SEED_EMPTY"))
    assert changes == [Changes.QUALITY, Changes.QUALITY]
    timer.stop()
    sup.wait_idle()
    sup.wait_for_images()


def test_the_province_screen_shows_each_kabupatens_rate(
    qtbot: QtBot, demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = demo.ws
    with ws.store.reading() as s:
        truth = {
            r.tps_id: json.loads(r.values_json)
            for r in s.execute(
                select(SyntheticImageRow).where(SyntheticImageRow.contest_id == C)
            ).scalars()
        }
    op1, op2, op3 = (demo.login(f"operator{i}") for i in (1, 2, 3))
    for tps in sorted(truth)[:3]:
        entry.submit_entry(ws, op1, {"tps": tps, "contest": C, "values": truth[tps]})
        entry.submit_entry(ws, op2, {"tps": tps, "contest": C, "values": truth[tps]})
    sup = demo.login("supervisor1")
    for tps in quality.draw(ws, sup, C, "5 5 5", 2).tps:
        entry.submit_entry(ws, op3, {"tps": tps, "contest": C, "values": truth[tps]})
    (tmp_path / "out").mkdir()
    khb = bundle.export_bundle(ws, sup, tmp_path / "out", str(demo.credentials["key_passphrase"]))
    pdir, prov = demo.path / "demo-province", tmp_path / "prov"
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "province-admin-1")
    init = ["province", "init", str(prov), "--admin", "padmin", "--ca", str(pdir / "ca.pem")]
    assert cli.main([*init, "--identity", str(pdir / "identity.age")]) == 0
    assert cli.main(["province", "import", str(prov), str(khb.path)]) == 0
    pws = open_workspace(prov)
    try:
        screen = ProvinceScreen(
            AppContext(pws, accounts.authenticate(pws, "padmin", "province-admin-1"))
        )
        qtbot.addWidget(screen)
        screen.show()
        screen.refresh()
        screen.wait_idle()
        table = screen.findChild(QTableWidget, "provinceImports")
        assert table is not None
        qtbot.waitUntil(lambda: table.rowCount() == 1)
        item = table.item(0, 3)
        assert item is not None
        hi = screen.locale().toString(1e4 * (1 - 0.025 ** (1 / 80)), "f", 2)
        zero = screen.locale().toString(0.0, "f", 2)
        name = ws.contest(C).name  # the contest by its name, not its id
        want = f"{name}: galat {zero} per 10.000 isian (95% {zero}–{hi})"
        assert want in item.text()
        screen.close()
    finally:
        pws.close()
