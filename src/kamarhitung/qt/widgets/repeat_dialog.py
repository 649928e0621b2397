"""The supervisor's dialog to mark a repeat vote (PSU, PSL, PSS) at one TPS for one contest.

Kind, the decision's reference and the reason, all by keyboard (Tab between them, Enter to
record). A refusal (a finalised region, an empty reason) is shown inside the dialog, which stays
open; on success the form is keyed afresh (services/repeat.py).
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.model import dotted
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import refusal_text
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import ServiceError
from kamarhitung.services.repeat import REPEAT_KINDS, RepeatVote, mark_repeat_vote


class RepeatVoteDialog(QDialog):
    """Mark a repeat vote; :attr:`result_vote` holds it once accepted."""

    def __init__(
        self, ctx: AppContext, tps_id: str, contest_id: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("repeatVoteDialog")
        self._ctx = ctx
        self.tps_id = tps_id
        self.contest_id = contest_id
        self.result_vote: RepeatVote | None = None
        self.setWindowTitle(self.tr("Pemungutan suara ulang"))
        intro = QLabel(
            self.tr(
                "TPS {tps} · {contest}: hasil formulir ini diganti oleh pemungutan suara ulang. "
                "Catatan lama tetap tersimpan di riwayat dan jejak audit; formulir baru dientri "
                "ganda dari awal."
            ).format(tps=dotted(tps_id), contest=ctx.ws.contest(contest_id).name),
            self,
        )
        intro.setWordWrap(True)
        self.kind = QComboBox(self)
        self.kind.setObjectName("repeatKind")
        for code, name in REPEAT_KINDS.items():
            self.kind.addItem(f"{code} · {name}", code)
        self.reference = QLineEdit(self)
        self.reference.setObjectName("repeatReference")
        self.reference.setPlaceholderText(self.tr("mis. Keputusan KPU Kabupaten No. …"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("repeatReason")
        self.error = QLabel(self)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(self.tr("Jenis"), self.kind)
        form.addRow(self.tr("Dasar keputusan"), self.reference)
        form.addRow(self.tr("Alasan"), self.reason)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(self.tr("Catat"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(intro)
        lay.addLayout(form)
        lay.addWidget(self.error)
        lay.addWidget(buttons)
        self.resize(520, self.sizeHint().height())
        self.kind.setFocus()

    @override
    def accept(self) -> None:
        try:
            self.result_vote = mark_repeat_vote(
                self._ctx.ws,
                self._ctx.actor,
                self.tps_id,
                self.contest_id,
                str(self.kind.currentData()),
                self.reason.text(),
                self.reference.text(),
            )
        except ServiceError as e:
            self.error.setText(refusal_text(e))
            self.error.show()
            return
        self._ctx.sig_data_changed.emit(Changes.ENTRIES)
        self._ctx.sig_status.emit(
            self.tr("TPS {tps}: {kind} dicatat; formulir dientri ulang dari awal.").format(
                tps=dotted(self.tps_id), kind=self.result_vote.kind
            )
        )
        super().accept()
