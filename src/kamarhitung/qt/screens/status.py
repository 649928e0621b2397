"""The status screen: how far the counting room is, per contest and entry state.

What ``kamarhitung status`` prints, for the room: the workspace (kabupaten, election), a progress
bar of final forms per contest, and a table of forms per entry state. It is also what the shell
shows for a screen whose module is not installed in this build.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QKeySequence, QPainter, QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.entry import State
from kamarhitung.core.model import Contest, dotted
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.services import entry
from kamarhitung.services.changes import Changes

STATE_COLORS: dict[State, str] = {
    State.EMPTY: "#9aa3ad",
    State.FIRST_IN_PROGRESS: "#7fa7d9",
    State.FIRST_DONE: "#3f7fc4",
    State.SECOND_IN_PROGRESS: "#6cb3b0",
    State.DIFFERENT: "#d98c2b",
    State.JANGGAL: "#c4473f",
    State.FINAL: "#3d8f5a",
}
"""One calm colour per state, used as a small marker beside its name."""

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_ItemIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True, slots=True)
class ContestStatus:
    """The counts of one contest, as :func:`kamarhitung.services.entry.status` gives them."""

    contest: Contest
    tps_total: int
    states: dict[State, int]

    @property
    def final(self) -> int:
        return self.states.get(State.FINAL, 0)


def load_status(ctx: AppContext) -> list[ContestStatus]:
    """The status of every contest of the workspace, in the workspace's order."""
    raw = entry.status(ctx.ws)
    out: list[ContestStatus] = []
    for c in ctx.ws.contests():
        d = raw.get(c.id, {})
        total = d.get("tps_total", 0)
        states = d.get("states", {})
        counts: dict[State, int] = {}
        if isinstance(states, dict):
            for st in State:
                n = states.get(st.value, 0)
                counts[st] = n if isinstance(n, int) else 0
        out.append(ContestStatus(c, total if isinstance(total, int) else 0, counts))
    return out


def _number(n: int) -> str:
    """A count as the current language writes it (1.234 / 1,234)."""
    return QLocale().toString(n)


def _percent(part: int, whole: int) -> str:
    """A share with one decimal (54,7% / 54.7%)."""
    return QLocale().toString(100.0 * part / whole, "f", 1) + "%"


def _marker(color: str) -> QIcon:
    pm = QPixmap(12, 12)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QColor(color))
    p.drawRoundedRect(1, 1, 10, 10, 3, 3)
    p.end()
    return QIcon(pm)


class StatusModel(QAbstractTableModel):
    """Rows: the entry states, then the TPS total; columns: the state name, then each contest."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: list[ContestStatus] = []
        self._markers = {st: _marker(c) for st, c in STATE_COLORS.items()}

    def set_status(self, data: list[ContestStatus]) -> None:
        self.beginResetModel()
        self._data = list(data)
        self.endResetModel()

    def retranslate(self) -> None:
        """Names of states follow the language: tell the views every cell may have changed."""
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    @staticmethod
    def states() -> list[State]:
        return list(State)

    @override
    def rowCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        return 0 if parent.isValid() else len(State) + 1

    @override
    def columnCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        return 0 if parent.isValid() else 1 + len(self._data)

    def count(self, row: int, column: int) -> int | None:
        """The number in a cell (None for the name column)."""
        if column == 0 or not 0 <= row <= len(State):
            return None
        c = self._data[column - 1]
        if row == len(State):
            return c.tps_total
        return c.states.get(list(State)[row], 0)

    @override
    def data(self, index: _ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        is_total = row == len(State)
        state = None if is_total else list(State)[row]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                if state is None:
                    return self.tr("Jumlah TPS")
                return i18n.state_name(state)
            n = self.count(row, col)
            if n is None:
                return None
            text = _number(n)
            total = self._data[col - 1].tps_total
            if not is_total and total:
                text += f"  ({_percent(n, total)})"
            return text
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and state is not None:
            return self._markers[state]
        if role == Qt.ItemDataRole.ToolTipRole and col == 0 and state is not None:
            return i18n.state_help(state)
        if role == Qt.ItemDataRole.TextAlignmentRole and col > 0:
            return int(_NUMERIC)
        if role == Qt.ItemDataRole.FontRole and is_total:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.UserRole and col > 0:
            return self.count(row, col)
        return None

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return self.tr("Status")
            if 0 < section <= len(self._data):
                return self._data[section - 1].contest.name
        if role == Qt.ItemDataRole.TextAlignmentRole and section > 0:
            return int(_NUMERIC)
        return None


class _ContestProgress(QWidget):
    """One contest's share of final forms, as a bar with the figures beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLabel(self)
        self.name.setObjectName("contestName")
        self.bar = QProgressBar(self)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(10)
        self.figures = QLabel(self)
        self.figures.setObjectName("muted")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        top.addWidget(self.figures)
        lay.addLayout(top)
        lay.addWidget(self.bar)

    def show_status(self, s: ContestStatus) -> None:
        self.name.setText(s.contest.name)
        self.bar.setRange(0, max(1, s.tps_total))
        self.bar.setValue(s.final)
        pct = _percent(s.final, s.tps_total) if s.tps_total else "–"
        self.figures.setText(
            self.tr("{final} dari {total} formulir final ({pct})").format(
                final=_number(s.final), total=_number(s.tps_total), pct=pct
            )
        )


class StatusScreen(QWidget):
    """Progress of the counting room: workspace facts, final share per contest, forms per state.

    Refreshes when shown and, while visible, whenever entries change (``ctx.sig_data_changed``).
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._stale = True
        self._status: list[ContestStatus] = []
        self.setObjectName("statusScreen")

        self._title = QLabel(self)
        self._title.setObjectName("screenTitle")
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("muted")
        self._subtitle.setWordWrap(True)
        self._refresh_button = QPushButton(self)
        self._refresh_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        self._refresh_button.clicked.connect(self.refresh)
        self._updated = QLabel(self)
        self._updated.setObjectName("muted")

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.setSpacing(2)
        titles.addWidget(self._title)
        titles.addWidget(self._subtitle)
        header.addLayout(titles, 1)
        header.addWidget(self._updated, 0, Qt.AlignmentFlag.AlignBottom)
        header.addWidget(self._refresh_button, 0, Qt.AlignmentFlag.AlignBottom)

        # The workspace facts, as a compact two-column form.
        self._facts = QFrame(self)
        self._facts.setObjectName("card")
        self._facts_form = QFormLayout(self._facts)
        self._facts_form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._facts_form.setHorizontalSpacing(24)
        self._facts_form.setVerticalSpacing(6)
        self._fact_labels: list[QLabel] = []
        self._fact_values: list[QLabel] = []
        for _ in range(4):
            label = QLabel(self._facts)
            label.setObjectName("muted")
            value = QLabel(self._facts)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self._facts_form.addRow(label, value)
            self._fact_labels.append(label)
            self._fact_values.append(value)

        self._progress_card = QFrame(self)
        self._progress_card.setObjectName("card")
        self._progress_title = QLabel(self._progress_card)
        self._progress_title.setObjectName("sectionTitle")
        self._progress_grid = QGridLayout()
        self._progress_grid.setVerticalSpacing(14)
        pc = QVBoxLayout(self._progress_card)
        pc.addWidget(self._progress_title)
        pc.addLayout(self._progress_grid)
        pc.addStretch(1)
        self._progress: list[_ContestProgress] = []

        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self._facts, 2)
        top.addWidget(self._progress_card, 3)

        self._table_title = QLabel(self)
        self._table_title.setObjectName("sectionTitle")
        self.model = StatusModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("statusTable")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setIconSize(QSize(12, 12))
        self.table.verticalHeader().setVisible(False)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setMinimumSectionSize(120)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        layout.addLayout(header)
        layout.addLayout(top)
        layout.addWidget(self._table_title)
        layout.addWidget(self.table)
        layout.addStretch(1)

        ctx.sig_data_changed.connect(self._on_data_changed)
        self.retranslate()
        self.refresh()

    # --- texts ----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the screen (again, after a language switch)."""
        self._title.setText(self.tr("Status entri"))
        self._refresh_button.setText(self.tr("Perbarui"))
        self._refresh_button.setToolTip(self.tr("Baca ulang angka dari workspace (F5)"))
        self._progress_title.setText(self.tr("Formulir final per pemilihan"))
        self._table_title.setText(self.tr("Formulir per status entri"))
        for label, text in zip(
            self._fact_labels,
            (
                self.tr("Kabupaten/kota"),
                self.tr("Provinsi"),
                self.tr("Pemilihan"),
                self.tr("Folder workspace"),
            ),
            strict=True,
        ):
            label.setText(text)
        self.model.retranslate()
        self._show()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data -----------------------------------------------------------------------------------

    @property
    def status(self) -> list[ContestStatus]:
        """The counts last shown."""
        return list(self._status)

    def refresh(self) -> None:
        """Read the counts and the workspace facts again."""
        self._stale = False
        self._status = load_status(self._ctx)
        self.model.set_status(self._status)
        self._fit_table()
        self._updated.setText(
            self.tr("Diperbarui {time}").format(time=i18n.clock_text(seconds=True))
        )
        self._show()

    def _fit_table(self) -> None:
        """As tall as its rows: the table is short (one row per state) and never scrolls."""
        self.table.resizeRowsToContents()
        height = (
            self.table.horizontalHeader().sizeHint().height()
            + self.table.verticalHeader().length()
            + 2 * self.table.frameWidth()
        )
        self.table.setFixedHeight(height)

    def _show(self) -> None:
        meta = self._ctx.ws.meta()
        kab = meta.get("kabupaten_name", "")
        kab_code = meta.get("kabupaten_code", "")
        prov = meta.get("provinsi_name", "")
        election = meta.get("election", "")
        values = (
            f"{kab} ({dotted(kab_code)})" if kab_code else kab,
            prov,
            election,
            str(self._ctx.ws.path),
        )
        for label, text in zip(self._fact_values, values, strict=True):
            label.setText(text)
        tps_total = max((s.tps_total for s in self._status), default=0)
        self._subtitle.setText(
            self.tr("{kabupaten} · {tps} TPS · {contests} pemilihan").format(
                kabupaten=kab,
                tps=_number(tps_total),
                contests=_number(len(self._status)),
            )
        )
        while len(self._progress) < len(self._status):
            w = _ContestProgress(self._progress_card)
            self._progress_grid.addWidget(w, len(self._progress), 0)
            self._progress.append(w)
        for i, w in enumerate(self._progress):
            if i < len(self._status):
                w.show_status(self._status[i])
                w.show()
            else:
                w.hide()

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.ENTRIES | Changes.REGIONS | Changes.USERS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
