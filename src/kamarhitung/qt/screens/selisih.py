"""Official numbers against the room's own (SELISIH): import, differences per TPS and per region.

A supervisor imports the election body's per-TPS numbers (CSV, xlsx or SIREKAP-shaped JSON;
:func:`kamarhitung.services.official.import_official`, on a worker: a big file takes seconds),
then sees every number where the official figure differs from the room's final one, per TPS,
and the sums per kecamatan, desa or the kabupaten (:func:`~kamarhitung.services.official.selisih`,
:func:`~kamarhitung.services.official.selisih_summary`). A TPS that is not final yet is pending,
not a difference. The list exports as CSV (the differences) or XLSX (differences and sums).

No modal dialog carries a routine result or an error: they show in the screen's message line.
File choosers are bypassed by :meth:`SelisihScreen.import_file` and :meth:`SelisihScreen.export_file`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.model import Contest, Level, dotted
from kamarhitung.core.official import RegionSelisih, SelisihReport
from kamarhitung.core.recap import RegionTree
from kamarhitung.qt.charts import fmt_int
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import refusal_text
from kamarhitung.qt.models.background import Background, Job
from kamarhitung.qt.models.recap_model import region_title
from kamarhitung.services import official
from kamarhitung.services.changes import Changes
from kamarhitung.services.official import OfficialBatch, OfficialImport
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.selisih_export import SelisihLabels, export_selisih

_ItemIndex = QModelIndex | QPersistentModelIndex
_NUMERIC = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
CodeRole = int(Qt.ItemDataRole.UserRole)
"""The row's TPS id or region code (without dots)."""
ValueRole = CodeRole + 1
"""A cell's raw value (``int`` or ``str``)."""


@dataclass(frozen=True, slots=True)
class SelisihData:
    """What the screen shows for one contest, loaded on a worker."""

    contest: str
    report: SelisihReport
    summary: list[RegionSelisih]
    level: Level
    tree: RegionTree
    flags: dict[str, int] = field(default_factory=dict)
    """SIREKAP's own flags counted over its TPS (services.official.flag_counts)."""


def signed(n: int) -> str:
    """A difference with its sign: +12, −3, 0."""
    if n > 0:
        return "+" + fmt_int(n)
    if n < 0:
        return "−" + fmt_int(-n)
    return "0"


class _Rows(QAbstractTableModel):
    """A read-only table of prepared rows: (code, [cell values]); ints right-aligned."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = []
        self._rows: list[tuple[str, list[object]]] = []
        self._signed: set[int] = set()

    def set_rows(
        self,
        headers: Sequence[str],
        rows: Sequence[tuple[str, list[object]]],
        signed_columns: Sequence[int] = (),
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = list(rows)
        self._signed = set(signed_columns)
        self.endResetModel()

    def code(self, row: int) -> str:
        return self._rows[row][0]

    @override
    def rowCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        return 0 if parent.isValid() else len(self._rows)

    @override
    def columnCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        return 0 if parent.isValid() else len(self._headers)

    @override
    def data(self, index: _ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        code, cells = self._rows[index.row()]
        col = index.column()
        if not 0 <= col < len(cells):
            return None
        v = cells[col]
        if role == Qt.ItemDataRole.DisplayRole:
            if isinstance(v, int):
                return signed(v) if col in self._signed else fmt_int(v)
            return "" if v is None else str(v)
        if role == ValueRole:
            return v
        if role == CodeRole:
            return code
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if isinstance(v, int) else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and col in self._signed and isinstance(v, int):
            return QColor("#b8403a") if v else QColor("#9aa5b1")
        return None

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self._headers):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


def fit_columns(table: QTableView, minimum: int = 72) -> None:
    """Every column at least as wide as its header text (headers are short; rows may be many,
    so the cells are not measured)."""
    model = table.model()
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for col in range(model.columnCount()):
        text = str(model.headerData(col, Qt.Orientation.Horizontal) or "")
        want = max(minimum, metrics.horizontalAdvance(text) + 28)
        if table.columnWidth(col) < want:
            table.setColumnWidth(col, want)


class _Table(QTableView):
    """A read-only table whose Enter opens the current row."""

    sig_open = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(26)
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setStretchLastSection(True)
        self.doubleClicked.connect(lambda i: self.sig_open.emit(i))

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.sig_open.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)


def field_name(field: str) -> str:
    """A compared number in words: ``IV.2`` → "Paslon 2", ``V.A`` → "Suara sah"."""
    if field.startswith("IV."):
        return QCoreApplication.translate("selisih", "Paslon {0}").format(field[3:])
    return {
        "V.A": QCoreApplication.translate("selisih", "Suara sah"),
        "V.B": QCoreApplication.translate("selisih", "Suara tidak sah"),
        "V.C": QCoreApplication.translate("selisih", "Jumlah suara"),
    }.get(field, field)


def _names(tree: RegionTree) -> tuple[dict[str, str], dict[str, str]]:
    return {r.code: r.name for r in tree.desa}, {r.code: r.name for r in tree.kecamatan}


def _labels() -> SelisihLabels:
    """The xlsx headings in the interface's language."""
    return SelisihLabels(
        sheet_tps=QCoreApplication.translate("selisih", "Selisih per TPS"),
        sheet_regions=QCoreApplication.translate("selisih", "Per wilayah"),
        tps_head=(
            QCoreApplication.translate("selisih", "TPS"),
            QCoreApplication.translate("selisih", "Desa"),
            QCoreApplication.translate("selisih", "Kecamatan"),
            QCoreApplication.translate("selisih", "Isian"),
            QCoreApplication.translate("selisih", "Resmi"),
            QCoreApplication.translate("selisih", "Kita"),
            QCoreApplication.translate("selisih", "Selisih"),
        ),
        region_head=(
            QCoreApplication.translate("selisih", "Kode"),
            QCoreApplication.translate("selisih", "Wilayah"),
            QCoreApplication.translate("selisih", "TPS resmi"),
            QCoreApplication.translate("selisih", "Dibandingkan"),
            QCoreApplication.translate("selisih", "Berbeda"),
        ),
        official=QCoreApplication.translate("selisih", "resmi"),
        ours=QCoreApplication.translate("selisih", "kita"),
        difference=QCoreApplication.translate("selisih", "selisih"),
        field_name=field_name,
    )


class SelisihScreen(QWidget):
    """Import official numbers and show the differences from the room's final numbers."""

    sig_open_tps = Signal(str, str)
    """Open a TPS: (TPS id, contest id)."""

    sig_imported = Signal(object)
    """An import finished (its :class:`OfficialImport`)."""

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        cache: RecapCache | None = None,
        embedded: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("selisihScreen")
        self._ctx = ctx
        self._cache = cache or RecapCache(ctx.ws)
        self._contests: list[Contest] = ctx.ws.contests()
        self._jobs = Background(self)
        self._data: SelisihData | None = None
        self._stale = True
        self._busy_reload = False
        self._again = False

        self._title = QLabel(self)
        self._title.setObjectName("sectionTitle" if embedded else "screenTitle")
        self.contest_box = QComboBox(self)
        for c in self._contests:
            self.contest_box.addItem(c.name, c.id)
        self.contest_box.currentIndexChanged.connect(self.reload)
        self.contest_box.setVisible(not embedded)
        self.level_box = QComboBox(self)
        self.level_box.currentIndexChanged.connect(self.reload)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(self._ask_import)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self._ask_export)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)
        self._regions_title = QLabel(self)
        self._regions_title.setObjectName("sectionTitle")
        self._tps_title = QLabel(self)
        self._tps_title.setObjectName("sectionTitle")

        self.region_model = _Rows(self)
        self.region_table = _Table(self)
        self.region_table.setObjectName("selisihRegionTable")
        self.region_table.setModel(self.region_model)
        self.tps_model = _Rows(self)
        self.tps_table = _Table(self)
        self.tps_table.setObjectName("selisihTpsTable")
        self.tps_table.setModel(self.tps_model)
        self.tps_table.sig_open.connect(self._open_row)

        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self._title)
        head.addWidget(self.contest_box)
        head.addStretch(1)
        head.addWidget(self.import_button)
        head.addWidget(self.export_button)
        top = QWidget(self)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        rh = QHBoxLayout()
        rh.addWidget(self._regions_title)
        rh.addStretch(1)
        rh.addWidget(self.level_box)
        tl.addLayout(rh)
        tl.addWidget(self.region_table)
        bottom = QWidget(self)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self._tps_title)
        bl.addWidget(self.tps_table)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(top)
        split.addWidget(bottom)
        split.setChildrenCollapsible(False)
        split.setSizes([300, 400])
        lay = QVBoxLayout(self)
        m = 0 if embedded else 24
        lay.setContentsMargins(m, 8 if embedded else 20, m, 0 if embedded else 20)
        lay.setSpacing(8)
        lay.addLayout(head)
        lay.addWidget(self.summary_label)
        lay.addWidget(self.message)
        lay.addWidget(split, 1)

        self.retranslate()
        if not embedded:
            ctx.sig_data_changed.connect(self._on_data_changed)

    # --- texts --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text (again, after a language switch)."""
        self._title.setText(self.tr("Selisih dengan angka resmi"))
        self.import_button.setText(self.tr("Impor angka resmi…"))
        self.import_button.setToolTip(
            self.tr("Angka per TPS dari penyelenggara: CSV, XLSX atau JSON bentuk SIREKAP")
        )
        self.export_button.setText(self.tr("Ekspor…"))
        self.export_button.setToolTip(self.tr("Simpan daftar selisih sebagai CSV atau XLSX"))
        self._regions_title.setText(self.tr("Jumlah per wilayah (angka kita − angka resmi)"))
        self._tps_title.setText(self.tr("Selisih per TPS"))
        current = self.level_box.currentData()
        self.level_box.blockSignals(True)
        self.level_box.clear()
        self.level_box.addItem(self.tr("Per kecamatan"), Level.KECAMATAN)
        self.level_box.addItem(self.tr("Per desa"), Level.DESA)
        self.level_box.addItem(self.tr("Kabupaten"), Level.KABUPATEN)
        self.level_box.setCurrentIndex(max(0, self.level_box.findData(current)))
        self.level_box.blockSignals(False)
        if self._data is not None:
            self._show(self._data)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state ----------------------------------------------------------------------------------

    @property
    def contest(self) -> str:
        cid = self.contest_box.currentData()
        return cid if isinstance(cid, str) else (self._contests[0].id if self._contests else "")

    def set_contest(self, contest_id: str) -> None:
        """Show another contest (the dashboard's selector drives this)."""
        i = self.contest_box.findData(contest_id)
        if i >= 0 and i != self.contest_box.currentIndex():
            self.contest_box.setCurrentIndex(i)  # reloads

    @property
    def data(self) -> SelisihData | None:
        return self._data

    def level(self) -> Level:
        lv = self.level_box.currentData()
        return lv if isinstance(lv, Level) else Level.KECAMATAN

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        return self._jobs.wait_idle(timeout_ms)

    def mark_stale(self) -> None:
        """Entries changed: reload now if shown, else when next shown."""
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def _on_data_changed(self, changes: Changes) -> None:
        if changes & (Changes.OFFICIAL | Changes.ENTRIES | Changes.MASTER):
            self.mark_stale()

    @override
    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    # --- loading ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Compare again on a worker (official numbers, our final numbers)."""
        self._stale = False
        if self._busy_reload:
            self._again = True
            return
        self._busy_reload = True
        ws, cache, contest, level = self._ctx.ws, self._cache, self.contest, self.level()

        def work() -> SelisihData:
            cache.refresh()
            report = official.selisih(ws, contest, cache=cache)
            summary = official.selisih_summary(ws, contest, level, cache=cache)
            flags = official.flag_counts(ws, contest)
            return SelisihData(contest, report, summary, level, cache.tree, flags)

        self._jobs.submit(work, self._loaded, self._load_failed)

    def _loaded(self, data: SelisihData) -> None:
        self._busy_reload = False
        if self._again or data.contest != self.contest or data.level != self.level():
            self._again = False
            self.reload()
            return
        self._data = data
        self._show(data)

    def _load_failed(self, exc: BaseException) -> None:
        self._busy_reload = False
        self._say(
            self.tr("Selisih tidak dapat dihitung: {0}").format(refusal_text(exc)), error=True
        )

    def _sirekap_text(self, data: SelisihData) -> str:
        """SIREKAP's coverage and its own flags, when its files were imported."""
        rep = data.report
        with_official = rep.compared + len(rep.pending)
        text = "<br>" + self.tr("Cakupan angka resmi: {n} dari {total} TPS").format(
            n=fmt_int(with_official), total=fmt_int(data.tree.n_tps)
        )
        f = data.flags
        if f:
            text += " · " + self.tr(
                "SIREKAP: {psu} TPS PSU, {votes} suara dan {adm} administrasi belum"
                " terverifikasi, {noimg} TPS tanpa foto"
            ).format(
                psu=fmt_int(f.get("psu", 0)),
                votes=fmt_int(f.get("votes_not_verified", 0)),
                adm=fmt_int(f.get("administration_not_verified", 0)),
                noimg=fmt_int(f.get("without_images", 0)),
            )
        return text

    def _show(self, data: SelisihData) -> None:
        rep = data.report
        desa, kec = _names(data.tree)
        different_tps = len({d.tps for d in rep.differences if d.ours is not None})
        if rep.compared == 0 and not rep.pending:
            self.summary_label.setText(
                self.tr(
                    "Belum ada angka resmi untuk pemilihan ini. Impor berkas dari penyelenggara."
                )
            )
        else:
            self.summary_label.setText(
                self.tr(
                    "<b>{diff}</b> TPS berbeda ({numbers} angka) dari {compared} TPS yang dibandingkan"
                    " · {pending} TPS dengan angka resmi belum final · {without} TPS final tanpa"
                    " angka resmi"
                ).format(
                    diff=fmt_int(different_tps),
                    numbers=fmt_int(len(rep.differences)),
                    compared=fmt_int(rep.compared),
                    pending=fmt_int(len(rep.pending)),
                    without=fmt_int(rep.without_official),
                )
                + self._sirekap_text(data)
            )
        tps_rows: list[tuple[str, list[object]]] = []
        for d in rep.differences:
            tps_rows.append(
                (
                    d.tps,
                    [
                        dotted(d.tps),
                        region_title(desa.get(d.tps[:10], "")),
                        region_title(kec.get(d.tps[:6], "")),
                        field_name(d.field),
                        d.official,
                        d.ours,
                        None if d.ours is None else d.ours - d.official,
                    ],
                )
            )
        self.tps_model.set_rows(
            [
                QCoreApplication.translate("selisih", "TPS"),
                QCoreApplication.translate("selisih", "Desa"),
                QCoreApplication.translate("selisih", "Kecamatan"),
                QCoreApplication.translate("selisih", "Isian"),
                QCoreApplication.translate("selisih", "Resmi"),
                QCoreApplication.translate("selisih", "Kita"),
                QCoreApplication.translate("selisih", "Selisih"),
            ],
            tps_rows,
            signed_columns=[6],
        )
        for col, w in ((0, 150), (1, 150), (2, 150), (3, 130), (4, 90), (5, 90)):
            self.tps_table.setColumnWidth(col, w)
        fields = list(data.summary[0].official) if data.summary else []
        region_rows: list[tuple[str, list[object]]] = []
        for r in data.summary:
            if r.tps_official == 0 and data.level != Level.KABUPATEN:
                continue
            cells: list[object] = [
                region_title(r.name),
                dotted(r.code),
                r.tps_compared,
                r.tps_different,
            ]
            cells += [r.difference[f] for f in fields]
            region_rows.append((r.code, cells))
        headers = [
            QCoreApplication.translate("selisih", "Wilayah"),
            QCoreApplication.translate("selisih", "Kode"),
            QCoreApplication.translate("selisih", "Dibandingkan"),
            QCoreApplication.translate("selisih", "TPS berbeda"),
        ]
        headers += [field_name(f) for f in fields]
        self.region_model.set_rows(headers, region_rows, signed_columns=range(4, 4 + len(fields)))
        self.region_table.setColumnWidth(0, 170)
        self.region_table.setColumnWidth(1, 100)
        fit_columns(self.region_table)
        fit_columns(self.tps_table)
        self.export_button.setEnabled(True)

    def differences(self) -> list[tuple[str, str, int, int | None]]:
        """The differences shown: (TPS, field, official, ours)."""
        if self._data is None:
            return []
        return [(d.tps, d.field, d.official, d.ours) for d in self._data.report.differences]

    # --- import and export -----------------------------------------------------------------------

    def import_file(self, path: Path | str) -> None:
        """Import an official file on a worker, then compare again (the file chooser's target)."""
        p = Path(path)
        ws, actor, contest = self._ctx.ws, self._ctx.actor, self.contest
        self.import_button.setEnabled(False)
        self._say(self.tr("Mengimpor {0}…").format(p.name))

        def work(_job: Job) -> OfficialImport:
            return official.import_official(ws, actor, p, contest=contest)

        self._jobs.run(
            work,
            self._imported,
            lambda f: self._import_failed(f.error),
            ctx=self._ctx,
            changes=Changes.OFFICIAL,
        )

    def import_files(self, paths: list[Path]) -> None:
        """Import several files at once (SIREKAP's files with its candidate file), on a worker."""
        ws, actor, contest = self._ctx.ws, self._ctx.actor, self.contest
        self.import_button.setEnabled(False)
        self._say(self.tr("Mengimpor {0} berkas…").format(len(paths)))

        def work(_job: Job) -> OfficialBatch:
            return official.import_official_files(ws, actor, paths, contest=contest)

        self._jobs.run(
            work,
            self._imported_batch,
            lambda f: self._import_failed(f.error),
            ctx=self._ctx,
            changes=Changes.OFFICIAL,
        )

    def _imported_batch(self, batch: OfficialBatch) -> None:
        self.import_button.setEnabled(True)
        self._say(
            self.tr(
                "Angka resmi {forms} formulir dari {files} berkas diimpor ({values} angka, "
                "{candidates} berkas calon)."
            ).format(
                forms=fmt_int(batch.forms),
                files=fmt_int(len(batch.imports)),
                values=fmt_int(batch.values),
                candidates=fmt_int(batch.candidate_files),
            )
        )
        self._ctx.sig_status.emit(self.message.text())
        if batch.imports:
            self.sig_imported.emit(batch.imports[0])
        self.reload()  # the runner then announces Changes.OFFICIAL

    def _imported(self, res: OfficialImport) -> None:
        self.import_button.setEnabled(True)
        self._say(
            self.tr("{file}: angka resmi {forms} formulir diimpor ({values} angka).").format(
                file=res.file_name, forms=fmt_int(res.forms), values=fmt_int(res.values)
            )
        )
        self._ctx.sig_status.emit(self.message.text())
        self.sig_imported.emit(res)
        self.reload()  # the runner then announces Changes.OFFICIAL

    def _import_failed(self, exc: BaseException) -> None:
        self.import_button.setEnabled(True)
        self._say(self.tr("Impor gagal: {0}").format(refusal_text(exc)), error=True)

    def export_file(self, path: Path | str) -> None:
        """Write the list (``.csv``: differences; ``.xlsx``: differences and sums) on a worker."""
        data = self._data
        if data is None:
            self._say(self.tr("Belum ada data selisih untuk diekspor."), error=True)
            return
        p = Path(path)
        ws, actor, labels = self._ctx.ws, self._ctx.actor, _labels()

        def work() -> Path:
            export_selisih(
                ws,
                actor,
                p,
                contest=data.contest,
                report=data.report,
                summary=data.summary,
                tree=data.tree,
                labels=labels,
            )
            return p

        self._jobs.run(
            lambda job: work(),
            lambda out: self._say(self.tr("Disimpan: {0}").format(out)),
            lambda f: self._say(self.tr("Ekspor gagal: {0}").format(f.text), error=True),
            ctx=self._ctx,
            changes=Changes.AUDIT,  # selisih.export is in the trail
        )

    def _ask_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Impor angka resmi"),
            "",
            self.tr("Angka resmi (*.csv *.xlsx *.json);;Semua berkas (*)"),
        )
        if len(names) == 1:
            self.import_file(names[0])
        elif names:
            self.import_files([Path(n) for n in names])

    def _ask_export(self) -> None:
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Ekspor daftar selisih"),
            f"selisih-{self.contest}.xlsx",
            self.tr("Buku kerja Excel (*.xlsx);;CSV (*.csv)"),
        )
        if name:
            if not Path(name).suffix:
                name += ".csv" if "csv" in chosen.lower() else ".xlsx"
            self.export_file(name)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b8403a;" if error else "")
        self.message.setText(text)

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.sig_open_tps.emit(self.tps_model.code(index.row()), self.contest)
