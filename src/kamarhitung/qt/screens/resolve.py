"""The supervisor's resolution screen: the queues of ``different`` and ``janggal`` forms, and
resolving each against the form photo, entirely from the keyboard.

How a ``different`` form is resolved follows KEYING.md ("Right", "Mismatch load"): people asked to
reconcile two entries tend to make them agree with each other rather than with the paper, so the
supervisor sees the photo, zoomed to the differing field, and keys the value read there *blind*;
the two entries' values stay hidden. A typed value equal to one entry decides the field (the other
keyer slipped); one equal to neither reveals both entries and the supervisor confirms their own
value, picks an entry, or marks the paper itself as ambiguous. One key moves from difference to
difference, so the screen is as fast as the entry screen: 15 to 45% of forms have a difference.

Blindness is also why the entries' own findings are not shown while resolving: a finding's
parameters are sums of the entry's values. Problems the operators raised (illegible, wrong TPS...)
carry no values and are shown prominently.

A ``janggal`` form (both entries agree, an identity fails) is the paper's own inconsistency: the
supervisor accepts it as keyed, with a note and the Kejadian Khusus reference, or sends it back.
Nothing here ever "fixes" the paper, and nothing opens a modal dialog: errors are shown inline.

Everything goes through :mod:`kamarhitung.services.entry`, each save through the panel's runner
(:mod:`kamarhitung.qt.models.background`), so the window stays live while it is written; keys
that would leave or save the form wait until it is. After an action the screen reads its queues
again, says so in the status bar and opens the next form of the queue; the runner then announces
``Changes.ENTRIES`` on ``ctx.sig_data_changed``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QRegularExpression,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QKeySequence,
    QRegularExpressionValidator,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStackedWidget,
    QTabBar,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kamarhitung.core.entry import State, attribute
from kamarhitung.core.model import Paslon, Role, dotted
from kamarhitung.core.template import Box, FormSpec
from kamarhitung.core.validation import Finding, validate
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import (
    describe_finding,
    problem_name,
    refusal_text,
    state_name,
    time_text,
)
from kamarhitung.qt.imageload import ImageLoader, LoadedForm, fields_region
from kamarhitung.qt.models.background import Background, Failure
from kamarhitung.qt.screens.operators import OperatorStatsWidget
from kamarhitung.qt.widgets.image_viewer import ImageViewer
from kamarhitung.services import entry
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import ConflictError, ServiceError
from kamarhitung.services.entry import EntryView, FieldDecision, QueueItem, ResolutionView
from kamarhitung.services.workspace import Workspace

_CONTEXT_WIDTH = 0.92
"""The share of the page width shown around the field being resolved."""

FormKey = tuple[str, str]
"""A form: (TPS id, contest id)."""

_TAB_DIFFERENT, _TAB_JANGGAL, _TAB_STATS = 0, 1, 2
_TAB_STATES = {_TAB_DIFFERENT: State.DIFFERENT, _TAB_JANGGAL: State.JANGGAL}

# Calm colours: a tint of the meaning, never a glare.
_AMBER_BG, _AMBER_FG, _AMBER_LINE = "#fff5d9", "#6b4600", "#e3b54f"
_RED_BG, _RED_FG, _RED_LINE = "#fdeceb", "#8c1d18", "#e6a19c"
_GREEN = "#2e7d32"
_FAIL_CELL = QColor("#fbe3e1")
_FOCUS_CELL = QColor("#f6c34a")
_DIGIT_MARK = "#ffd970"


# --- small helpers ----------------------------------------------------------------------------


def _when(stamp: str) -> str:
    return time_text(stamp)


def _union(boxes: Sequence[Box | None]) -> Box | None:
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return (
        min(b[0] for b in real),
        min(b[1] for b in real),
        max(b[2] for b in real),
        max(b[3] for b in real),
    )


def _marked_digits(value: int | None, other: int | None, empty: str) -> str:
    """Rich text of ``value`` with the digits that differ from ``other`` (right-aligned) marked."""
    if value is None:
        return f"<i>{empty}</i>"
    a = str(value)
    b = "" if other is None else str(other)
    width = max(len(a), len(b))
    a_pad, b_pad = a.rjust(width), b.rjust(width)
    out = []
    for ca, cb in zip(a_pad, b_pad, strict=True):
        if ca == " ":
            continue
        if ca != cb:
            out.append(f'<span style="background:{_DIGIT_MARK}">{ca}</span>')
        else:
            out.append(ca)
    return "".join(out)


def _banner(label: QLabel, bg: str, fg: str, line: str) -> None:
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setStyleSheet(
        f"QLabel {{ background: {bg}; color: {fg}; border: 1px solid {line};"
        " border-radius: 4px; padding: 6px 8px; }"
    )


def _field_title(form: FormSpec, fid: str, paslon: Sequence[Paslon]) -> str:
    """The printed row's label, for a person: '3. Jumlah pemilih dalam DPTb (tambahan) · P'."""
    fs = form.fields[form.field_index[fid]]
    if fs.section == "IV":
        n = int(fs.label)
        pa = next((p for p in paslon if p.nomor_urut == n), None)
        if pa is not None and pa.is_kolom_kosong:
            base = f"{n}. {pa.names()}"
        else:
            names = pa.names() if pa else ""
            base = f"Paslon {n}" + (f": {names.title()}" if names else "")
    else:
        base = fs.label
    return base if fs.column == "J" and fid == fs.row else f"{base} · {fs.column}"


def _problems_html(tr: Callable[[str], str], entries: Sequence[EntryView]) -> str:
    parts = []
    for e in entries:
        if e.problems:
            names = ", ".join(problem_name(p) for p in e.problems)
            parts.append(tr("Entri {0} ({1}): {2}").format(e.slot, e.user, names))
    if not parts:
        return ""
    head = tr("Masalah yang diangkat operator")
    return f"<b>⚠ {head}</b><br>" + "<br>".join(parts)


def _shortcut(parent: QWidget, keys: Sequence[str], slot: Callable[[], None]) -> list[QShortcut]:
    out = []
    for key in keys:
        sc = QShortcut(QKeySequence(key), parent)
        sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        sc.activated.connect(slot)
        out.append(sc)
    return out


# --- the queue --------------------------------------------------------------------------------


class _QueueView(QTreeWidget):
    """The forms waiting for a supervisor; Up/Down move, Enter opens."""

    sig_open = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods:
            if self.currentItem() is not None:
                self.sig_open.emit()
            event.accept()
            return
        super().keyPressEvent(event)


# --- resolving a different form ---------------------------------------------------------------


@dataclass
class _FieldState:
    """The supervisor's work on one differing field."""

    typed: int | None = None
    revealed: bool = False
    decision: FieldDecision | None = None
    form_flag: bool = False


@dataclass
class _Draft:
    """Decisions on one form so far: kept if the supervisor steps back to the queue."""

    states: dict[str, _FieldState] = field(default_factory=dict)
    reason: str = ""
    current: int = 0


class _ValueEdit(QLineEdit):
    """The value read from the photo. Blind mode: digits, Enter checks. Reveal mode (the value
    matched neither entry): 1 / 2 pick an entry, Enter keeps the typed value, Backspace retypes."""

    sig_commit = Signal()
    sig_next = Signal()
    sig_prev = Signal()
    sig_flag = Signal()
    sig_pick = Signal(int)
    sig_retype = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reveal = False
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"), self))
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setStyleHint(QFont.StyleHint.Monospace)
        self.setFont(font)
        self.setMaximumWidth(220)

    def set_reveal(self, on: bool) -> None:
        self._reveal = on
        self.setReadOnly(on)

    @property
    def reveal(self) -> bool:
        return self._reveal

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods & ~Qt.KeyboardModifier.ShiftModifier:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.sig_commit.emit()
        elif key == Qt.Key.Key_Down:
            self.sig_next.emit()
        elif key == Qt.Key.Key_Up:
            self.sig_prev.emit()
        elif key == Qt.Key.Key_F:
            self.sig_flag.emit()
        else:
            self._other_key(event)
            return
        event.accept()

    def _other_key(self, event: QKeyEvent) -> None:
        key = event.key()
        if self._reveal:
            if key in (Qt.Key.Key_1, Qt.Key.Key_2):
                self.sig_pick.emit(1 if key == Qt.Key.Key_1 else 2)
            elif key == Qt.Key.Key_Backspace:
                self.sig_retype.emit()
            elif key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                super().keyPressEvent(event)
                return
            event.accept()  # nothing else types while both entries are shown
            return
        super().keyPressEvent(event)


class _UpDownFilter(QObject):
    """Up/Down in a one-line text field call back (to move through a list beside it)."""

    def __init__(self, parent: QObject, up: Callable[[], None], down: Callable[[], None]) -> None:
        super().__init__(parent)
        self._up, self._down = up, down

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if not mods and event.key() == Qt.Key.Key_Up:
                self._up()
                return True
            if not mods and event.key() == Qt.Key.Key_Down:
                self._down()
                return True
        return False


class _Saving:
    """One panel's saves through its runner: one at a time, the status bar saying so, the
    result (the form left the queue) as the panel's ``sig_done``, Changes.ENTRIES announced."""

    def __init__(self, panel: QWidget, ctx: AppContext, done: SignalInstance) -> None:
        self._panel = panel
        self._ctx = ctx
        self._done = done
        self._jobs = Background(panel)
        self.busy = False

    def start(
        self,
        fn: Callable[[], object],
        message: str,
        on_failed: Callable[[Failure], None],
        after: Callable[[], None] | None = None,
    ) -> None:
        self.busy = True
        self._ctx.sig_status.emit(QCoreApplication.translate("ResolutionScreen", "Menyimpan…"))

        def done(_r: object) -> None:
            self.busy = False
            if after is not None:
                after()
            self._done.emit(message)

        def failed(f: Failure) -> None:
            self.busy = False
            on_failed(f)

        self._jobs.run(lambda job: fn(), done, failed, ctx=self._ctx, changes=Changes.ENTRIES)

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        return self._jobs.wait_idle(timeout_ms)


class DifferencePanel(QWidget):
    """Resolve a ``different`` form: only the differing fields, each keyed blind from the photo."""

    sig_region = Signal(object)
    """The fields whose region of the photo to show (a list of field ids, or None for the whole
    page): the screen turns to the page that holds them."""

    sig_done = Signal(str)
    """The form left the queue; the argument is the status message."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.saving = _Saving(self, ctx, self.sig_done)
        self._view: ResolutionView | None = None
        self._form: FormSpec | None = None
        self._paslon: tuple[Paslon, ...] = ()
        self._fields: tuple[str, ...] = ()
        self._v1: dict[str, int] = {}
        self._v2: dict[str, int] = {}
        self._draft = _Draft()
        self._conflict: list[Finding] = []

        self._problems = QLabel(self)
        self._problems.setObjectName("diffProblems")
        _banner(self._problems, _AMBER_BG, _AMBER_FG, _AMBER_LINE)
        self._list_title = QLabel(self)
        self._list = QTreeWidget(self)
        self._list.setObjectName("differences")
        self._list.setColumnCount(4)
        self._list.setRootIsDecorated(False)
        self._list.setUniformRowHeights(True)
        self._list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # A long row label gives way in its middle (its number and its end tell the rows apart);
        # the whole label is the tooltip.
        self._list.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        hdr = self._list.header()
        hdr.setStretchLastSection(False)
        hdr.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hdr.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        hdr.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self._list.itemClicked.connect(self._on_list_clicked)

        # The field being resolved.
        self._step = QLabel(self)
        self._step.setObjectName("diffStep")
        self._field_id = QLabel(self)
        self._field_id.setObjectName("diffFieldId")
        big = QFont(self._field_id.font())
        big.setPointSizeF(big.pointSizeF() * 1.35)
        big.setBold(True)
        self._field_id.setFont(big)
        self._field_label = QLabel(self)
        self._field_label.setObjectName("diffFieldLabel")
        self._field_label.setWordWrap(True)
        self._value_caption = QLabel(self)
        self._edit = _ValueEdit(self)
        self._edit.setObjectName("diffValue")
        self._value_caption.setBuddy(self._edit)
        self._flag = QLabel(self)
        self._flag.setObjectName("diffFormFlag")
        _banner(self._flag, _AMBER_BG, _AMBER_FG, _AMBER_LINE)
        self._hint = QLabel(self)
        self._hint.setObjectName("diffHint")
        self._hint.setWordWrap(True)

        # Revealed only when the typed value matches neither entry.
        self._reveal = QFrame(self)
        self._reveal.setObjectName("diffReveal")
        self._reveal.setFrameShape(QFrame.Shape.StyledPanel)
        self._reveal.setStyleSheet(
            "QFrame#diffReveal { background: #f6f8fb; border: 1px solid #c9d3e0;"
            " border-radius: 4px; }"
        )
        grid = QGridLayout(self._reveal)
        grid.setHorizontalSpacing(14)
        self._rv_names: list[QLabel] = []
        self._rv_values: list[QLabel] = []
        self._rv_keys: list[QLabel] = []
        value_font = QFont(self._edit.font())
        value_font.setPointSizeF(value_font.pointSizeF() * 0.85)
        for row in range(3):
            name, value, keyl = QLabel(self._reveal), QLabel(self._reveal), QLabel(self._reveal)
            value.setObjectName(f"revealValue{row}")
            value.setFont(value_font)
            value.setTextFormat(Qt.TextFormat.RichText)
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(110)
            keyl.setStyleSheet("color: #4a5568;")
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
            grid.addWidget(keyl, row, 2)
            self._rv_names.append(name)
            self._rv_values.append(value)
            self._rv_keys.append(keyl)
        grid.setColumnStretch(2, 1)

        # Reason, confirm, and what follows when the resolved form still fails an identity.
        self._reason_caption = QLabel(self)
        self._reason = QLineEdit(self)
        self._reason.setObjectName("diffReason")
        self._reason_caption.setBuddy(self._reason)
        self._reason.textEdited.connect(self._on_reason_edited)
        self._reason.installEventFilter(
            _UpDownFilter(self, lambda: self._go(len(self._fields) - 1), lambda: self._go(0))
        )
        self._quick = QLabel(self)
        self._quick.setObjectName("diffQuickReasons")
        self._quick.setWordWrap(True)
        self._quick.setStyleSheet("color: #4a5568;")

        self._conflict_box = QFrame(self)
        self._conflict_box.setObjectName("diffConflict")
        self._conflict_box.setStyleSheet(
            f"QFrame#diffConflict {{ background: {_RED_BG}; border: 1px solid {_RED_LINE};"
            " border-radius: 4px; }"
        )
        cbox = QVBoxLayout(self._conflict_box)
        self._conflict_title = QLabel(self._conflict_box)
        self._conflict_title.setWordWrap(True)
        self._conflict_title.setStyleSheet(f"color: {_RED_FG};")
        self._conflict_list = QLabel(self._conflict_box)
        self._conflict_list.setObjectName("diffConflictFindings")
        self._conflict_list.setWordWrap(True)
        self._conflict_list.setStyleSheet(f"color: {_RED_FG};")
        self._note_caption = QLabel(self._conflict_box)
        self._note = QLineEdit(self._conflict_box)
        self._note.setObjectName("diffJanggalNote")
        self._note_caption.setBuddy(self._note)
        self._conflict_keys = QLabel(self._conflict_box)
        self._conflict_keys.setWordWrap(True)
        cbox.addWidget(self._conflict_title)
        cbox.addWidget(self._conflict_list)
        cbox.addWidget(self._note_caption)
        cbox.addWidget(self._note)
        cbox.addWidget(self._conflict_keys)

        self._error = QLabel(self)
        self._error.setObjectName("diffError")
        _banner(self._error, _RED_BG, _RED_FG, _RED_LINE)
        self._keys = QLabel(self)
        self._keys.setObjectName("diffKeys")
        self._keys.setWordWrap(True)
        self._keys.setStyleSheet("color: #4a5568;")

        top = QHBoxLayout()
        top.addWidget(self._value_caption)
        top.addWidget(self._edit)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._problems)
        layout.addWidget(self._list_title)
        layout.addWidget(self._list)
        layout.addSpacing(6)
        layout.addWidget(self._step)
        layout.addWidget(self._field_id)
        layout.addWidget(self._field_label)
        layout.addLayout(top)
        layout.addWidget(self._flag)
        layout.addWidget(self._hint)
        layout.addWidget(self._reveal)
        layout.addSpacing(10)
        layout.addWidget(self._reason_caption)
        layout.addWidget(self._reason)
        layout.addWidget(self._quick)
        layout.addWidget(self._conflict_box)
        layout.addWidget(self._error)
        layout.addStretch(1)
        layout.addWidget(self._keys)

        self._edit.sig_commit.connect(self._commit)
        self._edit.sig_next.connect(lambda: self._go(self._draft.current + 1))
        self._edit.sig_prev.connect(lambda: self._go(self._draft.current - 1))
        self._edit.sig_flag.connect(self._toggle_flag)
        self._edit.sig_pick.connect(self._pick)
        self._edit.sig_retype.connect(self._retype)

        self._error.hide()
        self._conflict_box.hide()
        self.retranslate()

    # --- texts ------------------------------------------------------------------------------

    def quick_reasons(self) -> list[str]:
        """The reasons Alt+1..Alt+4 put in the reason field."""
        return [
            self.tr("Sesuai gambar C1"),
            self.tr("Salah ketik operator"),
            self.tr("Angka pada formulir kurang jelas; dibaca dari gambar"),
            self.tr("Sesuai jumlah pada baris lain formulir"),
        ]

    def retranslate(self) -> None:
        """Set every text of the panel (again, after a language switch)."""
        self._list_title.setText(self.tr("Isian yang berbeda"))
        self._list.setHeaderLabels(["", self.tr("Isian"), self.tr("Baris"), self.tr("Keputusan")])
        self._value_caption.setText(self.tr("Nilai pada &gambar:"))
        self._reason_caption.setText(self.tr("&Alasan (wajib):"))
        self._reason.setPlaceholderText(self.tr("Mengapa nilai ini yang benar"))
        quick = "   ".join(f"Alt+{i + 1}: {r}" for i, r in enumerate(self.quick_reasons()))
        self._quick.setText(quick)
        self._conflict_title.setText(
            self.tr(
                "<b>Formulir hasil penyelesaian masih gagal pemeriksaan.</b> Kertasnya sendiri "
                "tidak konsisten: terima sebagai janggal dengan catatan, atau kembalikan."
            )
        )
        self._note_caption.setText(self.tr("&Catatan janggal:"))
        self._conflict_keys.setText(
            self.tr(
                "Ctrl+Enter: terima sebagai janggal · Ctrl+K: kembalikan untuk entri ulang · "
                "Ctrl+Shift+K: kembalikan entri kedua saja"
            )
        )
        self._flag.setText(
            self.tr("Ditandai: kertasnya sendiri ambigu (kekeliruan pada formulir). F: batalkan")
        )
        if self._view is not None:
            self._refresh_problems()
            self._refresh_list()
            self._show_current(focus=False)
        self._render_conflict()
        self._refresh_keys()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading ----------------------------------------------------------------------------

    def load(
        self, view: ResolutionView, form: FormSpec, paslon: tuple[Paslon, ...], draft: _Draft
    ) -> None:
        """Show a different form; ``draft`` holds (and receives) the decisions made so far."""
        self._view, self._form, self._paslon, self._draft = view, form, paslon, draft
        by_slot = {e.slot: e for e in view.entries}
        self._v1 = dict(by_slot[1].values) if 1 in by_slot else {}
        self._v2 = dict(by_slot[2].values) if 2 in by_slot else {}
        self._fields = view.differing_fields
        for fid in self._fields:
            draft.states.setdefault(fid, _FieldState())
        draft.current = min(draft.current, max(0, len(self._fields) - 1))
        self._reason.setText(draft.reason)
        self._conflict = []
        self._note.clear()
        self._conflict_box.hide()
        self._error.hide()
        self._refresh_problems()
        self._refresh_list()
        self._show_current(focus=True)

    def focus_widget(self) -> QWidget:
        """Where the keyboard starts on this form: the value, or the reason if nothing differs."""
        return self._edit if self._fields else self._reason

    def focus_start(self) -> None:
        self.focus_widget().setFocus()

    # --- the current field ------------------------------------------------------------------

    def _state(self) -> _FieldState | None:
        if not self._fields:
            return None
        return self._draft.states[self._fields[self._draft.current]]

    def _go(self, index: int) -> None:
        if not self._fields:
            return
        self._draft.current = max(0, min(index, len(self._fields) - 1))
        self._error.hide()
        self._show_current(focus=True)

    def _show_current(self, *, focus: bool) -> None:
        st = self._state()
        has_fields = st is not None
        for w in (self._step, self._field_id, self._field_label, self._value_caption, self._edit):
            w.setVisible(has_fields)
        if st is None or self._form is None:
            self._reveal.hide()
            self._flag.hide()
            self._hint.setText(
                self.tr(
                    "Angka kedua entri sama; yang berbeda hanya masalah yang diangkat operator. "
                    "Periksa gambar, lalu simpan dengan alasan atau kembalikan."
                )
            )
            self.sig_region.emit(None)
            self._refresh_keys()
            if focus:
                self._reason.setFocus()
            return
        fid = self._fields[self._draft.current]
        self._step.setText(
            self.tr("Perbedaan {0} dari {1}").format(self._draft.current + 1, len(self._fields))
        )
        self._field_id.setText(fid)
        self._field_label.setText(_field_title(self._form, fid, self._paslon))
        self._flag.setVisible(st.form_flag)
        self._edit.set_reveal(st.revealed)
        if st.revealed and st.typed is not None:
            self._edit.setText(str(st.typed))
        elif st.decision is not None and st.decision.value is not None:
            self._edit.setText(str(st.decision.value))
        else:
            self._edit.setText("" if st.typed is None else str(st.typed))
        self._edit.selectAll()
        self._fill_reveal(fid, st)
        self._hint.setText(self._hint_text(st))
        item = self._list.topLevelItem(self._draft.current)
        if item is not None:
            self._list.setCurrentItem(item)
        self.sig_region.emit([fid])
        self._refresh_keys()
        if focus:
            self._edit.setFocus()

    def _hint_text(self, st: _FieldState) -> str:
        if st.revealed:
            return self.tr(
                "Nilai Anda tidak sama dengan kedua entri. Periksa gambar sekali lagi, lalu pilih."
            )
        if st.decision is not None:
            return self.tr("Sudah diputuskan. Ketik ulang untuk mengubah, atau Enter: berikutnya.")
        return self.tr(
            "Baca angka pada gambar dan ketik, lalu Enter. Nilai kedua entri tidak ditampilkan."
        )

    def _fill_reveal(self, fid: str, st: _FieldState) -> None:
        # The entries' values are written into the labels only once revealed: never before.
        if not st.revealed:
            for lab in (*self._rv_names, *self._rv_values, *self._rv_keys):
                lab.clear()
            self._reveal.hide()
            return
        v1, v2 = self._v1.get(fid), self._v2.get(fid)
        users = {e.slot: e.user for e in self._view.entries} if self._view else {}
        empty = self.tr("tidak diisi")
        self._rv_names[0].setText(self.tr("Ketikan Anda"))
        self._rv_values[0].setText("" if st.typed is None else str(st.typed))
        self._rv_keys[0].setText(self.tr("Enter: pakai nilai ini"))
        self._rv_names[1].setText(self.tr("Entri 1 · {0}").format(users.get(1, "?")))
        self._rv_values[1].setText(_marked_digits(v1, v2, empty))
        self._rv_keys[1].setText(self.tr("1: pakai entri 1"))
        self._rv_names[2].setText(self.tr("Entri 2 · {0}").format(users.get(2, "?")))
        self._rv_values[2].setText(_marked_digits(v2, v1, empty))
        self._rv_keys[2].setText(self.tr("2: pakai entri 2"))
        self._reveal.show()

    # --- decisions --------------------------------------------------------------------------

    def _commit(self) -> None:
        st = self._state()
        if st is None:
            return
        fid = self._fields[self._draft.current]
        if self._edit.reveal:
            if st.typed is not None:
                self._decide(fid, st, "typed", st.typed)
            return
        text = self._edit.text().strip()
        if not text:
            if st.decision is not None:
                self._advance()
            else:
                self._say(self.tr("Ketik angka yang terbaca pada gambar, lalu Enter."))
            return
        typed = int(text)
        st.typed = typed
        if typed == self._v1.get(fid):
            self._decide(fid, st, "keep_first", typed)
        elif typed == self._v2.get(fid):
            self._decide(fid, st, "keep_second", typed)
        else:
            st.revealed = True
            st.decision = None
            self._invalidate_conflict()
            self._refresh_row(self._draft.current)
            self._show_current(focus=True)

    def _pick(self, slot: int) -> None:
        st = self._state()
        if st is None:
            return
        fid = self._fields[self._draft.current]
        value = (self._v1 if slot == 1 else self._v2).get(fid)
        if value is None:
            self._say(self.tr("Entri {0} tidak mengisi isian ini.").format(slot))
            return
        self._decide(fid, st, "keep_first" if slot == 1 else "keep_second", value)

    def _retype(self) -> None:
        self._edit.set_reveal(False)
        self._edit.selectAll()
        self._hint.setText(self.tr("Ketik ulang nilai pada gambar, lalu Enter."))
        self._refresh_keys()

    def _toggle_flag(self) -> None:
        st = self._state()
        if st is None:
            return
        fid = self._fields[self._draft.current]
        st.form_flag = not st.form_flag
        if st.decision is not None:
            st.decision = self._decision(fid, st.decision.action, st.decision.value, st.form_flag)
            self._invalidate_conflict()
        self._flag.setVisible(st.form_flag)
        self._refresh_row(self._draft.current)

    def _decision(self, fid: str, action: str, value: int | None, form_flag: bool) -> FieldDecision:
        who = "form" if form_flag else attribute(self._v1.get(fid), self._v2.get(fid), value)
        return FieldDecision(action, value, who)

    def _decide(self, fid: str, st: _FieldState, action: str, value: int) -> None:
        st.decision = self._decision(fid, action, value, st.form_flag)
        self._invalidate_conflict()
        self._error.hide()
        self._refresh_row(self._draft.current)
        self._advance()

    def _advance(self) -> None:
        """To the next undecided difference, or to the reason once every one is decided."""
        n = len(self._fields)
        for step in range(1, n + 1):
            i = (self._draft.current + step) % n
            if self._draft.states[self._fields[i]].decision is None:
                self._go(i)
                return
        self._show_current(focus=False)
        self._hint.setText(
            self.tr(
                "Semua perbedaan sudah diputuskan. Isi alasan, lalu Ctrl+Enter untuk menyimpan."
            )
        )
        self._reason.setFocus()
        self._reason.selectAll()

    # --- the list of differences ------------------------------------------------------------

    def _refresh_list(self) -> None:
        self._list.clear()
        for i in range(len(self._fields)):
            self._list.addTopLevelItem(QTreeWidgetItem())
            self._refresh_row(i)
        # As tall as its rows (up to eight), so the field being resolved sits high on the panel.
        rows = max(1, min(8, len(self._fields)))
        row_h = max(self._list.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self._list.setFixedHeight(self._list.header().sizeHint().height() + rows * row_h + 6)
        self._list.setVisible(bool(self._fields))
        self._list_title.setVisible(bool(self._fields))

    def _refresh_row(self, i: int) -> None:
        item = self._list.topLevelItem(i)
        if item is None or self._form is None:
            return
        fid = self._fields[i]
        st = self._draft.states[fid]
        item.setText(1, fid)
        item.setText(2, _field_title(self._form, fid, self._paslon))
        item.setToolTip(2, item.text(2))
        if st.decision is not None:
            item.setText(0, "✓")
            item.setForeground(0, QBrush(QColor(_GREEN)))
            item.setText(3, self._decision_text(st.decision))
        else:
            item.setText(0, "•" if not st.revealed else "?")
            item.setForeground(0, QBrush(QColor(_AMBER_FG)))
            item.setText(3, self.tr("belum") if not st.revealed else self.tr("perlu dipilih"))

    def _decision_text(self, d: FieldDecision) -> str:
        source = {
            "keep_first": self.tr("entri 1"),
            "keep_second": self.tr("entri 2"),
            "typed": self.tr("diketik"),
        }.get(d.action, d.action)
        who = {
            "first": self.tr("keliru: entri 1"),
            "second": self.tr("keliru: entri 2"),
            "both": self.tr("keliru: keduanya"),
            "form": self.tr("formulir ambigu"),
        }.get(d.attributed_to or "", "")
        return f"{d.value} ({source}) · {who}"

    def _on_list_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        self._go(self._list.indexOfTopLevelItem(item))

    # --- problems, errors, keys -------------------------------------------------------------

    def _refresh_problems(self) -> None:
        html = _problems_html(self.tr, self._view.entries) if self._view else ""
        self._problems.setText(html)
        self._problems.setVisible(bool(html))

    def _say(self, text: str) -> None:
        self._error.setText(text)
        self._error.show()

    def _refresh_keys(self) -> None:
        if self._edit.reveal:
            text = self.tr(
                "Enter: pakai nilai Anda · 1 / 2: pakai entri 1 / entri 2 · Backspace: ketik ulang "
                "· F: kertasnya ambigu · ↑/↓: perbedaan sebelumnya/berikutnya"
            )
        else:
            text = self.tr(
                "Enter: periksa nilai · ↑/↓: perbedaan sebelumnya/berikutnya · F: kertasnya "
                "ambigu · Ctrl+Enter: simpan · Ctrl+K: kembalikan · Ctrl+Shift+K: kembalikan "
                "entri kedua saja · Esc: antrean"
            )
        self._keys.setText(text)

    def _on_reason_edited(self, text: str) -> None:
        self._draft.reason = text
        self._error.hide()

    def _invalidate_conflict(self) -> None:
        if self._conflict:
            self._conflict = []
            self._conflict_box.hide()

    def quick_reason(self, n: int) -> None:
        """Put quick reason ``n`` (0-based) in the reason field."""
        reasons = self.quick_reasons()
        if 0 <= n < len(reasons):
            target = self._note if self._conflict else self._reason
            target.setText(reasons[n])
            if target is self._reason:
                self._draft.reason = reasons[n]
            self._error.hide()

    # --- actions ----------------------------------------------------------------------------

    def _resolved_values(self) -> dict[str, int]:
        out = dict(self._v1)
        for fid in self._fields:
            d = self._draft.states[fid].decision
            if d is not None and d.value is not None:
                out[fid] = d.value
        return out

    def confirm(self) -> None:
        """Ctrl+Enter: resolve with the decisions and the reason (or accept as janggal)."""
        view, form = self._view, self._form
        if view is None or form is None:
            return
        undecided = [
            i for i, f in enumerate(self._fields) if self._draft.states[f].decision is None
        ]
        if undecided:
            self._go(undecided[0])
            self._say(
                self.tr("Masih ada {0} perbedaan yang belum diputuskan.").format(len(undecided))
            )
            return
        reason = self._reason.text().strip()
        if not reason:
            self._say(self.tr("Alasan wajib diisi (Alt+1…Alt+4 untuk alasan cepat)."))
            self._reason.setFocus()
            return
        note: str | None = None
        if self._conflict:
            note = self._note.text().strip()
            if not note:
                self._say(self.tr("Tulis catatan untuk menerima formulir sebagai janggal."))
                self._note.setFocus()
                return
        decisions: dict[str, FieldDecision] = {}
        for fid in self._fields:
            d = self._draft.states[fid].decision
            assert d is not None  # every field decided, checked above
            decisions[fid] = d
        key = (view.tps.tps_id, view.contest_id)
        failing = [f for f in validate(form, self._resolved_values()) if f.level == "E"]
        if note is not None:
            msg = self.tr("{0}: diterima sebagai janggal dengan catatan.")
        else:
            msg = self.tr("{0}: perbedaan diselesaikan, formulir final.")
        ws, actor, draft = self._ctx.ws, self._ctx.actor, self._draft

        def refused(f: Failure) -> None:
            if isinstance(f.error, ConflictError) and failing and note is None:
                self._show_conflict(failing)
                return
            self._say(self.tr("Ditolak: {0}").format(f.text))

        self.saving.start(
            lambda: entry.resolve(ws, actor, *key, decisions, reason, accept_findings_note=note),
            msg.format(_form_name(view, ws)),
            refused,
            draft.states.clear,
        )

    def reemit_region(self) -> None:
        """Show the current field's region again (after the photo arrived)."""
        form = self._form
        if form is None:
            return
        if self._conflict:
            self.sig_region.emit([f for c in self._conflict for f in c.fields])
        elif self._fields:
            self.sig_region.emit([self._fields[self._draft.current]])
        else:
            self.sig_region.emit(None)

    def _render_conflict(self) -> None:
        self._conflict_list.setText("<br>".join(f"• {describe_finding(f)}" for f in self._conflict))

    def _show_conflict(self, findings: list[Finding]) -> None:
        self._conflict = findings
        self._render_conflict()
        self._conflict_box.show()
        self._error.hide()
        self._note.setFocus()
        self.sig_region.emit([fid for f in findings for fid in f.fields])

    def send_back(self, second_only: bool) -> None:
        """Ctrl+K / Ctrl+Shift+K: back to the operators (both entries, or the second only)."""
        view = self._view
        if view is None:
            return
        reason = (self._reason.text() or self._note.text()).strip()
        if not reason:
            self._say(self.tr("Tulis alasan pengembalian di kolom Alasan."))
            self._reason.setFocus()
            return
        if second_only:
            msg = self.tr("{0}: entri kedua dikembalikan untuk diketik ulang.")
        else:
            msg = self.tr("{0}: kedua entri dikembalikan untuk diketik ulang.")
        ws, actor, draft = self._ctx.ws, self._ctx.actor, self._draft
        tps, contest = view.tps.tps_id, view.contest_id
        self.saving.start(
            lambda: entry.send_back(ws, actor, tps, contest, reason, second_only=second_only),
            msg.format(_form_name(view, ws)),
            self._refused,
            draft.states.clear,
        )

    def _refused(self, f: Failure) -> None:
        self._say(self.tr("Ditolak: {0}").format(f.text))


def _form_name(view: ResolutionView, ws: Workspace) -> str:
    """A form in a status message, by names: 'TPS 003 Tondangow · Pemilihan Gubernur …'."""
    try:
        contest = ws.contest(view.contest_id).name
    except ServiceError:
        contest = view.contest_id
    return f"TPS {view.tps.number:03d} {view.tps.desa.title()} · {contest}"


# --- a janggal form ---------------------------------------------------------------------------


class JanggalPanel(QWidget):
    """A janggal form: the values as both operators keyed them, the failing identities, a note."""

    sig_region = Signal(object)
    """The region of the photo to show (a normalised box, or None for the whole page)."""

    sig_done = Signal(str)
    """The form left the queue; the argument is the status message."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.saving = _Saving(self, ctx, self.sig_done)
        self._view: ResolutionView | None = None
        self._form: FormSpec | None = None
        self._paslon: tuple[Paslon, ...] = ()
        self._findings: list[Finding] = []
        self._cells: dict[str, QTableWidgetItem] = {}

        self._problems = QLabel(self)
        self._problems.setObjectName("janggalProblems")
        _banner(self._problems, _AMBER_BG, _AMBER_FG, _AMBER_LINE)
        self._intro = QLabel(self)
        self._intro.setWordWrap(True)
        self._findings_title = QLabel(self)
        self._list = QListWidget(self)
        self._list.setObjectName("janggalFindings")
        self._list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._list.currentRowChanged.connect(self._on_finding)
        self._values_title = QLabel(self)
        self._table = QTableWidget(0, 4, self)
        self._table.setObjectName("janggalValues")
        self._table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self._table.verticalHeader().setVisible(False)
        self._table.verticalHeader().setDefaultSectionSize(22)
        th = self._table.horizontalHeader()
        th.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            th.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

        self._note_caption = QLabel(self)
        self._note = QLineEdit(self)
        self._note.setObjectName("janggalNote")
        self._note_caption.setBuddy(self._note)
        self._ref_caption = QLabel(self)
        self._ref = QLineEdit(self)
        self._ref.setObjectName("janggalReference")
        self._ref_caption.setBuddy(self._ref)
        updown = _UpDownFilter(self, lambda: self._step(-1), lambda: self._step(1))
        self._note.installEventFilter(updown)
        self._ref.installEventFilter(updown)
        self._quick = QLabel(self)
        self._quick.setWordWrap(True)
        self._quick.setStyleSheet("color: #4a5568;")
        self._error = QLabel(self)
        self._error.setObjectName("janggalError")
        _banner(self._error, _RED_BG, _RED_FG, _RED_LINE)
        self._note.textEdited.connect(self._error.hide)
        self._keys = QLabel(self)
        self._keys.setWordWrap(True)
        self._keys.setStyleSheet("color: #4a5568;")

        form_row = QGridLayout()
        form_row.addWidget(self._note_caption, 0, 0)
        form_row.addWidget(self._note, 0, 1)
        form_row.addWidget(self._ref_caption, 1, 0)
        form_row.addWidget(self._ref, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._problems)
        layout.addWidget(self._intro)
        layout.addWidget(self._findings_title)
        layout.addWidget(self._list)
        layout.addWidget(self._values_title)
        layout.addWidget(self._table, 1)
        layout.addLayout(form_row)
        layout.addWidget(self._quick)
        layout.addWidget(self._error)
        layout.addWidget(self._keys)
        self._error.hide()
        self.retranslate()

    def quick_notes(self) -> list[str]:
        """The notes Alt+1..Alt+3 put in the note field."""
        return [
            self.tr("Tertulis demikian pada formulir; kekeliruan hitung KPPS"),
            self.tr("Sesuai formulir; dicatat dalam Kejadian Khusus"),
            self.tr("Perbaikan pada formulir tidak dijumlahkan ulang oleh KPPS"),
        ]

    def retranslate(self) -> None:
        """Set every text of the panel (again, after a language switch)."""
        self._intro.setText(
            self.tr(
                "Kedua entri sama, tetapi angka pada kertas tidak konsisten. Periksa gambar: "
                "terima seperti tertulis dengan catatan, atau kembalikan bila salah ketik."
            )
        )
        self._findings_title.setText(self.tr("Pemeriksaan yang gagal (↑/↓ untuk melihat)"))
        self._values_title.setText(self.tr("Nilai seperti diketik kedua operator"))
        self._table.setHorizontalHeaderLabels([self.tr("Baris"), "L", "P", "J"])
        self._note_caption.setText(self.tr("&Catatan (wajib):"))
        self._note.setPlaceholderText(self.tr("Mengapa formulir diterima seperti tertulis"))
        self._ref_caption.setText(self.tr("Nomor &Kejadian Khusus:"))
        self._ref.setPlaceholderText(self.tr("mis. KK-012 (kosongkan bila tidak ada)"))
        self._quick.setText(
            "   ".join(f"Alt+{i + 1}: {r}" for i, r in enumerate(self.quick_notes()))
        )
        self._keys.setText(
            self.tr(
                "↑/↓: pemeriksaan sebelumnya/berikutnya · Tab: nomor Kejadian Khusus · "
                "Ctrl+Enter: terima sebagai janggal · Ctrl+K: kembalikan untuk entri ulang · "
                "Esc: antrean"
            )
        )
        if self._view is not None:
            self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def load(self, view: ResolutionView, form: FormSpec, paslon: tuple[Paslon, ...]) -> None:
        self._view, self._form, self._paslon = view, form, paslon
        first = next((e for e in view.entries if e.slot == 1), None)
        found = list(first.findings) if first else []
        self._findings = sorted(
            found,
            key=lambda f: (f.level != "E", form.field_index.get(f.fields[0], 0) if f.fields else 0),
        )
        self._note.clear()
        self._ref.clear()
        self._error.hide()
        self._fill()
        if self._findings:
            self._list.setCurrentRow(0)
        else:
            self.sig_region.emit(None)

    def focus_widget(self) -> QWidget:
        """Where the keyboard starts on this form: the note."""
        return self._note

    def focus_start(self) -> None:
        self._note.setFocus()

    def _fill(self) -> None:
        view, form = self._view, self._form
        if view is None or form is None:
            return
        html = _problems_html(self.tr, view.entries)
        self._problems.setText(html)
        self._problems.setVisible(bool(html))
        current = self._list.currentRow()
        self._list.blockSignals(True)
        self._list.clear()
        for f in self._findings:
            item = QListWidgetItem(("⚠ " if f.level == "E" else "· ") + describe_finding(f))
            item.setToolTip(", ".join(f.fields))
            self._list.addItem(item)
        self._list.blockSignals(False)
        shown = max(1, min(6, len(self._findings)))
        row_h = max(self._list.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self._list.setFixedHeight(shown * row_h + 2 * self._list.frameWidth() + 4)
        first = next((e for e in view.entries if e.slot == 1), None)
        values = first.values if first else {}
        rows: list[tuple[str, str, dict[str, str]]] = []
        for fs in form.fields:
            if not rows or rows[-1][0] != fs.row:
                label = _field_title(form, fs.id, self._paslon).split(" · ")[0]
                rows.append((fs.row, label, {}))
            rows[-1][2][fs.column] = fs.id
        self._table.setRowCount(len(rows))
        self._cells = {}
        grey = QBrush(QColor("#f3f4f6"))
        for r, (row_id, label, cols) in enumerate(rows):
            head = QTableWidgetItem(f"{row_id}  {label}")
            head.setToolTip(label)
            self._table.setItem(r, 0, head)
            for c, col in enumerate(("L", "P", "J"), start=1):
                fid = cols.get(col)
                if fid is None:
                    cell = QTableWidgetItem("")
                    cell.setBackground(grey)
                else:
                    v = values.get(fid)
                    cell = QTableWidgetItem("—" if v is None else str(v))
                    cell.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                    self._cells[fid] = cell
                self._table.setItem(r, c, cell)
        if 0 <= current < self._list.count():
            self._list.setCurrentRow(current)
        self._highlight()

    def _step(self, delta: int) -> None:
        n = self._list.count()
        if n:
            self._list.setCurrentRow(max(0, min(n - 1, self._list.currentRow() + delta)))

    def _on_finding(self, _row: int) -> None:
        self._highlight()

    def _highlight(self) -> None:
        form = self._form
        if form is None:
            return
        failing = {fid for f in self._findings if f.level == "E" for fid in f.fields}
        row = self._list.currentRow()
        focus = set(self._findings[row].fields) if 0 <= row < len(self._findings) else set()
        normal = QFont(self._table.font())
        bold = QFont(normal)
        bold.setBold(True)
        for fid, cell in self._cells.items():
            if fid in focus:
                cell.setBackground(QBrush(_FOCUS_CELL))
                cell.setFont(bold)
            elif fid in failing:
                cell.setBackground(QBrush(_FAIL_CELL))
                cell.setFont(normal)
            else:
                cell.setBackground(QBrush())
                cell.setFont(normal)
        if focus:
            first = min(focus, key=lambda f: form.field_index.get(f, 0))
            if first in self._cells:
                self._table.scrollToItem(self._cells[first])
            self.sig_region.emit([f for f in focus if f in form.field_index])

    def reemit_region(self) -> None:
        """Show the current finding's region again (after the photo arrived)."""
        self._highlight()

    def _say(self, text: str) -> None:
        self._error.setText(text)
        self._error.show()

    def quick_reason(self, n: int) -> None:
        notes = self.quick_notes()
        if 0 <= n < len(notes):
            self._note.setText(notes[n])
            self._error.hide()

    def confirm(self) -> None:
        """Ctrl+Enter: accept the form as keyed, with the note and the Kejadian Khusus number."""
        view = self._view
        if view is None:
            return
        note = self._note.text().strip()
        if not note:
            self._say(self.tr("Catatan wajib diisi untuk menerima formulir janggal."))
            self._note.setFocus()
            return
        reference = self._ref.text().strip()
        ws, actor = self._ctx.ws, self._ctx.actor
        tps, contest = view.tps.tps_id, view.contest_id
        self.saving.start(
            lambda: entry.accept_janggal(ws, actor, tps, contest, note, reference),
            self.tr("{0}: diterima sebagai janggal, formulir final.").format(_form_name(view, ws)),
            self._refused,
        )

    def send_back(self, second_only: bool) -> None:
        """Ctrl+K: both entries back to the operators (the note is the reason)."""
        view = self._view
        if view is None:
            return
        if second_only:
            self._say(
                self.tr("Kedua entri formulir janggal sama; kembalikan keduanya dengan Ctrl+K.")
            )
            return
        reason = self._note.text().strip()
        if not reason:
            self._say(self.tr("Tulis alasan pengembalian di kolom Catatan."))
            self._note.setFocus()
            return
        ws, actor = self._ctx.ws, self._ctx.actor
        tps, contest = view.tps.tps_id, view.contest_id
        self.saving.start(
            lambda: entry.send_back(ws, actor, tps, contest, reason),
            self.tr("{0}: kedua entri dikembalikan untuk diketik ulang.").format(
                _form_name(view, ws)
            ),
            self._refused,
        )

    def _refused(self, f: Failure) -> None:
        self._say(self.tr("Ditolak: {0}").format(f.text))


# --- the screen -------------------------------------------------------------------------------


class ResolutionScreen(QWidget):
    """The supervisor's queues (berbeda, janggal), the resolution of one form, operator statistics.

    Keys: in the queue Up/Down and Enter, Alt+D / Alt+J / Alt+S switch between the different and
    janggal queues and the statistics, Alt+M the contest filter, F5 reloads (Alt+B, L, P and N are
    the main window's menus). On a form, Esc returns to the queue; the panels list their own keys
    at their foot.
    """

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._allowed = ctx.actor.role == Role.SUPERVISOR
        self._items: dict[int, list[QueueItem]] = {_TAB_DIFFERENT: [], _TAB_JANGGAL: []}
        self._open: QueueItem | None = None
        self._loaded: LoadedForm | None = None
        self._sized = False
        self._drafts: dict[tuple[str, str, int, int], _Draft] = {}

        layout = QVBoxLayout(self)
        self._refusal = QLabel(self)
        self._refusal.setObjectName("refusal")
        self._refusal.setWordWrap(True)
        self._refusal.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._refusal)
        self._pages = QStackedWidget(self)
        layout.addWidget(self._pages, 1)
        if not self._allowed:
            self._pages.hide()
            if ctx.actor.role == Role.ADMIN:  # the service lets admins read operator statistics
                layout.addWidget(OperatorStatsWidget(ctx, self), 1)
            else:
                layout.addStretch(1)
            self.retranslate()
            return
        self._refusal.hide()

        self._loader = ImageLoader(ctx.ws, self)
        self._loader.sig_loaded.connect(self._on_images)

        self._contests = {c.id: c for c in ctx.ws.contests()}
        self._build_queue_page()
        self._build_work_page()
        ctx.sig_data_changed.connect(self._on_data_changed)
        self.retranslate()
        self.reload()

    # --- building -------------------------------------------------------------------------

    def _build_queue_page(self) -> None:
        page = QWidget(self._pages)
        self._queue_page = page
        self._tabs = QTabBar(page)
        self._tabs.setObjectName("queueTabs")
        self._tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for _ in range(3):
            self._tabs.addTab("")
        self._tabs.currentChanged.connect(self._on_tab)
        self._contest_caption = QLabel(page)
        self._contest = QComboBox(page)
        self._contest.setObjectName("contestFilter")
        self._contest_caption.setBuddy(self._contest)
        self._contest.addItem("", None)
        for c in self._contests.values():
            self._contest.addItem(c.name, c.id)
        self._contest.currentIndexChanged.connect(lambda _i: self.reload())
        head = QHBoxLayout()
        head.addWidget(self._tabs)
        head.addStretch(1)
        head.addWidget(self._contest_caption)
        head.addWidget(self._contest)

        self._queue_stack = QStackedWidget(page)
        self._queue = _QueueView(self._queue_stack)
        self._queue.setObjectName("queue")
        self._queue.setColumnCount(6)
        self._queue.setRootIsDecorated(False)
        self._queue.setUniformRowHeights(True)
        self._queue.setAlternatingRowColors(True)
        self._queue.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self._queue.sig_open.connect(self._open_current)
        self._queue.itemDoubleClicked.connect(lambda _i, _c: self._open_current())
        qh = self._queue.header()
        qh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        qh.setStretchLastSection(True)
        self._queue_empty = QLabel(self._queue_stack)
        self._queue_empty.setObjectName("queueEmpty")
        self._queue_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._stats = OperatorStatsWidget(self._ctx, self._queue_stack)
        self._queue_stack.addWidget(self._queue)
        self._queue_stack.addWidget(self._queue_empty)
        self._queue_stack.addWidget(self._stats)
        self._queue_keys = QLabel(page)
        self._queue_keys.setStyleSheet("color: #4a5568;")

        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(head)
        lay.addWidget(self._queue_stack, 1)
        lay.addWidget(self._queue_keys)
        self._pages.addWidget(page)
        _shortcut(page, ["F5"], self.reload)

    def _build_work_page(self) -> None:
        page = QWidget(self._pages)
        self._work_page = page
        self._title = QLabel(page)
        self._title.setObjectName("formTitle")
        title_font = QFont(self._title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.2)
        title_font.setBold(True)
        self._title.setFont(title_font)
        self._subtitle = QLabel(page)
        self._subtitle.setStyleSheet("color: #4a5568;")
        self._gone = QLabel(page)
        self._gone.setObjectName("formGone")
        _banner(self._gone, _AMBER_BG, _AMBER_FG, _AMBER_LINE)
        self._gone.hide()

        splitter = QSplitter(Qt.Orientation.Horizontal, page)
        self._splitter = splitter
        left = QWidget(splitter)
        self._viewer = ImageViewer(left)
        self._viewer.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays on the panel
        # Wider than the keying default: the supervisor must also see the printed row label, to be
        # sure which row a number belongs to (a phone photo's perspective shifts rows a little).
        self._viewer.set_context_width(_CONTEXT_WIDTH)
        self._image_note = QLabel(left)
        self._image_note.setObjectName("imageNote")
        self._image_note.setWordWrap(True)
        self._image_note.setStyleSheet("color: #4a5568;")
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self._viewer, 1)
        ll.addWidget(self._image_note)
        right = QWidget(splitter)
        self._panels = QStackedWidget(right)
        self._diff = DifferencePanel(self._ctx, self._panels)
        self._janggal = JanggalPanel(self._ctx, self._panels)
        self._panels.addWidget(self._diff)
        self._panels.addWidget(self._janggal)
        rl = QVBoxLayout(right)
        rl.setContentsMargins(8, 0, 0, 0)
        rl.addWidget(self._panels)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        right.setMinimumWidth(420)
        splitter.setChildrenCollapsible(False)

        for panel in (self._diff, self._janggal):
            panel.sig_region.connect(self._show_fields)
            panel.sig_done.connect(self._on_done)

        lay = QVBoxLayout(page)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self._title)
        lay.addWidget(self._subtitle)
        lay.addWidget(self._gone)
        lay.addWidget(splitter, 1)
        self._pages.addWidget(page)

        _shortcut(page, ["Esc"], self.back_to_queue)
        _shortcut(page, ["Ctrl+Return", "Ctrl+Enter"], self._confirm)
        _shortcut(page, ["Ctrl+K"], lambda: self._send_back(False))
        _shortcut(page, ["Ctrl+Shift+K"], lambda: self._send_back(True))
        for i in range(4):
            _shortcut(page, [f"Alt+{i + 1}"], partial(self._quick, i))
        _shortcut(page, ["Ctrl++", "Ctrl+="], self._viewer.zoom_in)
        _shortcut(page, ["Ctrl+-"], self._viewer.zoom_out)
        _shortcut(page, ["Ctrl+0"], self._viewer.fit_page)
        _shortcut(page, ["Ctrl+R"], self._viewer.rotate_90)
        _shortcut(page, ["Ctrl+PgDown"], self._viewer.next_page)
        _shortcut(page, ["Ctrl+PgUp"], self._viewer.prev_page)

    # --- texts ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the screen (again, after a language switch)."""
        self._refusal.setText(
            self.tr(
                "Layar penyelesaian hanya untuk pengawas. Operator tidak melihat entri operator "
                "lain: bila dua entri berbeda atau formulir janggal, pengawas yang memeriksanya "
                "terhadap gambar formulir."
            )
        )
        if not self._allowed:
            return
        self._contest_caption.setText(self.tr("Pe&milihan:"))
        self._contest.setItemText(0, self.tr("Semua pemilihan"))
        self._queue.setHeaderLabels(
            [
                self.tr("Kecamatan"),
                self.tr("Desa"),
                self.tr("TPS"),
                self.tr("Pemilihan"),
                self.tr("Keadaan"),
                self.tr("Diperbarui"),
            ]
        )
        self._queue_keys.setText(
            self.tr(
                "↑/↓: pilih · Enter: buka · Alt+D: berbeda · Alt+J: janggal · "
                "Alt+S: statistik operator · Alt+M: pemilihan · F5: muat ulang"
            )
        )
        self._image_note.setText(
            self.tr("Ctrl++ / Ctrl+-: perbesar/perkecil · Ctrl+0: seluruh halaman · Ctrl+R: putar")
        )
        self._gone.setText(
            self.tr(
                "Formulir ini tidak lagi menunggu penyelesaian (mungkin sudah diselesaikan "
                "pengawas lain). Esc: kembali ke antrean."
            )
        )
        self._retitle_tabs()
        self._fill_queue()
        if self._open is not None:
            self._set_title(self._open)

    def _retitle_tabs(self) -> None:
        self._tabs.setTabText(
            _TAB_DIFFERENT, self.tr("Berbe&da ({0})").format(len(self._items[_TAB_DIFFERENT]))
        )
        self._tabs.setTabText(
            _TAB_JANGGAL, self.tr("&Janggal ({0})").format(len(self._items[_TAB_JANGGAL]))
        )
        self._tabs.setTabText(_TAB_STATS, self.tr("&Statistik operator"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- the queue ------------------------------------------------------------------------

    @property
    def queue_items(self) -> list[QueueItem]:
        """The forms listed in the queue tab shown (or the different queue on the stats tab)."""
        tab = self._tabs.currentIndex() if self._allowed else _TAB_DIFFERENT
        return list(self._items.get(tab, self._items[_TAB_DIFFERENT]))

    def reload(self) -> None:
        """Read both queues again from the service, keeping the selection where it can."""
        if not self._allowed:
            return
        contest = self._contest.currentData()
        cid = contest if isinstance(contest, str) else None
        for tab, state in _TAB_STATES.items():
            try:
                self._items[tab] = entry.queue(self._ctx.ws, self._ctx.actor, cid, [state])
            except ServiceError as exc:
                self._items[tab] = []
                self._ctx.sig_status.emit(refusal_text(exc))
        self._retitle_tabs()
        self._fill_queue()
        if self._open is not None:
            key = (self._open.tps_id, self._open.contest_id)
            waiting = {(i.tps_id, i.contest_id) for t in _TAB_STATES for i in self._items[t]}
            self._gone.setVisible(key not in waiting)

    def _fill_queue(self) -> None:
        tab = self._tabs.currentIndex()
        if tab == _TAB_STATS:
            self._queue_stack.setCurrentWidget(self._stats)
            return
        current = self._queue.currentItem()
        keep = current.data(0, Qt.ItemDataRole.UserRole) if current is not None else None
        if self._open is not None:
            keep = (self._open.tps_id, self._open.contest_id)
        self._queue.clear()
        select: QTreeWidgetItem | None = None
        for it in self._items[tab]:
            contest = self._contests.get(it.contest_id)
            row = QTreeWidgetItem(
                [
                    it.kecamatan,
                    it.desa,
                    f"{it.number:03d}",
                    contest.name if contest else it.contest_id,
                    state_name(it.state),
                    _when(it.updated_at),
                ]
            )
            row.setData(0, Qt.ItemDataRole.UserRole, (it.tps_id, it.contest_id))
            row.setToolTip(2, dotted(it.tps_id))
            self._queue.addTopLevelItem(row)
            if (it.tps_id, it.contest_id) == keep:
                select = row
        if select is None and self._queue.topLevelItemCount():
            select = self._queue.topLevelItem(0)
        if select is not None:
            self._queue.setCurrentItem(select)
        if self._items[tab]:
            self._queue_stack.setCurrentWidget(self._queue)
        else:
            self._queue_empty.setText(
                self.tr("Tidak ada formulir berbeda yang menunggu.")
                if tab == _TAB_DIFFERENT
                else self.tr("Tidak ada formulir janggal yang menunggu.")
            )
            self._queue_stack.setCurrentWidget(self._queue_empty)

    def _on_tab(self, _tab: int) -> None:
        self._fill_queue()
        self.focus_here()

    def _on_data_changed(self, changes: Changes) -> None:
        if changes & (Changes.ENTRIES | Changes.REGIONS | Changes.QUALITY):
            self.reload()

    # --- opening a form -------------------------------------------------------------------

    def _open_current(self) -> None:
        row = self._queue.currentItem()
        if row is None:
            return
        key = row.data(0, Qt.ItemDataRole.UserRole)
        item = next((i for i in self.queue_items if (i.tps_id, i.contest_id) == tuple(key)), None)
        if item is not None:
            self.open_form(item)

    def open_form(self, item: QueueItem) -> None:
        """Show one form of the queue for resolving."""
        try:
            view = entry.resolution_view(
                self._ctx.ws, self._ctx.actor, item.tps_id, item.contest_id
            )
            form = self._ctx.ws.form_spec(item.contest_id)
        except ServiceError as exc:
            self._ctx.sig_status.emit(refusal_text(exc))
            self.reload()
            return
        if view.state not in (State.DIFFERENT, State.JANGGAL):
            self._ctx.sig_status.emit(
                self.tr("{0} tidak lagi menunggu penyelesaian.").format(
                    _form_name(view, self._ctx.ws)
                )
            )
            self.reload()
            return
        self._open = item
        self._gone.hide()
        self._set_title(item, view)
        contest = self._contests.get(item.contest_id)
        paslon = contest.paslon if contest else ()
        self._pages.setCurrentWidget(self._work_page)
        if view.state == State.DIFFERENT:
            slots = {e.slot: e.version for e in view.entries}
            dkey = (item.tps_id, item.contest_id, slots.get(1, 0), slots.get(2, 0))
            draft = self._drafts.setdefault(dkey, _Draft())
            self._panels.setCurrentWidget(self._diff)
            self._diff.load(view, form, paslon, draft)
        else:
            self._panels.setCurrentWidget(self._janggal)
            self._janggal.load(view, form, paslon)
        self.focus_here()
        self._show_images((item.tps_id, item.contest_id))
        self._prefetch_after(item)

    def _set_title(self, item: QueueItem, view: ResolutionView | None = None) -> None:
        contest = self._contests.get(item.contest_id)
        cname = contest.name if contest else item.contest_id
        state = view.state if view is not None else item.state
        self._title.setText(
            self.tr("TPS {0:03d} · Desa {1} · Kec. {2} — {3}").format(
                item.number, item.desa.title(), item.kecamatan.title(), cname
            )
        )
        detail = state_name(state)
        if view is not None and view.state == State.DIFFERENT:
            detail = self.tr("{0}: {1} isian berbeda").format(detail, len(view.differing_fields))
        self._subtitle.setText(f"{dotted(item.tps_id)} · {detail} · " + self.tr("Esc: antrean"))

    def _focus_target(self) -> QWidget:
        if self._pages.currentWidget() is self._work_page:
            return self._panel().focus_widget()
        if self._tabs.currentIndex() == _TAB_STATS:
            return self._stats
        return self._queue

    def focus_here(self) -> None:
        """Give the keyboard to where work starts: the queue, or the open form's first input.

        The same widget is the screen's focus proxy, so the main window's ``setFocus()`` on the
        screen lands there too."""
        if not self._allowed:
            return
        target = self._focus_target()
        self.setFocusProxy(target)
        target.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._allowed and not self._sized:
            # The photo gets most of the width; the panel needs about 520 pixels.
            self._sized = True
            width = max(self.width(), 1000)
            panel = max(480, min(620, width * 3 // 8))
            self._splitter.setSizes([width - panel, panel])
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):
            self.focus_here()

    @property
    def opened(self) -> QueueItem | None:
        """The form open for resolving (None on the queue)."""
        return self._open

    def saving(self) -> bool:
        """Whether a resolution, a janggal acceptance or a send-back is being saved."""
        return self._allowed and (self._diff.saving.busy or self._janggal.saving.busy)

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        """Process events until the saves have finished (tests, leaving)."""
        if not self._allowed:
            return True
        return self._diff.saving.wait_idle(timeout_ms) and self._janggal.saving.wait_idle(
            timeout_ms
        )

    def back_to_queue(self) -> None:
        """Esc: leave the form (its decisions so far are kept) and return to the queue."""
        if self.saving():
            return  # the form leaves when its save ends
        self._open = None
        self._pages.setCurrentWidget(self._queue_page)
        self._fill_queue()
        self.focus_here()

    def _panel(self) -> DifferencePanel | JanggalPanel:
        w = self._panels.currentWidget()
        return self._diff if w is self._diff else self._janggal

    def _confirm(self) -> None:
        if not self.saving():
            self._panel().confirm()

    def _send_back(self, second_only: bool) -> None:
        if not self.saving():
            self._panel().send_back(second_only)

    def _quick(self, n: int) -> None:
        self._panel().quick_reason(n)

    def _on_done(self, message: str) -> None:
        done = self._open
        after: QueueItem | None = None
        if done is not None:
            tab = _TAB_DIFFERENT if done.state == State.DIFFERENT else _TAB_JANGGAL
            items = self._items[tab]
            keys = [(i.tps_id, i.contest_id) for i in items]
            here = (done.tps_id, done.contest_id)
            if here in keys:
                rest = items[keys.index(here) + 1 :] + items[: keys.index(here)]
                after = rest[0] if rest else None
        self._open = None
        # The queues as they are now (the runner announces Changes.ENTRIES just after this).
        self.reload()
        self._ctx.sig_status.emit(message)
        still = {(i.tps_id, i.contest_id): i for t in _TAB_STATES for i in self._items[t]}
        if after is not None and (after.tps_id, after.contest_id) in still:
            self.open_form(still[(after.tps_id, after.contest_id)])
        else:
            self.back_to_queue()

    # --- photos ---------------------------------------------------------------------------

    def _show_fields(self, field_ids: list[str] | None) -> None:
        """Turn to the page holding these fields and zoom onto their boxes (None: whole page)."""
        key = (self._open.tps_id, self._open.contest_id) if self._open is not None else None
        if not field_ids or key is None:
            self._viewer.show_region(None)
            return
        spec = self._ctx.ws.form_spec(key[1])
        loaded = (
            self._loaded if self._loaded is not None and self._loaded.tps_id == key[0] else None
        )
        index, box, _row = fields_region(spec, loaded, field_ids)
        if index is not None:
            self._viewer.go_to_page(index)
        self._viewer.show_region(box)

    def _show_images(self, key: FormKey) -> None:
        loaded = self._loader.get(*key)
        if loaded is None:
            self._viewer.set_pages([])
            self._viewer.set_message(self.tr("Memuat gambar formulir…"))
            self._loader.request(*key, urgent=True)
            return
        self._loaded = loaded
        self._viewer.set_pages(list(loaded.pages))
        # Page registration: template boxes land on the sheet as photographed, not the frame.
        self._viewer.set_page_quads(list(loaded.quads))
        if not loaded.pages:
            self._viewer.set_message(self.tr("Belum ada gambar untuk formulir ini."))
        elif loaded.unreadable:
            self._viewer.set_message(
                self.tr("{0} halaman tidak ada atau tidak terbaca.").format(loaded.unreadable)
            )
        self._panel_region()

    def _prefetch_after(self, item: QueueItem) -> None:
        keys = [(i.tps_id, i.contest_id) for i in self.queue_items]
        here = (item.tps_id, item.contest_id)
        if here in keys and keys.index(here) + 1 < len(keys):
            self._loader.request(*keys[keys.index(here) + 1])

    def _on_images(self, tps_id: str, contest_id: str) -> None:
        if self._open is None or (self._open.tps_id, self._open.contest_id) != (tps_id, contest_id):
            return
        error = self._loader.last_error(tps_id, contest_id)
        if self._loader.get(tps_id, contest_id) is None and error:
            self._viewer.set_message(
                self.tr("Gambar formulir tidak dapat dimuat: {0}").format(error)
            )
            return
        self._show_images((tps_id, contest_id))

    def _panel_region(self) -> None:
        """Zoom again to the current field once the photo has arrived."""
        if self._panels.currentWidget() is self._diff:
            self._diff.reemit_region()
        else:
            self._janggal.reemit_region()

    def wait_for_images(self, msecs: int = 10_000) -> bool:
        """Wait (processing events) until background photo loads finish: tests, leaving."""
        if not self._allowed:
            return True
        return self._loader.wait_idle(msecs)
