"""The double-entry keying station: an operator keys result forms from their photos, keyboard only.

Left, the form's photo (:class:`~kamarhitung.qt.widgets.image_viewer.ImageViewer`), zoomed to the
printed row of the field being keyed with the field's box highlighted, and under it the words: the
last result or what is missing, the findings, the keys. Right, the form laid out like the paper
(:class:`~kamarhitung.qt.widgets.form_grid.FormGrid`), alone in its column so that it fits whole
on a 1366×768 screen. Above, the contest, the TPS (kecamatan, desa, number, dotted id: to check
against the photo's header), any problem raised and the entry slot. The layout is fixed: a new
form changes values, never positions, so the eye never hunts (KEYING.md).

Keys (all work while the cursor stays in a field; a legend on screen repeats them):

========================  ==================================================================
digits                    the value (any other character is refused silently)
Enter, keypad Enter, ↓    next field in the template's keying order (Tab too)
Shift+Enter, ↑            previous field (Shift+Tab too); Backspace in an empty field too
Alt+1 … Alt+6             jump to section I.A, I.B, II, III, IV, V (its first empty field)
F9                        the problem chooser (inline): 1–5 toggle a problem, Esc/Enter close
Ctrl+Enter, F12           finish; with red findings, press again to save as on the paper
Alt+K                     choose the contest (pemilihan)
Ctrl+Plus / Ctrl+Minus    zoom the image in / out (Ctrl+= works as Ctrl+Plus)
Ctrl+0 / Ctrl+9           whole page / page width
Ctrl+R                    rotate the page a quarter turn
PageDown / PageUp         next / previous page of the form's images
Ctrl+B / Ctrl+Shift+B     brighter / darker;  Ctrl+K / Ctrl+Shift+K  more / less contrast
F5                        look for work again (when the queue was empty)
========================  ==================================================================

Findings (:func:`kamarhitung.core.validation.validate`) are recomputed on every change and shown
beside the fields (red or amber borders, the code at the row) and in words in a strip under the
photo; never in a dialog. A finding that concerns the field being typed waits until the field is
left (or the typing pauses), so a total does not flash red digit by digit. The operator may finish
with findings: the form is keyed as written. With error (red) findings, the first Ctrl+Enter only
asks to compare with the photo once more, and a second Ctrl+Enter saves: one keystroke on the rare
inconsistent form, against a slip going to the second keyer and the supervisor.

Drafts: the entry is saved (:func:`kamarhitung.services.entry.save_draft`, a few ms) whenever a
field is left or a problem is toggled, so a crash loses at most the field being typed.

Speed: finishing saves the entry, claims the next form and shows it at once. Its photo was fetched
and decoded in the background while the previous form was keyed
(:func:`~kamarhitung.services.entry.peek_next_form` and :mod:`kamarhitung.qt.imageload`); if that
guess missed, the fields are shown at once and the photo when it arrives ("Memuat gambar…").

Off the GUI thread: every call to the workspace (drafts, finish, claiming the next form, the queue
counts, the peek for the prefetch) runs on a worker, so a room's host that is slow or gone never
freezes the window. The writes go through one :class:`~kamarhitung.qt.models.station.SerialQueue`
in the order they were asked for. Between the finish keystroke and the next form the form on
screen is locked ("Menyimpan…"): a second Ctrl+Enter does nothing, and what the operator types
meanwhile (digits, Enter) is kept and typed into the next form once it is shown, as the keyboard
buffer did when the save ran on the GUI thread. A station that lost the room's host keeps the
form on screen as typed, says so here and in the status bar, retries in the background every
:data:`RETRY_MS`, and says "tersimpan" only once the host has committed.
"""

from __future__ import annotations

import functools
import html
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.entry import Problem, State, missing_fields
from kamarhitung.core.model import Paslon, Role, dotted
from kamarhitung.core.template import FormSpec
from kamarhitung.core.validation import Finding, validate
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import describe_finding, problem_name, refusal_text
from kamarhitung.qt.imageload import ImageLoader, LoadedForm, fields_region
from kamarhitung.qt.models.background import Background
from kamarhitung.qt.models.station import SerialQueue
from kamarhitung.qt.widgets.form_grid import ElidedLabel, FormGrid
from kamarhitung.qt.widgets.image_viewer import ImageViewer
from kamarhitung.services import entry
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor, ConflictError, ServiceError
from kamarhitung.services.entry import EntryResult, KeyingForm
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.workspace import RoomConnectionLostError

log = logging.getLogger(__name__)

PROBLEMS: tuple[Problem, ...] = (
    Problem.ILLEGIBLE,
    Problem.WRONG_TPS,
    Problem.NOT_A_RESULT_FORM,
    Problem.PAGE_MISSING,
    Problem.CORRECTED_ON_PAPER,
)
"""The problems in the order of their number keys in the chooser (1–5)."""

FINDINGS_LINES = 3
"""Lines of the findings strip (fixed, so the form never moves when findings come and go)."""

HOLD_BACK_MS = 700
"""A finding on the field being typed waits this long after the last keystroke (or until the
field is left) before it shows."""

PREFETCH_DELAY_MS = 250
"""The next form's photo is fetched this long after a form is shown (after its first paint)."""

IDLE_POLL_MS = 15_000
"""With nothing to key, look for work again this often."""
RETRY_MS = 3_000
"""On a station that lost the room's host: how often the unsaved entry is tried again."""
TYPE_AHEAD_MAX = 200
"""Keystrokes kept while the next form is on its way (typed into it once it is shown)."""

BRIGHTNESS_STEP = 10

FindingKey = tuple[str, tuple[str, ...]]


def _key(f: Finding) -> FindingKey:
    return (f.code, f.fields)


@dataclass(frozen=True, slots=True)
class Claimed:
    """What claiming the next form of a contest gave (on a worker): the form and its layout,
    none, or why not."""

    contest_id: str
    form: KeyingForm | None = None
    spec: FormSpec | None = None
    error: BaseException | None = None


def claim_next(ws: Workspace, actor: Actor, contest_id: str, *, keep_lost: bool = False) -> Claimed:
    """Claim the next form of ``contest_id`` (no widgets: this runs on a worker). Refusals come
    back in the result; a lost connection is raised, unless ``keep_lost`` (after a finish that
    the host committed, whose result must not be lost with it)."""
    try:
        kf = entry.next_form(ws, actor, contest_id)
        spec = ws.form_spec(contest_id) if kf is not None else None
    except RoomConnectionLostError as e:
        if not keep_lost:
            raise
        return Claimed(contest_id, error=e)
    except ServiceError as e:
        return Claimed(contest_id, error=e)
    return Claimed(contest_id, kf, spec)


def _error_text(error: BaseException) -> str:
    """A refusal in the operator's words; anything else (a defect) is logged, and named."""
    if not isinstance(error, ServiceError):
        log.error("keying station: unexpected error", exc_info=error)
    return refusal_text(error) or type(error).__name__


def _ignore(_result: object) -> None:
    """A result (or an error) nobody waits for: a peek or a count that can be had later."""


def _short_contest_name(name: str) -> str:
    """The office a contest elects, e.g. Bupati for "Pemilihan Bupati dan Wakil Bupati"."""
    short = name.removeprefix("Pemilihan ").split(" dan Wakil")[0].strip()
    return short or name


class ProblemChooser(QFrame):
    """An inline (never modal) list of the problems an operator can raise, chosen by number key."""

    sig_toggled = Signal(str)
    """A problem (its ``Problem`` value) was switched on or off."""
    sig_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problemChooser")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._raised: set[str] = set()
        self._closing = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(10, 6, 10, 6)
        lay.setSpacing(2)
        self._title = QLabel(self)
        self._title.setObjectName("chooserTitle")
        lay.addWidget(self._title)
        self._rows: list[QLabel] = []
        for _ in PROBLEMS:
            row = QLabel(self)
            row.setObjectName("chooserRow")
            lay.addWidget(row)
            self._rows.append(row)
        self._help = QLabel(self)
        self._help.setObjectName("chooserHelp")
        lay.addWidget(self._help)
        self.retranslate()

    def retranslate(self) -> None:
        self._title.setText(self.tr("Tandai masalah formulir ini"))
        self._help.setText(
            self.tr("Tekan 1–5 untuk menandai atau membatalkan; Esc atau Enter untuk kembali.")
        )
        self._render()

    def set_raised(self, problems: set[str]) -> None:
        self._raised = set(problems)
        self._render()

    def _render(self) -> None:
        for i, (p, row) in enumerate(zip(PROBLEMS, self._rows, strict=True), 1):
            mark = "☑" if p.value in self._raised else "☐"
            row.setText(f"  {i}   {mark}  {problem_name(p)}")
            row.setProperty("raised", "1" if p.value in self._raised else "")
            row.style().unpolish(row)
            row.style().polish(row)

    def open(self) -> None:
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def close_chooser(self) -> None:
        if not self.isVisible() or self._closing:
            return
        self._closing = True
        try:
            # First the focus goes back to the form, then the chooser hides: hiding the focused
            # widget would send the focus to whatever comes next in the window's chain.
            self.sig_closed.emit()
            self.hide()
        finally:
            self._closing = False

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
            self.sig_toggled.emit(PROBLEMS[key - Qt.Key.Key_1].value)
        elif key in (Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.close_chooser()
        event.accept()  # nothing typed here may reach the form behind

    @override
    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() != Qt.FocusReason.PopupFocusReason:
            self.close_chooser()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class EntryScreen(QWidget):
    """The keying station of one operator (see the module docstring for the keys)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("entryScreen")
        self._ctx = ctx
        self._operator = ctx.actor.role == Role.OPERATOR
        self._contest_id: str | None = None
        self._form: KeyingForm | None = None
        self._spec: FormSpec | None = None
        self._loaded: LoadedForm | None = None
        self._grid: FormGrid | None = None
        self._grids: dict[tuple[str, tuple[int, ...]], FormGrid] = {}
        self._problems: set[str] = set()
        self._keys_base = 0
        self._keys = 0
        self._saved: tuple[dict[str, int], list[str]] = ({}, [])
        self._confirm_armed = False
        self._dirty: str | None = None
        self._shown: set[FindingKey] = set()
        self._findings: list[Finding] = []
        self._findings_html = ""
        self._session_done = 0
        self._message = ""
        self._message_level = "info"
        self._queue_text = ""
        self._splitter_sized = False
        self._return_field: str | None = None
        self._locked = False
        """A finish or a claim is on its way: keys typed into the form wait for the next one."""
        self._type_ahead: list[tuple[int, Qt.KeyboardModifier, str]] | None = None
        self.last_switch_seconds = 0.0
        """How long the last finish → next form on screen took (saving, claiming, showing)."""

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self._denied = QLabel(self)
        self._denied.setObjectName("entryDenied")
        self._denied.setWordWrap(True)
        self._denied.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self._denied)
        if not self._operator:
            self.retranslate()
            return
        self._denied.hide()
        self._build(outer)
        self._loader = ImageLoader(ctx.ws, self)
        self._loader.sig_loaded.connect(self._on_images_loaded)
        self._hold_timer = QTimer(self)
        self._hold_timer.setSingleShot(True)
        self._hold_timer.setInterval(HOLD_BACK_MS)
        self._hold_timer.timeout.connect(self._release_held)
        self._idle_timer = QTimer(self)
        self._idle_timer.setInterval(IDLE_POLL_MS)
        self._idle_timer.timeout.connect(self._poll_for_work)
        # Every write, in order, off the GUI thread; a station that lost the room's host keeps
        # the form on screen and the queue tries again.
        # The operator waits on these: they start before a queued photo decode or prefetch.
        self._queue = SerialQueue(
            lambda e: isinstance(e, RoomConnectionLostError), RETRY_MS, self, priority=2
        )
        self._queue.sig_lost.connect(self._connection_lost)
        self._queue.sig_back.connect(self._connection_back)
        self._reads = Background(self)  # the queue counts and the peek for the prefetch
        self._counting = False
        self._finishing: KeyingForm | None = None
        self._finish_t0 = 0.0
        self._claiming = False
        self._make_shortcuts()
        ctx.sig_data_changed.connect(self._on_data_changed)
        self.retranslate()
        self._load_contests()

    # --- building ---------------------------------------------------------------------------------

    def _build(self, outer: QVBoxLayout) -> None:
        self.setStyleSheet(_STYLE)
        top = QFrame(self)
        top.setObjectName("entryTop")
        tl = QHBoxLayout(top)
        tl.setContentsMargins(10, 5, 10, 5)
        tl.setSpacing(8)
        self._contest_label = QLabel(top)
        self._contest_label.setObjectName("topMuted")
        self._contest = QComboBox(top)
        self._contest.setObjectName("contestCombo")
        self._contest.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._contest.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._contest.setMinimumContentsLength(16)
        self._contest.setMaximumWidth(300)
        self._contest.activated.connect(self._on_contest_activated)
        self._contest_hint = QLabel(top)
        self._contest_hint.setObjectName("keyHint")
        # The place and the progress give way (elided) on a narrow screen; nothing else does.
        self._place = ElidedLabel("", top)
        self._place.setObjectName("tpsPlace")
        self._place.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._tps_no = QLabel(top)
        self._tps_no.setObjectName("tpsPlace")
        self._tps_id = QLabel(top)
        self._tps_id.setObjectName("tpsId")
        self._problems_chip = QLabel(top)
        self._problems_chip.setObjectName("problemsChip")
        self._problems_chip.hide()
        self._slot = QLabel(top)
        self._slot.setObjectName("slotBadge")
        tl.addWidget(self._contest_label)
        tl.addWidget(self._contest)
        tl.addWidget(self._contest_hint)
        tl.addSpacing(10)
        tl.addWidget(self._place)
        tl.addWidget(self._tps_no)
        tl.addWidget(self._tps_id)
        tl.addSpacing(8)
        tl.addWidget(self._problems_chip)
        tl.addWidget(self._slot)
        tl.addStretch(1)
        outer.addWidget(top)

        self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._splitter.setChildrenCollapsible(False)

        # Left: the photo, and under it what is said in words (the last result, the findings,
        # the keys), where the line is wide; the right column is left to the form alone, so the
        # whole form fits without scrolling on a 1366×768 screen.
        left = QFrame(self._splitter)
        left.setObjectName("entryLeft")
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 4)
        ll.setSpacing(3)
        self._viewer = ImageViewer(left)
        ll.addWidget(self._viewer, 1)
        self._message_line = QLabel(left)
        self._message_line.setObjectName("messageLine")
        self._message_line.setWordWrap(True)
        self._message_line.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        fm = self._message_line.fontMetrics()
        self._message_line.setFixedHeight(2 * fm.lineSpacing() + 8)
        self._findings_strip = QLabel(left)
        self._findings_strip.setObjectName("findingsStrip")
        self._findings_strip.setTextFormat(Qt.TextFormat.RichText)
        self._findings_strip.setWordWrap(False)
        self._findings_strip.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._findings_strip.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._findings_strip.setFixedHeight(FINDINGS_LINES * (fm.lineSpacing() + 1) + 12)
        # The progress and the queue count, whole, on their own line under the photo.
        self._progress = QLabel(left)
        self._progress.setObjectName("entryProgress")
        self._progress.setWordWrap(True)
        self._progress.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._legend = QLabel(left)
        self._legend.setObjectName("legend")
        self._legend.setTextFormat(Qt.TextFormat.RichText)
        self._legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        for w in (self._message_line, self._findings_strip, self._progress, self._legend):
            row = QHBoxLayout()
            row.setContentsMargins(8, 0, 6, 0)
            row.addWidget(w)
            ll.addLayout(row)

        right = QFrame(self._splitter)
        right.setObjectName("entryRight")
        self._right = right
        rl = QVBoxLayout(right)
        rl.setContentsMargins(4, 2, 6, 2)
        rl.setSpacing(0)
        self._form_stack = QStackedWidget(right)
        self._scroll = QScrollArea(self._form_stack)
        self._scroll.setObjectName("gridScroll")
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._grid_stack = QStackedWidget()
        self._scroll.setWidget(self._grid_stack)
        self._scroll.viewport().installEventFilter(self)
        self._empty = QLabel(self._form_stack)
        self._empty.setObjectName("entryEmpty")
        self._empty.setWordWrap(True)
        self._empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._form_stack.addWidget(self._scroll)
        self._form_stack.addWidget(self._empty)
        rl.addWidget(self._form_stack, 1)

        # The problem chooser floats over the lower part of the form (outside the layout), so
        # opening it never moves a field.
        self._chooser = ProblemChooser(right)
        self._chooser.hide()
        self._chooser.sig_toggled.connect(self._toggle_problem)
        self._chooser.sig_closed.connect(self._on_chooser_closed)
        right.installEventFilter(self)

        self._splitter.addWidget(left)
        self._splitter.addWidget(right)
        self._splitter.setStretchFactor(0, 58)
        self._splitter.setStretchFactor(1, 42)
        outer.addWidget(self._splitter, 1)

    def _place_chooser(self) -> None:
        r = self._right.rect()
        h = self._chooser.sizeHint().height()
        w = min(r.width() - 16, max(360, self._chooser.sizeHint().width()))
        self._chooser.setGeometry(r.right() - w - 8, r.bottom() - h - 8, w, h)
        self._chooser.raise_()

    def _make_shortcuts(self) -> None:
        v = self._viewer
        bindings: list[tuple[Sequence[str], Callable[[], None]]] = [
            (("Ctrl+Return", "Ctrl+Enter", "F12"), self.finish),
            (("F9",), self._toggle_chooser),
            (("Alt+K",), self._choose_contest),
            (("F5",), self._poll_for_work),
            (("Ctrl++", "Ctrl+="), v.zoom_in),
            (("Ctrl+-",), v.zoom_out),
            (("Ctrl+0",), v.keep_page),
            (("Ctrl+9",), v.keep_width),
            (("Ctrl+R",), v.rotate_90),
            (("PgDown",), v.next_page),
            (("PgUp",), v.prev_page),
            (("Ctrl+B",), lambda: self._adjust(BRIGHTNESS_STEP, 0)),
            (("Ctrl+Shift+B",), lambda: self._adjust(-BRIGHTNESS_STEP, 0)),
            (("Ctrl+K",), lambda: self._adjust(0, BRIGHTNESS_STEP)),
            (("Ctrl+Shift+K",), lambda: self._adjust(0, -BRIGHTNESS_STEP)),
        ]
        for n in range(1, 10):
            bindings.append(((f"Alt+{n}",), functools.partial(self._jump_section, n)))
        self._shortcuts: list[QShortcut] = []
        for keys, fn in bindings:
            for k in keys:
                sc = QShortcut(QKeySequence(k), self)
                sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                sc.setAutoRepeat(k.startswith("Ctrl+") and k[5:] in ("+", "=", "-"))
                sc.activated.connect(fn)
                self._shortcuts.append(sc)

    # --- texts ------------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every text of the screen (again, after a language switch)."""
        self._denied.setText(
            self.tr(
                "Layar entri hanya untuk operator. Pengawas menyelesaikan perbedaan dan formulir "
                "janggal di layar Rekonsiliasi."
            )
        )
        if not self._operator:
            return
        self._contest_label.setText(self.tr("Pemilihan"))
        self._contest_hint.setText("Alt+K")
        self._legend.setText(self._legend_html())
        self._render_header()
        self._render_problems()
        self._render_findings()
        self._render_message()
        self._render_progress()
        if self._form is None:
            self._empty.setText(self._empty_text())

    def _legend_html(self) -> str:
        def k(*keys: str) -> str:
            return " / ".join(f"<b>{html.escape(x)}</b>" for x in keys)

        # Each word through self.tr() directly, so that lupdate collects it.
        w = {
            "next": self.tr("berikut"),
            "back": self.tr("kembali"),
            "zoom": self.tr("zoom"),
            "page": self.tr("halaman"),
            "width": self.tr("lebar"),
            "section": self.tr("bagian"),
            "contest": self.tr("pemilihan"),
            "rotate": self.tr("putar"),
            "pages": self.tr("halaman lain"),
            "problem": self.tr("masalah"),
            "finish": self.tr("selesai"),
            "bright": self.tr("terang"),
            "contrast": self.tr("kontras"),
        }
        # Four short lines in two columns: the legend fits beside the wide form at 1366 px.
        rows = [
            (
                f"{k('Enter', '↓')} {w['next']} · {k('Shift+Enter', '↑')} {w['back']}",
                f"{k('Ctrl +', 'Ctrl −')} {w['zoom']} · {k('Ctrl+0')} {w['page']}",
            ),
            (
                f"{k('Alt+1…6')} {w['section']} · {k('Alt+K')} {w['contest']}",
                f"{k('Ctrl+9')} {w['width']} · {k('Ctrl+R')} {w['rotate']}",
            ),
            (
                f"{k('F9')} {w['problem']} · {k('Ctrl+Enter', 'F12')} {w['finish']}",
                f"{k('Ctrl+B', 'Ctrl+Shift+B')} {w['bright']}",
            ),
            (
                f"{k('PgDn', 'PgUp')} {w['pages']}",
                f"{k('Ctrl+K', 'Ctrl+Shift+K')} {w['contrast']}",
            ),
        ]
        cells = "".join(
            f"<tr><td style='padding-right:14px'>{a}</td><td>{b}</td></tr>" for a, b in rows
        )
        return f"<table cellspacing='0' cellpadding='0'>{cells}</table>"

    def _empty_text(self) -> str:
        name = self._contest.currentText() if self._contest.count() else ""
        if not self._contest.count():
            return self.tr("Workspace ini belum memiliki pemilihan.")
        return self.tr(
            "Tidak ada formulir yang perlu dientri untuk {contest}.\n\n"
            "Pilih pemilihan lain dengan Alt+K, atau tekan F5 untuk memeriksa lagi "
            "(antrean juga diperiksa sendiri secara berkala)."
        ).format(contest=name)

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- public -----------------------------------------------------------------------------------

    def viewer(self) -> ImageViewer:
        return self._viewer

    def grid(self) -> FormGrid | None:
        """The grid of the form on screen (None before the first form)."""
        return self._grid

    def current_form(self) -> KeyingForm | None:
        return self._form

    def contest_id(self) -> str | None:
        return self._contest_id

    def problems(self) -> set[str]:
        return set(self._problems)

    def problem_chooser(self) -> ProblemChooser:
        return self._chooser

    def message(self) -> str:
        """The message line's text (the result of the last finish, or what is missing)."""
        return self._message

    def findings(self) -> list[Finding]:
        """The findings shown now."""
        return list(self._findings)

    def image_loader(self) -> ImageLoader:
        return self._loader

    def keystrokes(self) -> int:
        return self._keys_base + self._keys

    def select_contest(self, contest_id: str) -> None:
        """Switch to keying another contest (what Alt+K then a choice does)."""
        i = self._contest.findData(contest_id)
        if i >= 0:
            self._contest.setCurrentIndex(i)
            self._on_contest_activated(i)

    # --- the queue --------------------------------------------------------------------------------

    def _load_contests(self) -> None:
        self._contest.clear()
        for c in self._ctx.ws.contests():
            self._contest.addItem(_short_contest_name(c.name), c.id)
            self._contest.setItemData(
                self._contest.count() - 1, c.name, Qt.ItemDataRole.ToolTipRole
            )
        if self._contest.count():
            self._contest_id = str(self._contest.itemData(0))
            self._load_next()
        else:
            self._show_empty()

    def _choose_contest(self) -> None:
        if self._contest.count() > 1 and not self._locked:
            self._contest.showPopup()

    def _on_contest_activated(self, index: int) -> None:
        cid = str(self._contest.itemData(index))
        if self._locked:  # a finish or a claim is on its way: the contest stays
            self._contest.setCurrentIndex(max(0, self._contest.findData(self._contest_id)))
        elif cid != self._contest_id:
            self._save_draft()
            self._contest_id = cid
            self._say("", "info")
            self._load_next()
        self._refocus()

    def _load_next(self) -> None:
        """Claim the next form of the contest (on a worker, after every write asked for
        before) and show it, or say there is none."""
        if self._contest_id is None or self._claiming:
            return
        self._claiming = True
        self._lock()
        ws, actor, cid = self._ctx.ws, self._ctx.actor, self._contest_id
        self._queue.submit(
            "next", lambda: claim_next(ws, actor, cid), self._claimed, self._claim_failed
        )

    def _claimed(self, claimed: Claimed) -> None:
        self._claiming = False
        if claimed.contest_id != self._contest_id:
            self._unlock()
            self._load_next()
            return
        if isinstance(claimed.error, RoomConnectionLostError):
            # After a finish the host committed: the claim alone waits for the host.
            self._unlock()
            self._show_empty()
            self._load_next()
            return
        if claimed.error is not None:
            self._unlock()
            self._show_empty()
            if isinstance(claimed.error, ServiceError):
                self._say(refusal_text(claimed.error), "error")
            return
        if claimed.form is None or claimed.spec is None:
            self._unlock()
            self._show_empty()
            return
        keys = self._type_ahead
        self._unlock()
        self._show_form(claimed.form, claimed.spec)
        if keys:
            self._replay(keys)

    def _claim_failed(self, error: BaseException) -> None:
        self._claiming = False
        self._unlock()
        self._show_empty()
        self._say(_error_text(error), "error")

    def _poll_for_work(self) -> None:
        if self._form is None:
            self._load_next()

    def _on_data_changed(self, changes: Changes) -> None:
        if Changes.IMAGES in changes:
            self._loader.invalidate()
            if self._form is not None and self._viewer.page_count() == 0:
                self._show_images()
        if self._form is None and changes & (Changes.ENTRIES | Changes.IMAGES | Changes.MASTER):
            QTimer.singleShot(0, self._poll_for_work)

    def _show_empty(self) -> None:
        self._form = None
        self._problems = set()
        self._findings = []
        self._loaded = None
        self._viewer.set_pages([])
        self._viewer.set_message("")
        self._empty.setText(self._empty_text())
        self._form_stack.setCurrentWidget(self._empty)
        self._chooser.close_chooser()
        self._render_header()
        self._render_problems()
        self._render_findings()
        self._render_progress()
        self._idle_timer.start()

    def _grid_for(self, spec: FormSpec, paslon: Sequence[Paslon]) -> FormGrid:
        key = (spec.template.id, spec.paslon_numbers)
        grid = self._grids.get(key)
        if grid is None:
            grid = FormGrid(spec, paslon, self._grid_stack)
            grid.sig_field_focused.connect(self._on_field_focused)
            grid.sig_field_left.connect(self._on_field_left)
            grid.sig_edited.connect(self._on_edited)
            grid.sig_keystroke.connect(self._on_keystroke)
            grid.sig_past_end.connect(self._on_past_end)
            self._grid_stack.addWidget(grid)
            self._grids[key] = grid
        if self._grid_stack.currentWidget() is not grid:
            self._grid_stack.setCurrentWidget(grid)
        return grid

    def _show_form(self, kf: KeyingForm, spec: FormSpec) -> None:
        self._idle_timer.stop()
        self._spec = spec
        grid = self._grid_for(spec, kf.paslon)
        self._grid = grid
        self._form = kf
        self._problems = set(kf.problems)
        self._keys_base = kf.keystrokes
        self._keys = 0
        self._saved = (dict(kf.values), sorted(kf.problems))
        self._confirm_armed = False
        self._dirty = None
        self._shown = set()
        self._hold_timer.stop()
        grid.set_values(kf.values)
        self._fit_grid()
        self._form_stack.setCurrentWidget(self._scroll)
        self._chooser.set_raised(self._problems)
        self._render_header()
        self._render_problems()
        self._refresh_findings()
        self._show_images()
        target = grid.first_missing() or grid.field_ids()[0]
        grid.focus_field(target)
        self._on_field_focused(target)
        # After the new form is painted: neither may delay the first paint.
        QTimer.singleShot(PREFETCH_DELAY_MS, self._prefetch)
        QTimer.singleShot(PREFETCH_DELAY_MS + 100, self._update_queue_counts)

    def _refocus(self) -> None:
        if self._grid is not None and self._form is not None:
            fid = self._grid.current_field() or self._grid.field_ids()[0]
            self._grid.focus_field(fid, select_all=False)

    # --- images -----------------------------------------------------------------------------------

    def _show_images(self) -> None:
        kf = self._form
        if kf is None:
            return
        hit = self._loader.get(kf.tps.tps_id, kf.contest_id)
        if hit is not None:
            self._apply_images(hit)
            return
        self._loaded = None
        self._viewer.set_pages([])
        self._viewer.set_message(self.tr("Memuat gambar…"))
        self._loader.request(kf.tps.tps_id, kf.contest_id, urgent=True)

    def _apply_images(self, loaded: LoadedForm) -> None:
        self._loaded = loaded
        self._viewer.set_pages(list(loaded.pages))
        self._viewer.set_page_quads(list(loaded.quads))
        if not loaded.pages:
            self._viewer.set_message(
                self.tr("Tidak ada gambar formulir untuk TPS ini.\nTandai masalah dengan F9.")
            )
        elif loaded.unreadable:
            self._viewer.set_message("")
            self._say(
                self.tr("{n} halaman gambar tidak dapat dibaca (berkas hilang atau rusak).").format(
                    n=loaded.unreadable
                ),
                "warn",
            )
        if self._grid is not None and self._grid.current_field() is not None:
            self._show_region(self._grid.current_field())

    def _on_images_loaded(self, tps_id: str, contest_id: str) -> None:
        kf = self._form
        if kf is None or (kf.tps.tps_id, kf.contest_id) != (tps_id, contest_id):
            return  # a prefetch: it waits in the cache
        hit = self._loader.get(tps_id, contest_id)
        if hit is not None:
            self._apply_images(hit)
            return
        error = self._loader.last_error(tps_id, contest_id) or "?"
        self._loaded = None
        self._viewer.set_pages([])
        self._viewer.set_message(self.tr("Gambar tidak dapat dimuat:\n{error}").format(error=error))

    def _prefetch(self) -> None:
        kf = self._form
        if kf is None or self._queue.lost:  # no worker waits on a host that is away
            return
        ws, actor, cid, tps = self._ctx.ws, self._ctx.actor, kf.contest_id, kf.tps.tps_id

        def fetch(nxt: str | None) -> None:
            if nxt is not None:
                self._loader.request(nxt, cid)

        self._reads.submit(
            lambda: entry.peek_next_form(ws, actor, cid, exclude=[tps]), fetch, _ignore
        )

    def _show_region(self, field_id: str | None) -> None:
        spec = self._spec
        if field_id is None or spec is None or field_id not in spec.field_index:
            return
        if not self._viewer.page_count():
            return
        # The page holding the field comes to the screen by itself, then the zoom lands on the
        # field's box on that page.
        index, box, row_box = fields_region(spec, self._loaded, [field_id])
        if index is not None:
            self._viewer.go_to_page(index)
        if box is not None:
            self._viewer.show_region(box, row_box)

    def _adjust(self, d_brightness: int, d_contrast: int) -> None:
        v = self._viewer
        v.set_brightness_contrast(v.brightness() + d_brightness, v.contrast() + d_contrast)

    # --- keying -----------------------------------------------------------------------------------

    def _on_field_focused(self, field_id: str) -> None:
        self._dirty = None
        self._show_region(field_id)

    def _on_field_left(self, field_id: str) -> None:
        self._commit()

    def _commit(self) -> None:
        if self._dirty is not None:
            self._dirty = None
            self._hold_timer.stop()
            self._refresh_findings()
        self._save_draft()

    def _on_edited(self, field_id: str) -> None:
        self._dirty = field_id
        self._confirm_armed = False
        self._refresh_findings()
        self._hold_timer.start()

    def _release_held(self) -> None:
        self._dirty = None
        self._refresh_findings()

    def _on_keystroke(self) -> None:
        self._keys += 1

    def _on_past_end(self) -> None:
        self._commit()
        grid = self._grid
        if grid is None:
            return
        first = grid.first_missing()
        if first is not None and not self._problems:
            self._say(
                self.tr("Masih ada kotak kosong: {field}.").format(field=grid.field_name(first)),
                "warn",
            )
            grid.focus_field(first)
        else:
            self._say(self.tr("Semua kotak terisi. Tekan Ctrl+Enter untuk menyimpan."), "info")

    def _jump_section(self, n: int) -> None:
        grid = self._grid
        if grid is None or self._form is None:
            return
        ids = grid.section_ids()
        if 1 <= n <= len(ids):
            self._chooser.close_chooser()
            grid.focus_section(ids[n - 1])

    def _refresh_findings(self) -> None:
        if self._grid is None or self._spec is None:
            return
        findings = validate(self._spec, self._grid.values())
        if self._dirty is not None:
            d = self._dirty
            findings = [f for f in findings if d not in f.fields or _key(f) in self._shown]
        self._shown = {_key(f) for f in findings}
        self._findings = findings
        self._grid.set_findings(findings)
        self._render_findings()

    # --- problems ---------------------------------------------------------------------------------

    def _toggle_chooser(self) -> None:
        if self._form is None or self._locked:
            return
        if self._chooser.isVisible():
            self._chooser.close_chooser()
        else:
            self._commit()
            self._return_field = self._grid.current_field() if self._grid else None
            self._chooser.set_raised(self._problems)
            self._place_chooser()
            self._chooser.open()

    def _on_chooser_closed(self) -> None:
        grid = self._grid
        if grid is not None and self._form is not None:
            fid = self._return_field or grid.current_field() or grid.field_ids()[0]
            grid.focus_field(fid, select_all=False)

    def _toggle_problem(self, problem: str) -> None:
        if self._form is None or self._locked:
            return
        self._problems ^= {problem}
        self._confirm_armed = False
        self._chooser.set_raised(self._problems)
        self._render_problems()
        self._save_draft()

    # --- saving -----------------------------------------------------------------------------------

    def _save_draft(self) -> None:
        """Save the draft (on a worker, in order) if it changed since it was last asked for."""
        kf, grid = self._form, self._grid
        if kf is None or grid is None or self._locked:
            return
        values = grid.values()
        problems = sorted(self._problems)
        if (values, problems) == self._saved:
            return
        self._saved = (values, problems)  # asked for: the queue keeps it until the host has it
        ws, actor, keys = self._ctx.ws, self._ctx.actor, self.keystrokes()
        tps, cid = kf.tps.tps_id, kf.contest_id
        self._queue.submit(
            "draft",
            lambda: entry.save_draft(ws, actor, tps, cid, values, problems, keystrokes=keys),
            _ignore,
            lambda e: self._draft_failed(kf, e),
            key=("draft", tps, cid),
            tag=kf,
        )

    def _draft_failed(self, kf: KeyingForm, error: BaseException) -> None:
        if kf is not self._form:
            return  # a form no longer on screen (its finish or the next claim says the rest)
        self._saved = ({}, ["?"])  # not saved: the next field left asks again
        if isinstance(error, ConflictError):
            self._queue.cancel(lambda j: j.tag is kf)  # its finish too, if one waits
            self._finishing = None
            self._claiming = False
            self._unlock()
            self._say(
                self.tr(
                    "Formulir ini tidak lagi dipegang Anda ({reason}); memuat formulir lain."
                ).format(reason=refusal_text(error)),
                "error",
            )
            self._load_next()
        else:
            self._say(_error_text(error), "error")

    def finish(self) -> None:
        """Finish the entry (Ctrl+Enter, F12): the host saves it and the next form is claimed
        on a worker; this returns at once, with the form locked until the next one is shown."""
        kf, grid, spec = self._form, self._grid, self._spec
        if kf is None or grid is None or spec is None or self._locked:
            return
        t0 = time.perf_counter()
        self._chooser.close_chooser()
        self._dirty = None
        self._hold_timer.stop()
        self._refresh_findings()
        values = grid.values()
        missing = missing_fields(spec, values)
        if missing and not self._problems:
            self._say(
                self.tr(
                    "Belum lengkap: {n} kotak kosong (pertama {field}). Isi semuanya, atau tandai "
                    "masalah dengan F9."
                ).format(n=len(missing), field=grid.field_name(missing[0])),
                "warn",
            )
            grid.focus_field(missing[0])
            return
        errors = [f for f in self._findings if f.level == "E"]
        if errors and not self._problems and not self._confirm_armed:
            self._confirm_armed = True
            self._say(
                self.tr(
                    "{n} temuan merah. Cocokkan sekali lagi dengan gambar. Bila kertasnya memang "
                    "begitu, tekan Ctrl+Enter lagi: formulir disimpan sesuai kertas."
                ).format(n=len(errors)),
                "warn",
            )
            return
        self._finishing = kf
        self._finish_t0 = t0
        self._saved = (values, sorted(self._problems))  # the finish carries the draft
        self._lock()
        ws, actor, keys = self._ctx.ws, self._ctx.actor, self.keystrokes()
        tps, cid, problems = kf.tps.tps_id, kf.contest_id, sorted(self._problems)

        def save_and_claim() -> tuple[EntryResult, Claimed]:
            result = entry.finish_entry(ws, actor, tps, cid, values, problems, keystrokes=keys)
            return result, claim_next(ws, actor, cid, keep_lost=True)

        self._claiming = True
        self._queue.submit(
            "finish",
            save_and_claim,
            lambda done: self._finished(kf, *done),
            lambda e: self._finish_failed(kf, e),
            tag=kf,
        )
        if self._queue.lost:
            # A draft already waits for the host: nothing is said to be saved that the host did
            # not commit; the form stays on screen as typed.
            self._connection_lost("finish")
        else:
            self._say(self.tr("Menyimpan…"), "info")

    def _finished(self, kf: KeyingForm, result: EntryResult, claimed: Claimed) -> None:
        """The host committed the entry (and the next form was claimed): say so, show it."""
        self._finishing = None
        self._session_done += 1
        text = self._result_text(kf, result.state, audit=result.audit)
        level = "ok" if result.state in (State.FIRST_DONE, State.FINAL) else "warn"
        self._say(text, level)
        self._ctx.sig_status.emit(text)
        self._ctx.sig_data_changed.emit(Changes.ENTRIES)
        self._claimed(claimed)
        self.last_switch_seconds = time.perf_counter() - self._finish_t0

    def _finish_failed(self, kf: KeyingForm, error: BaseException) -> None:
        self._finishing = None
        self._claiming = False
        self._type_ahead = None
        self._unlock()
        self._saved = ({}, ["?"])
        self._say(_error_text(error), "error")
        if isinstance(error, ConflictError):
            self._queue.cancel(lambda j: j.tag is kf)
            self._load_next()

    def _connection_lost(self, what: str) -> None:
        """The room's host did not answer ``what`` ("finish", "draft" or "next"): say so here
        and in the status bar, keep the form; the queue tries again every few seconds."""
        self._type_ahead = None  # keys typed from now on were not meant for the next form
        kinds = self._queue.kinds()
        if "finish" in kinds or what == "finish":
            what = "finish"
        if what == "next":
            text = self.tr(
                "Hubungan ke ruangan terputus; formulir berikutnya diambil begitu terhubung lagi."
            )
        else:
            text = self.tr(
                "Belum tersimpan: hubungan ke ruangan terputus. Isian tetap di layar dan "
                "disimpan begitu ruangan terhubung lagi (dicoba setiap {s} detik)."
            ).format(s=max(1, self._queue.retry_ms // 1000))
        self._say(text, "error")
        self._ctx.sig_status.emit(text)

    def _connection_back(self, what: str) -> None:
        if "finish" in self._queue.kinds() or self._finishing is not None:
            # The finish waiting behind the draft says "tersimpan" itself, once committed.
            self._say(self.tr("Menyimpan…"), "info")
        elif what == "draft":
            self._say(self.tr("Terhubung lagi ke ruangan; draf tersimpan."), "ok")

    @property
    def unsaved(self) -> str | None:
        """What waits for the room's host to answer ("finish", "draft", "next"), if anything."""
        if not self._queue.lost:
            return None
        kinds = self._queue.kinds()
        if "finish" in kinds:
            return "finish"
        return kinds[0] if kinds else None

    @property
    def last_save_seconds(self) -> float:
        """How long the last save or claim took on its worker (the host's part of a switch)."""
        return self._queue.last_seconds

    def busy(self) -> bool:
        """Whether a save or a claim runs or waits (on a worker)."""
        return self._queue.busy()

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        """Process events until every save and claim asked for is done, and every read
        (tests, closing)."""
        done = self._queue.wait_idle(timeout_ms)
        return self._reads.wait_idle(timeout_ms) and done

    def about_to_close(self) -> None:
        """The window closes: save the draft, and give the queue a moment unless the host is
        away (nothing is said to be saved that is not)."""
        if not self._operator:
            return
        self._save_draft()
        if not self._queue.lost:
            self._queue.wait_idle(5_000)
            self._reads.wait_idle(5_000)

    # --- the form locked while it is saved --------------------------------------------------------

    def _lock(self) -> None:
        """Lock the form on screen (a finish or a claim is on its way): keys typed into it are
        kept for the next form instead (:meth:`_replay`), never typed into this one."""
        if self._locked:
            return
        self._locked = True
        self._type_ahead = [] if self._form is not None else None
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def _unlock(self) -> None:
        if not self._locked:
            return
        self._locked = False
        self._type_ahead = None
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def _held_key(self, watched: QObject, event: QEvent) -> bool:
        """While locked: whether ``event`` is a key typed into the form (kept, not delivered)."""
        if event.type() not in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            return False
        if not isinstance(watched, QWidget) or not self._right.isAncestorOf(watched):
            return False
        assert isinstance(event, QKeyEvent)
        buf = self._type_ahead
        if (
            event.type() == QEvent.Type.KeyPress
            and buf is not None
            and len(buf) < TYPE_AHEAD_MAX
            and not event.modifiers()
            & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            buf.append((event.key(), event.modifiers(), event.text()))
        return True

    def _replay(self, keys: list[tuple[int, Qt.KeyboardModifier, str]]) -> None:
        """Type the keys kept while the form was locked into the form now on screen."""
        for key, mods, text in keys:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                w = QApplication.focusWidget()
                if w is None or not self.isAncestorOf(w):
                    return
                QApplication.sendEvent(w, QKeyEvent(kind, key, mods, text))

    def _result_text(self, kf: KeyingForm, state: State, *, audit: bool = False) -> str:
        where = self.tr("TPS {number:03d} {desa}").format(number=kf.tps.number, desa=kf.tps.desa)
        if audit:  # the blind re-key audit: nothing about how it compares (services/quality.py)
            return f"✓ {where}: " + self.tr("tersimpan sebagai entri audit. Terima kasih.")
        match state:
            case State.FIRST_DONE:
                what = self.tr("tersimpan, entri pertama selesai.")
            case State.FINAL:
                what = self.tr("tersimpan; kedua entri sama: FINAL.")
            case State.DIFFERENT:
                what = self.tr("tersimpan; berbeda dengan entri pertama, diteruskan ke pengawas.")
            case State.JANGGAL:
                what = self.tr(
                    "tersimpan; kedua entri sama tetapi formulirnya tidak konsisten (janggal), "
                    "diteruskan ke pengawas."
                )
            case _:
                what = self.tr("tersimpan ({state}).").format(state=state.value)
        return f"✓ {where}: {what}"

    # --- rendering --------------------------------------------------------------------------------

    def _say(self, text: str, level: str) -> None:
        self._message = text
        self._message_level = level
        self._render_message()

    def _render_message(self) -> None:
        self._message_line.setText(self._message)
        self._message_line.setProperty("level", self._message_level)
        self._message_line.style().unpolish(self._message_line)
        self._message_line.style().polish(self._message_line)

    def _render_header(self) -> None:
        kf = self._form
        if kf is None:
            self._place.set_full_text("")
            self._tps_no.setText("")
            self._tps_id.setText("")
            self._slot.setText("")
            self._slot.hide()
            return
        t = kf.tps
        self._place.set_full_text(
            self.tr("Kec. {kecamatan}  ›  {desa}  ›").format(kecamatan=t.kecamatan, desa=t.desa)
        )
        self._tps_no.setText(self.tr("TPS {number:03d}").format(number=t.number))
        self._tps_id.setText(dotted(t.tps_id))
        if kf.audit:
            self._slot.setText(self.tr("AUDIT"))
            self._slot.setToolTip(
                self.tr(
                    "Entri audit buta: formulir ini dipilih acak untuk mengukur mutu data. "
                    "Ketik apa yang tertulis di gambar."
                )
            )
        else:
            self._slot.setText(self.tr("ENTRI {slot}").format(slot=kf.slot))
            self._slot.setToolTip("")
        self._slot.setProperty("slot", "audit" if kf.audit else str(kf.slot))
        self._slot.style().unpolish(self._slot)
        self._slot.style().polish(self._slot)
        self._slot.show()

    def _render_problems(self) -> None:
        if self._form is not None and self._problems:
            names = ", ".join(problem_name(p) for p in PROBLEMS if p.value in self._problems)
            self._problems_chip.setText(self.tr("⚑ Masalah: {names}").format(names=names))
            self._problems_chip.show()
        else:
            self._problems_chip.hide()

    def _render_findings(self) -> None:
        findings = self._findings
        if self._form is None:
            self._set_findings_html("")
            return
        if not findings:
            no_findings = self.tr("Tidak ada temuan.")
            self._set_findings_html(
                f"<span style='color:#5c7080'>{html.escape(no_findings)}</span>"
            )
            return
        ordered = sorted(findings, key=lambda f: f.level != "E")
        lines = []
        shown = ordered if len(ordered) <= FINDINGS_LINES else ordered[: FINDINGS_LINES - 1]
        for f in shown:
            colour = "#b3261e" if f.level == "E" else "#8a5a00"
            text = describe_finding(f)
            code, sep, rest = text.partition(": ")
            if not sep:
                code, rest = f.code, text
            lines.append(
                f"<span style='color:{colour}'>●</span> <b style='color:{colour}'>"
                f"{html.escape(code)}</b> {html.escape(rest)}"
            )
        if len(ordered) > len(shown):
            more = self.tr("… dan {n} temuan lain").format(n=len(ordered) - len(shown))
            lines.append(f"<span style='color:#5c7080'>{html.escape(more)}</span>")
        self._set_findings_html("<br>".join(lines))

    def _set_findings_html(self, text: str) -> None:
        # Most keystrokes change no finding: laying the rich text out again would cost more than
        # the whole validation.
        if text != self._findings_html:
            self._findings_html = text
            self._findings_strip.setText(text)

    def _update_queue_counts(self) -> None:
        if self._contest_id is None or self._counting or self._queue.lost:
            return
        self._counting = True
        ws, cid = self._ctx.ws, self._contest_id
        self._reads.submit(
            lambda: entry.status(ws).get(cid, {}), self._show_counts, self._counts_failed
        )

    def _counts_failed(self, _error: BaseException) -> None:
        self._counting = False

    def _show_counts(self, st: dict[str, object]) -> None:
        self._counting = False
        states = st.get("states", {})
        if not isinstance(states, dict):
            return
        first = int(states.get(State.EMPTY.value, 0))
        second = int(states.get(State.FIRST_DONE.value, 0))
        self._queue_text = self.tr("Antrean: {first} baru · {second} menunggu entri 2").format(
            first=first, second=second
        )
        self._render_progress()

    def _render_progress(self) -> None:
        done = self.tr("Selesai sesi ini: {n}").format(n=self._session_done)
        self._progress.setText(f"{done}  ·  {self._queue_text}" if self._queue_text else done)

    # --- layout -----------------------------------------------------------------------------------

    def _fit_grid(self) -> None:
        if self._grid is not None:
            self._grid.fit_height(self._scroll.viewport().height())
            # The form's column takes the room its grid needs to show every row label whole;
            # the photo keeps the rest.
            need = (
                self._grid.minimumSizeHint().width()
                + self._scroll.verticalScrollBar().sizeHint().width()
                + 12
            )
            if self._right.minimumWidth() != need:
                self._right.setMinimumWidth(need)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._locked and self._held_key(watched, event):
            return True
        if (
            self._operator
            and watched is self._scroll.viewport()
            and event.type() == (QEvent.Type.Resize)
        ):
            self._fit_grid()
        return False

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._operator and not self._splitter_sized and self.width() > 400:
            self._splitter_sized = True
            w = self._splitter.width()
            self._splitter.setSizes([int(w * 0.58), w - int(w * 0.58)])

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._operator:
            if self._form is None:
                QTimer.singleShot(0, self._poll_for_work)
            else:
                QTimer.singleShot(0, self._refocus)

    @override
    def hideEvent(self, event: QHideEvent) -> None:
        if self._operator:
            self._save_draft()
        super().hideEvent(event)


_STYLE = """
QFrame#entryTop { background: #f0f3f7; border-bottom: 1px solid #d5dde6; }
QLabel#topMuted { color: #52606d; }
QLabel#entryProgress { color: #52606d; }
QLabel#keyHint { color: #829ab1; font-size: 11px; }
QLabel#tpsPlace { color: #102a43; font-size: 16px; font-weight: bold; }
QLabel#tpsId { color: #334e68; font-family: "DejaVu Sans Mono", Consolas, monospace;
    font-size: 14px; }
QLabel#slotBadge { color: white; background: #486581; border-radius: 4px; padding: 2px 8px;
    font-weight: bold; }
QLabel#slotBadge[slot="2"] { background: #6b4c9a; }
QLabel#slotBadge[slot="audit"] { background: #b45309; }
QFrame#entryRight { background: #fafbfc; }
QLabel#entryEmpty { color: #334e68; font-size: 16px; padding: 30px; }
QLabel#entryDenied { color: #334e68; font-size: 16px; padding: 40px; }
QLabel#problemsChip { color: #7a4a00; font-weight: bold; background: #ffe8a3;
    border-radius: 4px; padding: 2px 8px; }
QFrame#entryLeft { background: #eef1f4; }
QLabel#findingsStrip { background: #ffffff; border: 1px solid #e1e7ee; border-radius: 4px;
    padding: 4px 6px; }
QLabel#messageLine { padding: 2px 4px; border-radius: 3px; }
QLabel#messageLine[level="ok"] { color: #1b5e20; background: #e8f5e9; }
QLabel#messageLine[level="warn"] { color: #7a4a00; background: #fff4d6; }
QLabel#messageLine[level="error"] { color: #b3261e; background: #fdecea; }
QLabel#messageLine[level="info"] { color: #334e68; }
QLabel#legend { color: #627d98; font-size: 11px; }
QFrame#problemChooser { background: #fffdf5; border: 2px solid #d4a017; border-radius: 5px; }
QLabel#chooserTitle { font-weight: bold; color: #102a43; }
QLabel#chooserRow { font-size: 14px; color: #243b53; }
QLabel#chooserRow[raised="1"] { color: #8a5a00; font-weight: bold; }
QLabel#chooserHelp { color: #627d98; font-size: 11px; }
"""
