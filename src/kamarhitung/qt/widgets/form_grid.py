"""The keying grid: a result form's sections laid out like the paper, one digits-only box per field.

The grid is built from a :class:`~kamarhitung.core.template.FormSpec`, so a new form is a new
template file, not new code. It mirrors the printed form: each section's title on a shaded line
with its column heads (L, P, JUMLAH) on the same line, the L/P/J rows as three aligned columns, the
single-number rows (II, IV, V) in the JUMLAH column as on the paper, one row per candidate pair in
IV with its ballot number and names. Everything sits in one grid so every column lines up down the
whole form and the eye never hunts. The grid compacts itself to the height it is given
(:meth:`FormGrid.fit_height`) so that the whole form is visible without scrolling on a 1366×768
screen, and grows to larger, easier digits on a larger one.

Keys (in the field): digits; Enter or keypad Enter, or Down, to the next field in the template's
keying order; Shift+Enter or Up to the previous one; Tab and Shift+Tab as Enter and Shift+Enter,
wrapping within the form; Backspace in an empty field goes back to the previous field (not on
auto-repeat, so holding Backspace to clear a field never runs on into the one before). Any other
character is refused silently by the validator. Fields do not auto-advance when full: five digits
are the most a box takes, and a real count almost never has that many, so auto-advance would only
surprise.

Findings are shown beside the fields, never in a dialog: each field concerned gets a red (error)
or amber (warning) border, and the row of the finding's last field in keying order (usually the
total that fails) gets the finding's short code at its right end.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QEvent, QRect, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPaintEvent,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QSizePolicy, QWidget
from typing_extensions import override

from kamarhitung.core.model import Paslon
from kamarhitung.core.template import FormSpec, SectionSpec
from kamarhitung.core.validation import Finding

MIN_LINE = 19
"""The smallest line height (pixels) the grid compacts to; below it, its scroll area scrolls."""

MAX_LINE = 34

DIGIT_FONTS = ("DejaVu Sans Mono", "Consolas", "Menlo", "Liberation Mono", "monospace")
"""Monospaced families for the digits, first found wins (aligned columns of numbers)."""

_CTRL_ALT_META = (
    Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.MetaModifier
)


class DigitEdit(QLineEdit):
    """One box of the form: up to five digits, right-aligned; other characters are refused."""

    # Each signal carries the field id, so the grid connects bound methods (never lambdas, which
    # could outlive a grid being destroyed while a field loses the focus).
    sig_next = Signal(str)
    """Enter, keypad Enter or Down: go to the next field."""
    sig_prev = Signal(str)
    """Shift+Enter or Up: go to the previous field."""
    sig_back = Signal(str)
    """Backspace in an empty field: go back to the previous field, cursor at its end."""
    sig_keystroke = Signal()
    """Any key pressed in the field (for the keystroke count)."""
    sig_focus_in = Signal(str)
    sig_focus_out = Signal(str)
    sig_edited = Signal(str)
    """The operator changed the text (not when it is set by the program)."""

    def __init__(self, field_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field_id = field_id
        self.setObjectName("digit")
        self.setAccessibleName(field_id)
        self.setValidator(QRegularExpressionValidator(QRegularExpression("[0-9]{0,5}"), self))
        self.setMaxLength(5)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setProperty("level", "")
        self.textEdited.connect(self._on_text_edited)

    def _on_text_edited(self, _text: str) -> None:
        self.sig_edited.emit(self.field_id)

    def value(self) -> int | None:
        t = self.text()
        return int(t) if t.isdigit() else None

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.sig_keystroke.emit()
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        plain = mods == Qt.KeyboardModifier.NoModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (mods & _CTRL_ALT_META):
            if mods & Qt.KeyboardModifier.ShiftModifier:
                self.sig_prev.emit(self.field_id)
            else:
                self.sig_next.emit(self.field_id)
            event.accept()
            return
        if key == Qt.Key.Key_Up and plain:
            self.sig_prev.emit(self.field_id)
            event.accept()
            return
        if key == Qt.Key.Key_Down and plain:
            self.sig_next.emit(self.field_id)
            event.accept()
            return
        if key == Qt.Key.Key_Backspace and plain and not self.text() and not event.isAutoRepeat():
            self.sig_back.emit(self.field_id)
            event.accept()
            return
        super().keyPressEvent(event)

    @override
    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.sig_focus_in.emit(self.field_id)

    @override
    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.sig_focus_out.emit(self.field_id)


LABEL_COLUMN_MAX = 310
"""The widest the label column asks for (px): a longer row label wraps to two lines, so that the
photo keeps its room beside the presidential plano's long rows."""

LABEL_MIN_PX = 9
"""The smallest text a wrapped row label is shrunk to before it would be elided."""


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" to the width it gets (full text as tip).

    With ``wrap``, a text too long for one line is shown whole on two lines instead (in a
    smaller font if it must), and elided only if even that does not fit.
    """

    def __init__(
        self,
        text: str = "",
        parent: QWidget | None = None,
        mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight,
        *,
        wrap: bool = False,
    ) -> None:
        super().__init__(parent)
        self._full = ""
        self._mode = mode
        self._wrap = wrap
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.set_full_text(text)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setText(text)
        self.update()

    def full_text(self) -> str:
        return self._full

    @override
    def minimumSizeHint(self) -> QSize:
        return QSize(24, super().minimumSizeHint().height())

    def _layout(self) -> tuple[QFont, bool] | None:
        """The font and whether to wrap, for the whole text to fit; None: it cannot."""
        r = self.contentsRect()
        font = QFont(self.font())
        if QFontMetrics(font).horizontalAdvance(self._full) <= r.width():
            return font, False
        if not self._wrap:
            return None
        px = font.pixelSize() if font.pixelSize() > 0 else QFontMetrics(font).height() - 2
        flags = int(Qt.TextFlag.TextWordWrap)
        while px >= LABEL_MIN_PX:
            font.setPixelSize(px)
            need = QFontMetrics(font).boundingRect(r.adjusted(0, 0, 0, 10_000), flags, self._full)
            if need.height() <= r.height() + 2 and need.width() <= r.width():
                return font, True
            px -= 1
        return None

    def shows_whole(self) -> bool:
        """Whether the whole text is shown (on one line, or wrapped), not elided."""
        return self._layout() is not None

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        r = self.contentsRect()
        p.setPen(self.palette().color(self.foregroundRole()))
        layout = self._layout()
        if layout is not None and layout[1]:
            p.setFont(layout[0])
            flags = self.alignment() | Qt.AlignmentFlag.AlignVCenter
            p.drawText(r, int(flags) | int(Qt.TextFlag.TextWordWrap), self._full)
            return
        p.setFont(self.font())
        text = self.fontMetrics().elidedText(self._full, self._mode, r.width())
        p.drawText(r, int(self.alignment() | Qt.AlignmentFlag.AlignVCenter), text)


@dataclass
class _Row:
    id: str
    section: str
    label: ElidedLabel
    edits: list[DigitEdit]
    codes: QLabel
    grid_row: int


@dataclass
class _Section:
    spec: SectionSpec
    title: ElidedLabel
    heads: list[QLabel]
    hint: QLabel
    grid_row: int


class FormGrid(QWidget):
    """The boxes of one form (a template with its candidate pairs), in keying order."""

    sig_field_focused = Signal(str)
    """A field took the focus (the viewer zooms to its box)."""
    sig_field_left = Signal(str)
    """A field lost the focus: its value is committed (the entry screen saves the draft)."""
    sig_edited = Signal(str)
    """The operator changed a field's text."""
    sig_keystroke = Signal()
    sig_past_end = Signal()
    """Enter in the last field: nowhere further to go."""

    def __init__(
        self,
        spec: FormSpec,
        paslon: Sequence[Paslon] = (),
        parent: QWidget | None = None,
        *,
        section_keys: bool = True,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("formGrid")
        self._spec = spec
        self._paslon = {p.nomor_urut: p for p in paslon}
        self._section_keys = section_keys
        self._order: list[str] = list(spec.field_ids)
        self._index = {f: i for i, f in enumerate(self._order)}
        self._edits: dict[str, DigitEdit] = {}
        self._rows: dict[str, _Row] = {}
        self._row_of: dict[str, str] = {}
        self._sections: list[_Section] = []
        self._gap_rows: list[int] = []
        self._current: str | None = None
        self._line_h = 0
        self._levels: dict[str, str] = {}
        self._shown_levels: dict[str, str] = {}

        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(6, 4, 6, 4)
        self._grid.setHorizontalSpacing(6)
        self._grid.setColumnStretch(0, 1)
        self._build()
        self.set_line_height(26)
        self.retranslate()

    # --- building ---------------------------------------------------------------------------------

    def _build(self) -> None:
        by_section: dict[str, list[str]] = {}
        for f in self._spec.fields:
            by_section.setdefault(f.section, []).append(f.id)
            self._row_of[f.id] = f.row
        r = 0
        for n, sec in enumerate(self._spec.template.sections):
            if sec.id not in by_section:
                continue
            if self._sections:
                self._gap_rows.append(r)
                r += 1
            # Elided in the middle: "I. DATA PEMILIH … A. DATA PEMILIH" keeps the part that names
            # the subsection.
            kolom_kosong = any(p.is_kolom_kosong for p in self._paslon.values())
            title = ElidedLabel(sec.title_for(kolom_kosong), self, Qt.TextElideMode.ElideMiddle)
            title.setObjectName("sectionTitle")
            heads: list[QLabel] = []
            cols = ("L", "P", "J") if sec.kind == "lpj" else ("J",)
            for c in cols:
                head = QLabel(self)
                head.setObjectName("colHead")
                head.setAlignment(Qt.AlignmentFlag.AlignCenter)
                head.setProperty("column", c)
                self._grid.addWidget(head, r, 1 + ("L", "P", "J").index(c))
                heads.append(head)
            hint = QLabel(f"Alt+{n + 1}" if self._section_keys else "", self)
            hint.setObjectName("keyHint")
            hint.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            # A title over a section with only the JUMLAH column also takes the empty L and P
            # columns, so it is shown whole.
            self._grid.addWidget(title, r, 0, 1, 1 if sec.kind == "lpj" else 3)
            self._grid.addWidget(hint, r, 4)
            self._sections.append(_Section(sec, title, heads, hint, r))
            r += 1
            rows: dict[str, list[str]] = {}
            for fid in by_section[sec.id]:
                rows.setdefault(self._row_of[fid], []).append(fid)
            labels = {row.id: row.label for row in sec.rows}
            for row_id, fids in rows.items():
                label = ElidedLabel(self._row_label(sec, row_id, labels), self, wrap=True)
                label.setObjectName("rowLabel")
                edits: list[DigitEdit] = []
                for fid in fids:
                    e = DigitEdit(fid, self)
                    col = self._spec.fields[self._spec.field_index[fid]].column
                    self._grid.addWidget(e, r, 1 + ("L", "P", "J").index(col))
                    self._wire(e)
                    self._edits[fid] = e
                    edits.append(e)
                codes = QLabel(self)
                codes.setObjectName("codes")
                codes.setProperty("level", "")
                codes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
                self._grid.addWidget(label, r, 0)
                self._grid.addWidget(codes, r, 4)
                self._rows[row_id] = _Row(row_id, sec.id, label, edits, codes, r)
                r += 1
        self._grid.setRowStretch(r, 1)
        ordered = [self._edits[f] for f in self._order]
        for a, b in pairwise(ordered):
            QWidget.setTabOrder(a, b)

    def _row_label(self, sec: SectionSpec, row_id: str, labels: Mapping[str, str]) -> str:
        if sec.kind == "paslon":
            n = int(row_id.rsplit(".", 1)[1])
            p = self._paslon.get(n)
            names = p.names(" / ").upper() if p else ""
            return f"{n}.  {names}" if names else f"{n}."
        return labels.get(row_id, row_id)

    def _wire(self, e: DigitEdit) -> None:
        e.sig_next.connect(self._next)
        e.sig_prev.connect(self._prev)
        e.sig_back.connect(self._back)
        e.sig_keystroke.connect(self.sig_keystroke)
        e.sig_focus_in.connect(self._on_focus_in)
        e.sig_focus_out.connect(self.sig_field_left)
        e.sig_edited.connect(self.sig_edited)

    # --- texts and metrics ------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set the texts of the grid (again, after a language switch)."""
        for sec in self._sections:
            for head in sec.heads:
                c = head.property("column")
                if c == "L":
                    head.setText(self.tr("L"))
                elif c == "P":
                    head.setText(self.tr("P"))
                elif sec.spec.kind == "paslon":
                    head.setText(self.tr("SUARA"))
                else:
                    head.setText(self.tr("JUMLAH"))
            if self._section_keys:
                sec.hint.setToolTip(self.tr("Lompat ke bagian ini"))

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def line_count(self) -> int:
        """Lines of the grid: section titles and field rows."""
        return len(self._sections) + len(self._rows)

    def _spacing(self, h: int) -> int:
        return max(2, h // 8)

    def _gap(self, h: int) -> int:
        return max(3, h // 3)

    def height_for_line(self, h: int) -> int:
        """The height the grid needs at line height ``h``."""
        rows = self.line_count() + len(self._gap_rows)
        m = self._grid.contentsMargins()
        return (
            self.line_count() * h
            + len(self._gap_rows) * self._gap(h)
            + (rows - 1) * self._spacing(h)
            + m.top()
            + m.bottom()
        )

    def fit_height(self, available: int) -> None:
        """Take the largest line height (within limits) at which the whole grid fits."""
        h = MAX_LINE
        while h > MIN_LINE and self.height_for_line(h) > available:
            h -= 1
        self.set_line_height(h)

    def line_height(self) -> int:
        return self._line_h

    def label_width(self, label_px: int | None = None) -> int:
        """The width the widest row label needs (with its padding) at the current text size."""
        font = QFont(self.font())
        px = label_px if label_px is not None else max(11, min(15, round(self._line_h * 0.48)))
        font.setPixelSize(px)
        fm = QFontMetrics(font)
        widest = max(
            (fm.horizontalAdvance(r.label.full_text()) for r in self._rows.values()), default=0
        )
        return widest + 8 + 6

    def field_name(self, field_id: str) -> str:
        """A field as the operator reads it on the screen: its row label and its column
        ("2. Jumlah pemilih dalam DPPh (pindahan), P"), not its id."""
        row = self._rows.get(self._row_of.get(field_id, ""))
        if row is None:
            return field_id
        col = self._spec.fields[self._spec.field_index[field_id]].column
        heads = {"L": self.tr("L"), "P": self.tr("P"), "J": self.tr("JUMLAH")}
        if col == "J" and len(row.edits) == 1:
            return row.label.full_text()
        return f"{row.label.full_text()}, {heads.get(col, col)}"

    def row_labels(self) -> list[ElidedLabel]:
        """The labels of the rows, in keying order (the fit test reads them)."""
        return [r.label for r in self._rows.values()]

    def set_line_height(self, h: int) -> None:
        h = max(MIN_LINE, min(MAX_LINE, h))
        if h == self._line_h:
            return
        self._line_h = h
        digit_px = max(13, round(h * 0.64))
        label_px = max(11, min(15, round(h * 0.48)))
        small_px = max(10, min(13, round(h * 0.4)))
        self.setStyleSheet(_stylesheet(digit_px, label_px, small_px))
        font = QFont()
        font.setFamilies(list(DIGIT_FONTS))
        font.setPixelSize(digit_px)
        font.setBold(True)
        edit_w = QFontMetrics(font).horizontalAdvance("00000") + 18
        for e in self._edits.values():
            e.setFixedSize(edit_w, h)
        small = QFont()
        small.setPixelSize(small_px)
        small.setBold(True)
        codes_w = QFontMetrics(small).horizontalAdvance("BALLOT-USED") + 10
        self._grid.setColumnMinimumWidth(4, codes_w)
        for c in (1, 2, 3):
            self._grid.setColumnMinimumWidth(c, edit_w)
        # The row labels are shown whole (three rows start "Jumlah pemilih dalam D…"): the label
        # column is as wide as the widest label; the entry screen gives the grid that room.
        self._grid.setColumnMinimumWidth(0, min(self.label_width(label_px), LABEL_COLUMN_MAX))
        self._grid.setVerticalSpacing(self._spacing(h))
        for sec in self._sections:
            self._grid.setRowMinimumHeight(sec.grid_row, h)
        for row in self._rows.values():
            self._grid.setRowMinimumHeight(row.grid_row, h)
            row.codes.setMaximumWidth(codes_w + 40)
        for g in self._gap_rows:
            self._grid.setRowMinimumHeight(g, self._gap(h))
        self.updateGeometry()

    # --- values -----------------------------------------------------------------------------------

    @property
    def spec(self) -> FormSpec:
        return self._spec

    def field_ids(self) -> tuple[str, ...]:
        return tuple(self._order)

    def section_ids(self) -> tuple[str, ...]:
        return tuple(s.spec.id for s in self._sections)

    def edit(self, field_id: str) -> DigitEdit:
        return self._edits[field_id]

    def values(self) -> dict[str, int]:
        """The keyed values; an empty box is absent (not keyed yet)."""
        out: dict[str, int] = {}
        for fid in self._order:
            v = self._edits[fid].value()
            if v is not None:
                out[fid] = v
        return out

    def set_values(self, values: Mapping[str, int]) -> None:
        """Show these values (a new form, or a resumed draft); other boxes are emptied."""
        for fid, e in self._edits.items():
            e.blockSignals(True)
            e.set_value(values.get(fid))
            e.blockSignals(False)
        self.set_findings(())

    def first_missing(self) -> str | None:
        for fid in self._order:
            if not self._edits[fid].text():
                return fid
        return None

    # --- focus ------------------------------------------------------------------------------------

    def current_field(self) -> str | None:
        """The field that has (or last had) the focus."""
        return self._current

    def focus_field(self, field_id: str, *, select_all: bool = True) -> None:
        e = self._edits[field_id]
        e.setFocus(Qt.FocusReason.OtherFocusReason)
        if select_all:
            e.selectAll()
        else:
            e.deselect()
            e.end(False)
        if self._current != field_id:
            # Not focused (hidden window): still make it current.
            self._on_focus_in(field_id)

    def focus_section(self, section_id: str) -> None:
        """Go to a section: its first empty field, else its first field."""
        fids = [f for f in self._order if self._spec.fields[self._index[f]].section == section_id]
        if not fids:
            return
        target = next((f for f in fids if not self._edits[f].text()), fids[0])
        self.focus_field(target)

    def _next(self, field_id: str) -> None:
        self._step(field_id, +1)

    def _prev(self, field_id: str) -> None:
        self._step(field_id, -1)

    def _step(self, field_id: str, delta: int) -> None:
        i = self._index[field_id] + delta
        if i >= len(self._order):
            self.sig_past_end.emit()
            return
        if i < 0:
            return
        self.focus_field(self._order[i])

    def _back(self, field_id: str) -> None:
        i = self._index[field_id] - 1
        if i >= 0:
            self.focus_field(self._order[i], select_all=False)

    @override
    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab and Shift+Tab stay within the form, wrapping, in keying order.
        cur = self._current if self._current is not None else self._order[0]
        i = (self._index[cur] + (1 if next else -1)) % len(self._order)
        self.focus_field(self._order[i])
        return True

    def _on_focus_in(self, field_id: str) -> None:
        if field_id == self._current:
            return
        self._current = field_id
        self.update()
        self.sig_field_focused.emit(field_id)

    # --- findings ---------------------------------------------------------------------------------

    def set_findings(self, findings: Sequence[Finding]) -> None:
        """Show findings beside the fields: the field that closes each finding (its last in keying
        order, usually the total that fails) gets a strong red or amber border and its row the
        finding's code; the other fields it reads get a thin border of the same colour, so a
        finding is traceable at a glance without the form lighting up."""
        levels: dict[str, str] = {}
        strong: set[str] = set()
        codes: dict[str, dict[str, str]] = {}
        for f in findings:
            known = [fid for fid in f.fields if fid in self._index]
            if not known:
                continue
            for fid in known:
                if levels.get(fid) != "E":
                    levels[fid] = f.level
            last = max(known, key=self._index.__getitem__)
            strong.add(last)
            row_codes = codes.setdefault(self._row_of[last], {})
            if row_codes.get(f.code) != "E":
                row_codes[f.code] = f.level
        shown = {fid: lv if fid in strong else lv.lower() for fid, lv in levels.items()}
        for fid, e in self._edits.items():
            level = shown.get(fid, "")
            if self._shown_levels.get(fid, "") != level:
                e.setProperty("level", level)
                e.style().unpolish(e)
                e.style().polish(e)
        self._levels = levels
        self._shown_levels = shown
        for row_id, row in self._rows.items():
            rc = codes.get(row_id, {})
            text = " ".join(sorted(rc, key=lambda c: (rc[c] != "E", c)))
            level = "E" if "E" in rc.values() else ("W" if rc else "")
            if row.codes.text() != text:
                row.codes.setText(text)
                row.codes.setToolTip(text)
            if row.codes.property("level") != level:
                row.codes.setProperty("level", level)
                row.codes.style().unpolish(row.codes)
                row.codes.style().polish(row.codes)

    def level_of(self, field_id: str) -> str:
        """The worst level of the findings a field is part of: E, W, or empty."""
        return self._levels.get(field_id, "")

    def closes_finding(self, field_id: str) -> bool:
        """Whether the field is the last field of a finding shown now (the strong border)."""
        return self._shown_levels.get(field_id, "") in ("E", "W")

    def codes_at(self, row_id: str) -> str:
        """The finding codes shown at a row now."""
        return self._rows[row_id].codes.text()

    def row_of(self, field_id: str) -> str:
        return self._row_of[field_id]

    # --- painting ---------------------------------------------------------------------------------

    def _row_rect(self, row: _Row) -> QRect:
        r = row.label.geometry()
        for e in row.edits:
            r = r.united(e.geometry())
        r = r.united(row.codes.geometry())
        return r

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        p.fillRect(self.rect(), QColor(250, 251, 252))
        p.setPen(Qt.PenStyle.NoPen)
        left, right = 2, self.width() - 2
        for sec in self._sections:
            g = sec.title.geometry()
            p.setBrush(QColor(228, 232, 238))
            p.drawRoundedRect(left, g.top() - 1, right - left, g.height() + 2, 3, 3)
        if self._current is not None:
            row = self._rows[self._row_of[self._current]]
            r = self._row_rect(row)
            p.setBrush(QColor(214, 229, 250))
            p.drawRoundedRect(left, r.top() - 2, right - left, r.height() + 4, 4, 4)
            p.setBrush(QColor(21, 101, 192))
            p.drawRoundedRect(left, r.top() - 2, 4, r.height() + 4, 2, 2)


def _stylesheet(digit_px: int, label_px: int, small_px: int) -> str:
    families = ", ".join(f'"{f}"' if " " in f else f for f in DIGIT_FONTS)
    return f"""
QLabel#rowLabel {{ color: #1f2933; font-size: {label_px}px; padding-left: 8px; }}
QLabel#sectionTitle {{ color: #102a43; font-size: {label_px}px; font-weight: bold;
    padding-left: 4px; }}
QLabel#colHead {{ color: #334e68; font-size: {small_px}px; font-weight: bold; }}
QLabel#keyHint {{ color: #829ab1; font-size: {small_px}px; padding-right: 4px; }}
QLabel#codes {{ font-size: {small_px}px; font-weight: bold; padding-left: 2px; }}
QLabel#codes[level="E"] {{ color: #b3261e; }}
QLabel#codes[level="W"] {{ color: #8a5a00; }}
QLineEdit#digit {{
    font-family: {families}; font-size: {digit_px}px; font-weight: bold; color: #0b1720;
    background: #ffffff; border: 1px solid #9fb3c8; border-radius: 3px; padding: 0px 6px;
    selection-background-color: #90caf9; selection-color: #0b1720;
}}
QLineEdit#digit:focus {{ background: #fff3bf; border: 2px solid #1565c0; padding: 0px 5px; }}
QLineEdit#digit[level="w"] {{ border: 1px solid #e0b040; }}
QLineEdit#digit[level="e"] {{ border: 1px solid #e08a8a; }}
QLineEdit#digit[level="W"] {{ border: 2px solid #d4a017; padding: 0px 5px; }}
QLineEdit#digit[level="E"] {{ border: 2px solid #c62828; padding: 0px 5px; }}
QLineEdit#digit[level="w"]:focus, QLineEdit#digit[level="e"]:focus {{
    background: #fff3bf; border: 2px solid #1565c0; padding: 0px 5px; }}
QLineEdit#digit[level="W"]:focus, QLineEdit#digit[level="E"]:focus {{ background: #fff3bf; }}
"""
