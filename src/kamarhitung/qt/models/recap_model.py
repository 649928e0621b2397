"""The recap as a Qt tree: kabupaten → kecamatan → desa → TPS, a thin adapter over core.recap.

Rows are the regions of :class:`kamarhitung.core.recap.Recap` at each level, in code order, so
row ``r`` of a level is row ``r`` of ``recap.table(level)``; nothing is copied or summed here.
Columns: the name, the dotted code, the coverage (final forms of all forms, drawn as a bar by
:class:`CoverageDelegate`; for a TPS, its entry state), the count of forms in each entry state,
then the votes of each candidate pair.

An index names its node by level and position within the level (``internalId`` = level depth
<< 40 | position); the parent of a desa or TPS is found from the region tree's contiguous
bounds, so ``index()`` and ``parent()`` cost O(1) at 25,000 TPS.

Live updates stay cheap on the GUI thread (the dashboard's figure: no stall over 100 ms). The
expensive part, comparing the old recap with the new one, is :func:`diff_recaps`, a pure function
the dashboard runs on a worker; :meth:`RecapTreeModel.set_recap` then only swaps the tables and
emits ``dataChanged`` over the changed rows, grouped per parent. The model is reset only when
the structure changes (another workspace, another contest's candidate pairs).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget
from typing_extensions import override

from kamarhitung.core.entry import State
from kamarhitung.core.model import Level, Paslon, dotted
from kamarhitung.core.recap import STATES, LevelTable, Recap
from kamarhitung.qt import i18n

LEVELS: tuple[Level, ...] = (Level.KABUPATEN, Level.KECAMATAN, Level.DESA, Level.TPS)
"""The tree's levels by depth (0 = the kabupaten, the one root row)."""

_SHIFT = 40
_MASK = (1 << _SHIFT) - 1

COL_NAME = 0
COL_CODE = 1
COL_COVERAGE = 2
COL_FIRST_STATE = 3
COL_FIRST_PASLON = COL_FIRST_STATE + len(STATES)

ValueRole = int(Qt.ItemDataRole.UserRole)
"""The raw value of a cell: an ``int`` count or vote, a ``float`` coverage share, a ``str``."""
CoverageRole = ValueRole + 1
"""``(final, total)`` forms of the row (coverage column)."""
LevelRole = ValueRole + 2
"""The row's :class:`Level`."""
CodeRole = ValueRole + 3
"""The row's region code or TPS id, without dots."""
StateRole = ValueRole + 4
"""A TPS row's entry state (``str``, a :class:`State` value); None for regions."""

STATE_COLORS: dict[str, str] = {
    State.EMPTY.value: "#9aa3ad",
    State.FIRST_IN_PROGRESS.value: "#7fa7d9",
    State.FIRST_DONE.value: "#3f7fc4",
    State.SECOND_IN_PROGRESS.value: "#6cb3b0",
    State.DIFFERENT.value: "#c07a1c",
    State.JANGGAL.value: "#b8403a",
    State.FINAL.value: "#3d8f5a",
}
"""One calm colour per entry state (as on the status screen)."""

STATE_MARKS: dict[str, str] = {State.DIFFERENT.value: "≠", State.JANGGAL.value: "⚠"}
"""The headers of the two state columns the tree shows at first: a mark in the state's colour
(its name in the tooltip and the header's menu), so that at 1366 px the columns are as narrow as
their counts and the vote columns and names keep the room."""

_NUMERIC = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_MUTED = QColor("#9aa5b1")
_ItemIndex = QModelIndex | QPersistentModelIndex
IntpArray = npt.NDArray[np.intp]


# --- pure helpers (no Qt state; run on a worker) ------------------------------------------------


@dataclass(frozen=True, eq=False)
class RecapDiff:
    """What changed from one recap of a contest to the next, per level of the tree."""

    structural: bool
    """The rows or columns differ (another region tree, another form): the model resets."""
    changed: dict[Level, IntpArray]
    """Per level, the positions (in the level's table) of rows whose numbers changed."""

    @property
    def empty(self) -> bool:
        return not self.structural and not any(len(v) for v in self.changed.values())


def prepare(recap: Recap) -> Recap:
    """Compute every level's table now (on a worker), so that the GUI thread only reads them."""
    for lv in LEVELS:
        recap.table(lv)
    return recap


def same_structure(old: Recap, new: Recap) -> bool:
    """Whether two recaps have the same rows and columns (regions, TPS and fields)."""
    if old.fields != new.fields:
        return False
    a, b = old.tree, new.tree
    if a is b:
        return True
    return (
        a.kabupaten == b.kabupaten
        and a.kecamatan == b.kecamatan
        and a.desa == b.desa
        and a.tps_ids == b.tps_ids
    )


def _rows_changed(old: LevelTable, new: LevelTable) -> IntpArray:
    diff = np.any(old.values != new.values, axis=1) | np.any(old.states != new.states, axis=1)
    out: IntpArray = np.flatnonzero(diff).astype(np.intp)
    return out


def diff_recaps(old: Recap | None, new: Recap) -> RecapDiff:
    """The rows that changed from ``old`` to ``new`` at each level (pure; milliseconds)."""
    if old is None or old.contest != new.contest or not same_structure(old, new):
        return RecapDiff(True, {})
    if old is new:
        return RecapDiff(False, {lv: np.zeros(0, dtype=np.intp) for lv in LEVELS})
    changed: dict[Level, IntpArray] = {}
    tps = np.any(old.values != new.values, axis=1) | (old.states != new.states)
    changed[Level.TPS] = np.flatnonzero(tps).astype(np.intp)
    for lv in (Level.DESA, Level.KECAMATAN, Level.KABUPATEN):
        changed[lv] = _rows_changed(old.table(lv), new.table(lv))
    return RecapDiff(False, changed)


def number(n: int) -> str:
    """A count as the current language writes it (Indonesian: 12.345)."""
    return QLocale().toString(n)


def percent(part: int, whole: int, decimals: int = 1) -> str:
    """A share as a percentage (Indonesian: 54,7%); a dash when there is no whole."""
    if whole <= 0:
        return "–"
    return QLocale().toString(100.0 * part / whole, "f", decimals) + "%"


def region_title(name: str) -> str:
    """A region name as the tree shows it: ``TOMOHON SELATAN`` → ``Tomohon Selatan``."""
    return name.title() if name.isupper() else name


# --- the model --------------------------------------------------------------------------------


class RecapTreeModel(QAbstractItemModel):
    """Kabupaten → kecamatan → desa → TPS over one contest's :class:`Recap` (read-only)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recap: Recap | None = None
        self._tables: dict[Level, LevelTable] = {}
        self._paslon: tuple[Paslon, ...] = ()
        self._paslon_cols: list[int] = []
        self._desa_parent: IntpArray = np.zeros(0, dtype=np.intp)
        self._tps_parent: IntpArray = np.zeros(0, dtype=np.intp)
        self._kec_bounds: list[int] = [0]
        self._desa_bounds: list[int] = [0]
        self._bold = QFont()
        self._bold.setBold(True)

    # -- data in ------------------------------------------------------------------------------

    @property
    def recap(self) -> Recap | None:
        return self._recap

    @property
    def paslon(self) -> tuple[Paslon, ...]:
        return self._paslon

    def set_recap(
        self,
        recap: Recap | None,
        paslon: Sequence[Paslon] = (),
        diff: RecapDiff | None = None,
    ) -> bool:
        """Show ``recap`` (with its contest's candidate pairs, for the vote columns).

        ``diff`` is :func:`diff_recaps` of the recap shown and this one, computed on a worker;
        without it, it is computed here. Returns True when the model was reset (the structure
        changed), False when only ``dataChanged`` was emitted."""
        old = self._recap
        pas = tuple(sorted(paslon, key=lambda p: p.nomor_urut))
        if recap is not None:
            prepare(recap)
        if recap is None or old is None or pas != self._paslon:
            structural = True
        else:
            if diff is None:
                diff = diff_recaps(old, recap)
            structural = diff.structural
        if structural:
            self.beginResetModel()
            self._install(recap, pas)
            self.endResetModel()
            return True
        assert recap is not None and diff is not None
        self._recap = recap
        self._tables = {lv: recap.table(lv) for lv in LEVELS}
        self._emit_changed(diff)
        return False

    def _install(self, recap: Recap | None, paslon: tuple[Paslon, ...]) -> None:
        self._recap = recap
        self._paslon = paslon
        if recap is None:
            self._tables = {}
            self._paslon_cols = []
            self._desa_parent = self._tps_parent = np.zeros(0, dtype=np.intp)
            self._kec_bounds = self._desa_bounds = [0]
            return
        self._tables = {lv: recap.table(lv) for lv in LEVELS}
        pos = {f: j for j, f in enumerate(recap.fields)}
        self._paslon = tuple(p for p in paslon if f"IV.{p.nomor_urut}" in pos)
        self._paslon_cols = [pos[f"IV.{p.nomor_urut}"] for p in self._paslon]
        tree = recap.tree
        kec_b = tree.kec_bounds
        desa_b = tree.desa_bounds
        self._kec_bounds = [int(x) for x in kec_b.tolist()]
        self._desa_bounds = [int(x) for x in desa_b.tolist()]
        self._desa_parent = np.repeat(np.arange(len(kec_b) - 1, dtype=np.intp), np.diff(kec_b))
        self._tps_parent = np.repeat(np.arange(len(desa_b) - 1, dtype=np.intp), np.diff(desa_b))

    def _emit_changed(self, diff: RecapDiff) -> None:
        last = self.columnCount() - 1
        if last < 0:
            return
        for depth, lv in enumerate(LEVELS):
            rows = diff.changed.get(lv)
            if rows is None or not len(rows):
                continue
            if depth == 0:
                groups: dict[int, tuple[int, int]] = {-1: (0, 0)}
            else:
                parents = self._parent_of(depth, rows)
                groups = {}
                for pos, par in zip(rows.tolist(), parents.tolist(), strict=True):
                    row = self._row_in_parent(depth, pos, par)
                    lo, hi = groups.get(par, (row, row))
                    groups[par] = (min(lo, row), max(hi, row))
            for par, (lo, hi) in groups.items():
                parent = QModelIndex() if depth == 0 else self._index_at(depth - 1, par, 0)
                self.dataChanged.emit(self.index(lo, 0, parent), self.index(hi, last, parent), [])

    def _parent_of(self, depth: int, positions: IntpArray) -> IntpArray:
        if depth == 1:
            return np.zeros(len(positions), dtype=np.intp)
        if depth == 2:
            out: IntpArray = self._desa_parent[positions]
            return out
        out = self._tps_parent[positions]
        return out

    def _row_in_parent(self, depth: int, pos: int, parent: int) -> int:
        if depth == 2:
            return pos - self._kec_bounds[parent]
        if depth == 3:
            return pos - self._desa_bounds[parent]
        return pos

    def retranslate(self) -> None:
        """State names and number formats follow the language: every cell may have changed."""
        if self._recap is None:
            return
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    # -- addressing -----------------------------------------------------------------------------

    @staticmethod
    def _unpack(index: _ItemIndex) -> tuple[int, int]:
        ident = int(index.internalId())
        return ident >> _SHIFT, ident & _MASK

    def _index_at(self, depth: int, pos: int, column: int) -> QModelIndex:
        """The index of the node at ``pos`` of level ``depth``."""
        if depth == 0:
            row = 0
        elif depth == 1:
            row = pos
        elif depth == 2:
            row = pos - self._kec_bounds[int(self._desa_parent[pos])]
        else:
            row = pos - self._desa_bounds[int(self._tps_parent[pos])]
        return self.createIndex(row, column, (depth << _SHIFT) | pos)

    def node(self, index: _ItemIndex) -> tuple[Level, int] | None:
        """The level of an index's row and its position in that level's table."""
        if not index.isValid():
            return None
        depth, pos = self._unpack(index)
        return LEVELS[depth], pos

    def index_of(self, level: Level, pos: int, column: int = 0) -> QModelIndex:
        """The index of row ``pos`` of ``recap.table(level)``."""
        if self._recap is None or level not in LEVELS:
            return QModelIndex()
        if not 0 <= pos < len(self._tables[level]):
            return QModelIndex()
        return self._index_at(LEVELS.index(level), pos, column)

    def index_for_code(self, code: str, column: int = 0) -> QModelIndex:
        """The index of a region code or TPS id (dots allowed); invalid if unknown."""
        if self._recap is None:
            return QModelIndex()
        c = code.replace(".", "")
        tree = self._recap.tree
        if c == tree.kabupaten.code:
            return self.index_of(Level.KABUPATEN, 0, column)
        if len(c) == 13:
            i = tree.tps_index.get(c)
            return QModelIndex() if i is None else self.index_of(Level.TPS, i, column)
        level = {6: Level.KECAMATAN, 10: Level.DESA}.get(len(c))
        if level is None:
            return QModelIndex()
        codes = self._tables[level].codes
        lo = bisect_left(codes, c)
        if lo < len(codes) and codes[lo] == c:
            return self.index_of(level, lo, column)
        return QModelIndex()

    def table(self, level: Level) -> LevelTable | None:
        return self._tables.get(level)

    def code(self, index: _ItemIndex) -> str | None:
        n = self.node(index)
        if n is None:
            return None
        return self._tables[n[0]].codes[n[1]]

    def counts(self, index: _ItemIndex) -> tuple[int, int]:
        """``(final, total)`` forms of a row."""
        n = self.node(index)
        if n is None:
            return 0, 0
        t = self._tables[n[0]]
        return int(t.tps_final[n[1]]), int(t.tps_total[n[1]])

    def tps_range(self, index: _ItemIndex) -> tuple[int, int]:
        """The TPS positions ``[a, b)`` a row covers (its TPS are contiguous)."""
        n = self.node(index)
        if n is None or self._recap is None:
            return 0, 0
        bounds = self._recap.tree.tps_bounds(n[0])
        return int(bounds[n[1]]), int(bounds[n[1] + 1])

    def paslon_column(self, nomor_urut: int) -> int:
        """The column of a candidate pair's votes (-1 if the contest has no such pair)."""
        for k, p in enumerate(self._paslon):
            if p.nomor_urut == nomor_urut:
                return COL_FIRST_PASLON + k
        return -1

    # -- QAbstractItemModel ---------------------------------------------------------------------

    @override
    def index(
        self,
        row: int,
        column: int,
        parent: _ItemIndex = QModelIndex(),  # noqa: B008  (Qt's default)
    ) -> QModelIndex:
        if self._recap is None or row < 0 or not 0 <= column < self.columnCount():
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row == 0 else QModelIndex()
        depth, pos = self._unpack(parent)
        if depth == 0:
            if row >= len(self._tables[Level.KECAMATAN]):
                return QModelIndex()
            return self.createIndex(row, column, (1 << _SHIFT) | row)
        if depth == 1:
            lo, hi = self._kec_bounds[pos], self._kec_bounds[pos + 1]
        elif depth == 2:
            lo, hi = self._desa_bounds[pos], self._desa_bounds[pos + 1]
        else:
            return QModelIndex()
        if row >= hi - lo:
            return QModelIndex()
        return self.createIndex(row, column, ((depth + 1) << _SHIFT) | (lo + row))

    @override
    def parent(self, child: _ItemIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        # mypy: PySide6's stubs also declare the QObject.parent() overload on this class.
        if not child.isValid():
            return QModelIndex()
        depth, pos = self._unpack(child)
        if depth == 0:
            return QModelIndex()
        if depth == 1:
            return self.createIndex(0, 0, 0)
        if depth == 2:
            return self._index_at(1, int(self._desa_parent[pos]), 0)
        return self._index_at(2, int(self._tps_parent[pos]), 0)

    @override
    def rowCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        if self._recap is None:
            return 0
        if not parent.isValid():
            return 1
        if parent.column() != 0:
            return 0
        depth, pos = self._unpack(parent)
        if depth == 0:
            return len(self._tables[Level.KECAMATAN])
        if depth == 1:
            return self._kec_bounds[pos + 1] - self._kec_bounds[pos]
        if depth == 2:
            return self._desa_bounds[pos + 1] - self._desa_bounds[pos]
        return 0

    @override
    def hasChildren(self, parent: _ItemIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    @override
    def columnCount(self, parent: _ItemIndex = QModelIndex()) -> int:  # noqa: B008  (Qt's default)
        return COL_FIRST_PASLON + len(self._paslon) if self._recap is not None else 0

    @override
    def flags(self, index: _ItemIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._unpack(index)[0] == len(LEVELS) - 1:
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def value(self, index: _ItemIndex) -> int | float | str | None:
        """The raw value of a cell (what :data:`ValueRole` gives)."""
        n = self.node(index)
        if n is None:
            return None
        level, pos = n
        t = self._tables[level]
        col = index.column()
        if col == COL_NAME:
            return t.names[pos]
        if col == COL_CODE:
            return t.codes[pos]
        if col == COL_COVERAGE:
            total = int(t.tps_total[pos])
            return int(t.tps_final[pos]) / total if total else 0.0
        if COL_FIRST_STATE <= col < COL_FIRST_PASLON:
            return int(t.states[pos, col - COL_FIRST_STATE])
        k = col - COL_FIRST_PASLON
        if 0 <= k < len(self._paslon_cols):
            return int(t.values[pos, self._paslon_cols[k]])
        return None

    def _tps_state(self, pos: int) -> str:
        assert self._recap is not None
        return STATES[int(self._recap.states[pos])]

    @override
    def data(self, index: _ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        n = self.node(index)
        if n is None:
            return None
        level, pos = n
        col = index.column()
        is_tps = level == Level.TPS
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(level, pos, col)
        if role == ValueRole:
            return self.value(index)
        if role == CoverageRole:
            t = self._tables[level]
            return int(t.tps_final[pos]), int(t.tps_total[pos])
        if role == LevelRole:
            return level
        if role == CodeRole:
            return self._tables[level].codes[pos]
        if role == StateRole:
            return self._tps_state(pos) if is_tps else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if col >= COL_COVERAGE else None
        if role == Qt.ItemDataRole.FontRole and level == Level.KABUPATEN:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(level, pos, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(level, pos, col)
        return None

    def _display(self, level: Level, pos: int, col: int) -> str | None:
        t = self._tables[level]
        if col == COL_NAME:
            return t.names[pos] if level == Level.TPS else region_title(t.names[pos])
        if col == COL_CODE:
            return dotted(t.codes[pos])
        if col == COL_COVERAGE:
            if level == Level.TPS:  # the short name: the tooltip says what it means
                return self.short_state_name(self._tps_state(pos))
            return percent(int(t.tps_final[pos]), int(t.tps_total[pos]))
        if COL_FIRST_STATE <= col < COL_FIRST_PASLON:
            n = int(t.states[pos, col - COL_FIRST_STATE])
            if level == Level.TPS:
                return "✓" if n else ""
            return number(n)
        k = col - COL_FIRST_PASLON
        if 0 <= k < len(self._paslon_cols):
            if int(t.tps_final[pos]) == 0:
                return "–"
            return number(int(t.values[pos, self._paslon_cols[k]]))
        return None

    def _foreground(self, level: Level, pos: int, col: int) -> QColor | None:
        if COL_FIRST_STATE <= col < COL_FIRST_PASLON:
            state = STATES[col - COL_FIRST_STATE]
            n = int(self._tables[level].states[pos, col - COL_FIRST_STATE])
            if n == 0:
                return _MUTED
            if state in (State.DIFFERENT.value, State.JANGGAL.value):
                return QColor(STATE_COLORS[state])
            return None
        if col >= COL_FIRST_PASLON and int(self._tables[level].tps_final[pos]) == 0:
            return _MUTED
        if col == COL_CODE:
            return _MUTED
        return None

    def _tooltip(self, level: Level, pos: int, col: int) -> str | None:
        t = self._tables[level]
        if col in (COL_NAME, COL_CODE):
            return f"{t.names[pos]} ({dotted(t.codes[pos])})"
        if col == COL_COVERAGE:
            if level == Level.TPS:
                return i18n.state_help(self._tps_state(pos))
            final, total = int(t.tps_final[pos]), int(t.tps_total[pos])
            return self.tr("{final} dari {total} formulir final ({pct})").format(
                final=number(final), total=number(total), pct=percent(final, total)
            )
        if COL_FIRST_STATE <= col < COL_FIRST_PASLON:
            return i18n.state_help(STATES[col - COL_FIRST_STATE])
        k = col - COL_FIRST_PASLON
        if 0 <= k < len(self._paslon):
            p = self._paslon[k]
            return f"{p.nomor_urut}. {p.names()}"
        return None

    @override
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            if COL_FIRST_STATE <= section < COL_FIRST_PASLON:
                return i18n.state_name(STATES[section - COL_FIRST_STATE])
            k = section - COL_FIRST_PASLON
            if 0 <= k < len(self._paslon):
                p = self._paslon[k]
                return f"{p.nomor_urut}. {p.names()}"
            if section == COL_COVERAGE:
                return self.tr("Formulir final dari seluruh TPS wilayah")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _NUMERIC if section >= COL_COVERAGE else _LEFT
        if role == Qt.ItemDataRole.ForegroundRole and COL_FIRST_STATE <= section < COL_FIRST_PASLON:
            state = STATES[section - COL_FIRST_STATE]
            return QColor(STATE_COLORS[state]) if state in STATE_MARKS else None
        return None

    def _header_text(self, section: int) -> str | None:
        if section == COL_NAME:
            return self.tr("Wilayah")
        if section == COL_CODE:
            return self.tr("Kode")
        if section == COL_COVERAGE:
            return self.tr("Final")
        if COL_FIRST_STATE <= section < COL_FIRST_PASLON:
            state = STATES[section - COL_FIRST_STATE]
            return STATE_MARKS.get(state) or self.short_state_name(state)
        k = section - COL_FIRST_PASLON
        if 0 <= k < len(self._paslon):
            # Short: the column is as wide as its votes; the tooltip names the pair.
            return self.tr("No. {n}").format(n=self._paslon[k].nomor_urut)
        return None

    def short_state_name(self, state: str) -> str:
        """A state as a column header (short; the tooltip has the full name)."""
        match state:
            case State.EMPTY.value:
                return self.tr("Kosong")
            case State.FIRST_IN_PROGRESS.value:
                return self.tr("Entri 1…")
            case State.FIRST_DONE.value:
                return self.tr("Entri 1 ✓")
            case State.SECOND_IN_PROGRESS.value:
                return self.tr("Entri 2…")
            case State.DIFFERENT.value:
                return self.tr("Berbeda")
            case State.JANGGAL.value:
                return self.tr("Janggal")
            case State.FINAL.value:
                return self.tr("Final")
            case _:
                return state


def state_column(state: str) -> int:
    """The column of an entry state's count."""
    return COL_FIRST_STATE + STATES.index(state)


# --- the coverage bar -----------------------------------------------------------------------------


class CoverageDelegate(QStyledItemDelegate):
    """Draws the coverage column as a thin bar with the percentage beside it (a state chip for a
    TPS row, its short name elided at the right when the column is narrow: the tooltip says the
    state in full)."""

    BAR_WIDTH = 24
    GAP = 6
    DOT = 8

    @override
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ItemIndex) -> None:
        model = index.model()
        cov = model.data(index, CoverageRole) if model is not None else None
        level = model.data(index, LevelRole) if model is not None else None
        if not isinstance(cov, tuple):
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        rect: QRect = opt.rect.adjusted(self.GAP, 0, -self.GAP, 0)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = opt.palette.highlightedText().color() if selected else QColor("#1f2933")
        if level == Level.TPS:
            state = model.data(index, StateRole) if model is not None else None
            color = QColor(STATE_COLORS.get(str(state), "#9aa3ad"))
            d = self.DOT
            y = rect.center().y() - d // 2
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawEllipse(rect.left(), y, d, d)
            painter.setPen(pen)
            room = rect.adjusted(d + self.GAP, 0, 0, 0)
            painter.drawText(
                room,
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                opt.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, room.width()),
            )
            painter.restore()
            return
        final, total = int(cov[0]), int(cov[1])
        share = final / total if total else 0.0
        text_w = opt.fontMetrics.horizontalAdvance(text)
        bar_w = min(self.BAR_WIDTH, max(16, rect.width() - text_w - self.GAP))
        bar = QRect(rect.left(), rect.center().y() - 3, bar_w, 7)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#dde3e9"))
        painter.drawRoundedRect(bar, 3, 3)
        if share > 0:
            fill = QRect(bar)
            fill.setWidth(max(3, round(bar_w * share)))
            painter.setBrush(QColor("#3d8f5a") if share >= 1 else QColor("#5a9f74"))
            painter.drawRoundedRect(fill, 3, 3)
        painter.setPen(pen)
        painter.drawText(
            rect.adjusted(bar_w + self.GAP, 0, 0, 0),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            text,
        )
        painter.restore()

    @override
    def sizeHint(self, option: QStyleOptionViewItem, index: _ItemIndex) -> QSize:
        """Room for the bar and the widest percentage ("100%") beside it."""
        s = super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text_w = opt.fontMetrics.horizontalAdvance(percent(100, 100))
        return QSize(3 * self.GAP + self.BAR_WIDTH + text_w, s.height())
