"""The audit screen: the hash-chained audit trail, filtered and paged, its verification and export.

A table of events, newest first, loaded a page at a time as it is scrolled (Qt's
``canFetchMore``/``fetchMore``, over the keyset paging of :mod:`kamarhitung.services.audit_log`),
so a trail of 100 000 events opens as fast as one of a hundred. Filters: user, action (a prefix:
``entry`` is every entry action), outcome, a date range and free text. The detail pane shows the
current event with its details pretty-printed and both hashes.

"Verifikasi rantai" runs :func:`kamarhitung.services.integrity.verify_workspace` on a worker
thread and says in words whether the trail is intact, or what the first problems are. "Ekspor
JSONL" writes the trail with its hashes (an audit event itself), for verification elsewhere.

Only supervisors and admins read the trail (it names who keyed what, and operators stay blind to
each other's work); an operator who reaches this screen sees a sentence saying so, and nothing
is read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.model import dotted
from kamarhitung.core.refusal import CodedText
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import time_text
from kamarhitung.qt.models.background import Background, Job
from kamarhitung.services import audit_log
from kamarhitung.services.audit_log import AuditEvent, AuditExport, AuditFilter, AuditPage
from kamarhitung.services.changes import Changes
from kamarhitung.services.integrity import IntegrityReport, verify_workspace

_ItemIndex = QModelIndex | QPersistentModelIndex

COL_SEQ, COL_AT, COL_USER, COL_ROLE, COL_ACTION, COL_TARGET, COL_OUTCOME = range(7)
N_COLUMNS = 7

PAGE_SIZE = 200
"""Events fetched per page as the table scrolls."""

MAX_SHOWN_PROBLEMS = 5
"""Problems of a failed verification listed on the screen (the rest are counted)."""

CodeRole = Qt.ItemDataRole.UserRole
"""The raw value of a cell (the action or outcome code, the seq)."""

_OK_COLOR = "#2f7d4a"
_BAD_COLOR = "#b3261e"
_NO_DATE = QDate(2000, 1, 1)
"""The date edits' minimum, shown as "tanpa batas": no bound on that side."""


# --- codes into words -----------------------------------------------------------------------------
# Belong in qt/i18n.py with the other codes; kept here until that file takes them (see the report).


def action_name(code: str) -> str:
    """An audit action in words; an action this version does not know is shown as its code."""
    match code:
        case "login":
            return QCoreApplication.translate("audit", "Masuk")
        case "logout":
            return QCoreApplication.translate("audit", "Keluar (ganti pengguna)")
        case "workspace.init":
            return QCoreApplication.translate("audit", "Workspace dibuat")
        case "user.add":
            return QCoreApplication.translate("audit", "Pengguna ditambahkan")
        case "user.password_reset":
            return QCoreApplication.translate("audit", "Kata sandi diatur ulang")
        case "user.unlock":
            return QCoreApplication.translate("audit", "Akun dibuka kembali")
        case "user.deactivate":
            return QCoreApplication.translate("audit", "Akun dinonaktifkan")
        case "user.activate":
            return QCoreApplication.translate("audit", "Akun diaktifkan kembali")
        case "entry.finish":
            return QCoreApplication.translate("audit", "Entri selesai")
        case "entry.claim_lapsed":
            return QCoreApplication.translate("audit", "Klaim entri kedaluwarsa")
        case "entry.give_back":
            return QCoreApplication.translate("audit", "Entri dikembalikan")
        case "entry.release":
            return QCoreApplication.translate("audit", "Entri dilepas supervisor")
        case "entry.resolve":
            return QCoreApplication.translate("audit", "Perbedaan diputuskan")
        case "entry.accept_janggal":
            return QCoreApplication.translate("audit", "Formulir janggal diterima")
        case "entry.send_back":
            return QCoreApplication.translate("audit", "Dikirim kembali untuk dientri ulang")
        case "entry.repeat_vote":
            return QCoreApplication.translate("audit", "Pemungutan suara ulang dicatat")
        case "image.import":
            return QCoreApplication.translate("audit", "Gambar diimpor")
        case "image.demo_render":
            return QCoreApplication.translate("audit", "Foto demo dibuat")
        case "image.assign":
            return QCoreApplication.translate("audit", "Gambar ditetapkan ke TPS")
        case "image.reorder":
            return QCoreApplication.translate("audit", "Urutan gambar diubah")
        case "official.import":
            return QCoreApplication.translate("audit", "Angka resmi diimpor")
        case "recap.export":
            return QCoreApplication.translate("audit", "Rekap diekspor")
        case "selisih.export":
            return QCoreApplication.translate("audit", "Daftar selisih diekspor")
        case "recap.rebuild_vectors":
            return QCoreApplication.translate("audit", "Vektor rekap dibangun ulang")
        case "region.finalise":
            return QCoreApplication.translate("audit", "Wilayah difinalkan")
        case "region.reopen":
            return QCoreApplication.translate("audit", "Wilayah dibuka kembali")
        case "report.generate":
            return QCoreApplication.translate("audit", "Laporan dibuat")
        case "report.print":
            return QCoreApplication.translate("audit", "Laporan dicetak")
        case "report.save":
            return QCoreApplication.translate("audit", "Laporan disimpan")
        case "report.sign":
            return QCoreApplication.translate("audit", "Laporan ditandatangani")
        case "keys.generate":
            return QCoreApplication.translate("audit", "Kunci dibuat")
        case "keys.install":
            return QCoreApplication.translate("audit", "Sertifikat dipasang")
        case "bundle.export":
            return QCoreApplication.translate("audit", "Bundel diekspor")
        case "province.init":
            return QCoreApplication.translate("audit", "Workspace provinsi dibuat")
        case "province.import":
            return QCoreApplication.translate("audit", "Bundel diimpor")
        case "province.crl":
            return QCoreApplication.translate("audit", "Daftar pencabutan yang lebih baru disimpan")
        case "province.recap":
            return QCoreApplication.translate("audit", "Rekap provinsi dibuat")
        case "backup":
            return QCoreApplication.translate("audit", "Cadangan dibuat")
        case "backup.failed":
            return QCoreApplication.translate("audit", "Cadangan gagal diperiksa, disisihkan")
        case "restore":
            return QCoreApplication.translate("audit", "Cadangan dipulihkan")
        case "audit.export":
            return QCoreApplication.translate("audit", "Log audit diekspor")
        case _:
            return code


def outcome_name(code: str) -> str:
    """An audit outcome in words; an unknown one is shown as its code."""
    match code:
        case "ok":
            return QCoreApplication.translate("audit", "Berhasil")
        case "wrong_password":
            return QCoreApplication.translate("audit", "Kata sandi salah")
        case "unknown_user":
            return QCoreApplication.translate("audit", "Pengguna tidak dikenal")
        case "locked":
            return QCoreApplication.translate("audit", "Akun terkunci")
        case "locked_now":
            return QCoreApplication.translate("audit", "Akun dikunci sekarang")
        case "inactive":
            return QCoreApplication.translate("audit", "Akun nonaktif")
        case "failed":
            return QCoreApplication.translate("audit", "Gagal")
        case "tampered":
            return QCoreApplication.translate("audit", "Akun diubah di luar aplikasi")
        case "refused":
            return QCoreApplication.translate("audit", "Ditolak")
        case _:
            return code


def problem_text(problem: str) -> str:
    """A problem of :class:`IntegrityReport` in words: by its code (``CodedText``), never by its
    English text; a problem without a code is shown as it is."""
    return i18n.refusal_text(problem) if isinstance(problem, CodedText) else problem


def _time_text(at: str) -> str:
    """``2024-11-27T10:15:02+07:00`` in the screens' time format, with its seconds."""
    return time_text(at, seconds=True)


# --- the model ------------------------------------------------------------------------------------

PageFetcher = Callable[[int | None, int], AuditPage]
"""``fetch(cursor, limit)``: the next page after ``cursor`` (None: the first)."""


class AuditTableModel(QAbstractTableModel):
    """The events, a page at a time: Qt asks for more (``fetchMore``) as the view scrolls."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._events: list[AuditEvent] = []
        self._fetch: PageFetcher | None = None
        self._cursor: int | None = None
        self._done = True
        self._bad = QBrush(QColor(_BAD_COLOR))

    # --- loading

    def reset(self, fetch: PageFetcher | None) -> None:
        """Start again with ``fetch`` (None: empty), its first page in place at the reset.

        The page is read before ``beginResetModel``: a view answers the reset by asking for
        more at once, and rows inserted while the reset is in flight would break the model's
        contract. Likewise nobody may fetch more while ``modelReset`` is being delivered: a
        listener that does (a view, QAbstractItemModelTester) would make the listeners after it
        see rows inserted before they hear of the reset."""
        page = fetch(None, PAGE_SIZE) if fetch is not None else AuditPage((), None)
        self.beginResetModel()
        self._events = list(page.events)
        self._fetch = fetch
        self._cursor = page.next_cursor
        self._done = True  # no fetching while modelReset is still being delivered (see below)
        self.endResetModel()
        self._done = page.next_cursor is None

    @override
    def canFetchMore(self, parent: _ItemIndex = QModelIndex()) -> bool:  # noqa: B008  # Qt's default
        return not parent.isValid() and not self._done

    @override
    def fetchMore(self, parent: _ItemIndex = QModelIndex()) -> None:  # noqa: B008  # Qt's default
        if parent.isValid() or self._done or self._fetch is None:
            return
        page = self._fetch(self._cursor, PAGE_SIZE)
        self._cursor = page.next_cursor
        self._done = page.next_cursor is None
        if page.events:
            first = len(self._events)
            self.beginInsertRows(QModelIndex(), first, first + len(page.events) - 1)
            self._events.extend(page.events)
            self.endInsertRows()

    def fetch_all(self, limit: int = 1_000_000) -> None:
        """Load every page (tests; a caller that needs every row)."""
        while self.canFetchMore() and len(self._events) < limit:
            self.fetchMore()

    def event_at(self, row: int) -> AuditEvent | None:
        return self._events[row] if 0 <= row < len(self._events) else None

    def row_of(self, seq: int) -> int | None:
        """The row of event ``seq`` among the loaded ones (None: not loaded or filtered out)."""
        for i, ev in enumerate(self._events):
            if ev.seq == seq:
                return i
        return None

    def events(self) -> list[AuditEvent]:
        return list(self._events)

    def retranslate(self) -> None:
        """Header and cell texts follow the language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, N_COLUMNS - 1)
        if self._events:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._events) - 1, N_COLUMNS - 1)
            )

    # --- Qt

    @override
    def rowCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's default
        return 0 if parent.isValid() else len(self._events)

    @override
    def columnCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  # Qt's default
        return 0 if parent.isValid() else N_COLUMNS

    @override
    def data(self, index: _ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        ev = self.event_at(index.row()) if index.isValid() else None
        if ev is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(ev, col)
        if role == CodeRole:
            return (
                ev.seq,
                ev.at,
                ev.user,
                ev.role,
                ev.action,
                ev.target,
                ev.outcome,
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_ACTION:
                return ev.action
            if col == COL_OUTCOME:
                return ev.outcome
            if col == COL_AT:
                return ev.at
            return None
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_OUTCOME and ev.outcome != "ok":
            return self._bad
        if role == Qt.ItemDataRole.TextAlignmentRole and col == COL_SEQ:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, ev: AuditEvent, col: int) -> str:
        match col:
            case 0:
                return QLocale().toString(ev.seq)
            case 1:
                return _time_text(ev.at)
            case 2:
                return ev.user or "—"
            case 3:
                return i18n.role_name(ev.role) if ev.role else "—"
            case 4:
                return action_name(ev.action)
            case 5:
                return target_text(ev.target)
            case 6:
                return outcome_name(ev.outcome)
            case _:
                return ""

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (
            self.tr("No."),
            self.tr("Waktu"),
            self.tr("Pengguna"),
            self.tr("Peran"),
            self.tr("Aksi"),
            self.tr("Sasaran"),
            self.tr("Hasil"),
        )
        return titles[section] if 0 <= section < N_COLUMNS else None


# --- the screen -----------------------------------------------------------------------------------


class AuditScreen(QWidget):
    """The audit trail for supervisors and admins: filters, table, details, verify, export."""

    sig_verified = Signal(object)
    """Verification finished: the :class:`IntegrityReport`, or the exception that stopped it."""

    sig_exported = Signal(object)
    """An export finished: the :class:`AuditExport`, or the exception that stopped it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditScreen")
        self._ctx = ctx
        self._allowed = audit_log.can_read(ctx.actor)
        self._jobs = Background(self)
        self._stale = False
        self._report: IntegrityReport | BaseException | None = None
        self._export: AuditExport | BaseException | None = None
        self._total: int | None = None
        self._facets = audit_log.AuditFacets((), (), ())

        self._title = QLabel(self)
        self._title.setObjectName("screenTitle")
        self.denied = QLabel(self)
        self.denied.setObjectName("muted")
        self.denied.setWordWrap(True)

        # filters
        self.user_box = QComboBox(self)
        self.user_box.setObjectName("auditUser")
        self.user_box.setEditable(True)
        self.user_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.action_box = QComboBox(self)
        self.action_box.setObjectName("auditAction")
        self.action_box.setEditable(True)
        self.action_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.outcome_box = QComboBox(self)
        self.outcome_box.setObjectName("auditOutcome")
        self.since_edit = self._date_edit("auditSince")
        self.until_edit = self._date_edit("auditUntil")
        self.search = QLineEdit(self)
        self.search.setObjectName("auditSearch")
        self.search.setClearButtonEnabled(True)
        self._user_label = QLabel(self)
        self._action_label = QLabel(self)
        self._outcome_label = QLabel(self)
        self._since_label = QLabel(self)
        self._until_label = QLabel(self)
        self._search_label = QLabel(self)
        for label, buddy in (
            (self._user_label, self.user_box),
            (self._action_label, self.action_box),
            (self._outcome_label, self.outcome_box),
            (self._since_label, self.since_edit),
            (self._until_label, self.until_edit),
            (self._search_label, self.search),
        ):
            label.setBuddy(buddy)

        # typing waits a moment before it queries; a choice or Enter queries at once
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.apply_filters)
        for box in (self.user_box, self.action_box):
            line = box.lineEdit()
            assert line is not None
            line.textEdited.connect(lambda _t: self._debounce.start())
            line.returnPressed.connect(self.apply_filters)
            box.activated.connect(lambda _i: self.apply_filters())
        self.outcome_box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        self.since_edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.until_edit.dateChanged.connect(lambda _d: self._debounce.start())
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self.search.returnPressed.connect(self.apply_filters)

        # table and details
        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        hh = self.table.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in (
            (COL_SEQ, 60),
            (COL_AT, 150),
            (COL_USER, 110),
            (COL_ROLE, 90),
            (COL_ACTION, 190),
            (COL_TARGET, 180),
        ):
            self.table.setColumnWidth(col, width)
        sel = self.table.selectionModel()
        sel.currentRowChanged.connect(lambda cur, _prev: self._show_details(cur.row()))
        # The event as a form of labelled fields (its details too), not as JSON.
        self.details = QTextBrowser(self)
        self.details.setObjectName("auditDetails")
        self.details.setOpenLinks(False)
        self._details_label = QLabel(self)
        self._details_label.setObjectName("sectionTitle")
        details_box = QWidget(self)
        dl = QVBoxLayout(details_box)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self._details_label)
        dl.addWidget(self.details, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(details_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        # actions
        self.verify_button = QPushButton(self)
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.clicked.connect(self.verify_chain)
        self.export_button = QPushButton(self)
        self.export_button.setObjectName("auditExport")
        self.export_button.clicked.connect(self.choose_export_file)
        self.result = QLabel(self)
        self.result.setObjectName("auditResult")
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._count = QLabel(self)
        self._count.setObjectName("muted")
        self._find = QAction(self)
        self._find.setShortcut(QKeySequence(QKeySequence.StandardKey.Find))
        self._find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._find.triggered.connect(lambda _c=False: self.search.setFocus())
        self._refresh = QAction(self)
        self._refresh.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self._refresh.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._refresh.triggered.connect(lambda _c=False: self.reload())
        self.addAction(self._find)
        self.addAction(self._refresh)

        # layout
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)
        grid.addWidget(self._user_label, 0, 0)
        grid.addWidget(self.user_box, 0, 1)
        grid.addWidget(self._action_label, 0, 2)
        grid.addWidget(self.action_box, 0, 3)
        grid.addWidget(self._outcome_label, 0, 4)
        grid.addWidget(self.outcome_box, 0, 5)
        grid.addWidget(self._since_label, 1, 0)
        grid.addWidget(self.since_edit, 1, 1)
        grid.addWidget(self._until_label, 1, 2)
        grid.addWidget(self.until_edit, 1, 3)
        grid.addWidget(self._search_label, 1, 4)
        grid.addWidget(self.search, 1, 5)
        for c in (1, 3, 5):
            grid.setColumnStretch(c, 1)
        head = QHBoxLayout()
        head.addWidget(self._title)
        head.addStretch(1)
        head.addWidget(self._count)
        buttons = QHBoxLayout()
        buttons.addWidget(self.verify_button)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.result, 1)
        self._content = QWidget(self)
        cl = QVBoxLayout(self._content)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(8)
        cl.addLayout(grid)
        cl.addWidget(self.splitter, 1)
        cl.addLayout(buttons)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(24, 20, 24, 20)
        lay.setSpacing(10)
        lay.addLayout(head)
        lay.addWidget(self.denied)
        lay.addWidget(self._content, 1)
        self.setTabOrder(self.user_box, self.action_box)
        self.setTabOrder(self.action_box, self.outcome_box)
        self.setTabOrder(self.outcome_box, self.since_edit)
        self.setTabOrder(self.since_edit, self.until_edit)
        self.setTabOrder(self.until_edit, self.search)
        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.verify_button)
        self.setTabOrder(self.verify_button, self.export_button)

        self.denied.setVisible(not self._allowed)
        self._content.setVisible(self._allowed)
        self.retranslate()
        if self._allowed:
            self.setFocusProxy(self.table)
            ctx.sig_data_changed.connect(self._on_data_changed)
            self.reload()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(_NO_DATE)
        edit.setDate(_NO_DATE)
        return edit

    # --- texts ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text (again, after a language switch)."""
        self._title.setText(self.tr("Log audit"))
        self.denied.setText(
            self.tr(
                "Log audit hanya dapat dibaca oleh supervisor dan admin. Log ini mencatat siapa "
                "mengentri formulir mana, sedangkan setiap operator mengentri tanpa melihat "
                "pekerjaan operator lain. Hubungi supervisor bila perlu memeriksa log."
            )
        )
        self._user_label.setText(self.tr("&Pengguna:"))
        self._action_label.setText(self.tr("&Aksi:"))
        self._outcome_label.setText(self.tr("&Hasil:"))
        self._since_label.setText(self.tr("&Dari tanggal:"))
        self._until_label.setText(self.tr("&Sampai tanggal:"))
        self._search_label.setText(self.tr("&Cari:"))
        self.search.setPlaceholderText(self.tr("Teks di sasaran atau rincian…"))
        for edit in (self.since_edit, self.until_edit):
            edit.setSpecialValueText(self.tr("tanpa batas"))
        self.user_box.setToolTip(self.tr("Nama pengguna persis; kosong: semua pengguna"))
        self.action_box.setToolTip(
            self.tr("Awal kode aksi: 'entry' mencakup semua aksi entri; kosong: semua aksi")
        )
        line = self.user_box.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("semua pengguna"))
        line = self.action_box.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("semua aksi"))
        self._details_label.setText(self.tr("Rincian peristiwa"))
        self.verify_button.setText(self.tr("&Verifikasi rantai"))
        self.verify_button.setToolTip(
            self.tr(
                "Periksa rantai hash audit, setiap versi entri dan setiap rekaman final terhadapnya"
            )
        )
        self.export_button.setText(self.tr("&Ekspor JSONL…"))
        self.export_button.setToolTip(
            self.tr(
                "Simpan seluruh log audit beserta hash-nya sebagai JSON Lines, agar rantainya "
                "dapat diverifikasi di luar aplikasi"
            )
        )
        self._find.setText(self.tr("Cari"))
        self._refresh.setText(self.tr("Muat ulang"))
        self._fill_filters()
        self.model.retranslate()
        self._show_count()
        self._show_result()
        self._show_details(self.table.currentIndex().row())

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- filters ----------------------------------------------------------------------------------

    def _fill_filters(self) -> None:
        """The choices of the three boxes from the trail's facets, keeping what is chosen."""
        users, actions, outcomes = self._facets.users, self._facets.actions, self._facets.outcomes
        prefixes = sorted({a.split(".", 1)[0] for a in actions if "." in a})
        user_text = self.user_box.currentText()
        self.user_box.blockSignals(True)
        self.user_box.clear()
        self.user_box.addItem("", None)
        for u in users:
            self.user_box.addItem(u, u)
        self.user_box.setEditText(user_text)
        self.user_box.blockSignals(False)

        action_value = self._action_value()
        self.action_box.blockSignals(True)
        self.action_box.clear()
        self.action_box.addItem("", None)
        for p in prefixes:
            self.action_box.addItem(self.tr("{prefix} (semua)").format(prefix=p), p)
        for a in actions:
            self.action_box.addItem(f"{a} — {action_name(a)}", a)
        i = self.action_box.findData(action_value) if action_value else 0
        if i >= 0:
            self.action_box.setCurrentIndex(i)
        else:
            self.action_box.setEditText(action_value or "")
        self.action_box.blockSignals(False)

        outcome = self.outcome_box.currentData()
        self.outcome_box.blockSignals(True)
        self.outcome_box.clear()
        self.outcome_box.addItem(self.tr("Semua hasil"), None)
        for o in outcomes:
            self.outcome_box.addItem(outcome_name(o), o)
        self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(outcome)))
        self.outcome_box.blockSignals(False)

    def _action_value(self) -> str | None:
        """The chosen action prefix: a listed choice's code, else the typed text."""
        text = self.action_box.currentText().strip()
        if not text:
            return None
        i = self.action_box.findText(text)
        if i >= 0:
            data = self.action_box.itemData(i)
            return data if isinstance(data, str) else None
        return text

    def current_filter(self) -> AuditFilter:
        """The filter the widgets describe."""

        def day(edit: QDateEdit, plus: int) -> datetime | None:
            d = edit.date()
            if d <= _NO_DATE:
                return None
            d = d.addDays(plus)
            return datetime(d.year(), d.month(), d.day())  # local midnight (naive: local time)

        user = self.user_box.currentText().strip() or None
        outcome = self.outcome_box.currentData()
        return AuditFilter(
            since=day(self.since_edit, 0),
            until=day(self.until_edit, 1),  # "until" the whole of that day
            user=user,
            action=self._action_value(),
            outcome=outcome if isinstance(outcome, str) else None,
            text=_search_text(self.search.text()),
        )

    def set_filter(
        self,
        *,
        user: str = "",
        action: str = "",
        outcome: str | None = None,
        since: QDate | None = None,
        until: QDate | None = None,
        text: str = "",
    ) -> None:
        """Set every filter widget at once and query (tests; a link from another screen)."""
        widgets: Sequence[QWidget] = (
            self.user_box,
            self.action_box,
            self.outcome_box,
            self.since_edit,
            self.until_edit,
            self.search,
        )
        for w in widgets:
            w.blockSignals(True)
        try:
            self.user_box.setEditText(user)
            i = self.action_box.findData(action) if action else -1
            if i >= 0:
                self.action_box.setCurrentIndex(i)
            else:
                self.action_box.setEditText(action)
            self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(outcome)))
            self.since_edit.setDate(since or _NO_DATE)
            self.until_edit.setDate(until or _NO_DATE)
            self.search.setText(text)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.apply_filters()

    def apply_filters(self) -> None:
        """Query again with the current filters (the first page now, the rest as it scrolls)."""
        self._debounce.stop()
        if not self._allowed:
            return
        flt = self.current_filter()
        ws, actor = self._ctx.ws, self._ctx.actor

        def fetch(cursor: int | None, limit: int) -> AuditPage:
            return audit_log.query_events(ws, actor, flt, limit=limit, cursor=cursor)

        current = self.current_event()
        self.model.reset(fetch)
        self._total = None
        self._show_count()
        self._jobs.submit(
            lambda: audit_log.count_events(ws, actor, flt),
            partial(self._on_count, flt),
            lambda _e: None,
        )
        row = self.model.row_of(current.seq) if current is not None else None
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row or 0, 0))
        else:
            self._show_details(-1)

    def _on_count(self, flt: AuditFilter, n: int) -> None:
        if flt == self.current_filter():  # not a count for filters changed meanwhile
            self._total = n
            self._show_count()

    def _show_count(self) -> None:
        if not self._allowed:
            self._count.clear()
            return
        shown = self.model.rowCount()
        if self._total is None:
            self._count.setText(self.tr("{shown} peristiwa dimuat…").format(shown=_n(shown)))
        else:
            self._count.setText(
                self.tr("{total} peristiwa cocok; {shown} dimuat").format(
                    total=_n(self._total), shown=_n(shown)
                )
            )

    # --- data -------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the events again now, and the filter choices on a worker (a full scan of the
        trail: some 90 ms for 100 000 events)."""
        self._stale = False
        if not self._allowed:
            return
        self.apply_filters()
        ws, actor = self._ctx.ws, self._ctx.actor
        self._jobs.submit(lambda: audit_log.facets(ws, actor), self._on_facets, lambda _e: None)

    def _on_facets(self, found: audit_log.AuditFacets) -> None:
        self._facets = found
        self._fill_filters()

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes:  # every change is an event of the trail
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        """Process events until the screen's background jobs have finished (tests)."""
        return self._jobs.wait_idle(timeout_ms)

    def _show_details(self, row: int) -> None:
        ev = self.model.event_at(row)
        if ev is None:
            self.details.setPlainText("")
            return
        role = i18n.role_name(ev.role) if ev.role else "—"
        rows: list[tuple[str, str]] = [
            (self.tr("Peristiwa"), _n(ev.seq)),
            (self.tr("Waktu"), _time_text(ev.at)),
            (self.tr("Pengguna"), f"{ev.user or '—'} ({role})"),
            (self.tr("Aksi"), action_name(ev.action)),
            (self.tr("Sasaran"), target_text(ev.target)),
            (self.tr("Hasil"), outcome_name(ev.outcome)),
        ]
        details = ev.details
        extra: list[tuple[str, str]] = []
        if isinstance(details, dict):
            for key in sorted(details):
                extra.append((detail_label(str(key)), _detail_value(details[key])))
        elif details not in (None, "", {}):
            extra.append((self.tr("Keterangan"), _detail_value(details)))

        def table(pairs: list[tuple[str, str]]) -> str:
            cells = "".join(
                f"<tr><td style='color:#52606d; padding:2px 12px 2px 0'>{html.escape(k)}</td>"
                f"<td style='padding:2px 0'>{html.escape(v).replace(chr(10), '<br>')}</td></tr>"
                for k, v in pairs
            )
            return f"<table cellspacing='0' cellpadding='0'>{cells}</table>"

        parts = [
            f"<h3 style='margin:0 0 6px 0'>{html.escape(self.tr('Peristiwa {seq}').format(seq=_n(ev.seq)))}</h3>",
            table(rows),
        ]
        if extra:
            parts.append(f"<h4 style='margin:10px 0 4px 0'>{html.escape(self.tr('Rincian'))}</h4>")
            parts.append(table(extra))
        parts.append(
            "<p style='color:#7b8794; margin-top:10px'>"
            + html.escape(self.tr("Kode aksi: {code} · hasil: {outcome}")).format(
                code=html.escape(ev.action), outcome=html.escape(ev.outcome)
            )
            + "<br><span style='font-family:monospace'>"
            + html.escape(self.tr("Hash: {hash}").format(hash=ev.hash))
            + "<br>"
            + html.escape(self.tr("Hash sebelumnya: {hash}").format(hash=ev.prev_hash))
            + "</span></p>"
        )
        self.details.setHtml("".join(parts))

    def current_event(self) -> AuditEvent | None:
        return self.model.event_at(self.table.currentIndex().row())

    # --- verification -----------------------------------------------------------------------------

    def verify_chain(self) -> None:
        """Verify the chain and the data against it on a worker; the result is shown in words."""
        if not self._allowed or not self.verify_button.isEnabled():
            return
        ws = self._ctx.ws
        self.verify_button.setEnabled(False)
        self._report = None
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Memverifikasi rantai audit…"))
        self._jobs.submit(lambda: verify_workspace(ws), self._on_verified, self._on_verified)

    def _on_verified(self, report: IntegrityReport | BaseException) -> None:
        self.verify_button.setEnabled(True)
        self._report = report
        self._export = None
        self._show_result()
        if isinstance(report, IntegrityReport):
            self._ctx.sig_status.emit(
                self.tr("Rantai audit utuh.")
                if report.intact
                else self.tr("Rantai audit TIDAK utuh: lihat layar Audit.")
            )
        self.sig_verified.emit(report)

    def _show_result(self) -> None:
        """The last verification or export outcome, in the current language."""
        if self._export is not None:
            self._show_export()
            return
        rep = self._report
        if rep is None:
            if self.verify_button.isEnabled():
                self.result.clear()
            return
        if isinstance(rep, BaseException):
            self.result.setStyleSheet(f"color: {_BAD_COLOR}")
            self.result.setText(
                self.tr("Verifikasi gagal dijalankan: {error}").format(error=i18n.refusal_text(rep))
            )
            return
        if rep.intact:
            self.result.setStyleSheet(f"color: {_OK_COLOR}")
            self.result.setText(
                self.tr(
                    "Rantai audit utuh: {events} peristiwa; {versions} versi entri dan {final} "
                    "rekaman final cocok dengannya."
                ).format(
                    events=_n(rep.events), versions=_n(rep.versions), final=_n(rep.final_records)
                )
                + "\n"
                + self.tr("Kepala rantai (catat di kertas): {head}").format(head=rep.head_text)
            )
            return
        self.result.setStyleSheet(f"color: {_BAD_COLOR}")
        shown = [problem_text(p) for p in rep.problems[:MAX_SHOWN_PROBLEMS]]
        text = self.tr("Rantai audit TIDAK utuh. Masalah pertama:") + "\n• " + "\n• ".join(shown)
        more = len(rep.problems) - len(shown)
        if more > 0:
            text += "\n" + self.tr("…dan {n} masalah lain.").format(n=_n(more))
        self.result.setText(text)

    # --- export -----------------------------------------------------------------------------------

    def choose_export_file(self) -> None:
        """Ask where to save (the dialog confirms replacing a file), then export there."""
        if not self._allowed:
            return
        meta = self._ctx.ws.meta()
        code = meta.get("kabupaten_code", "workspace")
        stamp = self._ctx.ws.clock.now().strftime("%Y%m%d-%H%M%S")
        start = str(Path.home() / f"audit-{code}-{stamp}.jsonl")
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Ekspor log audit"),
            start,
            self.tr("JSON Lines (*.jsonl);;Semua berkas (*)"),
        )
        if path:
            self.export_to(Path(path), overwrite=True)

    def export_to(self, path: Path, *, overwrite: bool = False) -> None:
        """Export the whole trail to ``path`` on a worker; :attr:`sig_exported` tells the end."""
        if not self._allowed or not self.export_button.isEnabled():
            return
        ws, actor = self._ctx.ws, self._ctx.actor
        self.export_button.setEnabled(False)
        self.result.setStyleSheet("")
        self.result.setText(self.tr("Mengekspor log audit…"))

        def work(_job: Job) -> AuditExport:
            return audit_log.export_jsonl(ws, actor, path, overwrite=overwrite)

        self._jobs.run(
            work,
            self._on_exported,
            lambda f: self._on_exported(f.error),
            ctx=self._ctx,
            changes=Changes.AUDIT,  # the export is an event of the trail
        )

    def _on_exported(self, res: AuditExport | BaseException) -> None:
        self.export_button.setEnabled(True)
        self._export = res
        self._show_result()
        if isinstance(res, AuditExport):
            self._ctx.sig_status.emit(
                self.tr("Log audit diekspor ke {file}.").format(file=res.path.name)
            )
        self.sig_exported.emit(res)

    def _show_export(self) -> None:
        res = self._export
        if isinstance(res, AuditExport):
            self.result.setStyleSheet(f"color: {_OK_COLOR}")
            self.result.setText(
                self.tr(
                    "{events} peristiwa diekspor ke {file} ({size} byte, SHA-256 {sha}…); "
                    "ekspor ini tercatat sebagai peristiwa {seq}."
                ).format(
                    events=_n(res.events),
                    file=str(res.path),
                    size=_n(res.size),
                    sha=res.sha256[:16],
                    seq=_n(res.export_seq),
                )
            )
        elif res is not None:
            self.result.setStyleSheet(f"color: {_BAD_COLOR}")
            self.result.setText(
                self.tr("Ekspor gagal: {error}").format(error=i18n.refusal_text(res))
            )


def _search_text(typed: str) -> str | None:
    """What the search box looks for: a code typed dotted, as the screen shows it, undotted as
    it is stored."""
    text = typed.strip()
    if re.fullmatch(r"\d[\d.]*\d", text) and "." in text:
        return text.replace(".", "")
    return text or None


def target_text(target: str | None) -> str:
    """An event's target as printed: a region or TPS code dotted (``91.19.04.2003.001``)."""
    if not target:
        return "—"
    if target.isdigit() and len(target) in (2, 4, 6, 10, 13):
        return dotted(target)
    return target


def detail_label(key: str) -> str:
    """The label of a key of an event's details, in the current language (unknown keys are
    shown as written, underscores as spaces)."""
    # Each word through QCoreApplication.translate directly, so that lupdate collects it.
    words = {
        "reason": QCoreApplication.translate("audit", "Alasan"),
        "level": QCoreApplication.translate("audit", "Tingkat"),
        "keying": QCoreApplication.translate("audit", "Pengentrian"),
        "fingerprint": QCoreApplication.translate("audit", "Sidik jari"),
        "values": QCoreApplication.translate("audit", "Nilai"),
        "slot": QCoreApplication.translate("audit", "Entri ke"),
        "slots": QCoreApplication.translate("audit", "Entri"),
        "role": QCoreApplication.translate("audit", "Peran"),
        "record_hash": QCoreApplication.translate("audit", "Hash rekaman"),
        "hash": QCoreApplication.translate("audit", "Hash"),
        "hashes": QCoreApplication.translate("audit", "Hash"),
        "user_id": QCoreApplication.translate("audit", "ID pengguna"),
        "tps_final": QCoreApplication.translate("audit", "TPS final"),
        "from": QCoreApplication.translate("audit", "Dari"),
        "to": QCoreApplication.translate("audit", "Ke"),
        "synthetic": QCoreApplication.translate("audit", "Foto demo"),
        "size": QCoreApplication.translate("audit", "Ukuran (bita)"),
        "sequence": QCoreApplication.translate("audit", "Urutan"),
        "reference": QCoreApplication.translate("audit", "Rujukan"),
        "records": QCoreApplication.translate("audit", "Rekaman"),
        "recipients": QCoreApplication.translate("audit", "Penerima"),
        "note": QCoreApplication.translate("audit", "Catatan"),
        "fields": QCoreApplication.translate("audit", "Isian"),
        "file": QCoreApplication.translate("audit", "Berkas"),
        "file_name": QCoreApplication.translate("audit", "Nama berkas"),
        "name": QCoreApplication.translate("audit", "Nama"),
        "sha256": QCoreApplication.translate("audit", "SHA-256"),
        "contest": QCoreApplication.translate("audit", "Pemilihan"),
        "contest_id": QCoreApplication.translate("audit", "Pemilihan"),
        "tps": QCoreApplication.translate("audit", "TPS"),
        "tps_id": QCoreApplication.translate("audit", "TPS"),
        "outcome": QCoreApplication.translate("audit", "Hasil"),
        "path": QCoreApplication.translate("audit", "Lokasi"),
        "count": QCoreApplication.translate("audit", "Jumlah"),
        "problems": QCoreApplication.translate("audit", "Masalah"),
        "bundle_id": QCoreApplication.translate("audit", "ID bundel"),
    }
    return words.get(key, key.replace("_", " "))


def _detail_value(value: object, depth: int = 0) -> str:
    """A detail's value as words and numbers: lists one item a line, nested keys labelled."""
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("audit", "ya")
            if value
            else QCoreApplication.translate("audit", "tidak")
        )
    if isinstance(value, int):
        return _n(value)
    if value is None:
        return "—"
    if isinstance(value, dict):
        pad = "  " * depth
        return "\n".join(
            f"{pad}{detail_label(str(k))}: {_detail_value(v, depth + 1)}"
            for k, v in sorted(value.items())
        )
    if isinstance(value, list | tuple):
        if all(not isinstance(v, dict | list | tuple) for v in value):
            return ", ".join(_detail_value(v) for v in value)
        return "\n".join(_detail_value(v, depth + 1) for v in value)
    return str(value)


def _n(value: int) -> str:
    """A count as the current language writes it (1.234 / 1,234)."""
    return QLocale().toString(value)
