"""Per-operator keying statistics, for supervisors only.

KEYING.md: every difference a supervisor resolves is attributed (first keyer, second keyer, both, the
form itself) so each operator's accuracy is known and hard forms can be routed to accurate
operators. The figures are shown to supervisors, never to operators, and never as a race:
KawalPemilu dropped its speed leaderboards because they pushed speed over accuracy. So the table
is sorted by name and its columns cannot be clicked into a ranking.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kamarhitung.core.model import Role
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import number_text, refusal_text
from kamarhitung.services import entry
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import ServiceError
from kamarhitung.services.entry import OperatorStats

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class OperatorStatsWidget(QWidget):
    """A table of :func:`kamarhitung.services.entry.operator_stats`, one row per operator, by name.

    It refreshes when shown and, while visible, whenever entries change; while hidden it only
    notes that it is out of date, so a busy counting room does not pay for a table nobody reads.
    """

    COLUMNS = 6

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._stale = True
        self._stats: list[OperatorStats] = []

        self._intro = QLabel(self)
        self._intro.setObjectName("statsIntro")
        self._intro.setWordWrap(True)
        self._table = QTableWidget(0, self.COLUMNS, self)
        self._table.setObjectName("operatorStats")
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._table.setSortingEnabled(False)  # by name only: no ranking (see the module docstring)
        self._table.verticalHeader().setVisible(False)
        self._table.setAlternatingRowColors(True)
        header = self._table.horizontalHeader()
        header.setSectionsClickable(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, self.COLUMNS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self._message = QLabel(self)
        self._message.setObjectName("statsMessage")
        self._message.setWordWrap(True)
        self._message.hide()
        self.setFocusProxy(self._table)

        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._table, 1)
        layout.addWidget(self._message)

        ctx.sig_data_changed.connect(self._on_data_changed)
        self.retranslate()

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the widget (again, after a language switch)."""
        self._intro.setText(
            self.tr(
                "Untuk pengawas saja, bukan perlombaan. Selisih dihitung dari perbedaan yang "
                "diselesaikan pengawas dan diatribusikan kepada operator; gunakan angka ini untuk "
                "mengarahkan formulir sulit ke operator yang teliti."
            )
        )
        self._table.setHorizontalHeaderLabels(
            [
                self.tr("Operator"),
                self.tr("Formulir"),
                self.tr("Formulir/jam"),
                self.tr("Ketukan/jam"),
                self.tr("Selisih diatribusikan"),
                self.tr("Selisih per 10.000 isian"),
            ]
        )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data -------------------------------------------------------------------------------

    @property
    def stats(self) -> list[OperatorStats]:
        """The figures last shown (by operator name)."""
        return list(self._stats)

    def refresh(self) -> None:
        """Read the figures again from the service."""
        self._stale = False
        self._message.hide()
        if self._ctx.actor.role not in (Role.SUPERVISOR, Role.ADMIN):
            self._stats = []
            self._show_message(self.tr("Statistik operator hanya untuk pengawas."))
            self._fill()
            return
        try:
            stats = entry.operator_stats(self._ctx.ws, self._ctx.actor)
        except ServiceError as exc:
            self._stats = []
            self._show_message(
                self.tr("Statistik tidak dapat dibaca: {0}").format(refusal_text(exc))
            )
        else:
            self._stats = sorted(stats, key=lambda s: s.user.casefold())
            if not self._stats:
                self._show_message(self.tr("Belum ada formulir yang selesai dikunci."))
        self._fill()

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._message.show()

    def _fill(self) -> None:
        # The interface's number format (a widget's own locale is the system's, often English).
        self._table.setRowCount(len(self._stats))
        for row, s in enumerate(self._stats):
            cells = [
                s.user,
                number_text(s.forms),
                number_text(s.forms_per_hour, 1),
                number_text(round(s.keystrokes_per_hour)),
                number_text(s.mismatches),
                number_text(s.mismatch_per_10k_fields, 1),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col:
                    item.setTextAlignment(_NUMERIC)
                self._table.setItem(row, col, item)
        if self._stats and self._table.currentRow() < 0:
            self._table.setCurrentCell(0, 0)

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.ENTRIES | Changes.USERS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
