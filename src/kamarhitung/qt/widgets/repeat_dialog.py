"""The supervisor's dialog to mark a repeat vote (PSU, PSL, PSS) at one TPS for one contest.

Kind, the decision's reference and the reason, all by keyboard (Tab between them, Enter to
record, through the dialog's runner). A refusal (a finalised region, an empty reason) is shown
inside the dialog, which stays open; on success the form is keyed afresh (services/repeat.py).
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
from kamarhitung.qt.models.background import Background, Failure
from kamarhitung.services import repeat
from kamarhitung.services.changes import Changes
from kamarhitung.services.repeat import REPEAT_KINDS, RepeatVote


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
        self._jobs = Background(self)
        self._saving = False
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
        self._ok = ok
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
        """Record the repeat vote through the dialog's runner; the dialog closes when it is
        recorded, or shows the refusal and stays open."""
        if self._saving:
            return
        ws, actor = self._ctx.ws, self._ctx.actor
        tps, contest = self.tps_id, self.contest_id
        kind, reason, reference = (
            str(self.kind.currentData()),
            self.reason.text(),
            self.reference.text(),
        )
        self._set_saving(True)
        self._jobs.run(
            lambda job: repeat.mark_repeat_vote(ws, actor, tps, contest, kind, reason, reference),
            self._recorded,
            self._refused,
            ctx=self._ctx,
            changes=Changes.ENTRIES,
        )

    def saving(self) -> bool:
        """Whether the repeat vote is being recorded."""
        return self._saving

    def _set_saving(self, on: bool) -> None:
        self._saving = on
        if self._ok is not None:
            self._ok.setEnabled(not on)

    def _refused(self, failure: Failure) -> None:
        self._set_saving(False)
        self.error.setText(failure.text)
        self.error.show()

    def _recorded(self, vote: RepeatVote) -> None:
        self._set_saving(False)
        self.result_vote = vote
        self._ctx.sig_status.emit(
            self.tr("TPS {tps}: {kind} dicatat; formulir dientri ulang dari awal.").format(
                tps=dotted(self.tps_id), kind=vote.kind
            )
        )
        super().accept()  # the runner then announces Changes.ENTRIES
