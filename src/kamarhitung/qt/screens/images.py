"""The images screen: import form photos, place the unmatched ones at a TPS, free stuck claims.

Three panels, top to bottom:

- **Import**: "Impor gambar…" (files) and "Impor folder…" (a folder, walked recursively) run
  :func:`kamarhitung.services.images.import_images` as an operation of the screen's runner
  (:mod:`kamarhitung.qt.models.background`) behind a cancellable progress dialog, then show a
  summary (imported, duplicates, unmatched, refused) with every refused file and why
  (known refusal codes in the user's language, else the service's English reason).
- **Unmatched images**: the images no TPS was found for, with a preview of the selected one and a
  "Tetapkan ke TPS" row (TPS id, contest) calling :func:`~kamarhitung.services.images.assign_image`;
  errors are shown inline.
- **Active claims** (supervisors only): forms someone is keying (first or second entry in
  progress), each releasable with :func:`kamarhitung.services.entry.release_claim`.

Keyboard: Enter in the unmatched list goes to the TPS field, Enter there assigns; Enter (or Delete)
in the claims list releases the selected claim. Only the file chooser and the progress dialog are
modal. The screen refreshes on ``ctx.sig_data_changed`` and announces ``Changes.IMAGES`` after
its changes (``Changes.ENTRIES`` after releasing a claim).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QEvent,
    QObject,
    QRegularExpression,
    Qt,
)
from PySide6.QtGui import (
    QImage,
    QKeyEvent,
    QKeySequence,
    QPixmap,
    QRegularExpressionValidator,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.entry import State
from kamarhitung.core.model import Role, dotted
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import time_text
from kamarhitung.qt.imageload import decode_image
from kamarhitung.qt.models.background import Background, Failure, Job
from kamarhitung.services import entry, images
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import (
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
)
from kamarhitung.services.entry import QueueItem
from kamarhitung.services.images import FormImage, ImportReport

CLAIM_STATES: tuple[State, ...] = (State.FIRST_IN_PROGRESS, State.SECOND_IN_PROGRESS)
"""The states of a form someone holds (keying it now)."""

PREVIEW_LONG_SIDE = 900
"""Pixels on the long side the preview is decoded at (at least)."""

_CONTEXT = "ImagesScreen"


def _noop(text: object) -> str:
    # QT_TRANSLATE_NOOP only marks a text for lupdate and returns it unchanged.
    return str(text)


REFUSAL_TEXTS: dict[str, str] = {
    "not_found": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "berkas atau folder tidak ada")),
    "unreadable": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "berkas tidak dapat dibaca")),
    "empty": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "berkas kosong")),
    "too_large": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "berkas terlalu besar")),
    "not_image": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "bukan berkas gambar atau PDF")),
    "unsupported": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "format gambar tidak didukung")),
    "corrupt": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "gambar rusak")),
    "truncated": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "gambar terpotong (tidak lengkap)")),
    "bomb": _noop(
        QT_TRANSLATE_NOOP("ImagesScreen", "ukuran gambar tidak wajar (terlalu banyak piksel)")
    ),
    "pdf_encrypted": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "PDF terkunci dengan sandi")),
    "pdf_broken": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "PDF rusak")),
    "too_many_pages": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "terlalu banyak halaman")),
    "store_failed": _noop(QT_TRANSLATE_NOOP("ImagesScreen", "gagal menyimpan ke workspace")),
}
"""Indonesian source text of each refusal code of ``core.imagecheck.CODES``."""


def refusal_text(code: str, reason: str) -> str:
    """Why a file was refused, in the current language; the service's English reason otherwise."""
    source = REFUSAL_TEXTS.get(code)
    if source is None:
        return reason
    return QCoreApplication.translate(_CONTEXT, source)


def normalize_tps(text: str) -> str | None:
    """A TPS id as typed (dots allowed) without its dots, or None when it is not 13 digits."""
    digits = text.replace(".", "").strip()
    return digits if len(digits) == 13 and digits.isdigit() else None


def _readonly(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    return item


def _table(parent: QWidget, columns: int, name: str) -> QTableWidget:
    t = QTableWidget(0, columns, parent)
    t.setObjectName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setTabKeyNavigation(False)
    t.setAlternatingRowColors(True)
    t.setShowGrid(False)
    t.verticalHeader().setVisible(False)
    hh = t.horizontalHeader()
    hh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    hh.setStretchLastSection(True)
    hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return t


def _when(iso: str) -> str:
    """An ISO timestamp in the one time format of the screens."""
    return time_text(iso)


class ImagesScreen(QWidget):
    """Import form images, assign the unmatched ones to a TPS, and (supervisors) free claims."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._jobs = Background(self)
        self._stale = True
        self._importing = False
        self._import_job: Job | None = None
        self._progress_dialog: QProgressDialog | None = None
        self._report: ImportReport | None = None
        self._import_error: str | None = None
        self._unmatched: list[FormImage] = []
        self._claims: list[QueueItem] = []
        self._preview_token = 0
        self._assigning = False
        self._releasing = False
        self._preview_image = QImage()
        self._contests = ctx.ws.contests()
        self._is_supervisor = ctx.actor.role == Role.SUPERVISOR
        self.setObjectName("imagesScreen")

        # --- import -----------------------------------------------------------------------------
        self._title = QLabel(self)
        self._title.setObjectName("screenTitle")
        self.import_files_button = QPushButton(self)
        self.import_files_button.setObjectName("importFiles")
        self.import_files_button.clicked.connect(self._choose_files)
        self.import_folder_button = QPushButton(self)
        self.import_folder_button.setObjectName("importFolder")
        self.import_folder_button.clicked.connect(self._choose_folder)
        self._contest_label = QLabel(self)
        self.import_contest = QComboBox(self)
        self.import_contest.setObjectName("importContest")
        self._contest_label.setBuddy(self.import_contest)
        header = QHBoxLayout()
        header.addWidget(self._title)
        header.addStretch(1)
        header.addWidget(self._contest_label)
        header.addWidget(self.import_contest)
        header.addWidget(self.import_files_button)
        header.addWidget(self.import_folder_button)

        self.summary = QLabel(self)
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refused_list = QListWidget(self)
        self.refused_list.setObjectName("refusedList")
        self.refused_list.setVisible(False)

        # --- unmatched --------------------------------------------------------------------------
        self._unmatched_box = QGroupBox(self)
        self.unmatched_table = _table(self._unmatched_box, 3, "unmatchedTable")
        self.unmatched_table.itemSelectionChanged.connect(self._on_selection)
        self.unmatched_table.installEventFilter(self)
        self._empty_label = QLabel(self._unmatched_box)
        self._empty_label.setObjectName("muted")
        self.preview = QLabel(self._unmatched_box)
        self.preview.setObjectName("imagePreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.preview.setFrameShape(QFrame.Shape.StyledPanel)

        self._tps_label = QLabel(self._unmatched_box)
        self.tps_edit = QLineEdit(self._unmatched_box)
        self.tps_edit.setObjectName("assignTps")
        self.tps_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9.]{0,17}"), self.tps_edit)
        )
        # An example from this workspace (a code of its own kabupaten), not a fixed one.
        sample = ctx.ws.sample_tps_id()
        self.tps_edit.setPlaceholderText(dotted(sample) if sample else "")
        self.tps_edit.setMinimumWidth(
            self.tps_edit.fontMetrics().horizontalAdvance("00.00.00.0000.000") + 24
        )
        self.tps_edit.returnPressed.connect(self.assign_selected)
        self._tps_label.setBuddy(self.tps_edit)
        self._assign_contest_label = QLabel(self._unmatched_box)
        self.assign_contest = QComboBox(self._unmatched_box)
        self.assign_contest.setObjectName("assignContest")
        self._assign_contest_label.setBuddy(self.assign_contest)
        self.assign_button = QPushButton(self._unmatched_box)
        self.assign_button.setObjectName("assignButton")
        self.assign_button.clicked.connect(self.assign_selected)
        self.assign_error = QLabel(self._unmatched_box)
        self.assign_error.setObjectName("assignError")
        self.assign_error.setStyleSheet("color: #b3261e;")
        self.assign_error.setWordWrap(True)

        assign_row = QHBoxLayout()
        assign_row.addWidget(self._tps_label)
        assign_row.addWidget(self.tps_edit, 1)
        assign_row.addWidget(self._assign_contest_label)
        assign_row.addWidget(self.assign_contest)
        assign_row.addWidget(self.assign_button)
        left = QWidget(self._unmatched_box)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.unmatched_table, 1)
        left_lay.addWidget(self._empty_label)
        left_lay.addLayout(assign_row)
        left_lay.addWidget(self.assign_error)
        splitter = QSplitter(Qt.Orientation.Horizontal, self._unmatched_box)
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        box_lay = QVBoxLayout(self._unmatched_box)
        box_lay.addWidget(splitter)

        # --- claims (supervisors) ---------------------------------------------------------------
        self.claims_box = QGroupBox(self)
        self.claims_box.setObjectName("claimsBox")
        self.claims_table = _table(self.claims_box, 5, "claimsTable")
        self.claims_table.installEventFilter(self)
        self.release_button = QPushButton(self.claims_box)
        self.release_button.setObjectName("releaseButton")
        self.release_button.clicked.connect(self.release_selected)
        self.claims_message = QLabel(self.claims_box)
        self.claims_message.setObjectName("claimsMessage")
        self.claims_message.setWordWrap(True)
        claims_row = QHBoxLayout()
        claims_row.addWidget(self.claims_message, 1)
        claims_row.addWidget(self.release_button)
        claims_lay = QVBoxLayout(self.claims_box)
        claims_lay.addWidget(self.claims_table)
        claims_lay.addLayout(claims_row)
        self.claims_table.setMaximumHeight(180)
        self.claims_box.setVisible(self._is_supervisor)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addLayout(header)
        layout.addWidget(self.summary)
        layout.addWidget(self.refused_list)
        layout.addWidget(self._unmatched_box, 1)
        layout.addWidget(self.claims_box)

        ctx.sig_data_changed.connect(self._on_data_changed)
        self.retranslate()
        self.refresh()

    # --- texts ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the screen (again, after a language switch)."""
        self._title.setText(self.tr("Gambar formulir"))
        self.import_files_button.setText(self.tr("Impor &gambar…"))
        self.import_files_button.setToolTip(self.tr("Impor berkas JPEG, PNG, TIFF atau PDF"))
        self.import_folder_button.setText(self.tr("Impor &folder…"))
        self.import_folder_button.setToolTip(self.tr("Impor semua gambar di dalam satu folder"))
        self._contest_label.setText(self.tr("&Pemilihan:"))
        self._fill_contests(self.import_contest)
        self._fill_contests(self.assign_contest)
        self._unmatched_box.setTitle(self.tr("Gambar belum cocok dengan TPS"))
        self.unmatched_table.setHorizontalHeaderLabels(
            [self.tr("Nama berkas"), self.tr("Diimpor pada"), self.tr("Oleh")]
        )
        self._empty_label.setText(self.tr("Tidak ada gambar yang menunggu."))
        self._tps_label.setText(self.tr("&TPS:"))
        self._assign_contest_label.setText(self.tr("Pe&milihan:"))
        self.assign_button.setText(self.tr("Tetapkan ke TPS"))
        self.assign_button.setToolTip(self.tr("Tempatkan gambar terpilih pada TPS ini (Enter)"))
        self.claims_box.setTitle(self.tr("Klaim aktif"))
        self.claims_table.setHorizontalHeaderLabels(
            [
                self.tr("TPS"),
                self.tr("Pemilihan"),
                self.tr("Status"),
                self.tr("Desa/kelurahan"),
                self.tr("Sejak"),
            ]
        )
        self.release_button.setText(self.tr("&Lepaskan"))
        self.release_button.setToolTip(
            self.tr("Bebaskan formulir ini agar operator lain bisa mengentri (Enter)")
        )
        self._show_summary()
        self._show_claims()
        self._show_preview()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill_contests(self, combo: QComboBox) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("semua pemilihan"), None)
        for c in self._contests:
            combo.addItem(c.name, c.id)
        idx = combo.findData(current) if current is not None else 0
        combo.setCurrentIndex(max(0, idx))
        combo.blockSignals(False)

    # --- data -------------------------------------------------------------------------------------

    @property
    def unmatched(self) -> list[FormImage]:
        """The unmatched images shown, in order."""
        return list(self._unmatched)

    @property
    def claims(self) -> list[QueueItem]:
        """The active claims shown (empty for everyone but a supervisor)."""
        return list(self._claims)

    @property
    def last_report(self) -> ImportReport | None:
        """The report of the last finished import."""
        return self._report

    def refresh(self) -> None:
        """Read the unmatched images (and, for a supervisor, the active claims) again."""
        self._stale = False
        selected = self.selected_image()
        self._unmatched = images.unmatched_images(self._ctx.ws)
        t = self.unmatched_table
        t.blockSignals(True)
        t.setRowCount(len(self._unmatched))
        for row, im in enumerate(self._unmatched):
            name = im.file_name if im.page <= 1 else f"{im.file_name} ({im.page})"
            t.setItem(row, 0, _readonly(name))
            t.setItem(row, 1, _readonly(_when(im.imported_at)))
            t.setItem(row, 2, _readonly(im.imported_by))
        t.blockSignals(False)
        ids = [im.id for im in self._unmatched]
        if ids:
            row = ids.index(selected.id) if selected is not None and selected.id in ids else 0
            t.selectRow(row)
        else:
            t.clearSelection()
        self._empty_label.setVisible(not ids)
        self._on_selection()
        if self._is_supervisor:
            try:
                self._claims = entry.queue(self._ctx.ws, self._ctx.actor, None, CLAIM_STATES)
            except ServiceError as e:
                self._claims = []
                self.claims_message.setText(i18n.refusal_text(e))
            self._show_claims()

    def _show_claims(self) -> None:
        t = self.claims_table
        names = {c.id: c.name for c in self._contests}
        current = t.currentRow()
        t.setRowCount(len(self._claims))
        for row, q in enumerate(self._claims):
            t.setItem(row, 0, _readonly(dotted(q.tps_id)))
            t.setItem(row, 1, _readonly(names.get(q.contest_id, q.contest_id)))
            t.setItem(row, 2, _readonly(i18n.state_name(q.state)))
            t.setItem(row, 3, _readonly(q.desa))
            t.setItem(row, 4, _readonly(_when(q.updated_at)))
        if self._claims:
            t.selectRow(min(max(current, 0), len(self._claims) - 1))
        self.release_button.setEnabled(bool(self._claims) and not self._releasing)

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.IMAGES | Changes.ENTRIES | Changes.MASTER):
            return  # the unmatched photos, and the claims (entries)
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)

    # --- import -----------------------------------------------------------------------------------

    def is_importing(self) -> bool:
        """Whether an import is running."""
        return self._importing

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Impor gambar formulir"),
            "",
            self.tr("Gambar dan PDF (*.jpg *.jpeg *.png *.tif *.tiff *.pdf);;Semua berkas (*)"),
        )
        if files:
            self.import_paths([Path(f) for f in files])

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Impor folder gambar"))
        if folder:
            self.import_paths([Path(folder)])

    def import_paths(self, paths: Sequence[Path]) -> bool:
        """Import these files or folders on a worker; False when an import is already running."""
        if self._importing or not paths:
            return False
        self._importing = True
        contest = self.import_contest.currentData()
        contest_id = contest if isinstance(contest, str) else None
        dialog = QProgressDialog(self)
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle(self.tr("Impor gambar"))
        dialog.setLabelText(self.tr("Memeriksa dan menyimpan gambar…"))
        dialog.setCancelButtonText(self.tr("Batal"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(400)
        dialog.setRange(0, 0)
        self._progress_dialog = dialog
        self.import_files_button.setEnabled(False)
        self.import_folder_button.setEnabled(False)
        ws, actor = self._ctx.ws, self._ctx.actor
        todo = list(paths)

        def run(job: Job) -> ImportReport:
            # Cancelling is safe between files: each file is stored whole or not at all.
            return images.import_images(
                ws,
                actor,
                todo,
                contest_id=contest_id,
                progress=job.progress,
                cancelled=job.cancelled,
            )

        self._ctx.sig_status.emit(self.tr("Mengimpor gambar…"))
        self._import_job = self._jobs.run(
            run,
            self._on_imported,
            self._on_import_failed,
            on_progress=self._on_progress,
            ctx=self._ctx,
            changes=Changes.IMAGES,
            changes_on_failure=Changes.IMAGES,  # the files before the failure are stored
        )
        dialog.canceled.connect(self._import_job.cancel)
        return True

    def cancel_import(self) -> None:
        """Ask a running import to stop after the current file (what "Batal" does)."""
        if self._import_job is not None:
            self._import_job.cancel()

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        """Process events until the import and preview jobs have finished (tests)."""
        return self._jobs.wait_idle(timeout_ms)

    def _on_progress(self, done: int, total: int) -> None:
        d = self._progress_dialog
        if d is None:
            return
        d.setMaximum(max(total, 1))
        d.setValue(done)
        d.setLabelText(self.tr("Gambar {done} dari {total}…").format(done=done, total=total))

    def _end_import(self) -> None:
        self._importing = False
        self._import_job = None
        self.import_files_button.setEnabled(True)
        self.import_folder_button.setEnabled(True)
        d, self._progress_dialog = self._progress_dialog, None
        if d is not None:
            d.canceled.disconnect()
            d.close()
            d.deleteLater()

    def _on_imported(self, report: ImportReport) -> None:
        self._end_import()
        self._report = report
        self._import_error = None
        self._show_summary()
        self.refresh()
        self._ctx.sig_status.emit(self.summary.text())

    def _on_import_failed(self, failure: Failure) -> None:
        self._end_import()
        self._report = None
        self._import_error = failure.text
        self._show_summary()
        self.refresh()  # a failed import may still have stored some files

    def _show_summary(self) -> None:
        self.refused_list.clear()
        r = self._report
        if self._import_error is not None:
            self.summary.setText(self.tr("Impor gagal: {error}").format(error=self._import_error))
            self.refused_list.setVisible(False)
            return
        if r is None:
            self.summary.setText(
                self.tr(
                    "Gambar dicocokkan dengan TPS lewat ID TPS pada nama berkas atau foldernya."
                )
            )
            self.refused_list.setVisible(False)
            return
        text = self.tr(
            "{files} berkas diperiksa: {imported} diimpor, {duplicates} duplikat, "
            "{unmatched} belum cocok, {refused} ditolak."
        ).format(
            files=r.files,
            imported=len(r.imported),
            duplicates=len(r.duplicates),
            unmatched=len(r.unmatched),
            refused=len(r.refused),
        )
        if r.cancelled:
            text += " " + self.tr("Impor dibatalkan; berkas yang sudah diimpor tetap tersimpan.")
        self.summary.setText(text)
        for f in r.refused:
            self.refused_list.addItem(
                self.tr("{file}: {reason}").format(
                    file=Path(f.file).name, reason=refusal_text(f.code, f.reason)
                )
            )
            item = self.refused_list.item(self.refused_list.count() - 1)
            item.setToolTip(f"{f.file}\n{f.code}: {f.reason}")
        if r.refused:
            rows = min(len(r.refused), 5)
            row_h = max(self.refused_list.sizeHintForRow(0), self.fontMetrics().height() + 4)
            self.refused_list.setFixedHeight(rows * row_h + 2 * self.refused_list.frameWidth() + 4)
        self.refused_list.setVisible(bool(r.refused))

    # --- unmatched and preview --------------------------------------------------------------------

    def selected_image(self) -> FormImage | None:
        """The unmatched image selected in the list."""
        rows = self.unmatched_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self._unmatched[row] if 0 <= row < len(self._unmatched) else None

    def _on_selection(self) -> None:
        im = self.selected_image()
        self.assign_button.setEnabled(im is not None and not self._assigning)
        self.tps_edit.setEnabled(im is not None)
        self.assign_contest.setEnabled(im is not None and not self._assigning)
        self._preview_token += 1
        self._preview_image = QImage()
        if im is None or im.missing:
            self._show_preview()
            return
        token, path = self._preview_token, im.path
        self.preview.setText(self.tr("Memuat pratinjau…"))
        self._jobs.submit(
            lambda: decode_image(path, PREVIEW_LONG_SIDE),
            lambda img: self._on_preview(token, img),
            lambda _e: self._on_preview(token, QImage()),
        )

    def _on_preview(self, token: int, img: QImage) -> None:
        if token != self._preview_token:
            return  # the selection moved on
        self._preview_image = img
        self._show_preview()

    def _show_preview(self) -> None:
        im = self.selected_image()
        if im is None:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Pilih gambar untuk melihat pratinjau."))
        elif im.missing:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Berkas gambar hilang dari workspace."))
        elif self._preview_image.isNull():
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("Pratinjau tidak tersedia."))
        else:
            size = self.preview.contentsRect().size()
            pm = QPixmap.fromImage(self._preview_image).scaled(
                size,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self.preview.setPixmap(pm)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._preview_image.isNull():
            self._show_preview()

    # --- assigning --------------------------------------------------------------------------------

    def assign_selected(self) -> bool:
        """Place the selected unmatched image at the TPS typed, through the screen's runner;
        errors are shown inline. Returns whether the assignment was started."""
        if self._assigning:
            return False
        im = self.selected_image()
        if im is None:
            self.assign_error.setText(self.tr("Pilih dulu gambar yang akan ditetapkan."))
            return False
        tps = normalize_tps(self.tps_edit.text())
        if tps is None:
            self.assign_error.setText(self.tr("ID TPS harus 13 angka (titik boleh)."))
            self.tps_edit.setFocus()
            return False
        contest = self.assign_contest.currentData()
        contest_id = contest if isinstance(contest, str) else None
        ws, actor, image_id = self._ctx.ws, self._ctx.actor, im.id
        self._set_assigning(True)
        self._jobs.run(
            lambda job: images.assign_image(ws, actor, image_id, tps, contest_id),
            lambda _r: self._on_assigned(im, tps),
            lambda f: self._on_assign_failed(f, tps),
            ctx=self._ctx,
            changes=Changes.IMAGES,
        )
        return True

    def is_assigning(self) -> bool:
        """Whether an assignment is running."""
        return self._assigning

    def _set_assigning(self, on: bool) -> None:
        # The TPS field keeps the focus (read-only rather than disabled): the keyboard flow
        # goes on where it was when the result arrives.
        self._assigning = on
        self.assign_button.setEnabled(not on and self.selected_image() is not None)
        self.tps_edit.setReadOnly(on)
        self.assign_contest.setEnabled(not on and self.selected_image() is not None)

    def _on_assigned(self, im: FormImage, tps: str) -> None:
        self._set_assigning(False)
        self.assign_error.clear()
        self.tps_edit.clear()
        self._ctx.sig_status.emit(
            self.tr("{file} ditetapkan ke TPS {tps}").format(file=im.file_name, tps=dotted(tps))
        )
        self.refresh()  # the runner then announces Changes.IMAGES
        self.unmatched_table.setFocus()

    def _on_assign_failed(self, failure: Failure, tps: str) -> None:
        self._set_assigning(False)
        e = failure.error
        if isinstance(e, NotFoundError):
            self.assign_error.setText(failure.text)
            self.tps_edit.setFocus()
            self.tps_edit.selectAll()
        elif isinstance(e, PermissionDeniedError):
            self.assign_error.setText(self.tr("Anda tidak berhak menetapkan gambar ini."))
        elif isinstance(e, ConflictError):
            self.assign_error.setText(
                self.tr("TPS {tps} sudah memiliki gambar yang sama.").format(tps=dotted(tps))
            )
        else:
            self.assign_error.setText(failure.text)

    # --- claims -----------------------------------------------------------------------------------

    def release_selected(self) -> bool:
        """Release the claim selected in "Klaim aktif" (supervisors), through the screen's
        runner. Returns whether the release was started."""
        row = self.claims_table.currentRow()
        if self._releasing or not self._is_supervisor or not 0 <= row < len(self._claims):
            return False
        q = self._claims[row]
        ws, actor = self._ctx.ws, self._ctx.actor
        self._releasing = True
        self.release_button.setEnabled(False)
        self.claims_message.setText(self.tr("Melepaskan TPS {tps}…").format(tps=dotted(q.tps_id)))
        self._jobs.run(
            lambda job: entry.release_claim(ws, actor, q.tps_id, q.contest_id),
            lambda _r: self._on_released(q),
            self._on_release_failed,
            ctx=self._ctx,
            changes=Changes.ENTRIES,  # a claim is an entry's state
        )
        return True

    def is_releasing(self) -> bool:
        """Whether a release is running."""
        return self._releasing

    def _on_released(self, q: QueueItem) -> None:
        self._releasing = False
        self.claims_message.setText(
            self.tr("TPS {tps} dilepaskan; drafnya tetap tersimpan.").format(tps=dotted(q.tps_id))
        )
        self.refresh()
        self.claims_table.setFocus()

    def _on_release_failed(self, failure: Failure) -> None:
        self._releasing = False
        self.claims_message.setText(failure.text)
        self.refresh()

    # --- keyboard ---------------------------------------------------------------------------------

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if watched is self.unmatched_table and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.selected_image() is not None:
                    self.tps_edit.setFocus()
                    self.tps_edit.selectAll()
                return True
            if watched is self.claims_table and (
                key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                or event.matches(QKeySequence.StandardKey.Delete)
            ):
                self.release_selected()
                return True
        return super().eventFilter(watched, event)
