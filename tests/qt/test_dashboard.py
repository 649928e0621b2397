"""The recap dashboard on a real demo workspace (pytest-qt, offscreen), driven by the keyboard.

Checked against the services, never against the screen's own arithmetic: the kabupaten row and
the key figures equal :func:`kamarhitung.services.recap.load_recap`; a form finished through the
services shows up live; anomalies and official differences are the ones planted.
"""

from __future__ import annotations

import csv
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

import numpy as np
import pytest
from openpyxl import load_workbook
from PIL import Image
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from kamarhitung.core.anomalies import INVALID_SHARE, OUTLIER, Anomaly
from kamarhitung.core.model import Level, dotted
from kamarhitung.core.recap import EMPTY, FINAL, STATES, Recap
from kamarhitung.qt import i18n
from kamarhitung.qt.charts import progress_series, when_text
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.models.recap_model import CodeRole, ValueRole, state_column
from kamarhitung.qt.screens import selisih
from kamarhitung.qt.screens.anomalies import anomaly_detail
from kamarhitung.qt.screens.dashboard import TAB_DETAIL, TAB_OVERVIEW, DashboardScreen
from kamarhitung.services import entry
from kamarhitung.services.anomalies import scan_anomalies
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.recap import load_recap
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import SyntheticImageRow

Key = Qt.Key

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


class Demo(Protocol):
    """The ``mixed`` fixture of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


# --- helpers ---------------------------------------------------------------------------------------


def truth(ws: Workspace, tps: str, contest: str) -> dict[str, int]:
    with ws.store.reading() as s:
        row = s.get(SyntheticImageRow, (tps, contest))
        assert row is not None
        values: dict[str, int] = json.loads(row.values_json)
    return values


def finish_pair(demo: Demo, tps: str, contest: str, values: dict[str, int]) -> None:
    for name in ("operator1", "operator2"):
        r = entry.submit_entry(
            demo.ws, demo.login(name), {"tps": tps, "contest": contest, "values": values}
        )
    assert r.state.value == "final", r.findings


def empty_tps(recap: Recap, n: int = 1) -> list[str]:
    rows = np.flatnonzero(recap.states == EMPTY)[:n].tolist()
    assert len(rows) == n
    return [recap.tree.tps_ids[i] for i in rows]


def with_invalid_share(values: dict[str, int], extra: int) -> dict[str, int]:
    """The same form with ``extra`` valid votes of pair 1 moved to invalid: still consistent,
    but V.B ≥ 3% of V.C (a warning, INVALID-SHARE)."""
    v = dict(values)
    v["IV.1"] -= extra
    v["V.A"] -= extra
    v["V.B"] += extra
    return v


def with_low_turnout(values: dict[str, int], voters: int) -> dict[str, int]:
    """The same form with only ``voters`` voters (of the same list), kept consistent."""
    v = dict(values)
    k = v["I.B.4.J"] - voters
    kl = min(v["I.B.1.L"], k // 2)
    kp = k - kl
    for row in ("I.B.1", "I.B.4"):
        v[f"{row}.L"] -= kl
        v[f"{row}.P"] -= kp
        v[f"{row}.J"] -= k
    v["II.2"] -= k
    v["II.4"] += k
    # Fewer voters: fewer votes, taken from the pairs in turn; no invalid votes (so that the
    # form shows one anomaly only, its turnout).
    pairs = sorted(f for f in v if f.startswith("IV."))
    take = sum(v[f] for f in pairs) - voters
    while take > 0:
        for f in pairs:
            if take > 0 and v[f] > 0:
                v[f] -= 1
                take -= 1
    v["V.B"] = 0
    v["V.A"] = sum(v[f] for f in pairs)
    v["V.C"] = v["V.A"]
    return v


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail on any modal dialog (file choosers are bypassed through methods taking a path)."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a modal dialog was opened")

    for name in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileName", "getSaveFileName"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)
    yield
    assert QApplication.activeModalWidget() is None


@pytest.fixture
def planted(mixed: Demo) -> dict[str, str]:
    """Two anomalies planted in the mixed demo through the services: an invalid share in the
    first contest, and a turnout outlier in the second."""
    contests = mixed.ws.contests()
    first, second = contests[0].id, contests[1].id
    r1 = load_recap(mixed.ws, first)
    (tps1,) = empty_tps(r1)
    finish_pair(mixed, tps1, first, with_invalid_share(truth(mixed.ws, tps1, first), 40))
    # The turnout outlier needs 5 final forms around it in its kecamatan: the demo keyed its
    # first kecamatan fully, the last ones not at all, so 5 forms are finished there first.
    r2 = load_recap(mixed.ws, second)
    bounds = r2.tree.tps_bounds(Level.KECAMATAN)
    kec = int(
        np.argmax(
            [np.count_nonzero(r2.states[a:b] == EMPTY) for a, b in itertools.pairwise(bounds)]
        )
    )
    empty = [i for i in range(int(bounds[kec]), int(bounds[kec + 1])) if r2.states[i] == EMPTY]
    assert len(empty) >= 6
    for i in empty[:5]:
        t = r2.tree.tps_ids[i]
        finish_pair(mixed, t, second, truth(mixed.ws, t, second))
    tps2 = r2.tree.tps_ids[empty[5]]
    values = truth(mixed.ws, tps2, second)
    finish_pair(mixed, tps2, second, with_low_turnout(values, values["I.A.4.J"] // 10))
    return {"invalid": tps1, "invalid_contest": first, "outlier": tps2, "outlier_contest": second}


@pytest.fixture
def dash(mixed: Demo, qtbot: QtBot) -> Iterator[DashboardScreen]:
    i18n.set_language("id")
    ctx = AppContext(mixed.ws, mixed.login("supervisor1"))
    screen = DashboardScreen(ctx)
    qtbot.addWidget(screen)
    screen.resize(1500, 900)
    screen.show()
    qtbot.waitUntil(lambda: screen.recap is not None, timeout=20_000)
    screen.wait_idle()
    yield screen
    screen.wait_idle()


def n(x: int) -> str:
    return QLocale().toString(x)


# --- tests ------------------------------------------------------------------------------------------


def test_kabupaten_totals_equal_the_recap_service(dash: DashboardScreen, mixed: Demo) -> None:
    for contest in mixed.ws.contests():
        dash.set_contest(contest.id)
        dash.wait_idle()
        assert dash.recap is not None and dash.recap.contest == contest.id
        recap = load_recap(mixed.ws, contest.id)
        total = recap.total()
        root = dash.model.index(0, 0)
        assert dash.model.data(root, CodeRole) == total.code
        final_cell = root.siblingAtColumn(state_column(STATES[FINAL]))
        assert dash.model.data(final_cell, ValueRole) == total.tps_final
        for p in contest.paslon:
            cell = root.siblingAtColumn(dash.model.paslon_column(p.nomor_urut))
            assert dash.model.data(cell) == n(total.values[f"IV.{p.nomor_urut}"])
        # What the supervisor reads: the key figures of the kabupaten.
        assert dash.region == (Level.KABUPATEN, 0)
        assert dash.kpi_final.value.text() == f"{n(total.tps_final)} dari {n(total.tps_total)}"
        assert dash.kpi_votes.value.text() == n(total.values["V.A"])
        shown = dash.vote_chart.value_texts()
        assert [t.split()[0] for t in shown] == [
            n(total.values[f"IV.{p.nomor_urut}"]) for p in contest.paslon
        ]


def test_selecting_a_kecamatan_updates_the_charts(dash: DashboardScreen, mixed: Demo) -> None:
    recap = load_recap(mixed.ws, dash.contest)
    kec = recap.table(Level.KECAMATAN)
    assert dash.select_region(kec.codes[0])
    assert dash.region == (Level.KECAMATAN, 0)
    assert dash.kpi_final.value.text() == (
        f"{n(int(kec.tps_final[0]))} dari {n(int(kec.tps_total[0]))}"
    )
    assert dash.kpi_votes.value.text() == n(int(kec.values[0, recap.fields.index("V.A")]))
    series = dash.progress_chart.series
    assert series is not None and series.final == int(kec.tps_final[0])
    assert series.total == int(kec.tps_total[0])


def test_drilling_to_a_tps_by_keyboard_opens_its_detail(
    dash: DashboardScreen, mixed: Demo, qtbot: QtBot
) -> None:
    tree = dash.tree
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    recap = load_recap(mixed.ws, dash.contest)
    # Kabupaten (current, unfolded) → first kecamatan → unfold → first desa → unfold → first TPS.
    for key in (Key.Key_Down, Key.Key_Right, Key.Key_Down, Key.Key_Right, Key.Key_Down):
        QTest.keyClick(tree, key)
    first_tps = recap.tree.tps_ids[0]
    assert dash.model.code(tree.currentIndex()) == first_tps
    # A TPS selected: the charts show its desa.
    assert dash.region == (Level.DESA, 0)
    QTest.keyClick(tree, Key.Key_Return)
    assert dash.tabs.currentIndex() == TAB_DETAIL
    detail = dash.detail
    assert detail.tps_id == first_tps
    assert dotted(first_tps) in detail.subtitle.text()
    # A supervisor sees both entries; the photo arrives from a worker.
    qtbot.waitUntil(lambda: detail.view is not None, timeout=10_000)
    qtbot.waitUntil(lambda: detail.viewer.page_count() > 0, timeout=20_000)
    assert detail.view is not None
    assert [e.slot for e in detail.view.entries] == [1, 2]
    if recap.states[0] == FINAL:
        final = detail.column_texts(detail.values.columnCount() - 1)
        for f in ("IV.1", "V.A", "V.C"):
            assert final[f] == n(int(recap.values[0, recap.fields.index(f)]))
    # Esc: back to the overview, the TPS still current in the tree.
    QTest.keyClick(detail.back_button, Key.Key_Escape)
    assert dash.tabs.currentIndex() == TAB_OVERVIEW
    assert dash.model.code(tree.currentIndex()) == first_tps


def test_a_form_finished_elsewhere_shows_up_live(
    dash: DashboardScreen, mixed: Demo, qtbot: QtBot
) -> None:
    contest = dash.contest
    before = load_recap(mixed.ws, contest)
    root = dash.model.index(0, 0)
    final_cell = root.siblingAtColumn(state_column(STATES[FINAL]))
    assert dash.model.data(final_cell, ValueRole) == before.tps_final
    (tps,) = empty_tps(before)
    finish_pair(mixed, tps, contest, truth(mixed.ws, tps, contest))
    resets: list[int] = []
    dash.model.modelReset.connect(lambda: resets.append(1))
    dash._ctx.sig_data_changed.emit(Changes.ENTRIES)
    # The event loop keeps running while the worker refreshes; the row updates in place.
    qtbot.waitUntil(
        lambda: dash.model.data(final_cell, ValueRole) == before.tps_final + 1, timeout=10_000
    )
    assert resets == []
    want = f"{n(before.tps_final + 1)} dari {n(before.tps_total)}"
    qtbot.waitUntil(lambda: dash.kpi_final.value.text() == want, timeout=5_000)
    assert dash.refresh_seconds and dash.apply_seconds


def test_each_chart_exports_a_png(dash: DashboardScreen, tmp_path: Path) -> None:
    charts = {
        "suara": dash.vote_chart,
        "progres": dash.progress_chart,
        "partisipasi": dash.turnout_chart,
    }
    for name, chart in charts.items():
        out = chart.export_png(tmp_path / name, width=900)
        assert out == tmp_path / f"{name}.png"
        with Image.open(out) as im:
            im.verify()
        with Image.open(out) as im:
            assert im.format == "PNG"
            assert im.size[0] == 900 and im.size[1] > 200
        # The export leaves no title behind on the chart shown.
        assert not chart.plot.getPlotItem().titleLabel.isVisible()


def test_anomaly_filters_narrow_the_list_and_enter_opens_the_tps(
    planted: dict[str, str], dash: DashboardScreen, mixed: Demo, qtbot: QtBot
) -> None:
    view = dash.anomaly_view
    want = {
        (c.id, a.tps, a.code) for c in mixed.ws.contests() for a in scan_anomalies(mixed.ws, c.id)
    }
    got = {(r.contest, r.anomaly.tps, r.anomaly.code) for r in view.visible_rows()}
    assert got == want
    assert (planted["invalid_contest"], planted["invalid"], INVALID_SHARE) in got
    assert (planted["outlier_contest"], planted["outlier"], OUTLIER) in got
    everything = len(got)

    view.set_filters(kind=INVALID_SHARE)
    rows = view.visible_rows()
    assert rows and all(r.anomaly.code == INVALID_SHARE for r in rows)
    assert len(rows) < everything

    view.set_filters(contest=planted["outlier_contest"])
    rows = view.visible_rows()
    assert rows and all(r.contest == planted["outlier_contest"] for r in rows)
    assert len(rows) < everything

    kec = planted["invalid"][:6]
    view.set_filters(region=kec, kind=INVALID_SHARE)
    rows = view.visible_rows()
    assert [r.anomaly.tps for r in rows] == [planted["invalid"]]
    assert view.region_box.currentData() == kec

    view.set_filters(text=planted["outlier"][6:10])
    assert all(r.anomaly.tps[6:10] == planted["outlier"][6:10] for r in view.visible_rows())

    # Enter on a row opens its TPS (switching the contest if needed).
    view.set_filters(kind=INVALID_SHARE)
    dash.tabs.setCurrentWidget(view)
    view.table.setFocus()
    view.table.setCurrentIndex(view.proxy.index(0, 0))
    QTest.keyClick(view.table, Key.Key_Return)
    qtbot.waitUntil(lambda: dash.tabs.currentIndex() == TAB_DETAIL, timeout=10_000)
    assert dash.detail.tps_id == planted["invalid"]
    assert dash.contest == planted["invalid_contest"]


def test_turnout_outlier_is_marked_on_the_chart(
    planted: dict[str, str], dash: DashboardScreen, qtbot: QtBot
) -> None:
    dash.set_contest(planted["outlier_contest"])
    dash.wait_idle()
    assert dash.turnout_chart.outlier_count() == 1
    assert dotted(planted["outlier"]) in dash.turnout_chart.caption.text()
    # Another kecamatan: not there.
    recap = dash.recap
    assert recap is not None
    other = next(c for c in recap.table(Level.KECAMATAN).codes if c != planted["outlier"][:6])
    dash.select_region(other)
    assert dash.turnout_chart.outlier_count() == 0


def test_selisih_import_shows_the_planted_differences(
    dash: DashboardScreen, mixed: Demo, tmp_path: Path, qtbot: QtBot
) -> None:
    contest = dash.contest
    recap = load_recap(mixed.ws, contest)
    finals = [recap.tree.tps_ids[i] for i in np.flatnonzero(recap.states == FINAL)[:4].tolist()]
    (pending,) = empty_tps(recap)
    fields = [f for f in recap.fields if f.startswith("IV.") or f in ("V.A", "V.B", "V.C")]
    planted = {(finals[1], "IV.1"): 5, (finals[3], "V.B"): -1}
    path = tmp_path / "resmi.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["tps", "pemilihan", *fields])
        for tps in [*finals, pending]:
            if tps == pending:
                true_values = truth(mixed.ws, tps, contest)
                row = [true_values[fl] for fl in fields]
            else:
                i = recap.tree.tps_index[tps]
                row = [
                    int(recap.values[i, recap.fields.index(fl)]) + planted.get((tps, fl), 0)
                    for fl in fields
                ]
            w.writerow([dotted(tps), contest, *row])
    view = dash.selisih_view
    dash.tabs.setCurrentWidget(view)
    view.import_file(path)
    qtbot.waitUntil(lambda: bool(view.differences()), timeout=15_000)
    got = {(t, f): (off, ours) for t, f, off, ours in view.differences()}
    want = {}
    for (tps, fl), delta in planted.items():
        ours = int(recap.values[recap.tree.tps_index[tps], recap.fields.index(fl)])
        want[(tps, fl)] = (ours + delta, ours)
    assert got == want
    data = view.data
    assert data is not None
    assert data.report.compared == 4
    assert data.report.pending == (pending,)
    # Coverage: the TPS with official numbers out of all (no SIREKAP flags in a CSV).
    text = view.summary_label.text()
    assert f"Cakupan angka resmi: 5 dari {n(recap.tree.n_tps)} TPS" in text
    assert "SIREKAP:" not in text
    # Summed per kecamatan: the differences land in the planted TPS's kecamatan.
    sums = {
        view.region_model.code(r): view.region_model.data(
            view.region_model.index(r, 3), selisih.ValueRole
        )
        for r in range(view.region_model.rowCount())
    }
    for tps, _fl in planted:
        different = sums[tps[:6]]
        assert isinstance(different, int) and different >= 1
    # The list exports as CSV and XLSX (bypassing the file chooser), through the runner: each
    # export is in the audit trail, announced as Changes.AUDIT.
    changes: list[Changes] = []
    view._ctx.sig_data_changed.connect(changes.append)
    view.export_file(tmp_path / "selisih.csv")
    view.export_file(tmp_path / "selisih.xlsx")
    view.wait_idle()
    assert changes == [Changes.AUDIT, Changes.AUDIT]
    with (tmp_path / "selisih.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {(r["tps"], r["field"]) for r in rows} == set(planted)
    wb = load_workbook(tmp_path / "selisih.xlsx")
    assert len(wb.sheetnames) == 2
    sheet = wb[wb.sheetnames[0]]
    assert sheet.max_row == 1 + len(planted)
    wb.close()
    # Enter on a difference opens its TPS.
    view.tps_table.setFocus()
    view.tps_table.setCurrentIndex(view.tps_model.index(0, 0))
    QTest.keyClick(view.tps_table, Key.Key_Return)
    assert dash.tabs.currentIndex() == TAB_DETAIL
    assert dash.detail.tps_id == finals[1]


def test_language_change_retranslates_without_losing_data(
    dash: DashboardScreen, qtbot: QtBot
) -> None:
    before = dash.kpi_final.value.text()
    QApplication.sendEvent(dash, QEvent(QEvent.Type.LanguageChange))
    assert dash.kpi_final.value.text() == before
    assert dash.tabs.tabText(TAB_OVERVIEW) == "Ringkasan"


def test_progress_series_bins_hours_and_forecasts_linearly() -> None:
    hour = 3600.0
    now = 10 * hour + 30 * 60  # 10.30 UTC
    # 6 forms final between 08.00 and 10.30 (2 per hour in the last 3 hours), 4 earlier.
    times = [1 * hour + 60 * i for i in range(4)] + [8 * hour + 1500 * i for i in range(6)]
    s = progress_series(times, total=20, now=now, utc_offset_s=0, window_hours=3)
    assert s.final == 10 and s.remaining == 10
    assert s.hour_starts[0] == 1 * hour and s.hour_starts[-1] == 10 * hour
    assert int(s.per_hour.sum()) == 10 and int(s.cumulative[-1]) == 10
    assert s.rate_per_hour == pytest.approx(2.0)
    assert s.forecast == pytest.approx(now + 5 * hour)
    # Nothing final in the window: no forecast; all final: done.
    assert progress_series(times, 20, now + 10 * hour).forecast is None
    assert progress_series(times, 10, now).done
    # The hours are the room's clock's hours: with a half-hour offset, 00.15 UTC falls in the
    # local hour that began at 23.30 UTC.
    local = progress_series([0.25 * hour], 1, 0.4 * hour, utc_offset_s=1800)
    assert local.hour_starts.tolist() == [-1800.0]


@pytest.mark.parametrize(
    ("anomaly", "words"),
    [
        (
            Anomaly(
                "3578011001001",
                "OUTLIER",
                "W",
                {"measures": [{"measure": "turnout", "value": 0.0995, "median": 0.649, "z": -4.0}]},
            ),
            "partisipasi 10,0% (median kecamatan 64,9%, z = -4,0)",
        ),
        (
            Anomaly(
                "3578011001001",
                "INVALID-SHARE",
                "W",
                {"invalid": 12, "total": 210, "share": 0.0571},
            ),
            "suara tidak sah 12 dari 210 (5,7%)",
        ),
        (
            Anomaly(
                "3578011001001", "DUPLICATE", "W", {"others": ["3578011001002"], "scope": "desa"}
            ),
            "bagian IV dan V sama dengan TPS 35.78.01.1001.002",
        ),
        (
            Anomaly(
                "3578011001001",
                "TURNOUT",
                "W",
                {"votes": 1320, "dpt": 1200, "dpt_limit": 1230, "voters": 1300, "registered": 1310},
            ),
            "jumlah suara paslon 1.320 > DPT 1.200 + cadangan (batas 1.230)",
        ),
        (
            Anomaly(
                "3578011001001",
                "SAH-SUM",
                "E",
                {
                    "source": "form",
                    "fields": ["V.A", "IV.1"],
                    "params": {"left": 120, "right": 118},
                },
            ),
            "Di formulir: suara sah (V.A = 120) ≠ jumlah perolehan paslon (118)",
        ),
    ],
)
def test_anomaly_details_in_words(qapp: QApplication, anomaly: Anomaly, words: str) -> None:
    i18n.set_language("id")
    assert anomaly_detail(anomaly) == words


def test_the_forecast_says_its_day_when_it_is_not_today(qapp: QApplication) -> None:
    """A completion nine days away once read "00.59", as if it were tonight."""
    wib = 7 * 3600
    now = 1_733_400_000.0  # 2024-12-05 12:00 UTC = 19.00 WIB, a Thursday
    i18n.set_language("id")
    try:
        assert when_text(now + 2 * 3600, now, wib) == "21.00"
        assert when_text(now + 14 * 3600, now, wib) == "besok 09.00"
        assert when_text(now + 9 * 86400 + 5 * 3600 + 59 * 60, now, wib) == "Min 15 Des 00.59"
        i18n.set_language("en")
        assert when_text(now + 14 * 3600, now, wib) == "tomorrow 09.00"
        assert when_text(now + 9 * 86400 + 5 * 3600 + 59 * 60, now, wib) == "Sun 15 Dec 00.59"
    finally:
        i18n.set_language("id")
