"""The province screen (a province workspace): importing the kabupaten bundles, the province
recap, and the certificate authority.

**Imports.** The list of every bundle imported (kabupaten, sequence, when it was made, TPS final
of total per contest, current or superseded, who imported it, whether its audit chain is intact).
"Impor bundel…" takes one or more ``.khb`` files and runs :func:`services.province.import_bundle`
through the screen's runner, file after file (each one announcing ``Changes.IMPORTS``), behind a progress dialog that stops between files when asked (an
import itself is never interrupted: it commits whole or not at all). The identity's passphrase
is asked for only when ``keys/identity.age`` is wrapped.

**Paper binding** (BUNDLE.md). With "Cocokkan dengan kertas" ticked, each bundle is first
decrypted and verified up to its recap files (:func:`services.paper.preview_bundle`: the
manifest's signature is checked against the province CA and CRL, and every member read matches
its SHA-256 in the signed manifest); then an inline panel asks for two groups, at random positions, of the
fingerprint printed on the signed paper recap of the kabupaten. The groups are compared with the
bundle's own fingerprints of that contest: the paper fingerprint of the kabupaten D.HASIL
report (``kamarhitung-report/1``, recomputed from ``data/recap-<contest>.json`` exactly as the
report computes it) and the manifest's recap fingerprint (``kamarhitung-recap/1``). Only when
they match is the bundle imported; otherwise it is refused and nothing is written.

**Recap.** Per contest, one row per kabupaten (its current bundle): coverage, votes per paslon,
valid, invalid and total, and the province's total, from :func:`services.province.
province_recap`; exported to xlsx, csv or json with :func:`~services.province.
write_province_recap`.

**CA.** :class:`~kamarhitung.qt.screens.keys.CaPanel`: create the CA and identity, issue a
certificate from a request, revoke one.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QRegularExpression, Qt
from PySide6.QtGui import QFont, QKeySequence, QRegularExpressionValidator, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.bundle import EXTENSION
from kamarhitung.core.paper import (
    HEX4,
    PaperFingerprints,
    normalise_group,
    paper_match,
    random_positions,
)
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.models.background import Background
from kamarhitung.qt.screens.keys import CaPanel, error_text, message_html, passphrase_edit
from kamarhitung.services import province
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import NotFoundError
from kamarhitung.services.paper import BundlePreview, imported_paper_fingerprint, preview_bundle
from kamarhitung.services.province import ImportResult, ProvinceKeys, ProvinceRecapJson
from kamarhitung.services.workspace import Workspace

RECAP_LEVEL = "kabupaten"
_NUMERIC = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_HEX4 = HEX4
VALUE_ROLE = Qt.ItemDataRole.UserRole
"""A recap cell's number (int or float), for tests and sorting."""


@dataclass(frozen=True, slots=True)
class _Imported:
    result: ImportResult
    paper_confirmed: bool | None
    """After a paper check: whether the imported totals give the paper's fingerprint."""


# === the overview =============================================================================


@dataclass(frozen=True, slots=True)
class ContestInfo:
    """A contest as the current bundles name it."""

    id: str
    name: str
    paslon: dict[str, str]
    """Field ``IV.<n>`` → the pair's names, when every kabupaten has the same pairs."""


@dataclass(frozen=True, slots=True)
class Overview:
    imports: list[dict[str, object]]
    contests: list[ContestInfo]


def _stored_contests(ws: Workspace, storage: object) -> list[dict[str, object]]:
    """``data/contests.json`` as the import stored it (names and pairs); [] when unreadable."""
    if not isinstance(storage, str):
        return []
    path = ws.path / storage / "data" / "contests.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [c for c in raw if isinstance(c, dict)] if isinstance(raw, list) else []


def load_overview(ws: Workspace) -> Overview:
    """Every import (with its manifest's summary) and the contests of the current bundles."""
    imports = province.list_imports(ws, with_manifest=True)
    for row in imports:  # keep the summary, drop the (possibly long) file list
        m = row.pop("manifest", None)
        row["summary"] = m.get("summary", {}) if isinstance(m, dict) else {}
        row["quality"] = m.get("quality", {}) if isinstance(m, dict) else {}  # issue 16
    order: list[str] = []
    names: dict[str, str] = {}
    pairs: dict[str, dict[str, str] | None] = {}
    for row in imports:
        summary = row["summary"]
        if isinstance(summary, dict):
            order += [c for c in summary if c not in order]
        if not row.get("current"):
            continue
        for c in _stored_contests(ws, row.get("storage")):
            cid = str(c.get("id", ""))
            names.setdefault(cid, str(c.get("name") or cid))
            raw = c.get("paslon")
            these = {
                f"IV.{p['nomor_urut']}": f"{p.get('nama_calon', '')} – {p.get('nama_wakil', '')}"
                for p in (raw if isinstance(raw, list) else [])
                if isinstance(p, dict) and "nomor_urut" in p
            }
            if cid not in pairs:
                pairs[cid] = these
            elif pairs[cid] != these:
                pairs[cid] = None  # a kabupaten contest: each kabupaten has its own pairs
    contests = [ContestInfo(c, names.get(c, c), pairs.get(c) or {}) for c in order]
    return Overview(imports, contests)


def recap_columns(fields: Sequence[str]) -> list[str]:
    """The recap table's value columns: the pairs' votes (``IV.<n>``), then valid, invalid and
    total (``V.A``, ``V.B``, ``V.C``) where the form has them."""

    def pair_number(f: str) -> int:
        tail = f.split(".", 1)[1]
        return int(tail) if tail.isdigit() else 999

    pairs = sorted((f for f in fields if f.startswith("IV.")), key=pair_number)
    return pairs + [f for f in ("V.A", "V.B", "V.C") if f in fields]


# === the screen ===============================================================================


@dataclass
class _Outcome:
    file: Path
    ok: bool
    text: str


class ProvinceScreen(QWidget):
    """Imports, paper binding, the province recap and the CA (see the module docstring)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._jobs = Background(self)
        self._overview = Overview([], [])
        self._recap: ProvinceRecapJson | None = None
        self._recap_fields: list[str] = []
        self._stale = True
        # an import batch
        self._queue: list[Path] = []
        self._batch: list[Path] = []
        self._outcomes: list[_Outcome] = []
        self._keys: ProvinceKeys | None = None
        self._paper = False
        self._cancel = False
        self._running = False
        self._current: Path | None = None
        self._preview: BundlePreview | None = None
        self._positions: tuple[int, int] = (1, 2)
        self._dialog: QProgressDialog | None = None
        self.rng: random.Random = random.SystemRandom()
        """Where the paper check's group positions come from (tests may seed it)."""

        meta = ctx.ws.meta()
        self._ca_subject = meta.get("ca_subject", "")

        self._title = QLabel(self)
        self._title.setObjectName("screenTitle")
        self._subtitle = QLabel(self)
        self._subtitle.setObjectName("muted")
        self._subtitle.setWordWrap(True)
        self._tabs = QTabWidget(self)
        self._tabs.setObjectName("provinceTabs")

        # --- import controls
        self._import_box = QGroupBox(self)
        self._paper_check = QCheckBox(self)
        self._paper_check.setObjectName("provincePaperCheck")
        self._paper_check.setChecked(True)
        self._id_label = QLabel(self)
        self._id_pass = passphrase_edit(self, "provinceIdentityPassphrase")
        self._import_button = QPushButton(self)
        self._import_button.setObjectName("provinceImport")
        self._import_button.setDefault(True)
        ibox = QVBoxLayout(self._import_box)
        ibox.addWidget(self._paper_check)
        ibox.addWidget(self._id_label)
        ibox.addWidget(self._id_pass)
        ibox.addWidget(self._import_button, 0, Qt.AlignmentFlag.AlignLeft)

        # --- the paper panel (inline, hidden until a bundle waits for it)
        self._paper_panel = QFrame(self)
        self._paper_panel.setObjectName("card")
        self._paper_panel.setProperty("panel", "paper")
        self._paper_title = QLabel(self._paper_panel)
        self._paper_title.setObjectName("sectionTitle")
        self._paper_text = QLabel(self._paper_panel)
        self._paper_text.setObjectName("provincePaperText")
        self._paper_text.setWordWrap(True)
        self._paper_text.setTextFormat(Qt.TextFormat.RichText)
        self._paper_contest = QComboBox(self._paper_panel)
        self._paper_contest.setObjectName("provincePaperContest")
        self._paper_contest.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self._paper_contest.setMinimumContentsLength(12)
        self._group_labels = [QLabel(self._paper_panel) for _ in range(2)]
        self._groups = [QLineEdit(self._paper_panel) for _ in range(2)]
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.TypeWriter)
        mono.setPointSizeF(13)
        validator = QRegularExpressionValidator(QRegularExpression("[0-9A-Fa-f]{0,4}"), self)
        for i, g in enumerate(self._groups):
            g.setObjectName(f"provincePaperGroup{i + 1}")
            g.setFont(mono)
            g.setMaxLength(4)
            g.setValidator(validator)
            g.setFixedWidth(90)
            g.setAlignment(Qt.AlignmentFlag.AlignCenter)
            g.setPlaceholderText("····")
        self._paper_error = QLabel(self._paper_panel)
        self._paper_error.setObjectName("provincePaperError")
        self._paper_error.setWordWrap(True)
        self._paper_error.setTextFormat(Qt.TextFormat.RichText)
        self._paper_confirm = QPushButton(self._paper_panel)
        self._paper_confirm.setObjectName("provincePaperConfirm")
        self._paper_skip = QPushButton(self._paper_panel)
        self._paper_skip.setObjectName("provincePaperSkip")
        pl = QVBoxLayout(self._paper_panel)
        pl.addWidget(self._paper_title)
        pl.addWidget(self._paper_text)
        prow = QHBoxLayout()
        self._paper_contest_label = QLabel(self._paper_panel)
        prow.addWidget(self._paper_contest_label)
        prow.addWidget(self._paper_contest, 1)
        pl.addLayout(prow)
        grow = QHBoxLayout()
        for label, g in zip(self._group_labels, self._groups, strict=True):
            grow.addWidget(label)
            grow.addWidget(g)
            grow.addSpacing(12)
        grow.addStretch(1)
        pl.addLayout(grow)
        pl.addWidget(self._paper_error)
        brow = QHBoxLayout()
        brow.addWidget(self._paper_confirm)
        brow.addWidget(self._paper_skip)
        brow.addStretch(1)
        pl.addLayout(brow)
        self._paper_panel.hide()

        self._outcome_label = QLabel(self)
        self._outcome_label.setObjectName("provinceMessage")
        self._outcome_label.setWordWrap(True)
        self._outcome_label.setTextFormat(Qt.TextFormat.RichText)
        self._outcome_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._outcome_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self._import_box)
        ll.addWidget(self._paper_panel)
        ll.addWidget(self._outcome_label, 1)
        left_scroll = QScrollArea(self)
        left_scroll.setWidget(left)
        left_scroll.setWidgetResizable(True)
        left_scroll.setFrameShape(QFrame.Shape.NoFrame)
        left_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        left_scroll.setMinimumWidth(380)

        # --- the imports
        self._imports_box = QGroupBox(self)
        self._imports = QTableWidget(0, 8, self)
        self._imports.setObjectName("provinceImports")
        self._setup_table(self._imports)
        QVBoxLayout(self._imports_box).addWidget(self._imports)

        top = QSplitter(self)
        top.addWidget(left_scroll)
        top.addWidget(self._imports_box)
        top.setStretchFactor(1, 1)
        top.setSizes([420, 1000])

        # --- the recap
        self._recap_box = QGroupBox(self)
        self._recap_contest = QComboBox(self)
        self._recap_contest.setObjectName("provinceRecapContest")
        self._recap_info = QLabel(self)
        self._recap_info.setObjectName("provinceRecapInfo")
        self._recap_info.setWordWrap(True)
        self._recap_info.setTextFormat(Qt.TextFormat.RichText)
        self._recap_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._export_buttons = {fmt: QPushButton(self) for fmt in ("xlsx", "csv", "json")}
        for fmt, b in self._export_buttons.items():
            b.setObjectName(f"provinceRecapExport_{fmt}")
            b.clicked.connect(lambda _c=False, f=fmt: self._ask_export_recap(f))
        self._recap_table = QTableWidget(0, 0, self)
        self._recap_table.setObjectName("provinceRecap")
        self._setup_table(self._recap_table)
        self._recap_table.horizontalHeader().setStretchLastSection(False)
        self._recap_message = QLabel(self)
        self._recap_message.setObjectName("provinceRecapMessage")
        self._recap_message.setWordWrap(True)
        self._recap_message.setTextFormat(Qt.TextFormat.RichText)
        self._recap_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._recap_contest_label = QLabel(self)
        rhead = QHBoxLayout()
        rhead.addWidget(self._recap_contest_label)
        rhead.addWidget(self._recap_contest, 1)
        rhead.addSpacing(16)
        for b in self._export_buttons.values():
            rhead.addWidget(b)
        rbox = QVBoxLayout(self._recap_box)
        rbox.addLayout(rhead)
        rbox.addWidget(self._recap_info)
        rbox.addWidget(self._recap_table, 1)
        rbox.addWidget(self._recap_message)

        page = QSplitter(Qt.Orientation.Vertical, self)
        page.addWidget(top)
        page.addWidget(self._recap_box)
        page.setSizes([380, 460])
        self._tabs.addTab(page, "")

        # --- the CA
        self.ca_panel = CaPanel(ctx, ctx.ws.path, self)
        ca_scroll = QScrollArea(self)
        ca_holder = QWidget(self)
        ch = QHBoxLayout(ca_holder)
        ch.addWidget(self.ca_panel)
        ch.addStretch(1)
        self.ca_panel.setMinimumWidth(620)
        self.ca_panel.setMaximumWidth(820)
        ca_scroll.setWidget(ca_holder)
        ca_scroll.setWidgetResizable(True)
        self._tabs.addTab(ca_scroll, "")

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 12)
        outer.addWidget(self._title)
        outer.addWidget(self._subtitle)
        outer.addWidget(self._tabs, 1)

        # --- behaviour
        self._import_button.clicked.connect(self._ask_import)
        self._id_pass.returnPressed.connect(self._ask_import)
        self._paper_confirm.clicked.connect(self._confirm_typed)
        self._paper_skip.clicked.connect(self.skip_paper)
        self._groups[0].textChanged.connect(self._advance)
        self._groups[1].returnPressed.connect(self._confirm_typed)
        self._groups[0].returnPressed.connect(lambda: self._groups[1].setFocus())
        self._recap_contest.currentIndexChanged.connect(lambda _i: self.refresh_recap())
        QShortcut(QKeySequence("Ctrl+I"), self, self._ask_import)
        ctx.sig_data_changed.connect(self._on_data_changed)

        self.retranslate()
        self._update_buttons()
        self.refresh()

    @staticmethod
    def _setup_table(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    # --- texts -------------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Every visible text, in the current language."""
        self._title.setText(self.tr("Provinsi: bundel kabupaten dan rekap"))
        self._subtitle.setText(
            self.tr(
                "Workspace provinsi, mempercayai {ca}. Bundel diperiksa tanda tangan, "
                "daftar pencabutan dan sidiknya sebelum diimpor."
            ).format(ca=self._ca_subject or "—")
        )
        self._tabs.setTabText(0, self.tr("Bundel && rekap"))
        self._tabs.setTabText(1, self.tr("Sertifikat (CA)"))
        self._import_box.setTitle(self.tr("Impor bundel"))
        self._paper_check.setText(self.tr("Cocokkan dengan kertas (sidik data laporan)"))
        self._paper_check.setToolTip(
            self.tr(
                "Sebelum diimpor, ketik dua kelompok sidik data dari laporan rekap kabupaten "
                "yang ditandatangani: kertas dan berkas harus berasal dari data yang sama."
            )
        )
        self._id_label.setText(self.tr("Frasa sandi identitas provinsi (identity.age)"))
        self._import_button.setText(self.tr("Impor bundel… (Ctrl+I)"))
        self._paper_title.setText(self.tr("Cocokkan dengan kertas"))
        self._paper_contest_label.setText(self.tr("Pemilihan pada kertas"))
        self._paper_confirm.setText(self.tr("Cocokkan dan impor"))
        self._paper_skip.setText(self.tr("Jangan impor bundel ini"))
        self._show_paper_request()
        self._imports_box.setTitle(self.tr("Bundel yang diimpor"))
        self._imports.setHorizontalHeaderLabels(
            [
                self.tr("Kabupaten/kota"),
                self.tr("Urutan"),
                self.tr("Dibuat"),
                self.tr("TPS final / jumlah"),
                self.tr("Status"),
                self.tr("Diimpor"),
                self.tr("Oleh"),
                self.tr("Rantai audit"),
            ]
        )
        self._recap_box.setTitle(self.tr("Rekap provinsi per kabupaten/kota"))
        self._recap_contest_label.setText(self.tr("Pemilihan"))
        self._export_buttons["xlsx"].setText(self.tr("Ekspor XLSX…"))
        self._export_buttons["csv"].setText(self.tr("Ekspor CSV…"))
        self._export_buttons["json"].setText(self.tr("Ekspor JSON…"))
        self._fill_imports()
        self._fill_recap()

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- state for tests and the shell -------------------------------------------------------

    def import_running(self) -> bool:
        return self._running

    def waiting_for_paper(self) -> bool:
        return self._preview is not None

    def paper_positions(self) -> tuple[int, int]:
        """The 1-based group positions the paper panel asks for."""
        return self._positions

    def paper_preview(self) -> BundlePreview | None:
        return self._preview

    def outcome_text(self) -> str:
        return self._outcome_label.text()

    def imports(self) -> list[dict[str, object]]:
        return list(self._overview.imports)

    def recap(self) -> ProvinceRecapJson | None:
        """The recap the table shows."""
        return self._recap

    def recap_table_values(self) -> list[list[object]]:
        """The recap table as numbers (and texts for the code and name columns), row by row."""
        out: list[list[object]] = []
        for r in range(self._recap_table.rowCount()):
            row: list[object] = []
            for c in range(self._recap_table.columnCount()):
                item = self._recap_table.item(r, c)
                value = item.data(VALUE_ROLE) if item is not None else None
                row.append(value if value is not None else (item.text() if item else ""))
            out.append(row)
        return out

    def recap_message_text(self) -> str:
        return self._recap_message.text()

    def wait_idle(self, timeout_ms: int = 20_000) -> bool:
        ok = self._jobs.wait_idle(timeout_ms)
        return self.ca_panel.wait_idle(timeout_ms) and ok

    def about_to_close(self) -> None:
        """The window closes: stop the batch after the current import (never half-way) and wait
        for the workers, so that none outlives the workspace."""
        self._cancel = True
        if self._preview is not None:
            self._queue.insert(0, self._preview.file)
            self._preview = None
            self._paper_panel.hide()
            self._finish()
        self.wait_idle(120_000)

    # --- the overview ------------------------------------------------------------------------

    def _on_data_changed(self, changes: Changes) -> None:
        if not changes & (Changes.IMPORTS | Changes.KEYS):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the imports (and then the recap) again, on a worker."""
        self._stale = False
        self._update_buttons()
        ws = self._ctx.ws
        self._jobs.submit(lambda: load_overview(ws), self._set_overview, self._overview_failed)

    def _overview_failed(self, e: BaseException) -> None:
        self._recap_message.setText(message_html(error_text(e), "error"))

    def _set_overview(self, overview: Overview) -> None:
        self._overview = overview
        self._fill_imports()
        keep = self._recap_contest.currentData()
        self._recap_contest.blockSignals(True)
        self._recap_contest.clear()
        for c in overview.contests:
            self._recap_contest.addItem(c.name, c.id)
        i = self._recap_contest.findData(keep)
        self._recap_contest.setCurrentIndex(i if i >= 0 else 0)
        self._recap_contest.blockSignals(False)
        self.refresh_recap()

    def _quality_cells(self, figures: object) -> list[str]:
        """The re-key audit's rate per contest, from the manifest (services/quality.py)."""
        out: list[str] = []
        if not isinstance(figures, dict):
            return out
        loc = QLocale()  # the interface's language (a widget's own locale is the system's)
        for cid, f in sorted(figures.items()):
            ci = f.get("ci95") if isinstance(f, dict) else None
            if not isinstance(f, dict) or not isinstance(ci, list) or len(ci) != 2:
                continue
            out.append(
                self.tr("{contest}: galat {rate} per 10.000 isian (95% {lo}–{hi})").format(
                    # The contest by its name, as on every screen (its id if the bundle lacks it).
                    contest=next((c.name for c in self._overview.contests if c.id == cid), cid),
                    rate=loc.toString(float(f.get("rate_per_10000", 0.0)), "f", 2),
                    lo=loc.toString(float(ci[0]), "f", 2),
                    hi=loc.toString(float(ci[1]), "f", 2),
                )
            )
        return out

    def _fill_imports(self) -> None:
        rows = list(reversed(self._overview.imports))  # newest first
        t = self._imports
        t.setRowCount(len(rows))
        for i, r in enumerate(rows):
            summary = r.get("summary")
            cover = []
            if isinstance(summary, dict):
                for cid, s in summary.items():
                    if isinstance(s, dict):
                        cover.append(f"{cid} {s.get('tps_final', '?')}/{s.get('tps_total', '?')}")
            cover += self._quality_cells(r.get("quality"))
            current = bool(r.get("current"))
            intact = bool(r.get("audit_intact"))
            cells = [
                f"KAB-{r.get('kabupaten', '')} {r.get('kabupaten_name', '')}",
                str(r.get("sequence", "")),
                str(r.get("created_at", ""))[:19].replace("T", " "),
                " · ".join(cover),
                self.tr("berlaku") if current else self.tr("digantikan"),
                str(r.get("imported_at", ""))[:19].replace("T", " "),
                str(r.get("imported_by", "")),
                self.tr("utuh") if intact else self.tr("RUSAK"),
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 1:
                    item.setTextAlignment(_NUMERIC)
                if col == 4:
                    item.setForeground(Qt.GlobalColor.darkGreen if current else Qt.GlobalColor.gray)
                if col == 7 and not intact:
                    item.setForeground(Qt.GlobalColor.darkRed)
                if col == 0:
                    item.setToolTip(
                        self.tr("Berkas {file}\nSHA-256 {sha}\nPenanda tangan {signer}").format(
                            file=r.get("file", ""),
                            sha=r.get("sha256", ""),
                            signer=r.get("signer", ""),
                        )
                    )
                t.setItem(i, col, item)

    # --- the recap ---------------------------------------------------------------------------

    def recap_contest(self) -> str:
        return str(self._recap_contest.currentData() or "")

    def set_recap_contest(self, contest: str) -> None:
        i = self._recap_contest.findData(contest)
        if i >= 0:
            self._recap_contest.setCurrentIndex(i)

    def refresh_recap(self) -> None:
        contest = self.recap_contest()
        if not contest:
            self._recap = None
            self._fill_recap()
            return
        ws = self._ctx.ws
        self._jobs.submit(
            lambda: province.province_recap(ws, contest, RECAP_LEVEL),
            self._set_recap,
            self._recap_failed,
        )

    def _recap_failed(self, e: BaseException) -> None:
        self._recap = None
        self._fill_recap()
        if not isinstance(e, NotFoundError):
            self._recap_message.setText(message_html(error_text(e), "error"))

    def _set_recap(self, recap: ProvinceRecapJson) -> None:
        if recap["contest"] != self.recap_contest():
            return  # an older answer: the contest changed meanwhile
        self._recap = recap
        self._fill_recap()

    def _fill_recap(self) -> None:
        t = self._recap_table
        recap = self._recap
        for b in self._export_buttons.values():
            b.setEnabled(recap is not None)
        if recap is None:
            t.setRowCount(0)
            t.setColumnCount(0)
            self._recap_fields = []
            self._recap_info.setText(
                self.tr("<span style='color:#52606d'>Belum ada bundel yang diimpor.</span>")
                if not self._overview.imports
                else ""
            )
            return
        fields = recap_columns(recap["fields"])
        self._recap_fields = fields
        info = next((c for c in self._overview.contests if c.id == recap["contest"]), None)
        heads = [
            self.tr("Kode"),
            self.tr("Kabupaten/kota"),
            self.tr("TPS final"),
            self.tr("Jumlah TPS"),
            self.tr("Cakupan"),
        ]
        tips = ["", "", "", "", ""]
        for f in fields:
            if f.startswith("IV."):
                heads.append(self.tr("Paslon {n}").format(n=f.split(".", 1)[1]))
                tips.append(info.paslon.get(f, f) if info else f)
            else:
                heads.append(
                    {
                        "V.A": self.tr("Suara sah"),
                        "V.B": self.tr("Tidak sah"),
                        "V.C": self.tr("Jumlah suara"),
                    }[f]
                )
                tips.append(f)
        t.setColumnCount(len(heads))
        t.setHorizontalHeaderLabels(heads)
        t.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for col, tip in enumerate(tips):
            h = t.horizontalHeaderItem(col)
            if h is not None and tip:
                h.setToolTip(tip)
        rows = recap["rows"]
        t.setRowCount(len(rows) + 1)
        loc = QLocale()
        bold = QFont()
        bold.setBold(True)

        def put(r: int, c: int, value: object, total: bool = False) -> None:
            if isinstance(value, float):
                item = QTableWidgetItem(loc.toString(100 * value, "f", 1) + " %")
                item.setData(VALUE_ROLE, value)
                item.setTextAlignment(_NUMERIC)
            elif isinstance(value, int):
                item = QTableWidgetItem(loc.toString(value))
                item.setData(VALUE_ROLE, value)
                item.setTextAlignment(_NUMERIC)
            else:
                item = QTableWidgetItem(str(value))
            if total:
                item.setFont(bold)
            t.setItem(r, c, item)

        for i, row in enumerate(rows):
            values = [
                row["code"],
                row["name"],
                row["tps_final"],
                row["tps_total"],
                row["coverage"],
                *(int(row["values"].get(f, 0)) for f in fields),
            ]
            for c, v in enumerate(values):
                put(i, c, v)
        total = recap["total"]
        totals = [
            "",
            self.tr("JUMLAH PROVINSI"),
            total["tps_final"],
            total["tps_total"],
            total["coverage"],
            *(int(total["values"].get(f, 0)) for f in fields),
        ]
        for c, v in enumerate(totals):
            put(len(rows), c, v, total=True)
        bundles = recap["bundles"]
        self._recap_info.setText(
            self.tr(
                "{n} kabupaten/kota dengan bundel · {final} dari {tps} TPS final · sidik rekap "
                "provinsi <tt>{fp}</tt>"
            ).format(
                n=len(bundles),
                final=loc.toString(total["tps_final"]),
                tps=loc.toString(total["tps_total"]),
                fp=html.escape(recap["fingerprint"][:16]) + "…",
            )
        )

    def _ask_export_recap(self, fmt: str) -> None:
        contest = self.recap_contest()
        if not contest:
            return
        filters = {
            "xlsx": self.tr("Buku kerja Excel (*.xlsx)"),
            "csv": self.tr("CSV (*.csv)"),
            "json": self.tr("JSON (*.json)"),
        }
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Ekspor rekap provinsi"),
            f"rekap-provinsi-{contest}-{RECAP_LEVEL}.{fmt}",
            filters[fmt],
        )
        if path:
            self.export_recap(Path(path), fmt)

    def export_recap(self, path: Path, fmt: str) -> None:
        """Write the recap of the contest shown as xlsx, csv or json (on a worker; audited)."""
        contest = self.recap_contest()
        if not contest:
            return
        ctx = self._ctx
        self._recap_message.setText(message_html(self.tr("Menulis {path}…").format(path=str(path))))

        def done(recap: ProvinceRecapJson) -> None:
            text = self.tr("Rekap {contest} ditulis ke {path} (sidik {fp}…).").format(
                contest=contest, path=str(path), fp=recap["fingerprint"][:16]
            )
            self._recap_message.setText(message_html(text, "ok"))
            ctx.sig_status.emit(text)

        self._jobs.run(
            lambda job: province.write_province_recap(
                ctx.ws, ctx.actor, contest, RECAP_LEVEL, fmt, path
            ),
            done,
            lambda f: self._recap_message.setText(message_html(error_text(f.error), "error")),
            ctx=ctx,
            changes=Changes.AUDIT,  # the export is in the trail
        )

    # --- importing ---------------------------------------------------------------------------

    def _update_buttons(self) -> None:
        wrapped = province.identity_is_wrapped(self._ctx.ws)
        self._id_label.setVisible(wrapped)
        self._id_pass.setVisible(wrapped)
        self._import_button.setEnabled(not self._running)
        self._paper_check.setEnabled(not self._running)

    def _ask_import(self) -> None:
        if self._running:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Pilih bundel kabupaten"),
            "",
            self.tr("Bundel kamarhitung (*{ext});;Semua berkas (*)").format(ext=EXTENSION),
        )
        if paths:
            self.import_files([Path(p) for p in paths], self._id_pass.text() or None)

    def import_files(
        self, paths: Sequence[Path], passphrase: str | None = None, *, paper: bool | None = None
    ) -> bool:
        """Import ``paths`` one after the other on a worker (see the module docstring); with
        ``paper`` (default: the check box) each waits for :meth:`confirm_paper`. False when
        refused before starting."""
        self._id_pass.clear()
        if self._running or not paths:
            return False
        if province.identity_is_wrapped(self._ctx.ws) and not passphrase:
            self._outcome_label.setText(
                message_html(self.tr("Ketik frasa sandi identitas provinsi dulu."), "error")
            )
            self._id_pass.setFocus()
            return False
        self._paper = self._paper_check.isChecked() if paper is None else paper
        self._queue = list(paths)
        self._batch = list(paths)
        self._outcomes = []
        self._cancel = False
        self._running = True
        self._update_buttons()
        dialog = QProgressDialog(
            self.tr("Membuka identitas provinsi…"), self.tr("Berhenti"), 0, 0, self
        )
        dialog.setObjectName("provinceImportProgress")
        dialog.setWindowTitle(self.tr("Impor bundel"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(self._on_cancel)
        self._dialog = dialog
        dialog.show()
        self._show_outcomes()
        ws = self._ctx.ws
        self._jobs.submit(
            lambda: province.load_province_keys(ws, passphrase),
            self._keys_loaded,
            self._keys_failed,
        )
        return True

    def _on_cancel(self) -> None:
        self._cancel = True
        if self._dialog is not None:
            self._dialog.setLabelText(
                self.tr("Berhenti setelah berkas ini selesai (impor tidak pernah setengah jalan)…")
            )
            self._dialog.show()

    def _keys_loaded(self, keys: ProvinceKeys) -> None:
        self._keys = keys
        self._next()

    def _keys_failed(self, e: BaseException) -> None:
        self._queue = []
        self._finish(error_text(e))

    def _progress_label(self, text: str) -> None:
        if self._dialog is not None:
            done = len(self._batch) - len(self._queue)
            self._dialog.setLabelText(
                self.tr("Berkas {i} dari {n}: {text}").format(i=done, n=len(self._batch), text=text)
            )
            self._dialog.show()

    def _next(self) -> None:
        self._current = None
        if self._cancel or not self._queue or self._keys is None:
            self._finish()
            return
        file = self._queue.pop(0)
        self._current = file
        keys = self._keys
        if self._paper:
            self._progress_label(self.tr("memeriksa {file}…").format(file=file.name))
            now = self._ctx.ws.clock.now()
            self._jobs.submit(
                lambda: preview_bundle(file, keys, now), self._ask_paper, self._file_failed
            )
        else:
            self._import(file)

    def _import(self, file: Path, paper: PaperFingerprints | None = None) -> None:
        """Import ``file`` on a worker; after a paper check against the report fingerprint,
        recompute that fingerprint from what was imported and say so if it differs."""
        keys = self._keys
        assert keys is not None
        self._progress_label(self.tr("mengimpor {file}…").format(file=file.name))
        ctx = self._ctx

        def work() -> _Imported:
            r = province.import_bundle(ctx.ws, keys, file, actor=ctx.actor)
            if paper is None or paper.report is None:
                return _Imported(r, None)
            got = imported_paper_fingerprint(ctx.ws, r.kabupaten, paper.contest)
            return _Imported(r, got == paper.report)

        self._jobs.run(
            lambda job: work(),
            self._imported,
            lambda f: self._file_failed(f.error),
            ctx=ctx,
            changes=Changes.IMPORTS,  # each file is imported whole or not at all
        )

    def _file_failed(self, e: BaseException) -> None:
        file = self._current or Path("?")
        self._outcomes.append(_Outcome(file, False, error_text(e)))
        self._show_outcomes()
        self._next()

    def _imported(self, done: _Imported) -> None:
        r = done.result
        file = self._current or Path(r.file)
        cover = ", ".join(f"{c} {s.tps_final}/{s.tps_total}" for c, s in r.contests.items())
        text = self.tr("diimpor: KAB-{code} {name}, urutan {seq} ({cover})").format(
            code=r.kabupaten, name=r.kabupaten_name, seq=r.sequence, cover=cover
        )
        if r.supersedes is not None:
            text += self.tr("; menggantikan urutan {seq}").format(seq=r.supersedes)
        if not r.audit_intact:
            text += self.tr("; PERHATIAN: rantai audit di dalamnya rusak")
        if not r.revocation_checked:
            text += self.tr("; pencabutan sertifikat TIDAK diperiksa (tanpa CRL)")
        if done.paper_confirmed is False:
            text += self.tr(
                "; PERHATIAN: rekap yang diimpor tidak memberi sidik data kertas yang dicocokkan "
                "(isi rekap di bundel tidak konsisten): periksa bundel ini"
            )
        self._outcomes.append(_Outcome(file, done.paper_confirmed is not False, text))
        self._show_outcomes()
        self._next()

    # --- the paper check ---------------------------------------------------------------------

    def _ask_paper(self, preview: BundlePreview) -> None:
        if self._cancel:
            self._queue.insert(0, preview.file)
            self._finish()
            return
        self._preview = preview
        self._positions = random_positions(self.rng)
        if self._dialog is not None:
            self._dialog.hide()  # window-modal: the operator types in the panel below
        self._paper_contest.clear()
        for c in preview.contests:
            self._paper_contest.addItem(c.name, c.contest)
        for g in self._groups:
            g.clear()
        self._paper_error.clear()
        self._show_paper_request()
        self._paper_panel.show()
        self.window().activateWindow()  # back from the progress dialog, to type at once
        self._groups[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_paper_request(self) -> None:
        p = self._preview
        a, b = self._positions
        for label, n in zip(self._group_labels, (a, b), strict=True):
            label.setText(self.tr("Kelompok {n}").format(n=n))
        if p is None:
            self._paper_text.setText("")
            return
        m = p.manifest
        self._paper_text.setText(
            self.tr(
                "Bundel <b>KAB-{code} {name}</b>, urutan {seq}, dibuat {created} "
                "(<tt>{file}</tt>): tanda tangan dan isinya sah.<br>Ambil laporan "
                "rekapitulasi tingkat kabupaten/kota (D.HASIL) yang ditandatangani, lalu ketik "
                "<b>kelompok {a} dan {b}</b> dari SIDIK DATA di kaki halamannya."
            ).format(
                code=html.escape(m.kabupaten),
                name=html.escape(m.kabupaten_name),
                seq=m.sequence,
                created=html.escape(m.created_at[:19].replace("T", " ")),
                file=html.escape(p.file.name),
                a=a,
                b=b,
            )
        )

    def _advance(self, text: str) -> None:
        if len(normalise_group(text)) == 4:
            self._groups[1].setFocus()

    def _confirm_typed(self) -> None:
        self.confirm_paper(
            self._groups[0].text(), self._groups[1].text(), str(self._paper_contest.currentData())
        )

    def confirm_paper(self, first: str, second: str, contest: str | None = None) -> bool:
        """Compare the two groups typed from the paper (at :meth:`paper_positions`) with the
        waiting bundle: import it when they match, refuse it otherwise. Returns whether they
        matched."""
        p = self._preview
        if p is None:
            return False
        typed = (normalise_group(first), normalise_group(second))
        if not all(_HEX4.fullmatch(t) for t in typed):
            self._paper_error.setText(
                message_html(
                    self.tr("Setiap kelompok terdiri dari 4 karakter 0-9 dan a-f."), "error"
                )
            )
            return False
        chosen = contest or (p.contests[0].contest if p.contests else "")
        fps = p.contest(chosen)
        kind = paper_match(fps, self._positions, typed) if fps is not None else None
        self._preview = None
        self._paper_panel.hide()
        for g in self._groups:
            g.clear()
        if kind is None:
            a, b = self._positions
            self._outcomes.append(
                _Outcome(
                    p.file,
                    False,
                    self.tr(
                        "DITOLAK: kelompok {a} dan {b} yang diketik tidak cocok dengan sidik "
                        "data bundel ({contest}). Kertas dan berkas tidak berasal dari data "
                        "yang sama; bundel tidak diimpor."
                    ).format(a=a, b=b, contest=fps.name if fps else chosen),
                )
            )
            self._show_outcomes()
            self._next()
            return False
        self._import(p.file, fps if kind == "report" else None)
        return True

    def skip_paper(self) -> None:
        """Leave the waiting bundle out of the import."""
        p = self._preview
        if p is None:
            return
        self._preview = None
        self._paper_panel.hide()
        self._outcomes.append(
            _Outcome(p.file, False, self.tr("tidak diimpor (dilewati oleh operator)"))
        )
        self._show_outcomes()
        self._next()

    # --- the end of a batch ------------------------------------------------------------------

    def _finish(self, error: str | None = None) -> None:
        left = list(self._queue)
        self._queue = []
        self._keys = None  # the identity is not kept beyond the batch
        self._running = False
        dialog, self._dialog = self._dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        if error is not None:
            self._outcomes.append(_Outcome(Path("—"), False, error))
        for f in left:
            self._outcomes.append(_Outcome(f, False, self.tr("tidak diproses (impor dihentikan)")))
        self._show_outcomes(final=True)
        self._update_buttons()
        if any(o.ok for o in self._outcomes):
            n = sum(o.ok for o in self._outcomes)
            self._ctx.sig_status.emit(self.tr("{n} bundel diimpor.").format(n=n))
        # Each file imported was announced (Changes.IMPORTS) by the runner as it ended.

    def _show_outcomes(self, final: bool = False) -> None:
        lines = []
        if self._running and not final:
            lines.append(message_html(self.tr("Mengimpor {n} berkas…").format(n=len(self._batch))))
        for o in self._outcomes:
            mark = "✓" if o.ok else "✗"
            lines.append(message_html(f"{mark} {o.file.name}: {o.text}", "ok" if o.ok else "error"))
        if final and self._outcomes:
            ok = sum(o.ok for o in self._outcomes)
            lines.insert(
                0,
                "<b>"
                + html.escape(
                    self.tr("{ok} dari {n} bundel diimpor.").format(ok=ok, n=len(self._outcomes))
                )
                + "</b>",
            )
        self._outcome_label.setText("<br>".join(lines))
