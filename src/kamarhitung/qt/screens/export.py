"""The export screen (supervisors and admins of a kabupaten workspace): keys, and the bundle for
the province (BUNDLE.md).

Left, :class:`~kamarhitung.qt.screens.keys.KeysPanel`: what the workspace holds, a new key with
its certificate request, installing the province's certificate. Right, the export: destination
folder, with or without the form photos, the key's passphrase; :func:`services.bundle.
export_bundle` runs through the screen's runner (:mod:`kamarhitung.qt.models.background`) with a
cancellable progress dialog (the window keeps drawing), then the result is shown: file, size, sequence, SHA-256, and per contest the TPS counted and the
fingerprints as 16 groups of 4 hex characters, the way the paper prints them:

* the **recap fingerprint** of the manifest (``kamarhitung-recap/1``, what the importer checks);
* the **paper fingerprint**: the one printed on the kabupaten's D.HASIL recap report
  (``kamarhitung-report/1``), which the province is asked to type two groups of. It is computed
  from the workspace's recap right after the export and shown only when that recap still has
  the manifest's recap fingerprint (same data); otherwise the screen says the data changed.

Below, the history of exports, read from the audit trail (``bundle.export`` events, failures
included). Errors are shown inline in Indonesian: wrong passphrase, no certificate, a full drive.
"""

from __future__ import annotations

import functools
import html
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLocale,
    Qt,
    QThread,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.model import Level
from kamarhitung.core.report import recap_fingerprint
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.models.background import Background, Failure, Job
from kamarhitung.qt.screens.keys import (
    KeysPanel,
    error_text,
    fingerprint_html,
    message_html,
    passphrase_edit,
)
from kamarhitung.services import audit_log, bundle
from kamarhitung.services.audit_log import AuditEvent, AuditFilter
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor, ServiceError
from kamarhitung.services.recap import load_recap
from kamarhitung.services.workspace import Workspace

PROGRESS_STEPS = 1000
HISTORY_LIMIT = 200


@dataclass(frozen=True, slots=True)
class ContestFingerprints:
    """One contest of an export: coverage, the manifest's recap fingerprint, and the fingerprint
    of the kabupaten recap report (None when the data changed since the export)."""

    contest: str
    name: str
    tps_total: int
    tps_final: int
    recap: str
    paper: str | None


@dataclass(frozen=True, slots=True)
class ExportOutcome:
    """What the screen shows of a finished export."""

    result: bundle.ExportResult
    contests: tuple[ContestFingerprints, ...]


def export_event(ws: Workspace, actor: Actor, bundle_id: str) -> AuditEvent | None:
    """The audit event that recorded the export ``bundle_id`` (it holds the manifest's summary)."""
    page = audit_log.query_events(ws, actor, AuditFilter(action="bundle.export"), limit=50)
    for ev in page.events:
        d = ev.details
        if isinstance(d, dict) and d.get("bundle_id") == bundle_id and ev.outcome == "ok":
            return ev
    return None


def contest_fingerprints(ws: Workspace, actor: Actor, bundle_id: str) -> list[ContestFingerprints]:
    """Per contest: the manifest's summary (from the export's audit event) and the paper
    fingerprint of the kabupaten recap report, when the recap still has the same data."""
    ev = export_event(ws, actor, bundle_id)
    details = ev.details if ev is not None else None
    summary = details.get("summary") if isinstance(details, dict) else None
    if not isinstance(summary, dict):
        return []
    names: dict[str, str] = {c.id: c.name for c in ws.contests()}
    kab = ws.meta().get("kabupaten_code", "")
    out: list[ContestFingerprints] = []
    for cid in [c for c in names if c in summary] + sorted(set(summary) - set(names)):
        s = summary[cid]
        if not isinstance(s, dict):
            continue
        fp = str(s.get("fingerprint", ""))
        paper: str | None = None
        try:
            recap = load_recap(ws, cid)
            if recap.fingerprint == fp:
                paper = recap_fingerprint(
                    cid,
                    Level.KABUPATEN.value,
                    kab,
                    recap.table(Level.KECAMATAN).rows_json(),
                    recap.table(Level.KABUPATEN).rows_json()[0],
                )
        except (ServiceError, KeyError, IndexError, ValueError):
            paper = None
        out.append(
            ContestFingerprints(
                cid,
                names.get(cid) or cid,
                int(s.get("tps_total", 0)),
                int(s.get("tps_final", 0)),
                fp,
                paper,
            )
        )
    return out


def _export(
    ws: Workspace,
    actor: Actor,
    folder: Path,
    passphrase: str,
    with_images: bool,
    job: Job,
) -> ExportOutcome:
    """``export_bundle`` on the runner's worker, reporting progress in steps of
    :data:`PROGRESS_STEPS`; it stops between members when the job is cancelled (its partial
    file removed), which is safe: nothing is recorded until the bundle is whole."""
    result = bundle.export_bundle(
        ws,
        actor,
        folder,
        passphrase,
        with_images=with_images,
        progress=lambda done, total: job.progress(PROGRESS_STEPS * done // max(total, 1)),
        cancelled=job.cancelled,
    )
    return ExportOutcome(result, tuple(contest_fingerprints(ws, actor, result.bundle_id)))


def _size(n: int) -> str:
    loc = QLocale()
    if n >= 1 << 20:
        return f"{loc.toString(n / (1 << 20), 'f', 1)} MiB"
    if n >= 1 << 10:
        return f"{loc.toString(n / (1 << 10), 'f', 1)} KiB"
    return loc.toString(n)


class ExportScreen(QWidget):
    """Keys and the export bundle (see the module docstring)."""

    sig_export_finished = Signal(object)
    """An export ended: the :class:`ExportOutcome`, or the exception that stopped it."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._jobs = Background(self)
        self._job: Job | None = None
        self._dialog: QProgressDialog | None = None
        self._outcome: ExportOutcome | None = None
        self._history: list[AuditEvent] = []
        self._stale = True

        self._title = QLabel(self)
        self._title.setObjectName("screenTitle")
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("muted")
        self._subtitle.setWordWrap(True)

        self.keys_panel = KeysPanel(ctx, self)
        self.keys_panel.sig_changed.connect(self._update_buttons)
        left = QScrollArea(self)
        left.setWidget(self.keys_panel)
        left.setWidgetResizable(True)
        left.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left.setMinimumWidth(470)

        # --- the export
        self._export_box = QGroupBox(self)
        self._folder = QLineEdit(self)
        self._folder.setObjectName("exportFolder")
        self._browse = QPushButton(self)
        self._browse.setObjectName("exportBrowse")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self._folder, 1)
        folder_row.addWidget(self._browse)
        self._with_images = QCheckBox(self)
        self._with_images.setObjectName("exportWithImages")
        self._passphrase = passphrase_edit(self, "exportPassphrase")
        self._export = QPushButton(self)
        self._export.setObjectName("exportRun")
        self._export.setDefault(True)
        self._message = QLabel(self)
        self._message.setObjectName("exportMessage")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.RichText)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        self._folder_label = QLabel(self)
        self._pass_label = QLabel(self)
        form.addRow(self._folder_label, folder_row)
        form.addRow("", self._with_images)
        form.addRow(self._pass_label, self._passphrase)
        ebox = QVBoxLayout(self._export_box)
        ebox.addLayout(form)
        ebox.addWidget(self._export, 0, Qt.AlignmentFlag.AlignLeft)
        ebox.addWidget(self._message)

        # --- the result
        self._result_box = QGroupBox(self)
        self._result = QLabel(self)
        self._result.setObjectName("exportResult")
        self._result.setWordWrap(True)
        self._result.setTextFormat(Qt.TextFormat.RichText)
        self._result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        result_scroll = QScrollArea(self)
        result_scroll.setWidget(self._result)
        result_scroll.setWidgetResizable(True)
        result_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        QVBoxLayout(self._result_box).addWidget(result_scroll)

        # --- the history
        self._history_box = QGroupBox(self)
        self._table = QTableWidget(0, 7, self)
        self._table.setObjectName("exportHistory")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.verticalHeader().setVisible(False)
        self._table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._table.horizontalHeader().setStretchLastSection(True)
        QVBoxLayout(self._history_box).addWidget(self._table)

        right = QWidget(self)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self._export_box)
        rsplit = QSplitter(Qt.Orientation.Vertical, right)
        rsplit.addWidget(self._result_box)
        rsplit.addWidget(self._history_box)
        rsplit.setSizes([420, 220])
        rl.addWidget(rsplit, 1)

        split = QSplitter(self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 900])
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.addWidget(self._title)
        outer.addWidget(self._subtitle)
        outer.addWidget(split, 1)

        self._browse.clicked.connect(self._ask_folder)
        self._export.clicked.connect(self._ask_export)
        self._passphrase.returnPressed.connect(self._ask_export)
        self._passphrase.textChanged.connect(self._update_buttons)
        QShortcut(QKeySequence("Ctrl+E"), self, self._ask_export)
        ctx.sig_data_changed.connect(self._on_data_changed)

        self.retranslate()
        self._update_buttons()
        self.refresh_history()

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every visible text, in the current language."""
        self._title.setText(self.tr("Ekspor bundel untuk provinsi"))
        self._subtitle.setText(
            self.tr(
                "Bundel berisi hasil per TPS, rekap, entri, audit dan laporan; ditandatangani "
                "dengan kunci kamar hitung ini dan dienkripsi sehingga hanya provinsi yang "
                "dapat membukanya. Bawa dengan flashdisk bersama laporan rekap kabupaten yang "
                "ditandatangani."
            )
        )
        self._export_box.setTitle(self.tr("Ekspor bundel"))
        self._folder_label.setText(self.tr("Folder tujuan"))
        self._folder.setPlaceholderText(self.tr("mis. flashdisk; nama berkas dibuat otomatis"))
        self._browse.setText(self.tr("Pilih…"))
        self._with_images.setText(self.tr("Sertakan foto formulir (berkas jauh lebih besar)"))
        self._pass_label.setText(self.tr("Frasa sandi kunci"))
        self._passphrase.setPlaceholderText(self.tr("frasa sandi kunci kamar hitung"))
        self._export.setText(self.tr("Ekspor bundel (Ctrl+E)"))
        self._result_box.setTitle(self.tr("Hasil ekspor"))
        self._history_box.setTitle(self.tr("Riwayat ekspor"))
        self._table.setHorizontalHeaderLabels(
            [
                self.tr("Waktu"),
                self.tr("Berkas"),
                self.tr("Urutan"),
                self.tr("Ukuran"),
                self.tr("SHA-256"),
                self.tr("Oleh"),
                self.tr("Hasil"),
            ]
        )
        self._show_result()
        self._fill_history()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state -------------------------------------------------------------------------------

    def outcome(self) -> ExportOutcome | None:
        """The last export that finished."""
        return self._outcome

    def result_text(self) -> str:
        return self._result.text()

    def message_text(self) -> str:
        return self._message.text()

    def history(self) -> list[AuditEvent]:
        return list(self._history)

    def export_running(self) -> bool:
        return self._job is not None

    def cancel_export(self) -> None:
        if self._job is not None:
            self._job.cancel()

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        ok = self._jobs.wait_idle(timeout_ms)
        return self.keys_panel.wait_idle(timeout_ms) and ok

    def about_to_close(self) -> None:
        """The window closes: stop a running export (its partial file is removed) and wait for
        the workers, so that none outlives the workspace."""
        self.cancel_export()
        deadline = time.monotonic() + 60
        while self._job is not None and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            QThread.msleep(5)
        self.wait_idle()

    def _say(self, text: str, kind: str = "info") -> None:
        self._message.setText(message_html(text, kind))
        if kind == "ok":
            self._ctx.sig_status.emit(text)

    def _update_buttons(self) -> None:
        busy = self._job is not None
        self._export.setEnabled(not busy)
        self._browse.setEnabled(not busy)
        self._passphrase.setEnabled(not busy)

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.BUNDLE | Changes.KEYS):
            return
        if self.isVisible():
            self.refresh_history()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.keys_panel.refresh()
            self.refresh_history()

    # --- export ------------------------------------------------------------------------------

    def _ask_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Folder tujuan bundel"), self._folder.text()
        )
        if path:
            self._folder.setText(path)

    def _ask_export(self) -> None:
        if self._job is not None:
            return
        if not self._folder.text().strip():
            self._ask_folder()
            if not self._folder.text().strip():
                return
        self.export_to(Path(self._folder.text().strip()), self._passphrase.text())

    def export_to(self, folder: Path, passphrase: str, *, with_images: bool | None = None) -> bool:
        """Export the bundle into ``folder`` on a worker with a cancellable progress dialog.
        False when refused before starting (the reason is shown inline)."""
        self._passphrase.clear()
        if self._job is not None:
            return False
        self.keys_panel.refresh()
        status = self.keys_panel.status()
        if status is None or not status.has_key:
            self._say(
                self.tr(
                    "Workspace ini belum punya kunci: buat kunci dan permintaan sertifikat "
                    "dulu (panel kiri)."
                ),
                "error",
            )
            return False
        if status.certificate is None:
            self._say(
                self.tr(
                    "Sertifikat belum dipasang: pasang sertifikat dari provinsi dulu (panel kiri)."
                ),
                "error",
            )
            return False
        if status.certificate.revoked:
            self._say(
                self.tr(
                    "Sertifikat kamar hitung ini dicabut oleh provinsi: minta sertifikat baru."
                ),
                "error",
            )
            return False
        if not passphrase:
            self._say(self.tr("Ketik frasa sandi kunci kamar hitung."), "error")
            self._passphrase.setFocus()
            return False
        if not folder.is_dir():
            self._say(self.tr("Folder {path} tidak ada.").format(path=str(folder)), "error")
            return False
        self._folder.setText(str(folder))
        images = self._with_images.isChecked() if with_images is None else with_images
        dialog = QProgressDialog(
            self.tr("Mengekspor bundel…"), self.tr("Batal"), 0, PROGRESS_STEPS, self
        )
        dialog.setObjectName("exportProgress")
        dialog.setWindowTitle(self.tr("Ekspor bundel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoReset(False)  # closed by _end, when the worker has really finished
        dialog.setAutoClose(False)
        self._dialog = dialog
        self._say(self.tr("Mengekspor bundel ke {path}…").format(path=str(folder)))
        dialog.setValue(0)
        ws, actor = self._ctx.ws, self._ctx.actor
        job = self._jobs.run(
            functools.partial(_export, ws, actor, folder, passphrase, images),
            self._done,
            self._failed,
            on_progress=self._progress,
            ctx=self._ctx,
            changes=Changes.BUNDLE,
        )
        dialog.canceled.connect(job.cancel)
        self._job = job
        self._update_buttons()
        return True

    def _progress(self, done: int) -> None:
        # A window-modal progress dialog processes events inside setValue(): the export may end
        # (and the dialog go) during that call, so keep a reference.
        dialog = self._dialog
        if dialog is not None and done < PROGRESS_STEPS:
            dialog.setValue(done)

    def _end(self) -> None:
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        self._job = None
        self._update_buttons()

    def _done(self, outcome: ExportOutcome) -> None:
        self._end()
        self._outcome = outcome
        self._show_result()
        r = outcome.result
        self._say(
            self.tr("Bundel {name} ditulis (urutan {seq}).").format(
                name=r.path.name, seq=r.sequence
            ),
            "ok",
        )
        if r.missing_images:
            self._say(
                self.tr(
                    "Bundel {name} ditulis (urutan {seq}), tetapi {n} foto tidak ada di "
                    "penyimpanan dan tidak ikut."
                ).format(name=r.path.name, seq=r.sequence, n=len(r.missing_images)),
                "warn",
            )
        self.refresh_history()  # the runner then announces Changes.BUNDLE
        self.sig_export_finished.emit(outcome)

    def _failed(self, failure: Failure) -> None:
        self._end()
        if failure.cancelled:
            self._say(self.tr("Ekspor dibatalkan; berkas sebagian sudah dihapus."), "error")
        else:
            self._say(error_text(failure.error), "error")
        self.refresh_history()
        self.sig_export_finished.emit(failure.error)

    def _show_result(self) -> None:
        o = self._outcome
        if o is None:
            self._result.setText(
                self.tr("<span style='color:#52606d'>Belum ada ekspor pada sesi ini.</span>")
            )
            return
        r = o.result
        loc = QLocale()
        parts = [
            f"<b style='font-size:12pt'>{html.escape(r.path.name)}</b>",
            self.tr("Folder: {folder}").format(folder=html.escape(str(r.path.parent))),
            self.tr(
                "Ukuran: {size} ({bytes} bita) · {files} berkas di dalamnya · {images} foto"
            ).format(
                size=_size(r.size),
                bytes=loc.toString(r.size),
                files=r.files,
                images=r.images,
            ),
            self.tr("<b>Urutan: {seq}</b> · ID bundel: <tt>{id}</tt>").format(
                seq=r.sequence, id=html.escape(r.bundle_id)
            ),
            self.tr("SHA-256 berkas: <tt>{sha}</tt>").format(sha=html.escape(r.sha256)),
        ]
        for c in o.contests:
            parts.append(
                "<hr>"
                + self.tr("<b>{name}</b>: {final} dari {total} TPS final").format(
                    name=html.escape(c.name), final=c.tps_final, total=c.tps_total
                )
            )
            parts.append(self.tr("Sidik data laporan rekap kabupaten (tercetak di kertas):"))
            parts.append(
                fingerprint_html(c.paper)
                if c.paper
                else self.tr(
                    "<span style='color:#8a5a00'>data berubah sejak ekspor; cetak laporan "
                    "dan ekspor lagi bersama-sama</span>"
                )
            )
            parts.append(self.tr("Sidik rekap di manifest bundel:"))
            parts.append(fingerprint_html(c.recap))
        self._result.setText("<br>".join(parts))

    # --- history -----------------------------------------------------------------------------

    def refresh_history(self) -> None:
        """Read the exports from the audit trail again (on a worker)."""
        self._stale = False
        ws, actor = self._ctx.ws, self._ctx.actor
        if not audit_log.can_read(actor):
            return
        self._jobs.submit(
            lambda: (
                audit_log.query_events(
                    ws, actor, AuditFilter(action="bundle.export"), limit=HISTORY_LIMIT
                ).events
            ),
            self._set_history,
            lambda e: self._say(error_text(e), "error"),
        )

    def _set_history(self, events: tuple[AuditEvent, ...]) -> None:
        self._history = [e for e in events if e.action == "bundle.export"]
        self._fill_history()

    def _fill_history(self) -> None:
        rows = self._history
        self._table.setRowCount(len(rows))
        loc = QLocale()
        for i, ev in enumerate(rows):
            d = ev.details if isinstance(ev.details, dict) else {}
            ok = ev.outcome == "ok"
            size = d.get("size")
            sha = str(d.get("sha256", ""))
            cells = [
                ev.at[:19].replace("T", " "),
                str(d.get("file", "")),
                str(d.get("sequence", "")),
                _size(size) if isinstance(size, int) else "",
                sha[:16] + ("…" if sha else ""),
                ev.user or "",
                self.tr("berhasil")
                if ok
                else self.tr("gagal: {reason}").format(reason=str(d.get("reason", ""))[:120]),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 3):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if col == 4 and sha:
                    item.setToolTip(sha)
                if col == 3 and isinstance(size, int):
                    item.setToolTip(loc.toString(size))
                if not ok:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self._table.setItem(i, col, item)
