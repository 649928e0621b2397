"""The recap dashboard ("Rekap"): the region tree, charts, anomalies, official differences, TPS.

Layout: a contest selector on top; on the left the region tree (kabupaten → kecamatan → desa →
TPS, :class:`~kamarhitung.qt.models.recap_model.RecapTreeModel`) with a coverage bar and the count
of forms per state; on the right four tabs: *Ringkasan* (key figures and three charts for the
region selected in the tree), *Anomali* (the filterable list), *Selisih resmi* (official numbers
against ours) and *Detail TPS* (the form's photo, both entries for a supervisor, the final
values), opened by Enter or a double click on a TPS anywhere.

Live, never blocking (the figure: no GUI-thread stall over 100 ms while entries arrive). On
``ctx.sig_data_changed`` and every :data:`REFRESH_MS` a refresh runs on a worker
(:class:`~kamarhitung.qt.models.background.Background`): the recap cache applies what changed
since its last look (:meth:`kamarhitung.services.recap.RecapCache.refresh`), every level's table
is computed, the new recap is compared with the shown one (:func:`diff_recaps`), the times forms
became final are read (:func:`kamarhitung.services.progress.final_times`) and, when a contest's
numbers changed and at most every :data:`ANOMALY_INTERVAL_S`, the anomalies are scanned again.
The GUI thread then only swaps the model's tables (``dataChanged`` on the changed rows; a reset
only when the contest changes) and redraws a handful of bars. Refreshes never overlap, and a
burst of changes costs one refresh: a change waits :data:`SETTLE_MS` for the next ones, and a
request while a refresh runs is remembered for after it. This matters beyond the worker's own
time: its Python work competes with the window's thread for the interpreter lock, so the less
often it runs, the less the window waits.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QPoint,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.anomalies import OUTLIER, Anomaly
from kamarhitung.core.entry import State
from kamarhitung.core.model import Contest, Level, Role, dotted
from kamarhitung.core.recap import STATES, Recap
from kamarhitung.core.template import voters_on_list_field
from kamarhitung.qt import i18n
from kamarhitung.qt.charts import (
    Outlier,
    ProgressChart,
    TurnoutChart,
    VoteShareChart,
    fmt_int,
    fmt_pct,
    paslon_votes,
    progress_series,
    turnout_percent,
    when_text,
)
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import refusal_text
from kamarhitung.qt.imageload import ImageLoader
from kamarhitung.qt.models.background import Background
from kamarhitung.qt.models.recap_model import (
    COL_CODE,
    COL_COVERAGE,
    COL_FIRST_PASLON,
    COL_FIRST_STATE,
    COL_NAME,
    STATE_COLORS,
    CoverageDelegate,
    RecapDiff,
    RecapTreeModel,
    diff_recaps,
    prepare,
    region_title,
)
from kamarhitung.qt.screens.anomalies import AnomalyScreen
from kamarhitung.qt.screens.selisih import SelisihScreen
from kamarhitung.qt.widgets.image_viewer import ImageViewer
from kamarhitung.qt.widgets.repeat_dialog import RepeatVoteDialog
from kamarhitung.services import entry
from kamarhitung.services.anomalies import scan_anomalies
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import ServiceError
from kamarhitung.services.entry import ResolutionView
from kamarhitung.services.progress import final_times
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.workspace import Workspace

REFRESH_MS = 2000
"""How often the dashboard looks for new final forms (besides ``sig_data_changed``)."""
ANOMALY_INTERVAL_S = 10.0
"""The anomaly scan of a contest whose numbers changed runs at most this often."""
SETTLE_MS = 500
"""After a change is announced, the refresh waits this long for more (one refresh per burst)."""
CHART_MIN_S = 2.0
"""While entries stream in, the charts are redrawn at most this often (the tree and key figures
follow every refresh)."""
STAGGER_MS = 30
"""Between the redraws of two charts after a live refresh."""
PROGRESS_TICK_S = 60.0
"""With nothing new, the forecast is still redrawn this often (the clock moves on)."""

FloatArray = npt.NDArray[np.float64]
IntpArray = npt.NDArray[np.intp]

TAB_OVERVIEW, TAB_ANOMALIES, TAB_SELISIH, TAB_DETAIL = range(4)

HEADER_PAD = 12
"""Pixels around a tree header's text: the section's padding (4 px a side, :data:`STYLE`) and
rounding. Not ``sectionSizeHint``, which also keeps room for a sort arrow the tree never shows."""

SHOWN_STATES = (State.DIFFERENT.value, State.JANGGAL.value)
"""State columns the tree shows at first (the rest through its header's menu)."""

STYLE = """
QLabel#kpiCaption { color: #52606d; font-weight: 600; }
QLabel#kpiValue { color: #1f2933; font-size: 17pt; font-weight: 600; }
QLabel#kpiNote { color: #52606d; }
QLabel#regionTitle { color: #1f2933; font-size: 13pt; font-weight: 600; }
QLabel#chartCaption { color: #334e68; }
QTreeView#regionTree { background: #ffffff; border: 1px solid #d5dbe1; border-radius: 4px; }
QTreeView#regionTree::item { padding: 3px 2px; }
QTreeView#regionTree QHeaderView::section { padding: 6px 4px; }
QTabWidget#dashTabs::pane { border: none; }
QTabBar::tab { padding: 6px 14px; }
QTableWidget#detailValues::item { padding: 2px 6px; }
"""


# --- the worker's side (plain data, no widgets) ---------------------------------------------------


@dataclass(frozen=True, eq=False)
class Snapshot:
    """What one refresh found, computed on a worker."""

    contest: str
    recap: Recap
    diff: RecapDiff
    changed: bool
    """The contest's numbers or states changed since the recap shown."""
    final_at: FloatArray
    """Per TPS position, the epoch second its form became final (NaN: not final)."""
    now: float
    utc_offset_s: int
    anomalies: dict[str, list[Anomaly]] = field(default_factory=dict)
    """Contests scanned again (contest → anomalies)."""
    fingerprints: dict[str, str] = field(default_factory=dict)
    """The fingerprint each contest in ``anomalies`` was scanned at."""
    worker_s: float = 0.0


def load_snapshot(
    ws: Workspace,
    cache: RecapCache,
    contest: str,
    shown: Recap | None,
    shown_final_at: FloatArray | None,
    scanned: dict[str, str],
    scan: bool,
) -> Snapshot:
    """One refresh (runs on a worker): recap, diff, times, and anomalies if due.

    ``shown_final_at`` is the previous snapshot's :attr:`Snapshot.final_at` of ``shown``: only
    the TPS that changed since are read again."""
    t0 = time.perf_counter()
    cache.refresh()
    recap = prepare(cache.recap(contest))
    diff = diff_recaps(shown, recap)
    changed = shown is None or not diff.empty
    index = recap.tree.tps_index
    if diff.structural or shown_final_at is None or len(shown_final_at) != recap.tree.n_tps:
        final_at = np.full(recap.tree.n_tps, np.nan)
        ft = final_times(ws, contest)
    else:
        final_at = shown_final_at
        rows = diff.changed.get(Level.TPS, np.zeros(0, dtype=np.intp))
        ft = None
        if len(rows):
            final_at = shown_final_at.copy()
            final_at[rows] = np.nan
            ft = final_times(ws, contest, [recap.tree.tps_ids[i] for i in rows.tolist()])
    if ft is not None:
        for tps, sec in zip(ft.tps_ids, ft.seconds, strict=True):
            i = index.get(tps)
            if i is not None:
                final_at[i] = sec
    clock_now = ws.clock.now()
    off = clock_now.utcoffset()
    now, offset = clock_now.timestamp(), int(off.total_seconds()) if off else 0
    anomalies: dict[str, list[Anomaly]] = {}
    fingerprints: dict[str, str] = {}
    if scan:
        for cid in cache.contests():
            fp = cache.recap(cid).fingerprint
            if scanned.get(cid) != fp:
                anomalies[cid] = scan_anomalies(ws, cid, cache=cache)
                fingerprints[cid] = fp
    return Snapshot(
        contest,
        recap,
        diff,
        changed,
        final_at,
        now,
        offset,
        anomalies,
        fingerprints,
        time.perf_counter() - t0,
    )


# --- small widgets ------------------------------------------------------------------------------


class _Kpi(QFrame):
    """One key figure: a caption, a big value and a note."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.caption = QLabel(self)
        self.caption.setObjectName("kpiCaption")
        self.value = QLabel(self)
        self.value.setObjectName("kpiValue")
        self.value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel(self)
        self.note.setObjectName("kpiNote")
        self.note.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        lay.addWidget(self.caption)
        lay.addWidget(self.value)
        lay.addWidget(self.note)
        lay.addStretch(1)

    def show_figure(self, value: str, note: str) -> None:
        self.value.setText(value)
        self.note.setText(note)


class _StateBreakdown(QFrame):
    """The forms of the selected region per entry state: where the work is stuck."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        self._names: dict[str, QLabel] = {}
        self._counts: dict[str, QLabel] = {}
        half = (len(STATES) + 1) // 2
        for i, st in enumerate(STATES):
            row, col = i % half, 4 * (i // half)
            dot = QLabel("●", self)
            dot.setStyleSheet(f"color: {STATE_COLORS[st]};")
            name = QLabel(self)
            # A long state name wraps (English) rather than widening the window past 1366 px.
            name.setWordWrap(True)
            count = QLabel(self)
            count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            count.setMinimumWidth(44)
            grid.addWidget(dot, row, col)
            grid.addWidget(name, row, col + 1)
            grid.addWidget(count, row, col + 2)
            self._names[st] = name
            self._counts[st] = count
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(5, 1)
        grid.setColumnMinimumWidth(3, 18)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 8, 12, 8)
        lay.setSpacing(6)
        lay.addWidget(self.title)
        lay.addLayout(grid)

    def show_counts(self, region: str, states: dict[str, int]) -> None:
        self.title.setText(self.tr("Status formulir · {0}").format(region))
        total = sum(states.values())
        for st in STATES:
            n = states.get(st, 0)
            self._names[st].setText(i18n.state_name(st))
            self._names[st].setToolTip(i18n.state_help(st))
            self._counts[st].setText(fmt_int(n))
            self._counts[st].setToolTip(fmt_pct(n, total))
            muted = "color: #9aa5b1;" if n == 0 else ""
            self._counts[st].setStyleSheet(muted + ("font-weight: 600;" if n else ""))


class RegionTree(QTreeView):
    """The region tree; Enter opens the current TPS, or folds/unfolds a region."""

    sig_open = Signal(QModelIndex)

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.sig_open.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class TpsDetail(QWidget):
    """One TPS of one contest: its photo, both entries (supervisors) and the final values."""

    sig_back = Signal()
    """Esc or "Kembali": leave the detail."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._jobs = Background(self)
        self._loader = ImageLoader(ctx.ws, self)
        self._loader.sig_loaded.connect(self._on_images)
        self.tps_id: str | None = None
        self.contest: str | None = None
        self.view: ResolutionView | None = None
        self._final: dict[str, int] | None = None
        self._fields: tuple[str, ...] = ()
        self._labels: dict[str, str] = {}
        self._state = ""

        self.title = QLabel(self)
        self.title.setObjectName("regionTitle")
        self.subtitle = QLabel(self)
        self.subtitle.setObjectName("muted")
        self.subtitle.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.back_button = QPushButton(self)
        self.back_button.clicked.connect(lambda: self.sig_back.emit())
        # Supervisors: mark a repeat vote (PSU, PSL, PSS) at this TPS.
        self.repeat_button = QPushButton(self)
        self.repeat_button.setObjectName("repeatVote")
        self.repeat_button.clicked.connect(self.open_repeat_dialog)
        self.repeat_button.setVisible(ctx.actor.role == Role.SUPERVISOR)
        self.repeat_dialog: RepeatVoteDialog | None = None
        self.viewer = ImageViewer(self)
        self.values = QTableWidget(self)
        self.values.setObjectName("detailValues")
        self.values.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.values.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.values.setAlternatingRowColors(True)
        self.values.setShowGrid(False)
        self.values.verticalHeader().setVisible(False)
        self.values.verticalHeader().setDefaultSectionSize(24)
        self.values.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        self.note = QLabel(self)
        self.note.setObjectName("muted")
        self.note.setWordWrap(True)
        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.values, 1)
        rl.addWidget(self.note)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        split = self.splitter
        split.addWidget(self.viewer)
        split.addWidget(right)
        split.setChildrenCollapsible(False)
        self._sized = False
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self.title)
        titles.addWidget(self.subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self.repeat_button, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignTop)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.addLayout(head)
        lay.addWidget(split, 1)
        esc = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        esc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        esc.activated.connect(lambda: self.sig_back.emit())
        self.retranslate()

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized and self.width() > 400:
            # The photo gets most of the width: the numbers need about 450 pixels.
            self._sized = True
            table = min(520, max(420, self.width() * 2 // 5))
            self.splitter.setSizes([self.width() - table, table])

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("Kembali (Esc)"))
        self.repeat_button.setText(self.tr("Pemungutan suara ulang…"))
        if self.tps_id is not None:
            self._fill_values()

    def open_repeat_dialog(self) -> None:
        """The supervisor marks a repeat vote at this TPS (the dialog opens window-modal)."""
        if self.tps_id is None or self.contest is None:
            return
        dialog = RepeatVoteDialog(self._ctx, self.tps_id, self.contest, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.repeat_dialog = dialog
        dialog.open()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        ok = self._jobs.wait_idle(timeout_ms)
        return self._loader.wait_idle(timeout_ms) and ok

    def load(self, recap: Recap, pos: int, contest: Contest) -> None:
        """Show TPS ``pos`` of ``recap`` (its photo loads, and both entries for a supervisor)."""
        tree = recap.tree
        tps = tree.tps_ids[pos]
        same = tps == self.tps_id and contest.id == self.contest
        self.tps_id, self.contest = tps, contest.id
        self._fields = recap.fields
        form = self._ctx.ws.form_spec(contest.id)
        self._labels = {
            f.id: f.label if f.id == f.row or not f.column else f"{f.label} · {f.column}"
            for f in form.fields
        }
        self._state = STATES[int(recap.states[pos])]
        self._final = (
            dict(zip(recap.fields, recap.values[pos].tolist(), strict=True))
            if self._state == State.FINAL.value
            else None
        )
        desa = next((r.name for r in tree.desa if r.code == tps[:10]), "")
        kec = next((r.name for r in tree.kecamatan if r.code == tps[:6]), "")
        self.title.setText(
            self.tr("TPS {n} · Desa {desa} · Kec. {kec}").format(
                n=tps[10:], desa=region_title(desa), kec=region_title(kec)
            )
        )
        self.subtitle.setText(f"{dotted(tps)} · {contest.name} · {i18n.state_name(self._state)}")
        if not same:
            self.view = None
        self._fill_values()
        if self._ctx.actor.role == Role.SUPERVISOR:
            ws, actor, cid = self._ctx.ws, self._ctx.actor, contest.id
            self._jobs.submit(
                lambda: entry.resolution_view(ws, actor, tps, cid), self._on_view, self._on_error
            )
        else:
            self.note.setText(self.tr("Entri operator hanya terlihat oleh supervisor."))
        if not same:
            self._show_images()

    def _on_view(self, view: ResolutionView) -> None:
        if (view.tps.tps_id, view.contest_id) != (self.tps_id, self.contest):
            return
        self.view = view
        self._fill_values()

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, ServiceError):
            self.note.setText(refusal_text(exc))
        else:
            self.note.setText(self.tr("Entri tidak dapat dibaca: {0}").format(refusal_text(exc)))

    def _show_images(self) -> None:
        if self.tps_id is None or self.contest is None:
            return
        loaded = self._loader.get(self.tps_id, self.contest)
        if loaded is None:
            self.viewer.set_pages([])
            self.viewer.set_message(self.tr("Memuat gambar formulir…"))
            self._loader.request(self.tps_id, self.contest, urgent=True)
            return
        self.viewer.set_pages(list(loaded.pages))
        if not loaded.pages:
            self.viewer.set_message(self.tr("Belum ada gambar untuk formulir ini."))
        else:
            self.viewer.fit_width()

    def _on_images(self, tps_id: str, contest_id: str) -> None:
        if (tps_id, contest_id) != (self.tps_id, self.contest):
            return
        error = self._loader.last_error(tps_id, contest_id)
        if self._loader.get(tps_id, contest_id) is None and error:
            self.viewer.set_message(
                self.tr("Gambar formulir tidak dapat dimuat: {0}").format(error)
            )
            return
        self._show_images()

    def column_texts(self, column: int) -> dict[str, str]:
        """Field id → the text shown in a column of the values table (tests)."""
        out = {}
        for r in range(self.values.rowCount()):
            fid = self.values.item(r, 0)
            cell = self.values.item(r, column)
            if fid is not None:
                out[fid.text()] = cell.text() if cell is not None else ""
        return out

    def _fill_values(self) -> None:
        entries = list(self.view.entries) if self.view is not None else []
        headers = [self.tr("Isian")]
        headers += [
            self.tr("Entri {slot}\n{user}").format(slot=e.slot, user=e.user) for e in entries
        ]
        headers.append(self.tr("Final"))
        differing = set(self.view.differing_fields) if self.view is not None else set()
        final = self._final
        if final is None and self.view is not None and self.view.final_values:
            final = dict(self.view.final_values)
        self.values.clear()
        self.values.setColumnCount(len(headers))
        self.values.setHorizontalHeaderLabels(headers)
        self.values.setRowCount(len(self._fields))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        amber = QBrush(QColor("#fdf0d5"))
        first_diff = -1
        for r, fid in enumerate(self._fields):
            name = QTableWidgetItem(fid)
            name.setToolTip(self._labels.get(fid, ""))
            self.values.setItem(r, 0, name)
            for c, e in enumerate(entries, start=1):
                v = e.values.get(fid)
                item = QTableWidgetItem("" if v is None else fmt_int(v))
                item.setTextAlignment(right)
                self.values.setItem(r, c, item)
            fv = final.get(fid) if final is not None else None
            item = QTableWidgetItem("–" if fv is None else fmt_int(fv))
            item.setTextAlignment(right)
            self.values.setItem(r, len(headers) - 1, item)
            if fid in differing:
                for c in range(len(headers)):
                    cell = self.values.item(r, c)
                    if cell is not None:
                        cell.setBackground(amber)
                if first_diff < 0:
                    first_diff = r
        hh = self.values.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        self.values.setColumnWidth(0, 84)
        if first_diff >= 0:
            # The supervisor came for the differences: the first one in view.
            first = self.values.item(first_diff, 0)
            if first is not None:
                self.values.scrollToItem(first, QAbstractItemView.ScrollHint.PositionAtCenter)
        if self._ctx.actor.role == Role.SUPERVISOR:
            if self.view is None:
                self.note.setText(self.tr("Memuat entri…"))
            elif differing:
                self.note.setText(
                    self.tr("{n} isian berbeda antara kedua entri (ditandai).").format(
                        n=len(differing)
                    )
                )
            elif self.view.note:
                self.note.setText(self.tr("Catatan: {0}").format(self.view.note))
            else:
                self.note.setText(i18n.state_help(self._state))


# --- the screen -----------------------------------------------------------------------------------


class DashboardScreen(QWidget):
    """The recap dashboard of the counting room (see the module docstring)."""

    sig_refreshed = Signal()
    """A refresh was applied to the screen (after each worker result)."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, refresh_ms: int = REFRESH_MS
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardScreen")
        self.setStyleSheet(STYLE)
        self._ctx = ctx
        self.cache = RecapCache(ctx.ws)
        self._contests: list[Contest] = ctx.ws.contests()
        self._jobs = Background(self)
        self._busy = False
        self._again = False
        self._stale = False
        self._final_at: FloatArray | None = None
        self._now = 0.0
        self._offset = 0
        self._anomalies: dict[str, list[Anomaly]] = {}
        self._scanned: dict[str, str] = {}
        self._last_scan = -1e9
        self._last_progress = 0.0
        self._region: tuple[Level, int] = (Level.KABUPATEN, 0)
        self._previous_tab = TAB_OVERVIEW
        self.anomaly_interval_s = ANOMALY_INTERVAL_S
        """The anomaly scan runs at most this often (tests set 0)."""
        self.refresh_seconds: list[float] = []
        """Worker time of each refresh (the bench reads these)."""
        self.apply_seconds: list[float] = []
        """GUI-thread time spent applying each refresh."""

        # header
        self._title = QLabel(self)
        self._title.setObjectName("screenTitle")
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("muted")
        self._contest_label = QLabel(self)
        self._contest_label.setObjectName("muted")
        self.contest_box = QComboBox(self)
        for c in self._contests:
            self.contest_box.addItem(c.name, c.id)
        self.contest_box.currentIndexChanged.connect(self._on_contest)
        self._updated = QLabel(self)
        self._updated.setObjectName("muted")
        self.refresh_button = QPushButton(self)
        self.refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self.refresh_button.clicked.connect(self.request_refresh)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self._title)
        titles.addWidget(self._subtitle)
        head.addLayout(titles, 1)
        head.addWidget(self._contest_label, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.contest_box, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addSpacing(12)
        head.addWidget(self._updated, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addWidget(self.refresh_button, 0, Qt.AlignmentFlag.AlignVCenter)

        # left: the region tree
        self.model = RecapTreeModel(self)
        self.tree = RegionTree(self)
        self.tree.setObjectName("regionTree")
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setExpandsOnDoubleClick(False)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegateForColumn(COL_COVERAGE, CoverageDelegate(self.tree))
        self.tree.setIndentation(14)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # names only: numbers fit
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self.tree.sig_open.connect(self._on_tree_open)
        self.tree.doubleClicked.connect(self._on_tree_open)
        self._tree_title = QLabel(self)
        self._tree_title.setObjectName("sectionTitle")
        self._tree_hint = QLabel(self)
        self._tree_hint.setObjectName("muted")
        self._tree_hint.setWordWrap(True)
        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(6)
        ll.addWidget(self._tree_title)
        ll.addWidget(self.tree, 1)
        self.breakdown = _StateBreakdown(left)
        ll.addWidget(self.breakdown)
        ll.addWidget(self._tree_hint)

        # right: tabs
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("dashTabs")
        self.tabs.setDocumentMode(True)
        overview = QWidget(self)
        self.region_title = QLabel(overview)
        self.region_title.setObjectName("regionTitle")
        self.region_note = QLabel(overview)
        self.region_note.setObjectName("muted")
        self.kpi_final = _Kpi(overview)
        self.kpi_votes = _Kpi(overview)
        self.kpi_turnout = _Kpi(overview)
        self.kpi_forecast = _Kpi(overview)
        self.vote_chart = VoteShareChart(overview)
        self.turnout_chart = TurnoutChart(overview)
        self.progress_chart = ProgressChart(overview)
        self.turnout_chart.sig_tps_clicked.connect(lambda t: self.open_tps(t))
        kpis = QHBoxLayout()
        kpis.setSpacing(10)
        for k in (self.kpi_final, self.kpi_votes, self.kpi_turnout, self.kpi_forecast):
            kpis.addWidget(k, 1)
        grid = QGridLayout()
        grid.setSpacing(10)
        grid.addWidget(self.vote_chart, 0, 0)
        grid.addWidget(self.turnout_chart, 0, 1)
        grid.addWidget(self.progress_chart, 1, 0, 1, 2)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        ol = QVBoxLayout(overview)
        ol.setContentsMargins(0, 10, 0, 0)
        ol.setSpacing(10)
        rt = QHBoxLayout()
        rt.addWidget(self.region_title)
        rt.addWidget(self.region_note, 1, Qt.AlignmentFlag.AlignBottom)
        ol.addLayout(rt)
        ol.addLayout(kpis)
        ol.addLayout(grid, 1)
        self.anomaly_view = AnomalyScreen(ctx, self, auto=False, cache=self.cache)
        self.anomaly_view.sig_open_tps.connect(self.open_tps)
        self.selisih_view = SelisihScreen(ctx, self, cache=self.cache, embedded=True)
        self.selisih_view.sig_open_tps.connect(self.open_tps)
        self.detail = TpsDetail(ctx, self)
        self.detail.sig_back.connect(self.close_detail)
        self.tabs.addTab(overview, "")
        self.tabs.addTab(self.anomaly_view, "")
        self.tabs.addTab(self.selisih_view, "")
        self.tabs.addTab(self.detail, "")
        self.tabs.setTabEnabled(TAB_DETAIL, False)
        self.tabs.currentChanged.connect(self._on_tab)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.tabs)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self._sized = False

        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 18, 24, 16)
        lay.setSpacing(12)
        lay.addLayout(head)
        lay.addWidget(self.splitter, 1)

        self._timer = QTimer(self)
        self._timer.setInterval(refresh_ms)
        self._timer.timeout.connect(self.request_refresh)
        self._chart_queue: list[Callable[[], None]] = []
        self._chart_timer = QTimer(self)
        self._chart_timer.setInterval(STAGGER_MS)
        self._chart_timer.timeout.connect(self._next_chart)
        self._charts_later = QTimer(self)
        self._charts_later.setSingleShot(True)
        self._charts_later.timeout.connect(self._queue_charts)
        self._last_charts = 0.0
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(SETTLE_MS)
        self._soon.timeout.connect(self.request_refresh)
        ctx.sig_data_changed.connect(self._on_data_changed)
        self.retranslate()
        self.request_refresh()
        self._timer.start()

    # --- texts -------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the screen (again, after a language switch)."""
        self._title.setText(self.tr("Rekapitulasi"))
        meta = self._ctx.ws.meta()
        kab = meta.get("kabupaten_name", "")
        election = meta.get("election", "")
        self._subtitle.setText(
            election
            if kab and kab in election
            else self.tr("{kab} · {election}").format(kab=region_title(kab), election=election)
        )
        self._contest_label.setText(self.tr("Pemilihan:"))
        self.refresh_button.setText(self.tr("Perbarui"))
        self.refresh_button.setToolTip(
            self.tr("Baca ulang angka sekarang (F5); otomatis tiap 2 detik")
        )
        self._tree_title.setText(self.tr("Wilayah dan cakupan formulir final"))
        self._tree_hint.setText(
            self.tr("Pilih wilayah untuk grafiknya · Enter pada TPS: gambar dan entri")
        )
        self.kpi_final.caption.setText(self.tr("Formulir final"))
        self.kpi_votes.caption.setText(self.tr("Suara sah"))
        self.kpi_turnout.caption.setText(self.tr("Partisipasi (TPS final)"))
        self.kpi_forecast.caption.setText(self.tr("Perkiraan selesai"))
        self.tabs.setTabText(TAB_OVERVIEW, self.tr("Ringkasan"))
        self.tabs.setTabText(TAB_SELISIH, self.tr("Selisih resmi"))
        self.tabs.setTabText(TAB_DETAIL, self.tr("Detail TPS"))
        self._anomaly_tab_text()
        self.model.retranslate()
        if self.model.recap is not None:
            self._update_region_views()

    def _anomaly_tab_text(self) -> None:
        n = len(self._anomalies.get(self.contest, []))
        self.tabs.setTabText(
            TAB_ANOMALIES,
            self.tr("Anomali ({n})").format(n=fmt_int(n)) if n else self.tr("Anomali"),
        )

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state ---------------------------------------------------------------------------------------

    @property
    def contest(self) -> str:
        cid = self.contest_box.currentData()
        return cid if isinstance(cid, str) else (self._contests[0].id if self._contests else "")

    def contest_info(self, contest_id: str | None = None) -> Contest:
        cid = contest_id or self.contest
        return next(c for c in self._contests if c.id == cid)

    def set_contest(self, contest_id: str) -> None:
        i = self.contest_box.findData(contest_id)
        if i >= 0:
            self.contest_box.setCurrentIndex(i)

    @property
    def recap(self) -> Recap | None:
        """The recap shown."""
        return self.model.recap

    @property
    def region(self) -> tuple[Level, int]:
        """The region the charts show: its level and position in the level's table."""
        return self._region

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Process events until no refresh (running or due), scan, load or chart redraw of this
        screen is pending (tests, the bench)."""
        deadline = time.monotonic() + timeout_ms / 1000

        def pending() -> bool:
            return (
                self._busy
                or self._soon.isActive()
                or bool(self._chart_queue)
                or self._charts_later.isActive()
            )

        ok = True
        while time.monotonic() < deadline:
            for jobs in (self._jobs, self.anomaly_view, self.selisih_view, self.detail):
                left = max(1, int((deadline - time.monotonic()) * 1000))
                ok = jobs.wait_idle(left) and ok
            if not pending():
                break
            QApplication.processEvents()
            time.sleep(0.005)
        return ok and not pending()

    # --- refreshing -----------------------------------------------------------------------------------

    def request_refresh(self) -> None:
        """Look for changes on a worker now (or right after the refresh under way)."""
        if self._busy:
            self._again = True
            return
        self._busy = True
        self._again = False
        contest = self.contest
        shown = (
            self.model.recap
            if self.model.recap is not None and self.model.recap.contest == contest
            else None
        )
        shown_final_at = self._final_at if shown is not None else None
        scanned = dict(self._scanned)
        scan = time.monotonic() - self._last_scan >= self.anomaly_interval_s or not self._anomalies
        if scan:
            self._last_scan = time.monotonic()
        ws, cache = self._ctx.ws, self.cache
        self._jobs.submit(
            lambda: load_snapshot(ws, cache, contest, shown, shown_final_at, scanned, scan),
            self._apply,
            self._refresh_failed,
        )

    def refresh_soon(self) -> None:
        """Refresh within :data:`SETTLE_MS`: a burst of changes costs one refresh, and the
        worker rests between refreshes (its Python work competes with the window's thread for
        the interpreter lock)."""
        if not self._soon.isActive():
            self._soon.start()

    def _refresh_failed(self, exc: BaseException) -> None:
        self._busy = False
        self._updated.setText(self.tr("Gagal memperbarui: {0}").format(refusal_text(exc)))
        self._ctx.sig_status.emit(self._updated.text())
        if self._again:
            self.refresh_soon()

    def _apply(self, snap: Snapshot) -> None:
        t0 = time.perf_counter()
        self._busy = False
        self.refresh_seconds.append(snap.worker_s)
        if snap.contest != self.contest:
            self.request_refresh()
            return
        for cid, found in snap.anomalies.items():
            self._anomalies[cid] = found
        self._scanned.update(snap.fingerprints)
        self._now, self._offset = snap.now, snap.utc_offset_s
        if snap.changed:
            self._final_at = snap.final_at
            first = self.model.recap is None
            reset = self.model.set_recap(snap.recap, self.contest_info().paslon, snap.diff)
            if reset:
                self._after_reset(first)
            else:
                self._layout_columns()  # a number may have grown a digit
            if reset or self._region_touched(snap.diff):
                # Redraw the charts only when their region's numbers moved: a chart's paint is
                # Python work (pyqtgraph), which competes with the workers for the GIL.
                self._update_region_views(stagger=True)
            self._last_progress = time.monotonic()
            if self.detail.tps_id is not None and self.tabs.currentIndex() == TAB_DETAIL:
                self._reload_detail(snap)
            self.selisih_view.mark_stale()
        elif time.monotonic() - self._last_progress >= PROGRESS_TICK_S:
            self._last_progress = time.monotonic()
            self._update_progress()
        if snap.anomalies:
            self.anomaly_view.set_anomalies(snap.anomalies, snap.recap.tree)
            self._anomaly_tab_text()
            if self.contest in snap.anomalies and not snap.changed:
                self._update_turnout()
        self._updated.setText(self.tr("Diperbarui {0}").format(i18n.clock_text(seconds=True)))
        self.apply_seconds.append(time.perf_counter() - t0)
        self.sig_refreshed.emit()
        if self._again:
            self.refresh_soon()

    def _region_touched(self, diff: RecapDiff) -> bool:
        level, pos = self._region
        rows = diff.changed.get(level)
        return diff.structural or (rows is not None and bool(np.any(rows == pos)))

    def _reload_detail(self, snap: Snapshot) -> None:
        tps = self.detail.tps_id
        if tps is None or self.detail.contest != snap.contest:
            return
        pos = snap.recap.tree.tps_index.get(tps)
        rows = snap.diff.changed.get(Level.TPS)
        if pos is not None and (
            snap.diff.structural or (rows is not None and pos in set(rows.tolist()))
        ):
            self.detail.load(snap.recap, pos, self.contest_info(snap.contest))

    def _after_reset(self, first: bool) -> None:
        """The model was reset (first load, another contest): expand the kabupaten, restore the
        region selected, lay the columns out."""
        root = self.model.index(0, 0)
        self.tree.expand(root)
        level, pos = self._region
        idx = self.model.index_of(level, pos)
        if not idx.isValid():
            idx = root
            self._region = (Level.KABUPATEN, 0)
        parent = idx.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        sel = self.tree.selectionModel()
        sel.currentChanged.connect(self._on_current_changed, Qt.ConnectionType.UniqueConnection)
        sel.setCurrentIndex(
            idx,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self._layout_columns()

    def _layout_columns(self) -> None:
        """Fit the tree to its width at 1366 px: the name column takes what the others leave
        (a long name is elided in the middle, the whole in its tooltip); every other column is
        as wide as its header and its widest number, never narrower (a cut "1.020" would read as
        another number). The kabupaten row holds the largest counts and votes (they are sums),
        so it is the one measured; this runs after every refresh, as numbers grow."""
        header = self.tree.header()
        root = self.model.index(0, 0)
        if not root.isValid():
            return
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header_fm = header.fontMetrics()
        for col in range(self.model.columnCount()):
            hidden = col == COL_CODE or (
                COL_FIRST_STATE <= col < COL_FIRST_PASLON
                and STATES[col - COL_FIRST_STATE] not in SHOWN_STATES
            )
            if not self._columns_chosen:
                self.tree.setColumnHidden(col, hidden)
            if col == COL_NAME:
                continue
            text = str(self.model.headerData(col, Qt.Orientation.Horizontal) or "")
            width = max(
                header_fm.horizontalAdvance(text) + HEADER_PAD,
                self.tree.sizeHintForIndex(root.siblingAtColumn(col)).width(),
            )
            if header.sectionSize(col) != width:
                header.resizeSection(col, width)

    _columns_chosen = False

    def _header_menu(self, at: QPoint) -> None:
        menu = QMenu(self)
        for col in range(1, self.model.columnCount()):
            text = self.model.headerData(col, Qt.Orientation.Horizontal)
            tip = self.model.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            act = QAction(str(tip if col >= COL_FIRST_STATE and tip else text), menu)
            act.setCheckable(True)
            act.setChecked(not self.tree.isColumnHidden(col))
            act.toggled.connect(lambda on, c=col: self._toggle_column(c, on))
            menu.addAction(act)
        menu.popup(self.tree.header().mapToGlobal(at))

    def _toggle_column(self, col: int, on: bool) -> None:
        self._columns_chosen = True
        self.tree.setColumnHidden(col, not on)

    def _on_data_changed(self, changes: Changes) -> None:
        if Changes.OFFICIAL in changes:
            self.selisih_view.mark_stale()
        if not changes & (Changes.ENTRIES | Changes.REGIONS | Changes.MASTER):
            return
        if not self.isVisible():
            # Another screen is in front: refresh when this one is shown again.
            self._stale = True
            return
        self.refresh_soon()

    def _on_contest(self, _i: int) -> None:
        self.selisih_view.set_contest(self.contest)
        if self.tabs.currentIndex() == TAB_DETAIL:
            self.close_detail()
        self._anomaly_tab_text()
        self.request_refresh()

    # --- the region shown ------------------------------------------------------------------------------

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        node = self.model.node(current)
        if node is None:
            return
        level, pos = node
        if level == Level.TPS:
            # The charts show the TPS's desa; the TPS itself opens with Enter.
            parent = self.model.node(current.parent())
            if parent is None:
                return
            level, pos = parent
        if (level, pos) != self._region:
            self._region = (level, pos)
            self._update_region_views()

    def select_region(self, code: str) -> bool:
        """Select a region (or TPS) in the tree by its code; the charts follow."""
        idx = self.model.index_for_code(code)
        if not idx.isValid():
            return False
        parent = idx.parent()
        while parent.isValid():
            self.tree.expand(parent)
            parent = parent.parent()
        self.tree.setCurrentIndex(idx)
        self.tree.scrollTo(idx)
        return True

    def _region_range(self) -> tuple[int, int]:
        return self.model.tps_range(self.model.index_of(*self._region))

    def _update_region_views(self, *, stagger: bool = False) -> None:
        """The region's heading, key figures, state counts and charts (``stagger``: the charts
        one per event-loop pass)."""
        recap = self.model.recap
        if recap is None:
            return
        level, pos = self._region
        table = self.model.table(level)
        if table is None or pos >= len(table):
            self._region = (Level.KABUPATEN, 0)
            level, pos = self._region
            table = self.model.table(level)
            assert table is not None
        name = region_title(table.names[pos])
        kind = {
            Level.KABUPATEN: self.tr("Kabupaten/kota"),
            Level.KECAMATAN: self.tr("Kecamatan"),
            Level.DESA: self.tr("Desa/kelurahan"),
        }.get(level, "")
        total, final = int(table.tps_total[pos]), int(table.tps_final[pos])
        self.region_title.setText(name)
        self.region_note.setText(
            f"  {kind} · {dotted(table.codes[pos])} · "
            + self.tr("{n} TPS").format(n=fmt_int(total))
        )
        states = dict(zip(STATES, table.states[pos].tolist(), strict=True))
        self.breakdown.show_counts(name, states)
        values = table.values[pos]
        fields = recap.fields
        va = int(values[fields.index("V.A")]) if "V.A" in fields else 0
        vb = int(values[fields.index("V.B")]) if "V.B" in fields else 0
        self.kpi_final.show_figure(
            self.tr("{final} dari {total}").format(final=fmt_int(final), total=fmt_int(total)),
            self.tr("{pct} · {diff} berbeda · {janggal} janggal").format(
                pct=fmt_pct(final, total),
                diff=fmt_int(states.get(State.DIFFERENT.value, 0)),
                janggal=fmt_int(states.get(State.JANGGAL.value, 0)),
            ),
        )
        self.kpi_votes.show_figure(
            fmt_int(va),
            self.tr("tidak sah {n} ({pct})").format(n=fmt_int(vb), pct=fmt_pct(vb, va + vb)),
        )
        listed_field = voters_on_list_field(fields)
        if listed_field in fields and "I.B.4.J" in fields:
            a4 = int(values[fields.index(listed_field)])
            b4 = int(values[fields.index("I.B.4.J")])
            self.kpi_turnout.show_figure(
                fmt_pct(b4, a4),
                self.tr("{voters} dari {listed} pemilih").format(
                    voters=fmt_int(b4), listed=fmt_int(a4)
                ),
            )
        for chart in (self.vote_chart, self.turnout_chart, self.progress_chart):
            chart.set_region(name)
        if stagger:
            self._queue_charts()
        else:
            self._chart_queue = []
            self._chart_timer.stop()
            self._charts_later.stop()
            self._last_charts = time.monotonic()
            for update in (self._update_votes, self._update_turnout, self._update_progress):
                update()

    def _queue_charts(self) -> None:
        """Live refresh: the charts at most every :data:`CHART_MIN_S`, one per pass of the event
        loop, so that their paints (Python work in pyqtgraph, competing with the workers for
        the interpreter lock) come as a few short pauses rather than one long one."""
        wait = self._last_charts + CHART_MIN_S - time.monotonic()
        if wait > 0:
            if not self._charts_later.isActive():
                self._charts_later.start(int(wait * 1000) + 1)
            return
        self._last_charts = time.monotonic()
        self._chart_queue = [self._update_votes, self._update_turnout, self._update_progress]
        self._chart_timer.start()

    def _next_chart(self) -> None:
        if self._chart_queue:
            self._chart_queue.pop(0)()
        if not self._chart_queue:
            self._chart_timer.stop()

    def _update_votes(self) -> None:
        recap = self.model.recap
        level, pos = self._region
        table = self.model.table(level)
        if recap is None or table is None or pos >= len(table):
            return
        values = table.values[pos]
        fields = recap.fields
        va = int(values[fields.index("V.A")]) if "V.A" in fields else 0
        self.vote_chart.show_votes(
            paslon_votes(recap, values.tolist(), self.contest_info().paslon),
            va,
            int(table.tps_final[pos]),
        )

    def _update_turnout(self) -> None:
        recap = self.model.recap
        if recap is None:
            return
        lo, hi = self._region_range()
        _, pct = turnout_percent(recap, lo, hi)
        code = self.model.code(self.model.index_of(*self._region)) or ""
        outliers = []
        for a in self._anomalies.get(self.contest, []):
            if a.code != OUTLIER or len(a.tps) != 13 or not a.tps.startswith(code):
                continue
            measures = a.detail.get("measures", [])
            for m in measures if isinstance(measures, list) else []:
                if isinstance(m, dict) and m.get("measure") == "turnout":
                    outliers.append(
                        Outlier(
                            a.tps,
                            100.0 * float(m.get("value", 0.0)),
                            100.0 * float(m.get("median", 0.0)),
                            float(m.get("z", 0.0)),
                        )
                    )
        self.turnout_chart.show_turnout(pct, outliers)

    def _update_progress(self) -> None:
        if self.model.recap is None:
            return
        lo, hi = self._region_range()
        at = self._final_at[lo:hi] if self._final_at is not None else np.zeros(0)
        s = progress_series(at[~np.isnan(at)], hi - lo, self._now, self._offset)
        self.progress_chart.show_progress(s)
        if s.done:
            value, note = self.tr("Selesai"), self.tr("semua formulir final")
        elif s.forecast is None:
            value, note = "–", self.tr("tidak ada formulir final dalam 3 jam terakhir")
        else:
            value = when_text(s.forecast, s.now, s.utc_offset_s)
            note = self.tr("laju {rate} formulir/jam · sisa {left}").format(
                rate=fmt_int(round(s.rate_per_hour)), left=fmt_int(s.remaining)
            )
        self.kpi_forecast.show_figure(value, note)

    # --- TPS detail ---------------------------------------------------------------------------------------

    def _on_tree_open(self, index: QModelIndex) -> None:
        node = self.model.node(index)
        if node is None:
            return
        level, pos = node
        if level == Level.TPS:
            recap = self.model.recap
            if recap is not None:
                self.open_tps(recap.tree.tps_ids[pos])
        else:
            idx = index.siblingAtColumn(0)
            self.tree.setExpanded(idx, not self.tree.isExpanded(idx))

    def open_tps(self, tps_id: str, contest_id: str | None = None) -> bool:
        """Open a TPS's detail (its photo, entries and final values); False if unknown."""
        if contest_id is not None and contest_id != self.contest:
            self.set_contest(contest_id)
            # The model still shows the other contest until the refresh lands: open then.
            self._pending_open = tps_id
            self.sig_refreshed.connect(self._open_pending, Qt.ConnectionType.UniqueConnection)
            return True
        recap = self.model.recap
        if recap is None:
            return False
        pos = recap.tree.tps_index.get(tps_id.replace(".", ""))
        if pos is None:
            return False
        self.detail.load(recap, pos, self.contest_info())
        if self.tabs.currentIndex() != TAB_DETAIL:
            self._previous_tab = self.tabs.currentIndex()
        self.tabs.setTabEnabled(TAB_DETAIL, True)
        self.tabs.setCurrentIndex(TAB_DETAIL)
        self.detail.back_button.setFocus()
        return True

    _pending_open: str | None = None

    def _open_pending(self) -> None:
        tps = self._pending_open
        if (
            tps is not None
            and self.model.recap is not None
            and self.model.recap.contest == self.contest
        ):
            self._pending_open = None
            self.sig_refreshed.disconnect(self._open_pending)
            self.open_tps(tps)

    def close_detail(self) -> None:
        """Back from the detail to the tab shown before, with the TPS current in the tree."""
        tps = self.detail.tps_id
        self.tabs.setCurrentIndex(
            self._previous_tab if self._previous_tab != TAB_DETAIL else TAB_OVERVIEW
        )
        if tps is not None:
            self.select_region(tps)
        self.tree.setFocus()

    def _on_tab(self, i: int) -> None:
        if i != TAB_DETAIL:
            self._previous_tab = i

    # --- visibility ----------------------------------------------------------------------------------------

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            width = max(self.width(), 1200)
            left = max(540, min(680, width * 45 // 100))
            self.splitter.setSizes([left, width - left])
        if not self._timer.isActive() or self._stale:
            self._stale = False
            self._timer.start()
            self.request_refresh()
        self.tree.setFocus()

    @override
    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden (another screen in front): stop polling; sig_data_changed still refreshes.
        self._timer.stop()
        super().hideEvent(event)
