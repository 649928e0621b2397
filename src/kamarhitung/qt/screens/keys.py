"""Keys in the GUI (BUNDLE.md "Keys"): the kabupaten's key panel and the province's CA panel.

:class:`KeysPanel` sits in the export screen of a kabupaten workspace: what the workspace holds
(key, request, certificate with its subject, ``OU``, validity and issuer, the CRL's dates, the
province's recipient), making the key and its certificate request (the passphrase typed twice;
the request copied to a chosen file for the trip to the province), and installing what the
province sent back (``cert.pem``, ``ca.pem``, ``crl.pem``, ``recipient.txt``).

:class:`CaPanel` sits in the province screen: the CA folder's state, creating the CA and the age
identity, issuing a certificate from a request, and revoking one (re-signing ``crl.pem``).

Every action has a method taking paths and passphrases (the buttons open the file choosers, then
call it), so tests drive the panels without dialogs. Each action runs through the panel's runner
(scrypt takes about a second per key) and announces ``Changes.KEYS``; passphrase fields are cleared as soon as they are read, and no passphrase is logged or
kept. Errors are shown inline, in Indonesian (:func:`error_text`), with the service's own
sentence as detail.
"""

from __future__ import annotations

import datetime as dt
import errno
import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core import keys as k
from kamarhitung.core.bundle import BundleError
from kamarhitung.core.refusal import Refusal
from kamarhitung.core.report import fingerprint_groups
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import time_text
from kamarhitung.qt.models.background import Background, Failure
from kamarhitung.services import keys, province
from kamarhitung.services.bundle import ExportError
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import (
    AuthError,
    ConflictError,
    IntegrityError,
    NotFoundError,
    PermissionDeniedError,
    ServiceError,
)
from kamarhitung.services.province_ca import CaState as CaState
from kamarhitung.services.province_ca import read_ca_state

COLOURS = {"info": "#2f3b45", "ok": "#2e7d32", "error": "#8c1d18", "warn": "#8a5a00"}


def _export_cause(e: BaseException) -> str:
    """Why an export stopped, from the error it was raised from (never from its text): "full",
    "cancelled" or ""."""
    cause = e.__cause__ or e.__context__
    if isinstance(cause, OSError) and cause.errno in (errno.ENOSPC, errno.EFBIG):
        return "full"
    if isinstance(cause, BundleError) and cause.code == "EXPORT_CANCELLED":
        return "cancelled"
    return ""


def error_text(e: BaseException) -> str:
    """An error of the key, bundle or province services as one sentence in the interface's
    language: a coded refusal in its own words; the others by their kind, the service's
    sentence following as detail."""
    detail = i18n.refusal_text(e)
    if isinstance(e, BundleError):
        return QCoreApplication.translate("keys", "Bundel ditolak: {reason}").format(reason=detail)
    if isinstance(e, keys.KeyServiceError):
        return QCoreApplication.translate(
            "keys", "Berkas kunci atau sertifikat tidak cocok: {detail}"
        ).format(detail=detail)
    if isinstance(e, Refusal) and not isinstance(e, ExportError):
        return detail
    if isinstance(e, keys.WrongPassphrase):
        return QCoreApplication.translate(
            "keys", "Frasa sandi salah: kunci tidak dapat dibuka. Periksa huruf besar/kecil."
        )
    if isinstance(e, IntegrityError):
        return QCoreApplication.translate(
            "keys",
            "Ditolak: workspace tidak lolos verifikasi audit (data diubah di luar aplikasi). "
            "Jalankan Verifikasi rantai di layar Audit. ({detail})",
        ).format(detail=detail)
    if isinstance(e, ExportError):
        if e.code == "STAGING_FULL" or _export_cause(e) == "full":
            return QCoreApplication.translate(
                "keys",
                "Ruang di drive tujuan tidak cukup; berkas sebagian sudah dihapus. Pakai drive "
                "lain atau kosongkan ruang. ({detail})",
            ).format(detail=detail)
        if _export_cause(e) == "cancelled":
            return QCoreApplication.translate(
                "keys", "Ekspor dibatalkan; berkas sebagian sudah dihapus."
            )
        return QCoreApplication.translate("keys", "Ekspor gagal: {detail}").format(detail=detail)
    if isinstance(e, NotFoundError):
        return QCoreApplication.translate("keys", "Berkas tidak ditemukan: {detail}").format(
            detail=detail
        )
    if isinstance(e, PermissionDeniedError):
        return QCoreApplication.translate(
            "keys", "Peran Anda tidak boleh melakukan ini: {detail}"
        ).format(detail=detail)
    if isinstance(e, AuthError):
        return QCoreApplication.translate("keys", "Ditolak: {detail}").format(detail=detail)
    if isinstance(e, ConflictError):
        return QCoreApplication.translate("keys", "Tidak dapat dilakukan: {detail}").format(
            detail=detail
        )
    if isinstance(e, ServiceError):
        return QCoreApplication.translate("keys", "Ditolak: {detail}").format(detail=detail)
    if isinstance(e, OSError):
        return QCoreApplication.translate(
            "keys", "Berkas tidak dapat dibaca atau ditulis: {detail}"
        ).format(detail=e.strerror or detail)
    return QCoreApplication.translate("keys", "Kesalahan program: {detail}").format(
        detail=f"{type(e).__name__}: {detail}"
    )


def fingerprint_html(fingerprint: str) -> str:
    """A SHA-256 fingerprint as the paper prints it: 16 numbered groups of 4, two rows of 8."""
    try:
        groups = fingerprint_groups(fingerprint)
    except ValueError:
        return f"<tt>{html.escape(fingerprint)}</tt>"
    rows = []
    for start in (0, 8):
        cells = "".join(
            f"<td style='padding:0 6px 2px 0'><span style='color:#7b8794;font-size:7pt'>"
            f"{start + i + 1}</span><br><tt style='font-size:10.5pt'>{g}</tt></td>"
            for i, g in enumerate(groups[start : start + 8])
        )
        rows.append(f"<tr>{cells}</tr>")
    return f"<table cellspacing='0'>{''.join(rows)}</table>"


def short_key(text: str, head: int = 14, tail: int = 8) -> str:
    """A long key (an ``age1…`` recipient) shortened for display: its start and its end."""
    return text if len(text) <= head + tail + 1 else f"{text[:head]}…{text[-tail:]}"


def message_html(text: str, kind: str = "info") -> str:
    colour = COLOURS.get(kind, COLOURS["info"])
    return f"<span style='color:{colour}'>{html.escape(text)}</span>"


def passphrase_edit(parent: QWidget, name: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, False)
    return edit


def check_new_passphrase(first: str, second: str) -> str | None:
    """Why a new passphrase typed twice is refused (Indonesian), or None."""
    if first != second:
        return QCoreApplication.translate("keys", "Kedua frasa sandi berbeda; ketik ulang.")
    if len(first) < k.MIN_PASSPHRASE:
        return QCoreApplication.translate("keys", "Frasa sandi minimal {n} karakter.").format(
            n=k.MIN_PASSPHRASE
        )
    return None


def _date(stamp: str | dt.datetime | None) -> str:
    return time_text(stamp)


class _FileRow(QWidget):
    """A path field with its "Pilih…" button."""

    def __init__(self, parent: QWidget, name: str, choose: Callable[[_FileRow], None]) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(name)
        self.button = QPushButton(self)
        self.button.setObjectName(f"{name}Browse")
        self.button.clicked.connect(lambda: choose(self))
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.button)

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text) if text else None


# === the kabupaten's keys =====================================================================


@dataclass(frozen=True, slots=True)
class _Generated:
    request: keys.KeyRequest
    copy: Path | None


class KeysPanel(QGroupBox):
    """The workspace's key and certificate (a kabupaten workspace; supervisors and admins)."""

    sig_changed = Signal()
    """A key was made or a certificate installed."""

    work_factor: int | None = None
    """scrypt's log2 N for new keys; None is the calibrated default (tests lower it)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysPanel")
        self._ctx = ctx
        self._jobs = Background(self)
        self._status: keys.KeyStatus | None = None

        self._state = QLabel(self)
        self._state.setObjectName("keysStatus")
        self._state.setWordWrap(True)
        self._state.setTextFormat(Qt.TextFormat.RichText)
        self._state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card = QFrame(self)
        card.setObjectName("card")
        cl = QVBoxLayout(card)
        cl.addWidget(self._state)

        # --- a new key
        self._gen_title = QLabel(self)
        self._gen_title.setObjectName("sectionTitle")
        self._gen_help = QLabel(self)
        self._gen_help.setObjectName("muted")
        self._gen_help.setWordWrap(True)
        self._pass1 = passphrase_edit(self, "keysNewPassphrase")
        self._pass2 = passphrase_edit(self, "keysNewPassphrase2")
        self._replace = QCheckBox(self)
        self._replace.setObjectName("keysReplace")
        self._generate = QPushButton(self)
        self._generate.setObjectName("keysGenerate")
        gen_form = QFormLayout()
        self._pass1_label = QLabel(self)
        self._pass2_label = QLabel(self)
        gen_form.addRow(self._pass1_label, self._pass1)
        gen_form.addRow(self._pass2_label, self._pass2)

        # --- installing the province's answer
        self._inst_title = QLabel(self)
        self._inst_title.setObjectName("sectionTitle")
        self._inst_help = QLabel(self)
        self._inst_help.setObjectName("muted")
        self._inst_help.setWordWrap(True)
        self._cert = _FileRow(self, "keysCertFile", self._choose_file)
        self._ca = _FileRow(self, "keysCaFile", self._choose_file)
        self._crl = _FileRow(self, "keysCrlFile", self._choose_file)
        self._recipient = _FileRow(self, "keysRecipientFile", self._choose_file)
        self._install = QPushButton(self)
        self._install.setObjectName("keysInstall")
        inst_form = QFormLayout()
        self._file_labels = [QLabel(self) for _ in range(4)]
        for label, row in zip(
            self._file_labels, (self._cert, self._ca, self._crl, self._recipient), strict=True
        ):
            inst_form.addRow(label, row)

        self._message = QLabel(self)
        self._message.setObjectName("keysMessage")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.RichText)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        lay = QVBoxLayout(self)
        lay.addWidget(card)
        lay.addSpacing(6)
        lay.addWidget(self._gen_title)
        lay.addWidget(self._gen_help)
        lay.addLayout(gen_form)
        lay.addWidget(self._replace)
        lay.addWidget(self._generate)
        lay.addSpacing(6)
        lay.addWidget(self._inst_title)
        lay.addWidget(self._inst_help)
        lay.addLayout(inst_form)
        lay.addWidget(self._install)
        lay.addWidget(self._message)
        lay.addStretch(1)

        self._generate.clicked.connect(self._ask_generate)
        self._pass2.returnPressed.connect(self._ask_generate)
        self._install.clicked.connect(self._ask_install)
        self._cert.edit.textChanged.connect(self._guess_siblings)

        self.retranslate()
        self.refresh()

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Kunci dan sertifikat kamar hitung"))
        self._gen_title.setText(self.tr("Kunci baru"))
        self._gen_help.setText(
            self.tr(
                "Membuat kunci penanda tangan (dienkripsi dengan frasa sandi) dan permintaan "
                "sertifikat. Bawa berkas permintaan (.csr) ke provinsi; frasa sandi tidak "
                "disimpan di mana pun."
            )
        )
        self._pass1_label.setText(self.tr("Frasa sandi"))
        self._pass2_label.setText(self.tr("Ulangi frasa sandi"))
        self._pass1.setPlaceholderText(self.tr("minimal {n} karakter").format(n=k.MIN_PASSPHRASE))
        self._replace.setText(self.tr("Ganti kunci yang ada (sertifikat lama tidak berlaku lagi)"))
        self._generate.setText(self.tr("Buat kunci && permintaan sertifikat…"))
        self._inst_title.setText(self.tr("Pasang sertifikat dari provinsi"))
        self._inst_help.setText(
            self.tr(
                "Pilih berkas yang dibawa kembali dari provinsi. Semuanya diperiksa sebelum "
                "dipasang."
            )
        )
        for label, text in zip(
            self._file_labels,
            (
                self.tr("Sertifikat (cert.pem)"),
                self.tr("Sertifikat CA (ca.pem)"),
                self.tr("Daftar pencabutan (crl.pem)"),
                self.tr("Penerima (recipient.txt)"),
            ),
            strict=True,
        ):
            label.setText(text)
        for row in (self._cert, self._ca, self._crl, self._recipient):
            row.button.setText(self.tr("Pilih…"))
        self._install.setText(self.tr("Pasang sertifikat"))
        self._show_status()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state -------------------------------------------------------------------------------

    def status(self) -> keys.KeyStatus | None:
        return self._status

    def status_text(self) -> str:
        return self._state.text()

    def message_text(self) -> str:
        return self._message.text()

    def busy(self) -> bool:
        return self._jobs.busy()

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        return self._jobs.wait_idle(timeout_ms)

    def refresh(self) -> None:
        """Read the workspace's key files again (public parts only: no passphrase)."""
        self._status = keys.key_status(self._ctx.ws)
        self._show_status()

    def _crl_dates(self) -> tuple[dt.datetime | None, dt.datetime | None] | None:
        return keys.crl_dates(self._ctx.ws)

    def _show_status(self) -> None:
        st = self._status
        if st is None:
            return
        yes, no = self.tr("ada"), self.tr("belum ada")
        lines = [
            self.tr("<b>Kunci penanda tangan:</b> {state}").format(state=yes if st.has_key else no),
            self.tr("<b>Permintaan sertifikat:</b> {state}").format(
                state=yes if st.has_request else no
            ),
        ]
        c = st.certificate
        now = self._ctx.ws.clock.now()
        if c is None:
            lines.append(
                self.tr("<b>Sertifikat:</b> <span style='color:#8c1d18'>belum dipasang</span>")
            )
        else:
            expired = dt.datetime.fromisoformat(c.not_after) < now
            state = (
                self.tr("<span style='color:#8c1d18'>DICABUT</span>")
                if c.revoked
                else self.tr("<span style='color:#8c1d18'>KEDALUWARSA</span>")
                if expired
                else self.tr("<span style='color:#2e7d32'>terpasang</span>")
            )
            lines += [
                self.tr("<b>Sertifikat:</b> {state}").format(state=state),
                self.tr("Subjek: {subject}").format(subject=html.escape(c.subject)),
                self.tr("Kabupaten (OU): {ou}").format(
                    ou=html.escape(f"KAB-{c.kabupaten}" if c.kabupaten else "—")
                ),
                self.tr("Berlaku: {start} s.d. {end}").format(
                    start=_date(c.not_before), end=_date(c.not_after)
                ),
                self.tr("Penerbit: {ca}").format(ca=html.escape(c.ca_subject)),
                self.tr("Nomor seri: <tt>{serial}</tt>").format(serial=html.escape(c.serial)),
            ]
        crl = self._crl_dates()
        if crl is None:
            lines.append(self.tr("Daftar pencabutan (CRL): belum dipasang"))
        else:
            issued, until = crl
            stale = until is not None and until < now
            lines.append(
                self.tr(
                    "Daftar pencabutan (CRL): terbit {issued}, berlaku s.d. {until}{stale}"
                ).format(
                    issued=_date(issued),
                    until=_date(until),
                    stale=self.tr(" — <b style='color:#8c1d18'>KEDALUWARSA</b>") if stale else "",
                )
            )
        recipients = c.recipients if c is not None else ()
        lines.append(
            self.tr("Penerima bundel (provinsi): {recipients}").format(
                recipients=", ".join(f"<tt>{html.escape(short_key(r))}</tt>" for r in recipients)
                if recipients
                else "—"
            )
        )
        self._state.setText("<br>".join(lines))
        self._state.setToolTip("\n".join(recipients))

    def _say(self, text: str, kind: str = "info") -> None:
        self._message.setText(message_html(text, kind))
        if kind == "ok":
            self._ctx.sig_status.emit(text)

    def _run_failed(self, failure: Failure) -> None:
        self._failed(failure.error)

    def _failed(self, e: BaseException) -> None:
        self._generate.setEnabled(True)
        self._install.setEnabled(True)
        self._say(error_text(e), "error")

    # --- a new key ---------------------------------------------------------------------------

    def _ask_generate(self) -> None:
        first, second = self._pass1.text(), self._pass2.text()
        problem = check_new_passphrase(first, second)
        if problem is not None:
            self._say(problem, "error")
            return
        code = self._ctx.ws.meta().get("kabupaten_code", "")
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan permintaan sertifikat untuk provinsi"),
            f"KAB-{code}-request.csr",
            self.tr("Permintaan sertifikat (*.csr);;Semua berkas (*)"),
        )
        if path:
            self.generate_key(first, second, Path(path))

    def generate_key(
        self,
        passphrase: str,
        repeat: str,
        csr_out: Path | None,
        *,
        replace: bool | None = None,
    ) -> bool:
        """Make the key and request (on a worker) and copy the request to ``csr_out``.
        False when refused before starting (shown inline)."""
        self._pass1.clear()
        self._pass2.clear()
        problem = check_new_passphrase(passphrase, repeat)
        if problem is not None:
            self._say(problem, "error")
            return False
        replace = self._replace.isChecked() if replace is None else replace
        if self._status is not None and self._status.has_key and not replace:
            self._say(
                self.tr(
                    "Workspace ini sudah punya kunci. Centang \u201cGanti kunci yang ada\u201d "
                    "untuk membuat yang baru (sertifikatnya harus diterbitkan ulang)."
                ),
                "error",
            )
            return False
        ctx, work_factor = self._ctx, self.work_factor

        def work() -> _Generated:
            req = keys.generate_key(
                ctx.ws, ctx.actor, passphrase, replace=replace, work_factor=work_factor
            )
            if csr_out is not None:
                keys.atomic_write(csr_out, req.csr_path.read_bytes())
            return _Generated(req, csr_out)

        self._generate.setEnabled(False)
        self._say(self.tr("Membuat kunci…"))
        self._jobs.run(
            lambda job: work(),
            self._generated,
            self._run_failed,
            ctx=ctx,
            changes=Changes.KEYS,
        )
        return True

    def _generated(self, g: _Generated) -> None:
        self._generate.setEnabled(True)
        self._replace.setChecked(False)
        self.refresh()
        where = g.copy if g.copy is not None else g.request.csr_path
        self._say(
            self.tr(
                "Kunci dibuat. Bawa permintaan sertifikat {path} ke provinsi. Sidik kunci "
                "publik: {fp}"
            ).format(path=str(where), fp=g.request.fingerprint),
            "ok",
        )
        self.sig_changed.emit()

    # --- installing --------------------------------------------------------------------------

    def _choose_file(self, row: _FileRow) -> None:
        filters = {
            self._cert: self.tr("Sertifikat (*.pem *.crt);;Semua berkas (*)"),
            self._ca: self.tr("Sertifikat (*.pem *.crt);;Semua berkas (*)"),
            self._crl: self.tr("Daftar pencabutan (*.pem *.crl);;Semua berkas (*)"),
            self._recipient: self.tr("Penerima (*.txt);;Semua berkas (*)"),
        }
        start = row.edit.text() or (str(p.parent) if (p := self._cert.path()) else "")
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Pilih berkas"), start, filters[row])
        if path:
            row.edit.setText(path)

    def _guess_siblings(self, text: str) -> None:
        """The province gives its four files together: fill the others from the same folder."""
        folder = Path(text).parent if text.strip() else None
        if folder is None or not folder.is_dir():
            return
        for row, name in (
            (self._ca, keys.CA_FILE),
            (self._crl, keys.CRL_FILE),
            (self._recipient, keys.RECIPIENT_FILE),
        ):
            if not row.edit.text().strip() and (folder / name).is_file():
                row.edit.setText(str(folder / name))

    def _ask_install(self) -> None:
        paths = [r.path() for r in (self._cert, self._ca, self._crl, self._recipient)]
        if any(p is None for p in paths):
            self._say(self.tr("Pilih keempat berkas dari provinsi dulu."), "error")
            return
        cert, ca, crl, recipient = (p for p in paths if p is not None)
        self.install_files(cert, ca, crl, recipient)

    def install_files(self, cert: Path, ca: Path, crl: Path, recipient: Path) -> None:
        """Check and install the province's four files (on a worker)."""
        ctx = self._ctx

        def work() -> keys.CertInfo:
            return keys.install_certificate(
                ctx.ws,
                ctx.actor,
                cert_pem=keys.read_file(cert, what=str(cert)),
                ca_pem=keys.read_file(ca, what=str(ca)),
                crl_pem=keys.read_file(crl, what=str(crl)),
                recipient_text=keys.read_file(recipient, what=str(recipient)).decode(
                    "utf-8", "replace"
                ),
            )

        self._install.setEnabled(False)
        self._say(self.tr("Memeriksa sertifikat…"))
        self._jobs.run(
            lambda job: work(),
            self._installed,
            self._run_failed,
            ctx=ctx,
            changes=Changes.KEYS,
        )

    def _installed(self, info: keys.CertInfo) -> None:
        self._install.setEnabled(True)
        for row in (self._cert, self._ca, self._crl, self._recipient):
            row.edit.clear()
        self.refresh()
        self._say(
            self.tr("Sertifikat {subject} terpasang, berlaku s.d. {until}.").format(
                subject=info.subject, until=_date(info.not_after)
            ),
            "ok",
        )
        self.sig_changed.emit()


# === the province's CA ========================================================================


class CaPanel(QGroupBox):
    """The province's certificate authority: create, issue, revoke (files, offline)."""

    sig_changed = Signal()
    """The CA folder changed (created, a certificate issued, the CRL re-signed)."""

    work_factor: int | None = None
    """scrypt's log2 N for new keys; None is the calibrated default (tests lower it)."""

    def __init__(
        self, ctx: AppContext, folder: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("caPanel")
        self._ctx = ctx
        self._jobs = Background(self)

        self._folder = _FileRow(self, "caFolder", self._choose_folder)
        self._folder.edit.setText(str(folder if folder is not None else ctx.ws.path))
        self._folder_label = QLabel(self)
        self._state = QLabel(self)
        self._state.setObjectName("caStatus")
        self._state.setWordWrap(True)
        self._state.setTextFormat(Qt.TextFormat.RichText)
        self._state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        card = QFrame(self)
        card.setObjectName("card")
        QVBoxLayout(card).addWidget(self._state)

        # create
        self._create_title = QLabel(self)
        self._create_title.setObjectName("sectionTitle")
        self._name = QLineEdit(self)
        self._name.setObjectName("caName")
        self._ca_pw1 = passphrase_edit(self, "caNewPassphrase")
        self._ca_pw2 = passphrase_edit(self, "caNewPassphrase2")
        self._id_pw1 = passphrase_edit(self, "caIdentityPassphrase")
        self._id_pw2 = passphrase_edit(self, "caIdentityPassphrase2")
        self._create = QPushButton(self)
        self._create.setObjectName("caCreate")
        self._create_labels = [QLabel(self) for _ in range(5)]
        create_form = QFormLayout()
        for label, w in zip(
            self._create_labels,
            (self._name, self._ca_pw1, self._ca_pw2, self._id_pw1, self._id_pw2),
            strict=True,
        ):
            create_form.addRow(label, w)

        # issue and revoke (one CA passphrase for both)
        self._use_title = QLabel(self)
        self._use_title.setObjectName("sectionTitle")
        self._ca_pw = passphrase_edit(self, "caPassphrase")
        self._csr = _FileRow(self, "caCsrFile", self._choose_csr)
        self._days = QSpinBox(self)
        self._days.setObjectName("caDays")
        self._days.setRange(1, 3660)
        self._days.setValue(k.CERT_DAYS)
        self._issue = QPushButton(self)
        self._issue.setObjectName("caIssue")
        self._target = _FileRow(self, "caRevokeTarget", self._choose_cert)
        self._revoke = QPushButton(self)
        self._revoke.setObjectName("caRevoke")
        self._use_labels = [QLabel(self) for _ in range(4)]
        use_form = QFormLayout()
        use_form.addRow(self._use_labels[0], self._ca_pw)
        use_form.addRow(self._use_labels[1], self._csr)
        use_form.addRow(self._use_labels[2], self._days)
        use_form.addRow("", self._issue)
        use_form.addRow(self._use_labels[3], self._target)
        use_form.addRow("", self._revoke)

        self._message = QLabel(self)
        self._message.setObjectName("caMessage")
        self._message.setWordWrap(True)
        self._message.setTextFormat(Qt.TextFormat.RichText)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        folder_row = QFormLayout()
        folder_row.addRow(self._folder_label, self._folder)
        lay = QVBoxLayout(self)
        lay.addLayout(folder_row)
        lay.addWidget(card)
        lay.addSpacing(6)
        lay.addWidget(self._use_title)
        lay.addLayout(use_form)
        lay.addSpacing(6)
        lay.addWidget(self._create_title)
        lay.addLayout(create_form)
        lay.addWidget(self._create)
        lay.addWidget(self._message)
        lay.addStretch(1)

        self._folder.edit.editingFinished.connect(self.refresh)
        self._create.clicked.connect(self._ask_create)
        self._issue.clicked.connect(self._ask_issue)
        self._revoke.clicked.connect(self._ask_revoke)

        self.retranslate()
        self.refresh()

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setTitle(self.tr("Otoritas sertifikat provinsi (CA)"))
        self._folder_label.setText(self.tr("Folder CA"))
        self._folder.button.setText(self.tr("Pilih…"))
        self._create_title.setText(self.tr("Buat CA dan identitas baru"))
        for label, text in zip(
            self._create_labels,
            (
                self.tr("Nama provinsi"),
                self.tr("Frasa sandi kunci CA"),
                self.tr("Ulangi"),
                self.tr("Frasa sandi identitas"),
                self.tr("Ulangi"),
            ),
            strict=True,
        ):
            label.setText(text)
        self._name.setPlaceholderText(self.tr("mis. PROVINSI JAWA TIMUR"))
        self._create.setText(self.tr("Buat CA dan identitas"))
        self._use_title.setText(self.tr("Terbitkan atau cabut sertifikat kabupaten"))
        for label, text in zip(
            self._use_labels,
            (
                self.tr("Frasa sandi kunci CA"),
                self.tr("Permintaan (.csr)"),
                self.tr("Masa berlaku (hari)"),
                self.tr("Sertifikat / nomor seri"),
            ),
            strict=True,
        ):
            label.setText(text)
        self._csr.button.setText(self.tr("Pilih…"))
        self._target.button.setText(self.tr("Pilih…"))
        self._target.edit.setPlaceholderText(self.tr("berkas cert.pem atau nomor seri (hex)"))
        self._issue.setText(self.tr("Terbitkan sertifikat…"))
        self._revoke.setText(self.tr("Cabut sertifikat"))
        self._show_state()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state -------------------------------------------------------------------------------

    def folder(self) -> Path:
        return Path(self._folder.edit.text().strip() or str(self._ctx.ws.path))

    def set_folder(self, folder: Path) -> None:
        self._folder.edit.setText(str(folder))
        self.refresh()

    def status_text(self) -> str:
        return self._state.text()

    def message_text(self) -> str:
        return self._message.text()

    def busy(self) -> bool:
        return self._jobs.busy()

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        return self._jobs.wait_idle(timeout_ms)

    def refresh(self) -> None:
        self._ca_state = read_ca_state(self.folder())
        self._show_state()

    def _show_state(self) -> None:
        st = getattr(self, "_ca_state", None)
        if st is None:
            return
        if st.subject is None:
            self._state.setText(
                self.tr(
                    "Folder ini belum berisi CA (ca.pem). Buat CA baru di bawah, atau "
                    "pilih folder CA yang ada."
                )
            )
            return
        wrapped = (
            self.tr("terenkripsi frasa sandi")
            if st.identity_wrapped
            else self.tr("TIDAK terenkripsi (kunci demo)")
            if st.identity_wrapped is False
            else self.tr("tidak ada")
        )
        lines = [
            self.tr("<b>CA:</b> {subject}").format(subject=html.escape(st.subject)),
            self.tr("Berlaku s.d. {until}").format(until=_date(st.not_after)),
            self.tr("CRL nomor {n}: {revoked} sertifikat dicabut, berlaku s.d. {until}").format(
                n=st.crl_number if st.crl_number is not None else "—",
                revoked=st.revoked,
                until=_date(st.crl_next_update),
            ),
            self.tr("Identitas (identity.age): {state}").format(state=wrapped),
            self.tr("Penerima: {recipients}").format(
                recipients=", ".join(f"<tt>{html.escape(short_key(r))}</tt>" for r in st.recipients)
                or "—"
            ),
            self.tr("Sertifikat diterbitkan: {n}").format(n=st.issued),
        ]
        self._state.setText("<br>".join(lines))
        self._state.setToolTip("\n".join(st.recipients))

    def _say(self, text: str, kind: str = "info") -> None:
        self._message.setText(message_html(text, kind))
        if kind == "ok":
            self._ctx.sig_status.emit(text)

    def _run_failed(self, failure: Failure) -> None:
        self._failed(failure.error)

    def _failed(self, e: BaseException) -> None:
        for b in (self._create, self._issue, self._revoke):
            b.setEnabled(True)
        self._say(error_text(e), "error")

    def _done(self, text: str) -> None:
        for b in (self._create, self._issue, self._revoke):
            b.setEnabled(True)
        self.refresh()
        self._say(text, "ok")
        self.sig_changed.emit()

    # --- choosers ----------------------------------------------------------------------------

    def _choose_folder(self, row: _FileRow) -> None:
        path = QFileDialog.getExistingDirectory(self, self.tr("Folder CA"), row.edit.text())
        if path:
            self.set_folder(Path(path))

    def _choose_csr(self, row: _FileRow) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Permintaan sertifikat dari kabupaten"),
            row.edit.text(),
            self.tr("Permintaan sertifikat (*.csr *.pem);;Semua berkas (*)"),
        )
        if path:
            row.edit.setText(path)

    def _choose_cert(self, row: _FileRow) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Sertifikat yang dicabut"),
            str(self.folder() / province.ISSUED),
            self.tr("Sertifikat (*.pem *.crt);;Semua berkas (*)"),
        )
        if path:
            row.edit.setText(path)

    # --- create ------------------------------------------------------------------------------

    def _ask_create(self) -> None:
        self.create_ca(
            self.folder(),
            self._name.text(),
            self._ca_pw1.text(),
            self._ca_pw2.text(),
            self._id_pw1.text(),
            self._id_pw2.text(),
        )

    def create_ca(
        self,
        folder: Path,
        name: str,
        ca_passphrase: str,
        ca_repeat: str,
        identity_passphrase: str,
        identity_repeat: str,
    ) -> bool:
        """Create the CA, its CRL and the age identity in ``folder`` (on a worker)."""
        for edit in (self._ca_pw1, self._ca_pw2, self._id_pw1, self._id_pw2):
            edit.clear()
        for first, second, what in (
            (ca_passphrase, ca_repeat, self.tr("Kunci CA")),
            (identity_passphrase, identity_repeat, self.tr("Identitas")),
        ):
            problem = check_new_passphrase(first, second)
            if problem is not None:
                self._say(f"{what}: {problem}", "error")
                return False
        if ca_passphrase == identity_passphrase:
            self._say(
                self.tr("Pakai frasa sandi yang berbeda untuk kunci CA dan untuk identitas."),
                "error",
            )
            return False
        self._folder.edit.setText(str(folder))
        now, work_factor = self._ctx.ws.clock.now(), self.work_factor

        def work() -> province.CaInfo:
            return province.ca_init(
                folder,
                name=name.strip() or "PROVINSI",
                ca_passphrase=ca_passphrase,
                identity_passphrase=identity_passphrase,
                now=now,
                work_factor=work_factor,
            )

        def done(info: province.CaInfo) -> None:
            self._done(
                self.tr(
                    "CA {subject} dibuat di {folder}. Berikan recipient.txt, ca.pem dan crl.pem "
                    "kepada setiap kabupaten; simpan ca-key.age dan identity.age di tempat aman."
                ).format(subject=info.subject, folder=str(info.path))
            )

        self._create.setEnabled(False)
        self._say(self.tr("Membuat CA dan identitas…"))
        self._jobs.run(
            lambda job: work(),
            done,
            self._run_failed,
            ctx=self._ctx,
            changes=Changes.KEYS,  # the CA's files (and the workspace's CRL on a revocation)
        )
        return True

    # --- issue -------------------------------------------------------------------------------

    def _ask_issue(self) -> None:
        csr = self._csr.path()
        if csr is None:
            self._say(self.tr("Pilih permintaan sertifikat (.csr) dari kabupaten dulu."), "error")
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan sertifikat untuk kabupaten"),
            str(csr.with_name("cert.pem")),
            self.tr("Sertifikat (*.pem);;Semua berkas (*)"),
        )
        if path:
            self.issue_certificate(csr, Path(path), self._ca_pw.text(), self._days.value())

    def issue_certificate(self, csr: Path, out: Path, ca_passphrase: str, days: int) -> bool:
        """Issue a certificate for the request ``csr`` into ``out`` (on a worker); the CA's
        ``ca.pem``, ``crl.pem`` and ``recipient.txt`` are copied beside it when absent, so the
        kabupaten receives the four files it installs together."""
        self._ca_pw.clear()
        if not ca_passphrase:
            self._say(self.tr("Ketik frasa sandi kunci CA."), "error")
            return False
        if out.exists():
            self._say(
                self.tr("{path} sudah ada; pilih nama lain (tidak ditimpa).").format(path=str(out)),
                "error",
            )
            return False
        folder, now = self.folder(), self._ctx.ws.clock.now()

        def work() -> province.IssuedCert:
            issued = province.issue(
                folder, keys.read_file(csr, what=str(csr)), ca_passphrase, now=now, days=days
            )
            keys.atomic_write(out, issued.pem)
            for name in (province.CA_CERT, province.CRL, province.RECIPIENT):
                if not (out.parent / name).exists() and out.parent != folder:
                    keys.atomic_write(out.parent / name, (folder / name).read_bytes())
            return issued

        def done(issued: province.IssuedCert) -> None:
            self._csr.edit.clear()
            self._done(
                self.tr(
                    "Sertifikat untuk KAB-{code} diterbitkan ke {path} (nomor seri {serial}, "
                    "berlaku s.d. {until}). Serahkan bersama ca.pem, crl.pem dan recipient.txt."
                ).format(
                    code=issued.kabupaten,
                    path=str(out),
                    serial=issued.serial,
                    until=_date(issued.not_after),
                )
            )

        self._issue.setEnabled(False)
        self._say(self.tr("Menerbitkan sertifikat…"))
        self._jobs.run(
            lambda job: work(),
            done,
            self._run_failed,
            ctx=self._ctx,
            changes=Changes.KEYS,  # the CA's files (and the workspace's CRL on a revocation)
        )
        return True

    # --- revoke ------------------------------------------------------------------------------

    def _ask_revoke(self) -> None:
        self.revoke(self._target.edit.text().strip(), self._ca_pw.text())

    def revoke(self, target: str | Path, ca_passphrase: str) -> bool:
        """Revoke a certificate (a file, or a serial in hex) by re-signing ``crl.pem``."""
        self._ca_pw.clear()
        text = str(target).strip()
        if not text:
            self._say(self.tr("Pilih sertifikat atau ketik nomor serinya."), "error")
            return False
        if not ca_passphrase:
            self._say(self.tr("Ketik frasa sandi kunci CA."), "error")
            return False
        folder, now = self.folder(), self._ctx.ws.clock.now()
        path = Path(text)

        def work() -> province.CrlUpdate:
            what: bytes | str = keys.read_file(path, what=text) if path.is_file() else text
            return province.revoke(folder, what, ca_passphrase, now=now)

        def done(upd: province.CrlUpdate) -> None:
            self._target.edit.clear()
            extra = (
                self.tr(" CRL workspace provinsi ini ikut diperbarui.")
                if upd.workspace_updated
                else ""
            )
            self._done(
                self.tr(
                    "Nomor seri {serial} dicabut. {crl} (nomor {n}) berlaku s.d. {until}: "
                    "berikan kepada setiap kabupaten.{extra}"
                ).format(
                    serial=upd.serial,
                    crl=str(folder / province.CRL),
                    n=upd.crl_number,
                    until=_date(upd.next_update or None),
                    extra=extra,
                )
            )

        self._revoke.setEnabled(False)
        self._say(self.tr("Mencabut sertifikat…"))
        self._jobs.run(
            lambda job: work(),
            done,
            self._run_failed,
            ctx=self._ctx,
            changes=Changes.KEYS,  # the CA's files (and the workspace's CRL on a revocation)
        )
        return True
