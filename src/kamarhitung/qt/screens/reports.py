"""The supervisor's report screen: make, preview, finalise, sign, print, save and verify the PDF
reports (:mod:`kamarhitung.services.reports`).

Left, the controls: contest, report kind, level, the kecamatan list with each one's coverage and
state (DRAF or FINAL), paper size; finalising a region and reopening it with a reason, inline
(no dialog for routine steps; errors are shown under the buttons); saving, printing, signing
with the key's passphrase; the whole set of reports; verifying a PDF. Right, the preview: the
report's pages rendered with pdfium into a scrollable list.

Nothing slow runs on the GUI thread: making a report, rendering the preview, signing (pyHanko
calls ``asyncio.run``: a worker thread has no event loop) and verifying run on Qt's thread pool;
a set of reports (every kecamatan, the kabupaten, the TPS annex) runs as an operation of the
screen's runner (:mod:`kamarhitung.qt.models.background`) with a cancellable progress dialog.
Printing renders each page for the printer with a progress dialog. Every report made, saved, printed and signed is audited by the services.
"""

from __future__ import annotations

import functools
import html
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QImage,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPixmap,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.model import Level, Role, dotted
from kamarhitung.core.refusal import Refusal
from kamarhitung.core.report import ReportKind, fingerprint_groups
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import refusal_text
from kamarhitung.qt.models.background import Background, Failure, Job
from kamarhitung.services import reports
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor, ServiceError
from kamarhitung.services.reports import RegionState, ReportRequest, ReportResult
from kamarhitung.services.workspace import Workspace

PREVIEW_SCALE = 1.25
"""Preview pixels per PDF point (90 dpi): an A4 landscape page is ~1050 px wide."""
PREVIEW_MAX_PAGES = 20
"""Pages rendered for the preview (~2.3 MB each at 90 dpi); a 700-page annex is printed or saved,
not scrolled."""
PRINT_DPI = 300

_pdfium_lock = threading.Lock()
"""pdfium is not thread-safe: one document is rendered at a time, whichever thread asks."""


def _to_qimage(bitmap: Any) -> QImage:
    """A pypdfium2 bitmap (RGB or RGBX) as a QImage owning its pixels."""
    arr = bitmap.to_numpy()
    h, w = arr.shape[:2]
    channels = arr.shape[2] if arr.ndim == 3 else 1
    fmt = QImage.Format.Format_RGB888 if channels == 3 else QImage.Format.Format_RGBX8888
    image = QImage(arr.tobytes(), w, h, w * channels, fmt)
    return image.copy()  # own the pixels: the numpy buffer goes away


class PdfPages:
    """A PDF opened once with pdfium, its pages rendered on demand (any thread, one at a time)."""

    def __init__(self, pdf: bytes) -> None:
        import pypdfium2 as pdfium  # type: ignore[import-untyped]  # no type information

        with _pdfium_lock:
            self._doc = pdfium.PdfDocument(pdf)
            self.count = len(self._doc)

    def render(self, index: int, scale: float) -> QImage:
        with _pdfium_lock:
            return _to_qimage(self._doc[index].render(scale=scale, rev_byteorder=True))

    def close(self) -> None:
        with _pdfium_lock:
            self._doc.close()


def render_pages(pdf: bytes, scale: float, first: int = 0, last: int | None = None) -> list[QImage]:
    """Pages ``first`` to ``last`` (excluded) of a PDF as RGB images; safe on any thread."""
    pages = PdfPages(pdf)
    try:
        end = pages.count if last is None else min(last, pages.count)
        return [pages.render(i, scale) for i in range(first, end)]
    finally:
        pages.close()


@dataclass(frozen=True, slots=True)
class _Preview:
    result: ReportResult
    images: list[QImage]
    pages: int


def _make_set(
    ws: Workspace,
    actor: Actor,
    requests: list[ReportRequest],
    folder: Path,
    passphrase: str | None,
    job: Job,
) -> list[Path] | None:
    """A report set on the runner's worker, reporting ``(done, total, name)``; it stops between
    reports when the job is cancelled (the reports already made stay): None then."""
    try:
        return reports.make_set(
            ws,
            actor,
            requests,
            folder,
            passphrase=passphrase,
            progress=job.progress,
            cancelled=job.cancelled,
        )
    except reports.ReportCancelled:
        return None


class ReportScreen(QWidget):
    """Reports for supervisors (see the module docstring)."""

    sig_preview_ready = Signal(int)
    """Emitted when a preview is shown; the argument is the number of pages of the report."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._jobs = Background(self)
        self._states: list[RegionState] = []
        self._result: ReportResult | None = None
        self._shown_pages = 0
        self._stale = True
        self._set_job: Job | None = None
        self._set_dialog: QProgressDialog | None = None
        self._region_running = False
        self._saving = False
        self._region_dialog: QProgressDialog | None = None
        self._is_supervisor = ctx.actor.role == Role.SUPERVISOR

        # --- the controls -------------------------------------------------------------------
        self._contest = QComboBox(self)
        self._contest.setObjectName("reportContest")
        for c in ctx.ws.contests():
            self._contest.addItem(c.name, c.id)
        self._kind = QComboBox(self)
        self._kind.setObjectName("reportKind")
        self._level = QComboBox(self)
        self._level.setObjectName("reportLevel")
        self._paper = QComboBox(self)
        self._paper.setObjectName("reportPaper")
        self._regions = QListWidget(self)
        self._regions.setObjectName("reportRegions")
        self._regions.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._regions.setMinimumHeight(140)
        self._generate = QPushButton(self)
        self._generate.setObjectName("reportGenerate")
        self._generate.setDefault(True)

        self._report_box = QGroupBox(self)
        form = QFormLayout()
        self._contest_label = QLabel(self)
        self._kind_label = QLabel(self)
        self._level_label = QLabel(self)
        self._paper_label = QLabel(self)
        form.addRow(self._contest_label, self._contest)
        form.addRow(self._kind_label, self._kind)
        form.addRow(self._level_label, self._level)
        form.addRow(self._paper_label, self._paper)
        box = QVBoxLayout(self._report_box)
        box.addLayout(form)
        self._regions_label = QLabel(self)
        box.addWidget(self._regions_label)
        box.addWidget(self._regions, 1)
        box.addWidget(self._generate)

        self._final_box = QGroupBox(self)
        self._final_state = QLabel(self)
        self._final_state.setObjectName("reportRegionState")
        self._final_state.setWordWrap(True)
        self._finalise = QPushButton(self)
        self._finalise.setObjectName("reportFinalise")
        self._reason = QLineEdit(self)
        self._reason.setObjectName("reportReopenReason")
        self._reopen = QPushButton(self)
        self._reopen.setObjectName("reportReopen")
        fbox = QVBoxLayout(self._final_box)
        fbox.addWidget(self._final_state)
        fbox.addWidget(self._finalise)
        row = QHBoxLayout()
        row.addWidget(self._reason, 1)
        row.addWidget(self._reopen)
        fbox.addLayout(row)

        self._file_box = QGroupBox(self)
        self._save = QPushButton(self)
        self._save.setObjectName("reportSave")
        self._print = QPushButton(self)
        self._print.setObjectName("reportPrint")
        self._passphrase = QLineEdit(self)
        self._passphrase.setObjectName("reportPassphrase")
        self._passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self._sign = QPushButton(self)
        self._sign.setObjectName("reportSign")
        self._make_set = QPushButton(self)
        self._make_set.setObjectName("reportMakeSet")
        self._verify = QPushButton(self)
        self._verify.setObjectName("reportVerify")
        gbox = QVBoxLayout(self._file_box)
        row = QHBoxLayout()
        row.addWidget(self._save)
        row.addWidget(self._print)
        gbox.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self._passphrase, 1)
        row.addWidget(self._sign)
        gbox.addLayout(row)
        gbox.addWidget(self._make_set)
        gbox.addWidget(self._verify)

        self._message = QLabel(self)
        self._message.setObjectName("reportMessage")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.RichText)
        self._verification = QLabel(self)
        self._verification.setObjectName("reportVerification")
        self._verification.setWordWrap(True)
        self._verification.setTextFormat(Qt.TextFormat.RichText)
        self._verification.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        left = QWidget(self)
        lbox = QVBoxLayout(left)
        lbox.setContentsMargins(0, 0, 0, 0)
        lbox.addWidget(self._report_box, 1)
        lbox.addWidget(self._final_box)
        lbox.addWidget(self._file_box)
        lbox.addWidget(self._message)
        lbox.addWidget(self._verification)
        left_scroll = QScrollArea(self)
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(400)

        # --- the preview ---------------------------------------------------------------------
        self._summary = QLabel(self)
        self._summary.setObjectName("reportSummary")
        self._summary.setWordWrap(True)
        self._summary.setTextFormat(Qt.TextFormat.RichText)
        self._pages_host = QWidget(self)
        self._pages_layout = QVBoxLayout(self._pages_host)
        self._pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self._pages_layout.setSpacing(12)
        self._preview = QScrollArea(self)
        self._preview.setObjectName("reportPreview")
        self._preview.setWidget(self._pages_host)
        self._preview.setWidgetResizable(True)
        self._preview.setBackgroundRole(self._preview.backgroundRole())
        self._preview.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        right = QWidget(self)
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(0, 0, 0, 0)
        rbox.addWidget(self._summary)
        rbox.addWidget(self._preview, 1)

        split = QSplitter(self)
        split.addWidget(left_scroll)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([420, 1000])
        outer = QVBoxLayout(self)
        outer.addWidget(split)

        # --- behaviour ------------------------------------------------------------------------
        self._contest.currentIndexChanged.connect(self._refresh_regions)
        self._level.currentIndexChanged.connect(self._refresh_regions)
        self._regions.currentRowChanged.connect(self._on_region_changed)
        self._generate.clicked.connect(self.generate)
        self._finalise.clicked.connect(self.finalise)
        self._reopen.clicked.connect(self.reopen)
        self._reason.textChanged.connect(self._update_buttons)
        self._reason.returnPressed.connect(self.reopen)
        self._passphrase.returnPressed.connect(self.sign)
        self._passphrase.textChanged.connect(self._update_buttons)
        self._sign.clicked.connect(self.sign)
        self._save.clicked.connect(self._ask_save)
        self._print.clicked.connect(self._ask_print)
        self._make_set.clicked.connect(self._ask_set)
        self._verify.clicked.connect(self._ask_verify)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.generate)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.generate)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self._ask_save)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Print), self, self._ask_print)
        ctx.sig_data_changed.connect(self._on_data_changed)

        self.retranslate()
        self._refresh_regions()
        self._update_buttons()

    # --- texts ---------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every visible text, in the current language."""
        self._report_box.setTitle(self.tr("Laporan"))
        self._contest_label.setText(self.tr("Pemilihan"))
        self._kind_label.setText(self.tr("Jenis"))
        self._level_label.setText(self.tr("Tingkat"))
        self._paper_label.setText(self.tr("Kertas"))
        self._regions_label.setText(self.tr("Wilayah (TPS final / jumlah TPS):"))
        kinds = [
            (ReportKind.RECAP, self.tr("Rekapitulasi (D.HASIL)")),
            (ReportKind.ANNEX, self.tr("Lampiran per TPS")),
            (ReportKind.ANOMALIES, self.tr("Anomali dan selisih")),
            (ReportKind.PROGRESS, self.tr("Kemajuan entri dan operator")),
            (ReportKind.QUALITY, self.tr("Mutu data (audit entri ulang)")),
        ]
        self._fill(self._kind, kinds)
        self._fill(
            self._level,
            [(Level.KECAMATAN, self.tr("Kecamatan")), (Level.KABUPATEN, self.tr("Kabupaten/kota"))],
        )
        self._fill(self._paper, [("a4", self.tr("A4 mendatar")), ("f4", self.tr("F4 mendatar"))])
        self._generate.setText(self.tr("Buat pratinjau (F5)"))
        self._final_box.setTitle(self.tr("Finalisasi wilayah"))
        self._finalise.setText(self.tr("Finalisasi wilayah"))
        self._reason.setPlaceholderText(self.tr("Alasan membuka kembali (wajib)"))
        self._reopen.setText(self.tr("Buka kembali"))
        self._file_box.setTitle(self.tr("Berkas"))
        self._save.setText(self.tr("Simpan PDF…"))
        self._print.setText(self.tr("Cetak…"))
        self._passphrase.setPlaceholderText(self.tr("Frasa sandi kunci kamar hitung"))
        self._sign.setText(self.tr("Tandatangani"))
        self._make_set.setText(self.tr("Buat semua laporan (set lengkap)…"))
        self._verify.setText(self.tr("Verifikasi berkas PDF…"))
        if not self._is_supervisor:
            why = self.tr("Hanya supervisor yang dapat memfinalisasi dan menandatangani.")
            for w in (self._finalise, self._reopen, self._sign, self._passphrase):
                w.setToolTip(why)
        self._show_region_state()
        self._show_summary()

    @staticmethod
    def _fill(combo: QComboBox, items: Sequence[tuple[object, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        i = combo.findData(current)
        combo.setCurrentIndex(i if i >= 0 else 0)
        combo.blockSignals(False)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state ---------------------------------------------------------------------------------

    def contest_id(self) -> str:
        return str(self._contest.currentData() or "")

    def level(self) -> Level:
        # Qt stores a StrEnum as its plain string.
        data = str(self._level.currentData() or "")
        return Level.KABUPATEN if data == Level.KABUPATEN.value else Level.KECAMATAN

    def region_state(self) -> RegionState | None:
        row = self._regions.currentRow()
        if row < 0:
            return None
        code = self._regions.item(row).data(Qt.ItemDataRole.UserRole)
        return next((s for s in self._states if s.code == code), None)

    def result(self) -> ReportResult | None:
        """The report shown (signed once signed)."""
        return self._result

    def page_count(self) -> int:
        """Pages shown in the preview."""
        return self._shown_pages

    def select_region(self, code: str) -> None:
        for i in range(self._regions.count()):
            if self._regions.item(i).data(Qt.ItemDataRole.UserRole) == code:
                self._regions.setCurrentRow(i)
                return

    def _say(self, text: str, kind: str = "info") -> None:
        colours = {"info": "#2f3b45", "ok": "#2e7d32", "error": "#8c1d18"}
        self._message.setText(
            f"<span style='color:{colours.get(kind, '#2f3b45')}'>{html.escape(text)}</span>"
        )
        if kind != "error":
            self._ctx.sig_status.emit(text)

    def _update_buttons(self) -> None:
        st = self.region_state()
        busy = self._set_job is not None
        self._generate.setEnabled(st is not None and not busy)
        sup = self._is_supervisor
        region_busy = busy or self._region_running
        self._finalise.setEnabled(
            sup and st is not None and st.finalisation is None and not region_busy
        )
        self._reopen.setEnabled(
            sup
            and not region_busy
            and st is not None
            and st.finalisation is not None
            and bool(self._reason.text().strip())
        )
        self._reason.setEnabled(sup and st is not None and st.finalisation is not None)
        has = self._result is not None
        self._save.setEnabled(has and not self._saving)
        self._print.setEnabled(has)
        self._sign.setEnabled(
            sup
            and has
            and not (self._result and self._result.signed)
            and bool(self._passphrase.text())
        )
        self._passphrase.setEnabled(sup)
        self._make_set.setEnabled(not busy and bool(self.contest_id()))

    # --- regions -------------------------------------------------------------------------------

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.ENTRIES | Changes.REGIONS | Changes.MASTER):
            return
        if self.isVisible():
            self._refresh_regions()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._refresh_regions()

    def _refresh_regions(self) -> None:
        self._stale = False
        contest = self.contest_id()
        if not contest:
            return
        ws = self._ctx.ws
        self._jobs.submit(
            lambda: reports.region_states(ws, contest),
            self._show_regions,
            lambda e: self._say(refusal_text(e), "error"),
        )

    def _show_regions(self, states: list[RegionState]) -> None:
        keep = self.region_state()
        self._states = states
        level = self.level()
        self._regions.blockSignals(True)
        self._regions.clear()
        for st in states:
            if st.level != level:
                continue
            mark = self.tr("FINAL") if st.finalisation else self.tr("draf")
            text = self.tr("{name} ({code}) — {final}/{total} TPS — {mark}").format(
                name=st.name,
                code=dotted(st.code),
                final=st.tps_final,
                total=st.tps_total,
                mark=mark,
            )
            item = QListWidgetItem(text, self._regions)
            item.setData(Qt.ItemDataRole.UserRole, st.code)
        self._regions.blockSignals(False)
        if keep is not None:
            self.select_region(keep.code)
        if self._regions.currentRow() < 0 and self._regions.count():
            self._regions.setCurrentRow(0)
        self._show_region_state()
        self._update_buttons()

    def _on_region_changed(self, _row: int) -> None:
        self._show_region_state()
        self._update_buttons()

    def _show_region_state(self) -> None:
        st = self.region_state()
        if st is None:
            self._final_state.setText("")
            return
        if st.finalisation is not None:
            self._final_state.setText(
                self.tr(
                    "{name}: FINAL, difinalisasi oleh {by} pada {at}. Datanya dibekukan."
                ).format(name=st.name, by=st.finalisation.by, at=st.finalisation.at)
            )
        elif st.level == Level.KABUPATEN:
            self._final_state.setText(
                self.tr("{name}: DRAF. Finalisasi setelah semua kecamatan final.").format(
                    name=st.name
                )
            )
        elif st.complete:
            self._final_state.setText(
                self.tr("{name}: DRAF. Semua {n} TPS final; wilayah dapat difinalisasi.").format(
                    name=st.name, n=st.tps_total
                )
            )
        else:
            self._final_state.setText(
                self.tr("{name}: DRAF. {left} dari {total} TPS belum final.").format(
                    name=st.name, left=st.tps_total - st.tps_final, total=st.tps_total
                )
            )

    # --- actions -------------------------------------------------------------------------------

    def _request(self) -> ReportRequest | None:
        st = self.region_state()
        if st is None:
            return None
        kind = str(self._kind.currentData() or ReportKind.RECAP.value)
        try:
            return reports.make_request(
                self._ctx.ws,
                kind,
                self.contest_id(),
                st.level,
                st.code,
                str(self._paper.currentData() or "a4"),
            )
        except ServiceError as e:
            self._say(refusal_text(e), "error")
            return None

    def generate(self) -> None:
        """Make the report chosen and show its pages (on a worker)."""
        req = self._request()
        if req is None or self._set_job is not None:
            return
        ctx = self._ctx
        self._generate.setEnabled(False)
        self._say(self.tr("Membuat laporan…"))

        def work() -> _Preview:
            result = reports.make_report(ctx.ws, ctx.actor, req)
            images = render_pages(result.pdf, PREVIEW_SCALE, 0, PREVIEW_MAX_PAGES)
            return _Preview(result, images, result.rendered.pages)

        self._jobs.run(
            lambda job: work(),
            self._show_preview,
            self._run_failed,
            ctx=ctx,
            changes=Changes.AUDIT,  # report.generate is in the trail
        )

    def _failed(self, e: BaseException) -> None:
        self._update_buttons()
        text = refusal_text(e) if isinstance(e, Refusal) else f"{type(e).__name__}: {e}"
        self._say(text, "error")

    def _run_failed(self, failure: Failure) -> None:
        self._update_buttons()
        self._say(failure.text, "error")

    def _show_preview(self, p: _Preview) -> None:
        self._result = p.result
        self._shown_pages = len(p.images)
        while self._pages_layout.count():
            taken = self._pages_layout.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.deleteLater()
        for i, image in enumerate(p.images):
            label = QLabel(self._pages_host)
            label.setObjectName(f"reportPage{i + 1}")
            label.setPixmap(QPixmap.fromImage(image))
            label.setStyleSheet("background: white; border: 1px solid #b8c0c8;")
            label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._pages_layout.addWidget(label)
        if p.pages > len(p.images):
            more = QLabel(
                self.tr("… {n} halaman lagi: simpan atau cetak untuk melihat semuanya.").format(
                    n=p.pages - len(p.images)
                ),
                self._pages_host,
            )
            self._pages_layout.addWidget(more)
        self._show_summary()
        self._update_buttons()
        self._say(self.tr("Laporan dibuat: {n} halaman.").format(n=p.pages), "ok")
        self.sig_preview_ready.emit(p.pages)

    def _show_summary(self) -> None:
        r = self._result
        if r is None:
            self._summary.setText(
                self.tr("Pilih wilayah lalu tekan F5 untuk membuat pratinjau laporan.")
            )
            return
        state = self.tr("DRAF") if r.draft else self.tr("FINAL")
        groups = " ".join(fingerprint_groups(r.fingerprint))
        signed = (
            self.tr("ditandatangani digital: {who}").format(who=r.signer)
            if r.signer
            else self.tr("belum ditandatangani")
        )
        self._summary.setText(
            self.tr("{pages} halaman · {state} · {signed}<br>Sidik data: <tt>{groups}</tt>").format(
                pages=r.rendered.pages, state=state, signed=html.escape(signed), groups=groups
            )
        )

    def finalise(self) -> None:
        """Finalise the region chosen, through the screen's runner: the service checks the
        whole audit trail first (seconds at 25,000 TPS), so the window stays live meanwhile,
        with a progress that cannot be cancelled (nothing to stop between the check and the
        write)."""
        st = self.region_state()
        if st is None or not self._is_supervisor or self._region_running:
            return
        ws, actor, contest = self._ctx.ws, self._ctx.actor, self.contest_id()
        self._region_busy(
            self.tr("Memeriksa jejak audit lalu memfinalisasi {name}…").format(name=st.name)
        )
        self._jobs.run(
            lambda job: reports.finalise_region(ws, actor, contest, st.code),
            lambda _r: self._region_done(
                self.tr("{name} difinalisasi: datanya dibekukan.").format(name=st.name)
            ),
            self._region_failed,
            ctx=self._ctx,
            changes=Changes.REGIONS,
        )

    def reopen(self) -> None:
        st = self.region_state()
        reason = self._reason.text().strip()
        if st is None or not self._is_supervisor or self._region_running:
            return
        if not reason:
            self._say(self.tr("Tulis alasan membuka kembali wilayah ini."), "error")
            self._reason.setFocus()
            return
        ws, actor, contest = self._ctx.ws, self._ctx.actor, self.contest_id()
        self._region_busy(self.tr("Membuka kembali {name}…").format(name=st.name))
        self._jobs.run(
            lambda job: reports.reopen_region(ws, actor, contest, st.code, reason),
            lambda _r: self._region_done(
                self.tr("{name} dibuka kembali.").format(name=st.name), reopened=True
            ),
            self._region_failed,
            ctx=self._ctx,
            changes=Changes.REGIONS,
        )

    def region_busy(self) -> bool:
        """Whether a finalisation or reopening is running."""
        return self._region_running

    def _region_busy(self, text: str) -> None:
        self._say(text)
        dialog = QProgressDialog(text, "", 0, 0, self)
        dialog.setObjectName("regionProgress")
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)  # shown only when it takes long (the audit check)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        self._region_dialog = dialog
        self._region_running = True
        self._update_buttons()

    def _region_end(self) -> None:
        dialog, self._region_dialog = self._region_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self._region_running = False

    def _region_done(self, text: str, *, reopened: bool = False) -> None:
        self._region_end()
        if reopened:
            self._reason.clear()
        self._say(text, "ok")
        self._result = None
        self._show_summary()
        self._update_buttons()
        self._refresh_regions()  # the runner then announces Changes.REGIONS

    def _region_failed(self, failure: Failure) -> None:
        self._region_end()
        self._update_buttons()
        self._say(failure.text, "error")

    def sign(self) -> None:
        """Sign the report shown with the workspace key (on a worker: pyHanko runs an event loop)."""
        r = self._result
        passphrase = self._passphrase.text()
        if r is None or r.signed or not passphrase or not self._is_supervisor:
            return
        self._passphrase.clear()
        self._sign.setEnabled(False)
        self._say(self.tr("Menandatangani…"))
        ctx = self._ctx
        self._jobs.run(
            lambda job: reports.sign_report(ctx.ws, ctx.actor, r, passphrase),
            self._signed,
            self._run_failed,
            ctx=ctx,
            changes=Changes.AUDIT,  # report.sign is in the trail
        )

    def _signed(self, r: ReportResult) -> None:
        self._result = r
        self._show_summary()
        self._update_buttons()
        self._say(self.tr("Laporan ditandatangani oleh {who}.").format(who=r.signer), "ok")

    def _ask_save(self) -> None:
        r = self._result
        if r is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan laporan"), r.request.file_name(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path, on_done: Callable[[], None] | None = None) -> None:
        """Write the report shown to ``path`` (audited), through the screen's runner;
        ``on_done`` after it is written."""
        r = self._result
        if r is None or self._saving:
            return
        ctx = self._ctx
        self._saving = True
        self._save.setEnabled(False)
        self._say(self.tr("Menyimpan…"))

        def saved(_p: Path) -> None:
            self._saving = False
            self._update_buttons()
            self._say(self.tr("Disimpan: {path}").format(path=str(path)), "ok")
            if on_done is not None:
                on_done()

        def failed(f: Failure) -> None:
            self._saving = False
            self._run_failed(f)

        self._jobs.run(
            lambda job: reports.save_report(ctx.ws, ctx.actor, r, path),
            saved,
            failed,
            ctx=ctx,
            changes=Changes.AUDIT,  # report.save is in the trail
        )

    def _ask_print(self) -> None:
        if self._result is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.setup_printer(printer)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def setup_printer(self, printer: QPrinter) -> None:
        """The report's paper (A4 or F4), landscape, as the print dialog's defaults."""
        r = self._result
        if r is None:
            return
        if r.request.paper == "f4":
            page = QPageSize(QSizeF(215, 330), QPageSize.Unit.Millimeter, "F4")
        else:
            page = QPageSize(QPageSize.PageSizeId.A4)
        printer.setPageSize(page)
        printer.setPageOrientation(QPageLayout.Orientation.Landscape)
        printer.setFullPage(True)

    def print_to(self, printer: QPrinter) -> bool:
        """Print every page (rendered at the printer's resolution, up to 300 dpi), audited.
        False when cancelled or failed."""
        r = self._result
        if r is None:
            return False
        total = r.rendered.pages
        progress = QProgressDialog(self.tr("Mencetak…"), self.tr("Batal"), 0, total, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(500)
        painter = QPainter()
        if not painter.begin(printer):
            self._say(self.tr("Pencetak tidak dapat dibuka."), "error")
            return False
        dpi = min(PRINT_DPI, printer.resolution())
        ok = True
        pages = PdfPages(r.pdf)
        try:
            for i in range(total):
                if progress.wasCanceled():
                    ok = False
                    break
                if i:
                    printer.newPage()
                image = pages.render(i, dpi / 72)
                target = painter.viewport()
                size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(
                    target.x(),
                    target.y(),
                    image.scaled(
                        size,
                        Qt.AspectRatioMode.IgnoreAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    ),
                )
                progress.setValue(i + 1)
        finally:
            pages.close()
            painter.end()
            progress.close()
        if not ok:
            self._say(self.tr("Pencetakan dibatalkan."), "error")
            return False
        name = printer.printerName() or printer.outputFileName() or "?"
        ctx = self._ctx
        self._say(self.tr("Dicetak ke {printer}.").format(printer=name), "ok")
        self._jobs.run(  # the printing is audited (report.print) off the GUI thread
            lambda job: reports.record_print(ctx.ws, ctx.actor, r, name),
            lambda _r: None,
            self._run_failed,
            ctx=ctx,
            changes=Changes.AUDIT,
        )
        return True

    # --- a whole set -----------------------------------------------------------------------

    def _ask_set(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder untuk semua laporan"))
        if folder:
            self.make_set(Path(folder))

    def make_set(self, folder: Path) -> None:
        """Every kecamatan's recap, the kabupaten's and the TPS annex into ``folder``, on a
        worker with a cancellable progress dialog; signed when a passphrase is typed."""
        if self._set_job is not None or not self.contest_id():
            return
        paper = str(self._paper.currentData() or "a4")
        try:
            requests = reports.set_requests(self._ctx.ws, self.contest_id(), paper)
        except ServiceError as e:
            self._say(refusal_text(e), "error")
            return
        passphrase = self._passphrase.text() or None
        if passphrase is not None and not self._is_supervisor:
            passphrase = None
        self._passphrase.clear()
        dialog = QProgressDialog(
            self.tr("Membuat {n} laporan…").format(n=len(requests)),
            self.tr("Batal"),
            0,
            len(requests),
            self,
        )
        dialog.setObjectName("reportSetProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoReset(False)  # closed by _end_set, when the worker has really finished
        dialog.setAutoClose(False)
        self._set_dialog = dialog
        ctx = self._ctx
        job = self._jobs.run(
            functools.partial(_make_set, ctx.ws, ctx.actor, requests, folder, passphrase),
            self._set_done,
            self._set_failed,
            on_progress=self._set_progress,
            ctx=ctx,
            changes=Changes.AUDIT,  # each report made (and signed) is in the trail
        )
        dialog.canceled.connect(job.cancel)
        self._set_job = job
        self._update_buttons()
        dialog.show()

    def cancel_set(self) -> None:
        if self._set_job is not None:
            self._set_job.cancel()

    def set_running(self) -> bool:
        return self._set_job is not None

    def _set_progress(self, done: int, total: int, name: str) -> None:
        # A window-modal progress dialog processes events inside setValue(): the set may end
        # (and the dialog go) during that call, so keep a reference and set the label first.
        dialog = self._set_dialog
        if dialog is None:
            return
        dialog.setLabelText(
            self.tr("{done} dari {total}: {name}").format(done=done, total=total, name=name)
        )
        dialog.setValue(done)

    def _end_set(self) -> None:
        dialog, self._set_dialog = self._set_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self._set_job = None
        self._update_buttons()

    def _set_done(self, paths: list[Path] | None) -> None:
        self._end_set()
        if paths is None:
            self._say(
                self.tr("Pembuatan laporan dibatalkan; berkas yang sudah jadi tetap ada."), "error"
            )
        else:
            self._say(self.tr("{n} laporan dibuat.").format(n=len(paths)), "ok")

    def _set_failed(self, failure: Failure) -> None:
        self._end_set()
        self._say(failure.text, "error")

    # --- verification ----------------------------------------------------------------------

    def _ask_verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Verifikasi PDF"), "", self.tr("PDF (*.pdf)")
        )
        if path:
            self.verify_file(Path(path))

    def verify_file(self, path: Path, on_done: Callable[[], None] | None = None) -> None:
        """Check a PDF's signatures against the workspace's CA (and CRL), on a worker."""
        from kamarhitung.core import keys as k
        from kamarhitung.services.keys import key_paths
        from kamarhitung.services.signing import PdfCheck, verify_pdf

        p = key_paths(self._ctx.ws)
        try:
            data = path.read_bytes()
            ca = k.load_certificate(p["ca"].read_bytes(), what="keys/ca.pem")
            crl = (
                k.load_crl(p["crl"].read_bytes(), what="keys/crl.pem")
                if p["crl"].exists()
                else None
            )
        except (OSError, k.KeyFileError) as e:
            self._verification.setText(html.escape(refusal_text(e)))
            return
        self._verification.setText(self.tr("Memeriksa {name}…").format(name=html.escape(path.name)))

        def shown(check: PdfCheck) -> None:
            self._show_check(path, check)
            if on_done is not None:
                on_done()

        self._jobs.submit(lambda: verify_pdf(data, [ca], crl), shown, self._failed)

    def _show_check(self, path: Path, check: object) -> None:
        from kamarhitung.services.signing import PdfCheck

        assert isinstance(check, PdfCheck)
        yes, no = self.tr("ya"), self.tr("TIDAK")
        valid_word, invalid_word = self.tr("SAH"), self.tr("TIDAK SAH")
        head = (
            f"<b style='color:#2e7d32'>{valid_word}</b>"
            if check.ok
            else f"<b style='color:#8c1d18'>{invalid_word}</b>"
        )
        parts = [f"{head} — {html.escape(path.name)}"]
        if check.error:
            parts.append(html.escape(check.error))
        for s in check.signatures:
            changed = (
                self.tr("tidak")
                if s.whole_file
                else self.tr("ya ({what})").format(what=s.changes_after)
            )
            parts.append(
                self.tr(
                    "Ditandatangani oleh {who}<br>pada {when}<br>berubah sejak ditandatangani: "
                    "{changed}<br>utuh: {intact} · sah: {valid} · tepercaya: {trusted}"
                ).format(
                    who=html.escape(s.signer),
                    when=html.escape(s.signed_at or "?"),
                    changed=changed,
                    intact=yes if s.intact else no,
                    valid=yes if s.valid else no,
                    trusted=yes if s.trusted else no,
                )
            )
            if s.revoked:
                parts.append(self.tr("Sertifikat dicabut oleh provinsi."))
            if s.problem:
                parts.append(html.escape(s.problem))
        self._verification.setText("<br>".join(parts))

    def verification_text(self) -> str:
        return self._verification.text()
