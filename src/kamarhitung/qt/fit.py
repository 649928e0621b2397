"""Does every text fit its widget? Qt can tell: a text's font metrics against its widget's room.

Used by ``tests/qt/test_fit.py`` (every screen at 1366 x 768, in both languages) and by
``tools/screenshots.py``. A text counts as cut when it is wider than the room its widget gives it
and the widget neither wraps it nor elides it with the whole text in a tooltip. Numbers in views
must never be cut at all (a cut number reads as another number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QRadioButton,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

NUMBER = re.compile(r"^[\s+\-−]*[\d.,]+\s*%?$")
SLACK = 2
"""Pixels of rounding a text may exceed its room by."""


@dataclass(frozen=True)
class Cut:
    where: str
    text: str
    need: int
    room: int

    def __str__(self) -> str:
        return f"{self.where}: {self.text!r} needs {self.need} px, has {self.room}"


def _path(w: QWidget) -> str:
    names: list[str] = []
    node: QWidget | None = w
    while node is not None and len(names) < 4:
        names.append(node.objectName() or type(node).__name__)
        node = node.parentWidget()
    return "/".join(reversed(names))


def _shown(w: QWidget) -> bool:
    return w.isVisible() and w.width() > 0 and w.height() > 0


def _elided_label_cut(label: QLabel) -> Cut | None:
    """An ``ElidedLabel`` (form_grid): the whole text is its ``full_text()``, elided in paint.

    Eliding in the middle, with the whole text as tooltip, is allowed for long names and
    titles; never for the entry form's row labels (an operator must tell the rows apart)."""
    full = str(label.full_text())  # type: ignore[attr-defined]
    if not full:
        return None
    need = QFontMetrics(label.font()).horizontalAdvance(full)
    room = label.contentsRect().width()
    if need <= room + SLACK:
        return None
    if hasattr(label, "shows_whole") and label.shows_whole():
        return None  # wrapped on two lines, whole
    mode = getattr(label, "_mode", Qt.TextElideMode.ElideRight)
    if (
        mode == Qt.TextElideMode.ElideMiddle
        and label.toolTip() == full
        and label.objectName() != "rowLabel"
    ):
        return None
    return Cut(_path(label), full, need, room)


def _rich_label_cut(label: QLabel) -> Cut | None:
    """A rich-text label on one line (no wrap): its laid-out width against the label's."""
    doc = QTextDocument()
    doc.setDefaultFont(label.font())
    doc.setDocumentMargin(0)
    doc.setHtml(label.text())
    need = round(doc.idealWidth())
    room = label.contentsRect().width()
    if need > room + SLACK:
        return Cut(_path(label), doc.toPlainText(), need, room)
    return None


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def _label_cut(label: QLabel) -> Cut | None:
    if hasattr(label, "full_text"):
        return _elided_label_cut(label)
    text = _plain(label.text()) if label.buddy() is not None else label.text()
    if not text or not label.pixmap().isNull():
        return None
    if label.textFormat() == Qt.TextFormat.RichText or ("<" in text and ">" in text):
        return None if label.wordWrap() else _rich_label_cut(label)
    tip = label.toolTip()
    if tip and text != tip and text.endswith("…") and not tip.endswith("…"):
        # Elided at the right with the whole text only in a tooltip: the end is lost.
        return Cut(_path(label), tip, QFontMetrics(label.font()).horizontalAdvance(tip), 0)
    fm = QFontMetrics(label.font())
    room = label.contentsRect().adjusted(label.margin(), 0, -label.margin(), 0)
    room.adjust(label.indent() if label.indent() > 0 else 0, 0, 0, 0)
    if label.wordWrap():
        need = fm.boundingRect(room, int(Qt.TextFlag.TextWordWrap), text).height()
        if need > room.height() + SLACK:
            return Cut(_path(label), text, need, room.height())
        return None
    lines = text.split("\n")
    need = max(fm.horizontalAdvance(line) for line in lines)
    if need > room.width() + SLACK and label.toolTip() != text:
        return Cut(_path(label), text, need, room.width())
    return None


def _button_cut(button: QAbstractButton) -> Cut | None:
    text = _plain(button.text())
    if not text:
        return None
    need = button.sizeHint().width()
    if isinstance(button, QCheckBox | QRadioButton):
        need = button.sizeHint().width()
    if need > button.width() + SLACK:
        return Cut(_path(button), text, need, button.width())
    return None


def _placeholder_cut(edit: QLineEdit) -> Cut | None:
    """An empty line edit's placeholder (an example or a hint) shown whole."""
    text = edit.placeholderText()
    if not text or edit.text():
        return None
    need = QFontMetrics(edit.font()).horizontalAdvance(text)
    m = edit.textMargins()
    room = edit.contentsRect().width() - m.left() - m.right() - 8  # the frame and its padding
    if need > room + SLACK:
        return Cut(_path(edit) + "[placeholder]", text, need, room)
    return None


def _group_cut(box: QGroupBox) -> Cut | None:
    text = _plain(box.title())
    if not text:
        return None
    need = QFontMetrics(box.font()).horizontalAdvance(text) + 16
    if need > box.width() + SLACK:
        return Cut(_path(box), text, need, box.width())
    return None


def _tabs_cut(bar: QTabBar) -> list[Cut]:
    out = []
    fm = QFontMetrics(bar.font())
    for i in range(bar.count()):
        text = _plain(bar.tabText(i))
        room = bar.tabRect(i).width() - 12
        need = fm.horizontalAdvance(text)
        if text and need > room + SLACK and bar.tabToolTip(i) != text:
            out.append(Cut(f"{_path(bar)}[tab {i}]", text, need, room))
    return out


def _header_cut(header: QHeaderView) -> list[Cut]:
    model = header.model()
    out: list[Cut] = []
    fm = QFontMetrics(header.font())
    horizontal = header.orientation() == Qt.Orientation.Horizontal
    for i in range(header.count()):
        if header.isSectionHidden(i) or header.sectionSize(i) == 0:
            continue
        pos = header.sectionViewportPosition(i)
        if pos >= header.viewport().width() or pos + header.sectionSize(i) <= 0:
            continue
        text = str(model.headerData(i, header.orientation(), Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            continue
        lines = text.split("\n")
        need = max(fm.horizontalAdvance(line) for line in lines) + 8
        # A section partly scrolled out of a view that scrolls is not cut: the whole section.
        room = header.sectionSize(i) if horizontal else header.width()
        if need > room + SLACK:
            out.append(Cut(f"{_path(header)}[{i}]", text, need, room))
    return out


def _view_numbers_cut(view: QAbstractItemView) -> list[Cut]:
    """Numbers in the visible cells of a tree or table, never cut (texts may elide)."""
    model = view.model()
    if model is None or not isinstance(view, QTreeView | QTableView):
        return []
    out: list[Cut] = []
    fm = QFontMetrics(view.font())
    columns = model.columnCount(QModelIndex())
    viewport = view.viewport().rect()

    def visit(parent: QModelIndex, depth: int) -> None:
        for row in range(min(model.rowCount(parent), 200)):
            for col in range(columns):
                index = model.index(row, col, parent)
                rect = view.visualRect(index)
                if not rect.isValid() or not viewport.intersects(rect):
                    continue
                text = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "")
                if not NUMBER.match(text):
                    continue
                need = fm.horizontalAdvance(text) + 6
                if need > rect.width() + SLACK:
                    out.append(Cut(f"{_path(view)}[{row},{col}]", text, need, rect.width()))
            if isinstance(view, QTreeView) and depth < 3:
                first = model.index(row, 0, parent)
                if view.isExpanded(first):
                    visit(first, depth + 1)

    visit(QModelIndex(), 0)
    return out


def _chart_cuts(root: QWidget) -> list[Cut]:
    """Texts drawn in pyqtgraph charts (bar labels, marks) that run out of their plot area."""
    import pyqtgraph as pg

    out: list[Cut] = []
    for plot in root.findChildren(pg.PlotWidget):
        if not _shown(plot):
            continue
        box = plot.getPlotItem().getViewBox()
        area = box.sceneBoundingRect()
        for item in box.addedItems:
            if not isinstance(item, pg.TextItem) or not item.isVisible():
                continue
            text = item.toPlainText()
            r = item.sceneBoundingRect()
            if text and (r.left() < area.left() - SLACK or r.right() > area.right() + SLACK):
                room = round(min(r.right(), area.right()) - max(r.left(), area.left()))
                out.append(Cut(f"{_path(plot)}[text]", text, round(r.width()), room))
            elif text and (r.top() < area.top() - SLACK or r.bottom() > area.bottom() + SLACK):
                room = round(min(r.bottom(), area.bottom()) - max(r.top(), area.top()))
                out.append(Cut(f"{_path(plot)}[text]", text, round(r.height()), room))
        # An axis's title is as long as the axis at most (a vertical one runs along its height).
        for name in ("left", "bottom", "right", "top"):
            axis = plot.getPlotItem().getAxis(name)
            if not axis.isVisible() or not axis.label.isVisible():
                continue
            text = axis.label.toPlainText()
            need = round(axis.label.boundingRect().width())
            vertical = name in ("left", "right")
            room = round(axis.size().height() if vertical else axis.size().width())
            if text and need > room + SLACK:
                out.append(Cut(f"{_path(plot)}[{name} axis]", text, need, room))
    return out


def cuts(root: QWidget) -> list[Cut]:
    """Every cut text among the shown widgets under ``root``."""
    out: list[Cut] = []
    for label in root.findChildren(QLabel):
        if _shown(label) and (c := _label_cut(label)):
            out.append(c)
    for button in root.findChildren(QAbstractButton):
        if (
            _shown(button)
            and not isinstance(button.parentWidget(), QTabBar | QHeaderView)
            and (c := _button_cut(button)) is not None
        ):
            out.append(c)
    for edit in root.findChildren(QLineEdit):
        if (
            _shown(edit)
            and not isinstance(edit.parentWidget(), QComboBox)
            and (c := _placeholder_cut(edit))
        ):
            out.append(c)
    for box in root.findChildren(QGroupBox):
        if _shown(box) and (c := _group_cut(box)):
            out.append(c)
    for bar in root.findChildren(QTabBar):
        if _shown(bar):
            out += _tabs_cut(bar)
    for header in root.findChildren(QHeaderView):
        if _shown(header):
            out += _header_cut(header)
    for view in root.findChildren(QAbstractItemView):
        if _shown(view):
            out += _view_numbers_cut(view)
    out += _chart_cuts(root)
    return out
