"""The anomaly list: every anomaly of the final records, with filters, each leading to its TPS.

Rows come from :func:`kamarhitung.services.anomalies.scan_anomalies` (cross-record rules and the
findings stored on final forms): the TPS (dotted), its desa and kecamatan, the contest, the kind
of anomaly in words (:func:`kamarhitung.qt.i18n.finding_title`) and its numbers in words. Filters
narrow by kind, kecamatan, contest and a free text (desa name or TPS code). Enter or a double
click on a row emits :attr:`AnomalyScreen.sig_open_tps`; the dashboard then opens the TPS.

Used two ways: as a tab of the dashboard, which scans on its own worker and hands the results
over (:meth:`AnomalyScreen.set_anomalies`, ``auto=False``), or as a screen of its own, which scans
every contest on a worker whenever entries change (``auto=True``).
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.anomalies import (
    DUPLICATE,
    INVALID_SHARE,
    LAST_DIGIT,
    OUTLIER,
    TURNOUT,
    Anomaly,
)
from kamarhitung.core.model import Contest, dotted
from kamarhitung.core.recap import RegionTree
from kamarhitung.core.validation import Finding
from kamarhitung.qt import i18n
from kamarhitung.qt.charts import fmt_float, fmt_int
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import refusal_text
from kamarhitung.qt.models.background import Background
from kamarhitung.qt.models.recap_model import region_title
from kamarhitung.services.anomalies import scan_anomalies
from kamarhitung.services.changes import Changes
from kamarhitung.services.recap import RecapCache

_ItemIndex = QModelIndex | QPersistentModelIndex

COL_TPS = 0
COL_REGION = 1
COL_CONTEST = 2
COL_KIND = 3
COL_DETAIL = 4
N_COLS = 5

FilterRole = int(Qt.ItemDataRole.UserRole)
"""Per row: the anomaly's (contest, code, TPS or kecamatan code)."""


@dataclass(frozen=True, slots=True)
class AnomalyRow:
    """One anomaly with where it is, ready to show."""

    contest: str
    anomaly: Anomaly
    desa: str
    kecamatan: str


def _pct(x: object) -> str:
    return fmt_float(100.0 * float(x), 1) + "%" if isinstance(x, int | float) else "?"


def _num(x: object) -> str:
    return fmt_int(int(x)) if isinstance(x, int | float) else "?"


def anomaly_detail(a: Anomaly) -> str:
    """An anomaly's numbers in words (Indonesian source texts, context ``anomalies``)."""
    d = dict(a.detail)
    if d.get("source") == "form":
        fields = d.get("fields", [])
        params = d.get("params", {})
        finding = Finding(
            a.code,
            a.level,
            tuple(str(f) for f in fields) if isinstance(fields, list) else (),
            tuple((str(k), int(v)) for k, v in params.items()) if isinstance(params, dict) else (),
        )
        text = i18n.describe_finding(finding)
        return QCoreApplication.translate("anomalies", "Di formulir: {0}").format(
            text.split(": ", 1)[-1]
        )
    if a.code == OUTLIER:
        parts = []
        measures = d.get("measures", [])
        for m in measures if isinstance(measures, list) else []:
            if not isinstance(m, dict):
                continue
            if m.get("measure") == "turnout":
                what = QCoreApplication.translate("anomalies", "partisipasi")
            else:
                what = QCoreApplication.translate("anomalies", "suara paslon {n}").format(
                    n=m.get("paslon", "?")
                )
            z = m.get("z")
            parts.append(
                QCoreApplication.translate(
                    "anomalies", "{what} {value} (median kecamatan {median}, z = {z})"
                ).format(
                    what=what,
                    value=_pct(m.get("value")),
                    median=_pct(m.get("median")),
                    z=fmt_float(float(z), 1) if isinstance(z, int | float) else "?",
                )
            )
        return "; ".join(parts)
    if a.code == DUPLICATE:
        others = d.get("others", [])
        names = [dotted(str(o)) for o in others] if isinstance(others, list) else []
        shown = ", ".join(names[:3]) + (f" (+{len(names) - 3})" if len(names) > 3 else "")
        if d.get("scope") == "form":
            return QCoreApplication.translate(
                "anomalies", "seluruh isian sama dengan TPS {0}"
            ).format(shown)
        return QCoreApplication.translate(
            "anomalies", "bagian IV dan V sama dengan TPS {0}"
        ).format(shown)
    if a.code == TURNOUT:
        voters, registered = d.get("voters"), d.get("registered")
        if isinstance(voters, int) and isinstance(registered, int) and voters > registered:
            return QCoreApplication.translate(
                "anomalies", "pengguna hak pilih {voters} > pemilih terdaftar {registered}"
            ).format(voters=_num(voters), registered=_num(registered))
        return QCoreApplication.translate(
            "anomalies", "jumlah suara paslon {votes} > DPT {dpt} + cadangan (batas {limit})"
        ).format(votes=_num(d.get("votes")), dpt=_num(d.get("dpt")), limit=_num(d.get("dpt_limit")))
    if a.code == INVALID_SHARE:
        return QCoreApplication.translate(
            "anomalies", "suara tidak sah {invalid} dari {total} ({share})"
        ).format(
            invalid=_num(d.get("invalid")), total=_num(d.get("total")), share=_pct(d.get("share"))
        )
    if a.code == LAST_DIGIT:
        p = d.get("p")
        return QCoreApplication.translate(
            "anomalies", "angka terakhir {n} perolehan suara tidak merata (χ² = {chi2}, p = {p})"
        ).format(
            n=_num(d.get("counts")),
            chi2=fmt_float(float(str(d.get("chi2", 0))), 1),
            p=f"{p:.2g}" if isinstance(p, float) else "?",
        )
    return ", ".join(f"{k} = {v}" for k, v in d.items())


def build_rows(
    by_contest: Mapping[str, Sequence[Anomaly]], tree: RegionTree | None
) -> list[AnomalyRow]:
    """Rows for the table, in contest then TPS order, with desa and kecamatan names."""
    desa_names: dict[str, str] = {}
    kec_names: dict[str, str] = {}
    if tree is not None:
        desa_names = {r.code: r.name for r in tree.desa}
        kec_names = {r.code: r.name for r in tree.kecamatan}
    rows = []
    for contest, found in by_contest.items():
        for a in found:
            code = a.tps
            rows.append(
                AnomalyRow(
                    contest,
                    a,
                    region_title(desa_names.get(code[:10], "")) if len(code) >= 10 else "",
                    region_title(kec_names.get(code[:6], "")),
                )
            )
    return rows


class AnomalyTableModel(QAbstractTableModel):
    """The anomalies as a flat table (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[AnomalyRow] = []
        self._contest_names: dict[str, str] = {}
        self._details: list[str] = []

    def set_rows(self, rows: Sequence[AnomalyRow], contest_names: Mapping[str, str]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._contest_names = dict(contest_names)
        self._details = [anomaly_detail(r.anomaly) for r in self._rows]
        self.endResetModel()

    def retranslate(self) -> None:
        if self._rows:
            self.set_rows(self._rows, self._contest_names)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, N_COLS - 1)

    def row_at(self, row: int) -> AnomalyRow:
        return self._rows[row]

    @override
    def rowCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        return 0 if parent.isValid() else N_COLS

    @override
    def data(self, index: _ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        a = r.anomaly
        col = index.column()
        tip = role == Qt.ItemDataRole.ToolTipRole
        if role == Qt.ItemDataRole.DisplayRole or tip:
            if col == COL_TPS:
                return dotted(a.tps)
            if col == COL_REGION:
                if r.desa and tip:
                    return self.tr("Desa {desa}, Kec. {kec}").format(desa=r.desa, kec=r.kecamatan)
                return r.desa or self.tr("Kec. {kec}").format(kec=r.kecamatan)
            if col == COL_CONTEST:
                if tip:
                    return self._contest_names.get(r.contest, r.contest)
                return r.contest.capitalize()
            if col == COL_KIND:
                return i18n.finding_title(a.code)
            if col == COL_DETAIL:
                return self._details[index.row()]
        if role == FilterRole:
            return (r.contest, a.code, a.tps)
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_KIND:
            return QColor("#b8403a") if a.level == "E" else QColor("#8a5a12")
        return None

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            COL_TPS: self.tr("TPS"),
            COL_REGION: self.tr("Desa"),
            COL_CONTEST: self.tr("Pemilihan"),
            COL_KIND: self.tr("Jenis"),
            COL_DETAIL: self.tr("Rincian"),
        }.get(section)


class AnomalyFilter(QSortFilterProxyModel):
    """Keeps the rows of one kind, kecamatan and contest (None: any), and matching a text."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.region: str | None = None
        self.contest: str | None = None
        self.text = ""

    def set_filters(
        self,
        *,
        kind: str | None = None,
        region: str | None = None,
        contest: str | None = None,
        text: str = "",
    ) -> None:
        self.beginFilterChange()
        self.kind, self.region, self.contest, self.text = kind, region, contest, text.strip()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    @override
    def filterAcceptsRow(self, source_row: int, source_parent: _ItemIndex) -> bool:
        model = self.sourceModel()
        key = model.data(model.index(source_row, 0, source_parent), FilterRole)
        if not isinstance(key, tuple):
            return False
        contest, code, where = key
        if self.kind is not None and code != self.kind:
            return False
        if self.contest is not None and contest != self.contest:
            return False
        if self.region is not None and not str(where).startswith(self.region):
            return False
        if self.text:
            needle = self.text.lower().replace(".", "")
            region = str(
                model.data(
                    model.index(source_row, COL_REGION, source_parent),
                    Qt.ItemDataRole.ToolTipRole,
                )
                or ""
            )
            if needle not in str(where) and needle not in region.lower():
                return False
        return True


class _AnomalyTable(QTableView):
    """The table; Enter opens the current row (as a double click does)."""

    sig_open = Signal(QModelIndex)

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.sig_open.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


class AnomalyScreen(QWidget):
    """The anomaly list with its filters."""

    sig_open_tps = Signal(str, str)
    """Open a TPS: (TPS id, contest id)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        auto: bool = True,
        cache: RecapCache | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("anomalyScreen")
        self._ctx = ctx
        self._auto = auto
        self._cache = cache or RecapCache(ctx.ws)
        self._contests: list[Contest] = ctx.ws.contests()
        self._tree: RegionTree | None = None
        self._by_contest: dict[str, list[Anomaly]] = {}
        self._jobs = Background(self)
        self._stale = True

        self._title = QLabel(self)
        self._title.setObjectName("sectionTitle")
        self._count = QLabel(self)
        self._count.setObjectName("muted")
        self.kind_box = QComboBox(self)
        self.region_box = QComboBox(self)
        self.contest_box = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        for box in (self.kind_box, self.region_box, self.contest_box):
            box.currentIndexChanged.connect(self._apply_filters)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.search.textChanged.connect(self._apply_filters)

        self.model = AnomalyTableModel(self)
        self.proxy = AnomalyFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = _AnomalyTable(self)
        self.table.setObjectName("anomalyTable")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(28)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, w in ((COL_TPS, 140), (COL_REGION, 150), (COL_CONTEST, 90), (COL_KIND, 210)):
            self.table.setColumnWidth(col, w)
        self.table.doubleClicked.connect(self._open)
        self.table.sig_open.connect(self._open)
        self.detail = QLabel(self)
        self.detail.setObjectName("anomalyDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        self._hint = QLabel(self)
        self._hint.setObjectName("muted")

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(self.kind_box)
        filters.addWidget(self.region_box)
        filters.addWidget(self.contest_box)
        filters.addWidget(self.search, 1)
        head = QHBoxLayout()
        head.addWidget(self._title)
        head.addStretch(1)
        head.addWidget(self._count)
        lay = QVBoxLayout(self)
        margin = 24 if auto else 0  # inside the dashboard, the tab gives the margins
        lay.setContentsMargins(margin, margin if auto else 8, margin, margin if auto else 0)
        lay.setSpacing(8)
        lay.addLayout(head)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.detail)
        lay.addWidget(self._hint)

        self.retranslate()
        if auto:
            ctx.sig_data_changed.connect(self._on_data_changed)

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text (again, after a language switch)."""
        self._title.setText(self.tr("Anomali pada formulir final"))
        self.search.setPlaceholderText(self.tr("Cari desa atau kode TPS…"))
        self._hint.setText(self.tr("Enter atau klik dua kali: buka TPS (gambar dan entri)."))
        self.kind_box.setToolTip(self.tr("Saring menurut jenis anomali"))
        self.region_box.setToolTip(self.tr("Saring menurut kecamatan"))
        self.contest_box.setToolTip(self.tr("Saring menurut pemilihan"))
        self.model.retranslate()
        self._fill_filters()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data ---------------------------------------------------------------------------------

    def set_anomalies(
        self, by_contest: Mapping[str, Sequence[Anomaly]], tree: RegionTree | None = None
    ) -> None:
        """Show these anomalies (contest id → anomalies); contests not named keep theirs."""
        for cid, found in by_contest.items():
            self._by_contest[cid] = list(found)
        if tree is not None:
            self._tree = tree
        order = {c.id: i for i, c in enumerate(self._contests)}
        ordered = dict(sorted(self._by_contest.items(), key=lambda kv: order.get(kv[0], 99)))
        names = {c.id: c.name for c in self._contests}
        current = self._current_key()
        self.model.set_rows(build_rows(ordered, self._tree), names)
        self._fill_filters()
        self._update_count()
        self._restore_current(current)

    def anomalies(self, contest: str) -> list[Anomaly]:
        return list(self._by_contest.get(contest, []))

    def visible_rows(self) -> list[AnomalyRow]:
        """The rows the filters let through, in table order."""
        out = []
        for r in range(self.proxy.rowCount()):
            src = self.proxy.mapToSource(self.proxy.index(r, 0))
            out.append(self.model.row_at(src.row()))
        return out

    def set_filters(
        self,
        *,
        kind: str | None = None,
        region: str | None = None,
        contest: str | None = None,
        text: str = "",
    ) -> None:
        """Choose filters by value (None: any); the combo boxes follow."""
        for box, value in (
            (self.kind_box, kind),
            (self.region_box, region),
            (self.contest_box, contest),
        ):
            i = box.findData(value)
            box.blockSignals(True)
            box.setCurrentIndex(max(0, i))
            box.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(text)
        self.search.blockSignals(False)
        self._apply_filters()

    def reload(self) -> None:
        """Scan every contest again on a worker (standalone screen)."""
        self._stale = False
        cache = self._cache
        ws = self._ctx.ws
        ids = [c.id for c in self._contests]

        def work() -> tuple[dict[str, list[Anomaly]], RegionTree]:
            cache.refresh()
            return {cid: scan_anomalies(ws, cid, cache=cache) for cid in ids}, cache.tree

        self._count.setText(self.tr("Memindai…"))
        self._jobs.submit(work, lambda res: self.set_anomalies(res[0], res[1]), self._on_error)

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        return self._jobs.wait_idle(timeout_ms)

    def _on_error(self, exc: BaseException) -> None:
        self._count.setText(self.tr("Pemindaian gagal: {0}").format(refusal_text(exc)))

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.ENTRIES | Changes.MASTER):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        if self._auto and self._stale:
            self.reload()
        super().showEvent(event)

    # --- filters ------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        kinds = sorted({a.code for found in self._by_contest.values() for a in found})
        kecs: list[tuple[str, str]] = []
        if self._tree is not None:
            kecs = [(r.code, region_title(r.name)) for r in self._tree.kecamatan]
        choices = (
            (self.kind_box, self.tr("Semua jenis"), [(k, i18n.finding_title(k)) for k in kinds]),
            (
                self.region_box,
                self.tr("Semua kecamatan"),
                [(c, self.tr("Kec. {0}").format(n)) for c, n in kecs],
            ),
            (
                self.contest_box,
                self.tr("Semua pemilihan"),
                [(c.id, c.name) for c in self._contests],
            ),
        )
        for box, everything, items in choices:
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(everything, None)
            for value, text in items:
                box.addItem(text, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        def value(box: QComboBox) -> str | None:
            v = box.currentData()
            return v if isinstance(v, str) else None

        self.proxy.set_filters(
            kind=value(self.kind_box),
            region=value(self.region_box),
            contest=value(self.contest_box),
            text=self.search.text(),
        )
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self._count.setText(self.tr("{n} anomali").format(n=fmt_int(total)))
        else:
            self._count.setText(
                self.tr("{shown} dari {total} anomali").format(
                    shown=fmt_int(shown), total=fmt_int(total)
                )
            )

    def _current_key(self) -> tuple[str, str, str] | None:
        idx = self.table.currentIndex()
        if not idx.isValid():
            return None
        key = self.proxy.data(idx.siblingAtColumn(0), FilterRole)
        return key if isinstance(key, tuple) else None

    def _restore_current(self, key: tuple[str, str, str] | None) -> None:
        if key is None:
            if self.proxy.rowCount():
                self.table.setCurrentIndex(self.proxy.index(0, 0))
            return
        for r in range(self.proxy.rowCount()):
            if self.proxy.data(self.proxy.index(r, 0), FilterRole) == key:
                self.table.setCurrentIndex(self.proxy.index(r, 0))
                return

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        row = self.model.row_at(self.proxy.mapToSource(current).row())
        a = row.anomaly
        where = self.proxy.data(current.siblingAtColumn(COL_REGION), Qt.ItemDataRole.ToolTipRole)
        self.detail.setText(
            f"<b>{dotted(a.tps)}</b> · {html.escape(str(where))} · "
            + html.escape(f"{i18n.finding_title(a.code)}: {anomaly_detail(a)}")
        )

    def _open(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        src = self.proxy.mapToSource(index)
        row = self.model.row_at(src.row())
        self.sig_open_tps.emit(row.anomaly.tps, row.contest)
