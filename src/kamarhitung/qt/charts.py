"""The dashboard's charts (pyqtgraph): vote share, progress over time, turnout distribution.

Each chart is a card (:class:`ChartCard`) with a title, a "Simpan PNG" button and a one-line
caption under the plot that says the chart's message in words (for the progress chart, the
forecast time of completion: "perkiraan selesai: 23.40"). Axis labels are Indonesian source texts
through ``tr``; numbers follow the current locale (Indonesian: 12.345 and 54,7%).

The arithmetic behind the charts is in plain functions at the top of this module (no Qt), so it
can be tested without a window and run on a worker: :func:`progress_series` (final forms per hour,
the cumulative count, the recent rate and the forecast) and :func:`turnout_percent`.

PNG export goes through ``pyqtgraph.exporters.ImageExporter`` (its SVG exporter is broken on Qt
6.12); the exported image carries the chart's title and caption, so a saved file explains itself.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QGraphicsItem,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from kamarhitung.core.model import Paslon, dotted
from kamarhitung.core.recap import Recap
from kamarhitung.core.template import voters_on_list_field
from kamarhitung.qt.i18n import clock_text as clock_text_of
from kamarhitung.qt.i18n import refusal_text

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

HOUR = 3600.0
FORECAST_WINDOW_HOURS = 3.0
"""The forecast extrapolates the rate of final forms over this many recent hours."""

PASLON_COLORS: tuple[str, ...] = ("#2f6f9f", "#c07a1c", "#3d8f5a", "#7a5a9f", "#b8403a", "#4f7f8f")
"""One calm, distinguishable colour per candidate pair, by ballot order."""

INK = "#1f2933"
MUTED = "#52606d"
GRID = "#e4e7eb"
BAR = "#7fa7c9"
LINE = "#2f6f9f"
ALERT = "#b8403a"


# --- arithmetic (no Qt) ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProgressSeries:
    """Final forms over time for one region, and the forecast of completion."""

    hour_starts: FloatArray
    """Epoch seconds of the start of each local hour, from the first final form's hour to now."""
    per_hour: IntArray
    """Final forms in each hour."""
    cumulative: IntArray
    """Final forms by the end of each hour."""
    total: int
    """Forms to be final in the region (its TPS)."""
    final: int
    now: float
    rate_per_hour: float
    """Final forms per hour over the last :data:`FORECAST_WINDOW_HOURS` hours before now."""
    forecast: float | None
    """Epoch seconds when the last form will be final at that rate (None: cannot say, or done)."""
    utc_offset_s: int

    @property
    def remaining(self) -> int:
        return max(0, self.total - self.final)

    @property
    def done(self) -> bool:
        return self.total > 0 and self.final >= self.total


def progress_series(
    times: Sequence[float] | FloatArray,
    total: int,
    now: float,
    utc_offset_s: int = 0,
    window_hours: float = FORECAST_WINDOW_HOURS,
) -> ProgressSeries:
    """Bin the moments forms became final into local hours and forecast completion linearly.

    ``times`` are epoch seconds (any order). The rate is the count of forms made final in the
    ``window_hours`` before ``now``, divided by the window; the forecast is ``now`` plus the
    remaining forms at that rate. No rate (nothing final in the window) means no forecast: the
    room has stopped, and a straight line would promise a time nobody can keep."""
    t = np.sort(np.asarray(times, dtype=np.float64))
    final = len(t)
    if final:
        first_local = math.floor((float(t[0]) + utc_offset_s) / HOUR) * HOUR
        end = max(float(t[-1]), now)
        last_local = math.floor((end + utc_offset_s) / HOUR) * HOUR
        n_bins = round((last_local - first_local) / HOUR) + 1
        starts = first_local - utc_offset_s + HOUR * np.arange(n_bins, dtype=np.float64)
        idx = np.clip(((t + utc_offset_s - first_local) // HOUR).astype(np.int64), 0, n_bins - 1)
        per_hour = np.bincount(idx, minlength=n_bins).astype(np.int64)
    else:
        starts = np.zeros(0, dtype=np.float64)
        per_hour = np.zeros(0, dtype=np.int64)
    cumulative = np.cumsum(per_hour).astype(np.int64)
    recent = int(np.count_nonzero((t > now - window_hours * HOUR) & (t <= now)))
    rate = recent / window_hours if window_hours > 0 else 0.0
    remaining = max(0, total - final)
    forecast: float | None = None
    if remaining > 0 and rate > 0:
        forecast = now + remaining / rate * HOUR
    return ProgressSeries(
        starts, per_hour, cumulative, total, final, now, rate, forecast, utc_offset_s
    )


def turnout_percent(recap: Recap, lo: int, hi: int) -> tuple[npt.NDArray[np.intp], FloatArray]:
    """Turnout (I.B.4.J ÷ I.A.4.J, in %) of the final TPS among positions ``[lo, hi)`` with voters
    on the list: the TPS positions and their turnout."""
    try:
        a4 = recap.field_index(voters_on_list_field(recap.fields))
        b4 = recap.field_index("I.B.4.J")
    except ValueError:
        return np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.float64)
    values = recap.values[lo:hi]
    registered = values[:, a4]
    ok = recap.final_mask[lo:hi] & (registered > 0)
    pos = (np.flatnonzero(ok) + lo).astype(np.intp)
    pct = 100.0 * recap.values[pos, b4] / recap.values[pos, a4]
    return pos, pct.astype(np.float64)


def histogram_bins(values: FloatArray, width: float = 2.5) -> FloatArray:
    """Bin edges of ``width`` covering the values, at least 10 points wide (percent)."""
    if not len(values):
        return np.arange(0.0, 100.0 + width, 10 * width)
    lo = math.floor(float(values.min()) / width) * width
    hi = math.ceil(float(values.max()) / width) * width
    if hi <= lo:
        hi = lo + width
    if hi - lo < 10:
        mid = (hi + lo) / 2
        lo, hi = math.floor((mid - 5) / width) * width, math.ceil((mid + 5) / width) * width
    edges: FloatArray = np.arange(lo, hi + width / 2, width, dtype=np.float64)
    return edges


def nice_ceil(x: float) -> float:
    """The smallest "round" number ≥ x (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k): a range that
    changes only now and then as the numbers grow, so the axes are redrawn only then."""
    if x <= 0:
        return 1.0
    k = 10.0 ** math.floor(math.log10(x))
    for m in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * k >= x - 1e-9:
            return m * k
    return 10.0 * k


# --- formatting -----------------------------------------------------------------------------------


def fmt_int(n: int) -> str:
    return QLocale().toString(int(n))


def fmt_float(x: float, decimals: int = 1) -> str:
    return QLocale().toString(float(x), "f", decimals)


def fmt_pct(part: float, whole: float, decimals: int = 1) -> str:
    if whole <= 0:
        return "–"
    return fmt_float(100.0 * part / whole, decimals) + "%"


def local_time(epoch: float, utc_offset_s: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC).astimezone(timezone(timedelta(seconds=utc_offset_s)))


def clock_text(epoch: float, utc_offset_s: int) -> str:
    """A time of day as Indonesians write it: ``23.40``."""
    return clock_text_of(local_time(epoch, utc_offset_s))


def when_text(epoch: float, now: float, utc_offset_s: int) -> str:
    """A coming moment with its day, as the time alone would mislead: ``23.40`` today,
    ``besok 09.10`` tomorrow, ``Sen 14 Des 09.10`` later (the day in the current language)."""
    when = local_time(epoch, utc_offset_s)
    days = (when.date() - local_time(now, utc_offset_s).date()).days
    time_of_day = clock_text_of(when)
    if days <= 0:
        return time_of_day
    if days == 1:
        return QCoreApplication.translate("charts", "besok {time}").format(time=time_of_day)
    day = QLocale().toString(QDate(when.year, when.month, when.day), "ddd d MMM")
    return QCoreApplication.translate("charts", "{day} {time}").format(day=day, time=time_of_day)


# --- axes ------------------------------------------------------------------------------------------


class NumberAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no types
    """An axis whose ticks are whole numbers in the current locale (12.345)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            x = v * scale
            out.append(fmt_int(round(x)) if spacing * scale >= 1 else fmt_float(x, 1))
        return out


class PercentAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no types
    """Ticks as percentages (54%)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        decimals = 0 if spacing * scale >= 1 else 1
        return [fmt_float(v * scale, decimals) + "%" for v in values]


class HourAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph ships no types
    """Epoch seconds shown as local times of day (``21.00``), ticks on whole hours."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation)
        self.utc_offset_s = 0

    def tickValues(
        self, min_val: float, max_val: float, size: float
    ) -> list[tuple[float, list[float]]]:
        span_h = max((max_val - min_val) / HOUR, 1e-9)
        px_per_hour = size / span_h
        step_h = next((s for s in (1, 2, 3, 4, 6, 12, 24, 48) if s * px_per_hour >= 56), 96)
        step = step_h * HOUR
        off = self.utc_offset_s
        first = math.ceil((min_val + off) / step) * step - off
        major = [first + i * step for i in range(int((max_val - first) // step) + 1)]
        return [(step, major)]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        out = []
        for v in values:
            t = local_time(v, self.utc_offset_s)
            out.append(
                t.strftime("%d/%m") if t.hour == 0 and spacing >= 6 * HOUR else clock_text_of(t)
            )
        return out


def _axis_style(axis: pg.AxisItem) -> None:
    font = QFont()
    font.setPointSizeF(8.5)
    axis.setStyle(tickFont=font, tickTextOffset=4)
    axis.setPen(pg.mkPen(GRID))
    axis.setTextPen(pg.mkPen(MUTED))
    # Epoch seconds would otherwise be shown as "(x1e+09)" and votes as "(x1000)".
    axis.enableAutoSIPrefix(False)
    # Painted once into a pixmap and blitted until its range changes: replaying an axis's text
    # costs milliseconds of the window's thread at every repaint of the plot.
    axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)


# --- the card -----------------------------------------------------------------------------------


class ChartCard(QFrame):
    """A chart with its title, a "Simpan PNG" button, and a caption in words."""

    sig_exported = Signal(str)
    """A PNG was written (its path)."""

    def __init__(
        self, parent: QWidget | None = None, axes: dict[str, pg.AxisItem] | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.region = QLabel(self)
        self.region.setObjectName("muted")
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("chartSave")
        self.save_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.save_button.clicked.connect(self._ask_and_export)
        self.plot = pg.PlotWidget(self, background="#ffffff", axisItems=axes or {})
        self.plot.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.plot.setMinimumHeight(120)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        self.plot.getPlotItem().layout.setContentsMargins(4, 6, 10, 4)
        for name in ("left", "bottom", "right", "top"):
            _axis_style(self.plot.getAxis(name))
        self.caption = QLabel(self)
        self.caption.setObjectName("chartCaption")
        self.caption.setWordWrap(True)
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.legend = QLabel(self)
        self.legend.setObjectName("muted")
        self.legend.hide()
        head = QHBoxLayout()
        head.setSpacing(8)
        head.addWidget(self.title)
        head.addWidget(self.region, 1)
        head.addWidget(self.save_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(12, 10, 12, 10)
        lay.setSpacing(6)
        lay.addLayout(head)
        lay.addWidget(self.plot, 1)
        foot = QHBoxLayout()
        foot.addWidget(self.caption, 1)
        foot.addWidget(self.legend, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(foot)
        self._title_text = ""
        self._region_text = ""
        self._ranges: dict[int, tuple[tuple[float, float], tuple[float, float]]] = {}
        self.retranslate()

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("Simpan PNG"))
        self.save_button.setToolTip(self.tr("Simpan grafik ini sebagai gambar PNG"))

    @override
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_title(self, title: str) -> None:
        self._title_text = title
        self.title.setText(title)

    def set_region(self, text: str) -> None:
        self._region_text = text
        self.region.setText(text)

    def set_ranges(
        self, x: tuple[float, float], y: tuple[float, float], view: pg.ViewBox | None = None
    ) -> None:
        """Set the visible ranges, only when they differ from the last ones set (a range change
        redraws the axes)."""
        box = view if view is not None else self.plot.getPlotItem().getViewBox()
        key = id(box)
        if self._ranges.get(key) == (x, y):
            return
        self._ranges[key] = (x, y)
        box.setRange(xRange=x, yRange=y, padding=0)

    def label_axis(self, axis: str, text: str) -> None:
        self.plot.setLabel(axis, text, color=MUTED, **{"font-size": "9pt"})

    def default_file_name(self) -> str:
        base = self._title_text or "grafik"
        safe = "".join(ch if ch.isalnum() else "-" for ch in base.lower()).strip("-")
        return f"{safe or 'grafik'}.png"

    def export_png(self, path: Path | str, width: int | None = None) -> Path:
        """Write the chart (with its title and caption) as a PNG; returns the path."""
        out = Path(path)
        if out.suffix.lower() != ".png":
            out = out.with_suffix(".png")
        item = self.plot.getPlotItem()
        head = self._title_text + (f" — {self._region_text}" if self._region_text else "")
        caption = self.caption.text()
        title = f"<b>{head}</b>" + (
            f"<br><span style='font-size:9pt'>{caption}</span>" if caption else ""
        )
        item.setTitle(title, color=INK, size="11pt")
        # The title's room is made by the plot's layout, which otherwise waits for the event
        # loop: lay it out now, so the exporter renders the plot with its title above it.
        item.layout.activate()
        try:
            exporter = ImageExporter(item)
            w = int(width or max(1200, 2 * self.plot.width()))
            exporter.parameters()["width"] = w
            if not exporter.export(str(out)):
                raise OSError(f"{out}: the image could not be written")
        finally:
            item.setTitle(None)
            item.layout.activate()
        self.sig_exported.emit(str(out))
        return out

    def _ask_and_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan grafik sebagai PNG"),
            self.default_file_name(),
            self.tr("Gambar PNG (*.png)"),
        )
        if name:
            try:
                self.export_png(name)
            except OSError as e:
                self.caption.setText(self.tr("Gagal menyimpan: {0}").format(refusal_text(e)))


# --- vote share ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaslonVotes:
    paslon: Paslon
    votes: int


class VoteShareChart(ChartCard):
    """Votes per candidate pair as horizontal bars, each with its number and share."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, {"bottom": NumberAxis("bottom")})
        self.plot.hideAxis("left")
        # Each bar carries its number; the axis would only take the bars' height.
        self.plot.hideAxis("bottom")
        self._bars = pg.BarGraphItem(
            x0=[], y=[], height=0.5, width=[], brushes=[], pen=pg.mkPen(None)
        )
        self.plot.addItem(self._bars)
        self._labels: list[pg.TextItem] = []
        self._values: list[pg.TextItem] = []
        self._rows: list[PaslonVotes] = []
        self._valid = 0
        self._final = 0
        self._top = 1
        self.plot.getPlotItem().getViewBox().sigResized.connect(self._fit_range)
        self.retranslate()

    @override
    def retranslate(self) -> None:
        super().retranslate()
        self.set_title(self.tr("Perolehan suara"))
        if hasattr(self, "_rows"):
            self.show_votes(self._rows, self._valid, self._final)

    def show_votes(self, rows: Sequence[PaslonVotes], valid_total: int, final_tps: int) -> None:
        """Show each pair's votes (``valid_total`` is V.A of the region, for the caption)."""
        self._rows, self._valid, self._final = list(rows), valid_total, final_tps
        n = len(rows)
        total_votes = sum(r.votes for r in rows)
        ys = [-1.5 * i for i in range(n)]
        colors = [PASLON_COLORS[(r.paslon.nomor_urut - 1) % len(PASLON_COLORS)] for r in rows]
        self._bars.setOpts(
            x0=[0] * n,
            y=ys,
            height=0.62,
            width=[r.votes for r in rows],
            brushes=[pg.mkBrush(c) for c in colors],
        )
        while len(self._labels) < n:
            name = pg.TextItem(color=INK, anchor=(0, 1))
            value = pg.TextItem(color=INK, anchor=(0, 0.5))
            self.plot.addItem(name)
            self.plot.addItem(value)
            self._labels.append(name)
            self._values.append(value)
        top = max([r.votes for r in rows] + [1])
        bold = QFont()
        bold.setBold(True)
        for i, (name, value) in enumerate(zip(self._labels, self._values, strict=True)):
            if i >= n:
                name.hide()
                value.hide()
                continue
            r = rows[i]
            p = r.paslon
            label = p.names() if p.is_kolom_kosong else p.names().title()
            name.setText(f"{p.nomor_urut}.  {label}")
            name.setPos(0, ys[i] + 0.36)
            value.setText(f"{fmt_int(r.votes)}  ({fmt_pct(r.votes, total_votes)})")
            value.setFont(bold)
            value.setPos(r.votes + top * 0.01, ys[i])
            name.show()
            value.show()
        self._top = top
        self._fit_range()
        if final_tps == 0:
            self.caption.setText(self.tr("Belum ada formulir final di wilayah ini."))
        else:
            lead = max(rows, key=lambda r: r.votes) if rows else None
            text = self.tr("Dari {tps} TPS final: {votes} suara sah.").format(
                tps=fmt_int(final_tps), votes=fmt_int(valid_total)
            )
            if lead is not None and total_votes:
                text += " " + self.tr("Terbanyak: paslon {n} ({pct}).").format(
                    n=lead.paslon.nomor_urut, pct=fmt_pct(lead.votes, total_votes)
                )
            self.caption.setText(text)

    def _fit_range(self) -> None:
        """The votes axis long enough that every number beside its bar is shown whole."""
        n = len(self._rows)
        top = self._top
        x_max = nice_ceil(top * 1.42)
        box = self.plot.getPlotItem().getViewBox()
        width, height = box.width(), box.height()
        for r, value in zip(self._rows, self._values, strict=False):
            room = width - value.boundingRect().width() - 8
            if room > 0:
                x_max = max(x_max, (r.votes + top * 0.01) * width / room)
        # The first name stands above its bar: the range's top leaves its height in pixels.
        y_bot = -1.5 * (n - 1) - 0.6 if n else -0.6
        y_top = 1.05
        th = self._labels[0].boundingRect().height() + 2 if self._labels and n else 0.0
        if 0 < th < height:
            y_top = max(y_top, (0.36 - th * y_bot / height) / (1 - th / height))
        self.set_ranges((0.0, x_max), (y_bot, y_top))

    def value_texts(self) -> list[str]:
        """The number labels shown beside the bars (tests)."""
        return [v.toPlainText() for v in self._values if v.isVisible()]


# --- progress over time ------------------------------------------------------------------------------


class ProgressChart(ChartCard):
    """Final forms per hour (bars), the running total (line, right axis) and the forecast."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self._hours = HourAxis("bottom")
        self._right = NumberAxis("right")
        super().__init__(
            parent, {"bottom": self._hours, "left": NumberAxis("left"), "right": self._right}
        )
        item = self.plot.getPlotItem()
        item.showAxis("right")
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self._bars = pg.BarGraphItem(
            x0=[], height=[], width=HOUR * 0.8, brush=pg.mkBrush(BAR), pen=pg.mkPen(None)
        )
        self.plot.addItem(self._bars)
        # The running total has its own scale (right axis): a second view box over the first.
        self._cum_view = pg.ViewBox()
        self._cum_view.setZValue(100)  # over the plot item, so the line is drawn over the bars
        self._cum_view.setMouseEnabled(x=False, y=False)
        item.scene().addItem(self._cum_view)
        self._right.linkToView(self._cum_view)
        self._cum_view.setXLink(item)
        self._cum_line = pg.PlotDataItem(pen=pg.mkPen(LINE, width=2.2))
        self._forecast_line = pg.PlotDataItem(
            pen=pg.mkPen(LINE, width=1.6, style=Qt.PenStyle.DashLine)
        )
        self._target = pg.InfiniteLine(
            angle=0, pen=pg.mkPen("#9aa5b1", width=1, style=Qt.PenStyle.DotLine)
        )
        self._eta = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(ALERT, width=1, style=Qt.PenStyle.DashLine)
        )
        self._eta_label = pg.TextItem(color=ALERT, anchor=(1, 0))
        for it in (self._cum_line, self._forecast_line, self._target, self._eta, self._eta_label):
            self._cum_view.addItem(it)
        item.getViewBox().sigResized.connect(self._sync_views)
        self._series: ProgressSeries | None = None
        self.retranslate()

    def _sync_views(self) -> None:
        vb = self.plot.getPlotItem().getViewBox()
        self._cum_view.setGeometry(vb.sceneBoundingRect())
        self._cum_view.linkedViewChanged(vb, self._cum_view.XAxis)

    @override
    def retranslate(self) -> None:
        super().retranslate()
        self.set_title(self.tr("Progres formulir final"))
        # Short axis titles (they run along a plot a little over 100 px high); the legend under
        # the chart says which is which.
        self.label_axis("left", self.tr("per jam"))
        self.label_axis("right", self.tr("jumlah"))
        self.label_axis("bottom", self.tr("Jam"))
        self.legend.setText(
            f"<span style='color:{BAR}'>■</span> "
            + self.tr("per jam")
            + f" &nbsp; <span style='color:{LINE}'>━</span> "
            + self.tr("jumlah")
            + f" &nbsp; <span style='color:{LINE}'>- -</span> "
            + self.tr("perkiraan")
        )
        self.legend.show()
        if getattr(self, "_series", None) is not None:
            assert self._series is not None
            self.show_progress(self._series)

    @property
    def series(self) -> ProgressSeries | None:
        return self._series

    def forecast_text(self, s: ProgressSeries) -> str:
        """The forecast in words, e.g. "perkiraan selesai: 23.40"."""
        if s.total == 0:
            return self.tr("Tidak ada TPS di wilayah ini.")
        if s.done:
            return self.tr("Semua {total} formulir sudah final.").format(total=fmt_int(s.total))
        if s.forecast is None:
            return self.tr(
                "Perkiraan selesai: belum dapat dihitung (tidak ada formulir final dalam "
                "{hours} jam terakhir)."
            ).format(hours=fmt_int(round(FORECAST_WINDOW_HOURS)))
        when = local_time(s.forecast, s.utc_offset_s)
        today = local_time(s.now, s.utc_offset_s).date()
        clock = clock_text_of(when)
        days = (when.date() - today).days
        if days == 0:
            at = clock
        elif days == 1:
            at = self.tr("besok {time}").format(time=clock)
        else:
            at = self.tr("{date} {time}").format(date=when.strftime("%d/%m"), time=clock)
        return self.tr(
            "Perkiraan selesai: {at} · laju {rate} formulir/jam ({hours} jam terakhir) · "
            "sisa {left}"
        ).format(
            at=at,
            rate=fmt_float(s.rate_per_hour, 1 if s.rate_per_hour < 10 else 0),
            hours=fmt_int(round(FORECAST_WINDOW_HOURS)),
            left=fmt_int(s.remaining),
        )

    def show_progress(self, s: ProgressSeries) -> None:
        self._series = s
        self._hours.utc_offset_s = s.utc_offset_s
        starts = s.hour_starts
        self._bars.setOpts(x0=starts + HOUR * 0.1, height=s.per_hour, width=HOUR * 0.8)
        if len(starts):
            xs = np.concatenate([[starts[0]], starts + HOUR])
            xs[-1] = min(xs[-1], max(s.now, float(starts[-1])))
            ys = np.concatenate([[0], s.cumulative])
            self._cum_line.setData(xs, ys)
        else:
            self._cum_line.setData([], [])
        x_lo = float(starts[0]) if len(starts) else s.now - 3 * HOUR
        x_hi = max(s.now, float(starts[-1]) + HOUR if len(starts) else s.now)
        if s.forecast is not None:
            show_eta = s.forecast - s.now <= 48 * HOUR
            end = s.forecast if show_eta else s.now + 12 * HOUR
            y_end = s.total if show_eta else s.final + s.rate_per_hour * 12
            self._forecast_line.setData([s.now, end], [s.final, y_end])
            if show_eta:
                self._eta.setPos(s.forecast)
                self._eta_label.setText(when_text(s.forecast, s.now, s.utc_offset_s))
                self._eta_label.setPos(s.forecast, s.total * 0.98)
            self._eta.setVisible(show_eta)
            self._eta_label.setVisible(show_eta)
            x_hi = max(x_hi, end)
        else:
            self._forecast_line.setData([], [])
            self._eta.hide()
            self._eta_label.hide()
        self._target.setPos(s.total)
        # The right end moves with the clock: rounded up to the quarter hour, so that the axis
        # is redrawn four times an hour rather than at every refresh.
        quarter = HOUR / 4
        x_hi = math.ceil(x_hi / quarter) * quarter
        pad = (x_hi - x_lo) * 0.03 + HOUR * 0.2
        top = max([int(s.per_hour.max()) if len(s.per_hour) else 0, 1])
        self.set_ranges((x_lo - pad, x_hi + pad), (0.0, nice_ceil(top * 1.15)))
        self.set_ranges((x_lo - pad, x_hi + pad), (0.0, max(s.total, 1) * 1.05), self._cum_view)
        self._sync_views()
        self.caption.setText(self.forecast_text(s))


# --- turnout distribution ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outlier:
    """A TPS flagged by the anomaly scan for its turnout."""

    tps: str
    turnout_pct: float
    median_pct: float
    z: float


class TurnoutChart(ChartCard):
    """Histogram of turnout over the region's final TPS, with the outliers marked in red."""

    sig_tps_clicked = Signal(str)
    """An outlier's marker was clicked (its TPS id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, {"bottom": PercentAxis("bottom"), "left": NumberAxis("left")})
        self.plot.showGrid(x=False, y=True, alpha=0.25)
        self._bars = pg.BarGraphItem(
            x0=[], height=[], width=1.0, brush=pg.mkBrush(BAR), pen=pg.mkPen(None)
        )
        self.plot.addItem(self._bars)
        self._median = pg.InfiniteLine(
            angle=90, pen=pg.mkPen(MUTED, width=1, style=Qt.PenStyle.DashLine)
        )
        self._median_label = pg.TextItem(color=MUTED, anchor=(0, 0))
        self._marks = pg.ScatterPlotItem(
            symbol="t1",
            size=13,
            brush=pg.mkBrush(ALERT),
            pen=pg.mkPen("#ffffff", width=1),
            hoverable=True,
        )
        self._marks.sigClicked.connect(self._on_marks_clicked)
        for it in (self._median, self._median_label, self._marks):
            self.plot.addItem(it)
        self._last: tuple[FloatArray, list[Outlier]] | None = None
        self.retranslate()

    @override
    def retranslate(self) -> None:
        super().retranslate()
        self.set_title(self.tr("Sebaran partisipasi"))
        self.label_axis("bottom", self.tr("Partisipasi per TPS (%)"))
        self.label_axis("left", self.tr("TPS"))
        self.plot.setToolTip(
            self.tr("Partisipasi per TPS: pengguna hak pilih ÷ pemilih, dalam persen.")
        )
        last = getattr(self, "_last", None)
        if last is not None:
            self.show_turnout(*last)

    def show_turnout(self, pct: FloatArray, outliers: Sequence[Outlier]) -> None:
        self._last = (pct, list(outliers))
        edges = histogram_bins(
            np.concatenate([pct, [o.turnout_pct for o in outliers]]) if outliers else pct
        )
        counts, _ = np.histogram(pct, bins=edges)
        width = float(edges[1] - edges[0]) if len(edges) > 1 else 1.0
        self._bars.setOpts(x0=edges[:-1] + width * 0.06, height=counts, width=width * 0.88)
        top = max(int(counts.max()) if len(counts) else 0, 1)
        if len(pct):
            med = float(np.median(pct))
            self._median.setPos(med)
            self._median_label.setText(self.tr("median {0}").format(fmt_float(med) + "%"))
            self._median_label.setPos(med, top * 1.12)
            self._median.show()
            self._median_label.show()
        else:
            self._median.hide()
            self._median_label.hide()
        self._marks.setData(
            [o.turnout_pct for o in outliers],
            [top * 0.05] * len(outliers),
            data=[o.tps for o in outliers],
        )
        span = float(edges[-1] - edges[0])
        self.set_ranges(
            (float(edges[0]) - 0.02 * span, float(edges[-1]) + 0.02 * span),
            (0.0, nice_ceil(top * 1.2)),
        )
        if not len(pct):
            self.caption.setText(self.tr("Belum ada formulir final di wilayah ini."))
            return
        text = self.tr("{n} TPS final; median partisipasi {median}.").format(
            n=fmt_int(len(pct)), median=fmt_float(float(np.median(pct))) + "%"
        )
        if outliers:
            names = ", ".join(
                f"{dotted(o.tps)} ({fmt_float(o.turnout_pct)}%)" for o in list(outliers)[:3]
            )
            more = len(outliers) - 3
            text += " " + self.tr("▲ Pencilan: {names}").format(names=names)
            if more > 0:
                text += " " + self.tr("dan {n} lainnya").format(n=fmt_int(more))
        else:
            text += " " + self.tr("Tidak ada pencilan partisipasi.")
        self.caption.setText(text)

    def outlier_count(self) -> int:
        return len(self._last[1]) if self._last is not None else 0

    def _on_marks_clicked(self, _item: object, points: Sequence[object], *_rest: object) -> None:
        for p in points:
            data = getattr(p, "data", None)
            tps = data() if callable(data) else None
            if isinstance(tps, str):
                self.sig_tps_clicked.emit(tps)
                return


def paslon_votes(
    recap: Recap, values: Sequence[int] | IntArray, paslon: Sequence[Paslon]
) -> list[PaslonVotes]:
    """Each pair's votes from a region's row of values (``recap.fields`` order)."""
    out = []
    for p in sorted(paslon, key=lambda p: p.nomor_urut):
        f = f"IV.{p.nomor_urut}"
        if f in recap.fields:
            out.append(PaslonVotes(p, int(values[recap.fields.index(f)])))
    return out
