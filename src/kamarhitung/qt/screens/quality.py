"""Mutu data: the blind re-key audit, for supervisors (services/quality.py).

One screen, worked from the keyboard: type the seed read aloud before the witnesses and the number
of forms (or the bound the room wants to state) and press Enter to draw; the sampled forms then
come to operators in the entry screen, marked AUDIT. Forms whose audit keying differs from the
final record are listed here: pick one, and for each differing field type the value read from the
photo (zoomed to the field) *blind*, Enter moving to the next field and then to the reason; Enter
on the reason decides. Only then are the final and audit values shown with the verdict. The
figures (rate per 10,000 fields with its exact 95% interval) and the accuracy per operator (by
name, never ranked) are below; the pairing of high- and low-rate operators is a check box.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QIntValidator, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kamarhitung.core.model import Role, dotted
from kamarhitung.core.quality import redraw_instructions
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import current_language, refusal_text
from kamarhitung.qt.imageload import ImageLoader
from kamarhitung.qt.models.background import Background, Failure
from kamarhitung.qt.widgets.image_viewer import ImageViewer
from kamarhitung.services import quality
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import ServiceError
from kamarhitung.services.quality import AuditDifference, DecisionResult, Sample

_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class QualityScreen(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._allowed = ctx.actor.role == Role.SUPERVISOR
        self._stale = True
        self._diffs: list[AuditDifference] = []
        self._open_tps: str | None = None
        self._inputs: dict[str, QLineEdit] = {}
        self._last: DecisionResult | None = None
        self._message = ""
        self._jobs = Background(self)
        self._busy = False
        outer = QVBoxLayout(self)
        self._title = QLabel(self)
        self._title.setObjectName("screen-quality")
        self._title.setStyleSheet("font-size: 16px; font-weight: bold;")
        outer.addWidget(self._title)
        self._refusal = QLabel(self)
        self._refusal.setWordWrap(True)
        outer.addWidget(self._refusal)
        if not self._allowed:
            outer.addStretch(1)
            self.retranslate()
            return
        self._refusal.hide()
        self._contests = [c.id for c in ctx.ws.contests()]

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self._viewer = ImageViewer(splitter)
        self._viewer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._loader = ImageLoader(ctx.ws, self)
        self._loader.sig_loaded.connect(self._on_images)
        right = QWidget(splitter)
        rl = QVBoxLayout(right)
        splitter.addWidget(self._viewer)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        outer.addWidget(splitter, 1)

        top = QHBoxLayout()
        self._contest_label = QLabel(right)
        self._contest = QComboBox(right)
        self._contest.setObjectName("qualityContest")
        for cid in self._contests:
            self._contest.addItem(ctx.ws.contest(cid).name, cid)
        self._contest.currentIndexChanged.connect(lambda _i: self.refresh())
        top.addWidget(self._contest_label)
        top.addWidget(self._contest, 1)
        rl.addLayout(top)

        self._sample_box = QGroupBox(right)
        sf = QFormLayout(self._sample_box)
        self._seed = QLineEdit(self._sample_box)
        self._seed.setObjectName("qualitySeed")
        self._forms = QSpinBox(self._sample_box)
        self._forms.setObjectName("qualityForms")
        self._forms.setRange(0, quality.MAX_SAMPLE)
        self._target = QLineEdit(self._sample_box)
        self._target.setObjectName("qualityTarget")
        self._draw_btn = QPushButton(self._sample_box)
        self._draw_btn.setObjectName("qualityDraw")
        self._seed_label, self._forms_label, self._target_label = (QLabel(), QLabel(), QLabel())
        sf.addRow(self._seed_label, self._seed)
        sf.addRow(self._forms_label, self._forms)
        sf.addRow(self._target_label, self._target)
        sf.addRow(self._draw_btn)
        self._sample_text = QLabel(self._sample_box)
        self._sample_text.setObjectName("qualitySampleText")
        self._sample_text.setWordWrap(True)
        self._sample_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        sf.addRow(self._sample_text)
        for w in (self._seed, self._target):
            w.returnPressed.connect(self.draw)
        self._forms.lineEdit().returnPressed.connect(self.draw)
        self._draw_btn.clicked.connect(self.draw)
        rl.addWidget(self._sample_box)

        self._decide_box = QGroupBox(right)
        dl = QVBoxLayout(self._decide_box)
        self._pending = QListWidget(self._decide_box)
        self._pending.setObjectName("qualityPending")
        self._pending.setMaximumHeight(110)
        self._pending.currentRowChanged.connect(self._open_row)
        dl.addWidget(self._pending)
        self._fields_host = QWidget(self._decide_box)
        self._fields_form = QFormLayout(self._fields_host)
        dl.addWidget(self._fields_host)
        self._reason = QLineEdit(self._decide_box)
        self._reason.setObjectName("qualityReason")
        self._note = QLineEdit(self._decide_box)
        self._note.setObjectName("qualityNote")
        self._reason_label, self._note_label = QLabel(), QLabel()
        rf = QFormLayout()
        rf.addRow(self._reason_label, self._reason)
        rf.addRow(self._note_label, self._note)
        dl.addLayout(rf)
        self._decide_btn = QPushButton(self._decide_box)
        self._decide_btn.setObjectName("qualityDecide")
        self._decide_btn.clicked.connect(self.decide)
        self._reason.returnPressed.connect(self.decide)
        self._note.returnPressed.connect(self.decide)
        dl.addWidget(self._decide_btn)
        self._decision_text = QLabel(self._decide_box)
        self._decision_text.setObjectName("qualityDecision")
        self._decision_text.setWordWrap(True)
        dl.addWidget(self._decision_text)
        rl.addWidget(self._decide_box)

        self._summary = QLabel(right)
        self._summary.setObjectName("qualitySummary")
        self._summary.setWordWrap(True)
        rl.addWidget(self._summary)
        self._msg = QLabel(right)
        self._msg.setObjectName("qualityMessage")
        self._msg.setWordWrap(True)
        rl.addWidget(self._msg)

        self._ops = QTableWidget(0, 5, right)
        self._ops.setObjectName("qualityOperators")
        self._ops.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self._ops.setSortingEnabled(False)  # by name: never a leaderboard
        self._ops.verticalHeader().setVisible(False)
        self._ops.horizontalHeader().setSectionsClickable(False)
        self._ops.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        rl.addWidget(self._ops, 1)
        self._pairing = QCheckBox(right)
        self._pairing.setObjectName("qualityPairing")
        self._pairing.toggled.connect(self._set_pairing)
        rl.addWidget(self._pairing)

        ctx.sig_data_changed.connect(self._on_data_changed)
        self.retranslate()
        self.setFocusProxy(self._seed)

    # --- texts ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self._title.setText(self.tr("Mutu data: audit entri ulang buta"))
        self._refusal.setText(self.tr("Audit mutu data hanya untuk pengawas."))
        if not self._allowed:
            return
        self._contest_label.setText(self.tr("Pemilihan"))
        self._sample_box.setTitle(self.tr("Tarik sampel (di depan saksi)"))
        self._seed_label.setText(self.tr("Benih (angka dibacakan)"))
        self._forms_label.setText(self.tr("Jumlah formulir"))
        self._target_label.setText(self.tr("atau batas per 10.000 isian"))
        self._draw_btn.setText(self.tr("Tarik sampel (Enter)"))
        self._decide_box.setTitle(
            self.tr("Perbedaan menunggu keputusan: ketik angka yang terbaca di gambar")
        )
        self._reason_label.setText(self.tr("Alasan"))
        self._note_label.setText(self.tr("Catatan janggal (bila perlu)"))
        self._decide_btn.setText(self.tr("Putuskan (Enter)"))
        self._ops.setHorizontalHeaderLabels(
            [
                self.tr("Operator"),
                self.tr("Isian dikunci"),
                self.tr("Galat"),
                self.tr("Per 10.000 isian"),
                self.tr("Selang 95%"),
            ]
        )
        self._pairing.setText(
            self.tr(
                "Pasangkan operator bergalat tinggi dengan yang bergalat rendah untuk entri kedua"
            )
        )
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- data -------------------------------------------------------------------------------

    def contest_id(self) -> str:
        return str(self._contest.currentData())

    def message(self) -> str:
        return self._message

    def pending_tps(self) -> list[str]:
        return [
            str(self._pending.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self._pending.count())
        ]

    def decision_text(self) -> str:
        return self._decision_text.text()

    def summary_text(self) -> str:
        return self._summary.text()

    def sample_text(self) -> str:
        return self._sample_text.text()

    def field_inputs(self) -> dict[str, QLineEdit]:
        return dict(self._inputs)

    def refresh(self) -> None:
        if not self._allowed:
            return
        self._stale = False
        try:
            self._diffs = quality.differences(self._ctx.ws, self._ctx.actor, self.contest_id())
            self._report = quality.report(self._ctx.ws, self._ctx.actor, self.contest_id())
            self._acc = quality.operator_accuracy(self._ctx.ws, self._ctx.actor)
            pairing = quality.pairing(self._ctx.ws)
        except ServiceError as e:
            self._say(refusal_text(e))
            return
        self._pairing.blockSignals(True)
        self._pairing.setChecked(pairing)
        self._pairing.blockSignals(False)
        self._fill()

    def _fill(self) -> None:
        if not hasattr(self, "_report"):
            return
        keep = self._open_tps
        pending = sorted({d.tps_id for d in self._diffs if d.verdict is None})
        self._pending.blockSignals(True)
        self._pending.clear()
        for t in pending:
            n = sum(1 for d in self._diffs if d.tps_id == t and d.verdict is None)
            item = QListWidgetItem(
                self.tr("TPS {tps}: {n} isian berbeda").format(tps=dotted(t), n=n)
            )
            item.setData(Qt.ItemDataRole.UserRole, t)
            self._pending.addItem(item)
        self._pending.blockSignals(False)
        # The decision form (and the verdicts) once the sample has differences: before, its room
        # goes to the operators' table (at 1366 x 768 it would show one row).
        self._decide_box.setVisible(bool(self._diffs))
        row = pending.index(keep) if keep in pending else (0 if pending else -1)
        self._pending.setCurrentRow(row)
        self._open_row(row)
        r = self._report
        lo, hi = r.rate.ci95
        loc = QLocale()  # the interface's language (a widget's own locale is the system's)
        self._summary.setText(
            self.tr(
                "{forms} formulir dan {fields} isian diaudit; {diffs} perbedaan, {undecided} "
                "belum diputuskan; {errors} galat terkonfirmasi. Galat sisa {rate} per 10.000 "
                "isian, selang 95% (Clopper–Pearson) {lo} sampai {hi}."
            ).format(
                forms=loc.toString(r.forms),
                fields=loc.toString(r.fields),
                diffs=loc.toString(len(r.differences)),
                undecided=loc.toString(r.undecided),
                errors=loc.toString(r.errors),
                rate=loc.toString(r.rate.per_10000, "f", 2),
                lo=loc.toString(lo, "f", 2),
                hi=loc.toString(hi, "f", 2),
            )
        )
        self._ops.setRowCount(len(self._acc))
        for i, o in enumerate(self._acc):
            olo, ohi = o.rate.ci95
            cells = [
                o.user,
                loc.toString(o.fields),
                loc.toString(o.rate.errors),
                loc.toString(o.rate.per_10000, "f", 2),
                f"{loc.toString(olo, 'f', 2)} – {loc.toString(ohi, 'f', 2)}",
            ]
            for col, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if col:
                    cell.setTextAlignment(_NUMERIC)
                self._ops.setItem(i, col, cell)

    def _say(self, text: str) -> None:
        self._message = text
        self._msg.setText(text)

    # --- the draw ---------------------------------------------------------------------------

    def draw(self) -> None:
        target_text = self._target.text().strip().replace(",", ".")
        try:
            target = float(target_text) if target_text else None
        except ValueError:
            self._say(self.tr("Batas {0} bukan angka.").format(target_text))
            return
        forms = None if target is not None else self._forms.value()
        if self._busy:
            return
        ws, actor, contest, seed = (
            self._ctx.ws,
            self._ctx.actor,
            self.contest_id(),
            self._seed.text(),
        )
        self._set_busy(True, self.tr("Menarik sampel…"))
        self._jobs.run(
            lambda job: quality.draw(ws, actor, contest, seed, forms, target=target),
            self._drawn,
            self._failed,
            ctx=self._ctx,
            changes=Changes.QUALITY,
        )

    def is_busy(self) -> bool:
        """Whether a draw, a decision or the pairing setting is being saved."""
        return self._busy

    def _set_busy(self, on: bool, text: str = "") -> None:
        self._busy = on
        self._draw_btn.setEnabled(not on)
        self._decide_btn.setEnabled(not on)
        self._pairing.setEnabled(not on)
        if text:
            self._say(text)

    def _failed(self, failure: Failure) -> None:
        self._set_busy(False)
        self._say(failure.text)

    def _drawn(self, smp: Sample) -> None:
        self._set_busy(False)
        self._sample_text.setText(
            self.tr(
                "{n} formulir ditarik dengan benih \u201c{seed}\u201d dan sidik rekap {fp}: {tps}. "
                "Cara mengulang: {how}"
            ).format(
                n=len(smp.tps),
                seed=smp.seed,
                fp=smp.fingerprint,
                tps=", ".join(dotted(t) for t in smp.tps),
                how=redraw_instructions(
                    smp.seed,
                    smp.fingerprint,
                    len(smp.tps),
                    "en" if current_language() == "en" else "id",
                ),
            )
        )
        self._say(self.tr("Sampel ditarik; formulirnya masuk antrean operator sebagai audit."))
        self.refresh()  # the runner then announces Changes.QUALITY

    # --- decisions --------------------------------------------------------------------------

    def _open_row(self, row: int) -> None:
        while self._fields_form.rowCount():
            self._fields_form.removeRow(0)
        self._inputs = {}
        if row < 0 or row >= self._pending.count():
            self._open_tps = None
            self._viewer.set_pages([])
            return
        tps = str(self._pending.item(row).data(Qt.ItemDataRole.UserRole))
        self._open_tps = tps
        fields = [d.field for d in self._diffs if d.tps_id == tps and d.verdict is None]
        previous: QLineEdit | None = None
        for f in fields:
            edit = QLineEdit(self._fields_host)
            edit.setObjectName(f"qualityValue-{f}")
            edit.setValidator(QIntValidator(0, 99_999, edit))
            edit.installEventFilter(self)
            label = QLabel(f, self._fields_host)
            self._fields_form.addRow(label, edit)
            label.show()
            edit.show()  # shown now, so that the cursor can be put in it at once
            if previous is not None:
                previous.returnPressed.connect(edit.setFocus)
            previous = edit
            self._inputs[f] = edit
        if previous is not None:
            previous.returnPressed.connect(self._reason.setFocus)
        self._show_images()

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            for f, edit in self._inputs.items():
                if edit is watched:
                    self._zoom(f)
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _zoom(self, field: str) -> None:
        spec = self._ctx.ws.form_spec(self.contest_id())
        if field in spec.field_index:
            self._viewer.show_region(spec.box(field))

    def _show_images(self) -> None:
        if self._open_tps is None:
            return
        key = (self._open_tps, self.contest_id())
        loaded = self._loader.get(*key)
        if loaded is None:
            self._viewer.set_pages([])
            self._loader.request(*key, urgent=True)
            return
        self._viewer.set_pages(list(loaded.pages))
        self._viewer.set_page_quads(list(loaded.quads))
        if self._inputs:
            self._zoom(next(iter(self._inputs)))

    def _on_images(self, tps_id: str, contest_id: str) -> None:
        if (tps_id, contest_id) == (self._open_tps, self.contest_id()):
            self._show_images()

    def wait_for_images(self, msecs: int = 10_000) -> bool:
        return self._loader.wait_idle(msecs) if self._allowed else True

    def start_deciding(self) -> None:
        """Put the cursor in the first value to type (after picking a form)."""
        if self._inputs:
            next(iter(self._inputs.values())).setFocus()

    def decide(self) -> None:
        tps = self._open_tps
        if tps is None:
            return
        values: dict[str, int] = {}
        for f, edit in self._inputs.items():
            if not edit.text().strip():
                self._say(self.tr("Ketik angka yang terbaca di gambar untuk {0}.").format(f))
                edit.setFocus()
                return
            values[f] = int(edit.text())
        if self._busy:
            return
        ws, actor, contest = self._ctx.ws, self._ctx.actor, self.contest_id()
        reason, note = self._reason.text(), self._note.text() or None
        self._set_busy(True, self.tr("Menyimpan keputusan…"))
        self._jobs.run(
            lambda job: quality.decide(
                ws, actor, tps, contest, values, reason, accept_findings_note=note
            ),
            lambda res: self._decided(tps, values, res),
            self._failed,
            ctx=self._ctx,
            # The final data corrected, the audit's verdicts, and any region reopened.
            changes=lambda res: (
                Changes.ENTRIES
                | Changes.QUALITY
                | (Changes.REGIONS if res.reopened else Changes.NONE)
            ),
        )

    def _decided(self, tps: str, values: dict[str, int], res: DecisionResult) -> None:
        self._set_busy(False)
        words = {
            "final_wrong": self.tr("data final salah, dikoreksi"),
            "audit_wrong": self.tr("entri audit salah"),
            "both_wrong": self.tr("keduanya salah, data final dikoreksi"),
        }
        shown = {(d.field): d for d in self._diffs if d.tps_id == tps}
        parts = [
            self.tr("{field}: final {final}, audit {audit}, gambar {image}: {verdict}").format(
                field=f,
                final=shown[f].final,
                audit=shown[f].audit,
                image=values[f],
                verdict=words[v],
            )
            for f, v in sorted(res.verdicts.items())
        ]
        if res.reopened:
            parts.append(
                self.tr("Wilayah dibuka kembali: {0}").format(
                    ", ".join(dotted(c) for c in res.reopened)
                )
            )
        self._decision_text.setText(f"TPS {dotted(tps)}: " + "; ".join(parts))
        self._last = res
        self._reason.clear()
        self._note.clear()
        self._open_tps = None
        self._say(self.tr("Keputusan disimpan."))
        self.refresh()  # the runner then announces the changes
        if self._inputs:
            self.start_deciding()

    def _set_pairing(self, on: bool) -> None:
        ws, actor = self._ctx.ws, self._ctx.actor
        self._set_busy(True)
        self._jobs.run(
            lambda job: quality.set_pairing(ws, actor, on),
            lambda _r: self._set_busy(False),
            self._pairing_failed,
            ctx=self._ctx,
            changes=Changes.QUALITY,
        )

    def _pairing_failed(self, failure: Failure) -> None:
        self._failed(failure)
        self.refresh()  # the box shows the setting as stored

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        """Process events until the screen's operations have finished (tests)."""
        return self._jobs.wait_idle(timeout_ms)

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.QUALITY | Changes.ENTRIES | Changes.USERS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.refresh()
        super().showEvent(event)
