"""Kolom kosong on screen: the vote-share chart and the keying grid name the empty column."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from kamarhitung.core.model import KOLOM_KOSONG, Paslon
from kamarhitung.core.template import load_template
from kamarhitung.qt.charts import PaslonVotes, VoteShareChart
from kamarhitung.qt.widgets.form_grid import FormGrid

PAIR = Paslon("bupati", 1, "LUKMAN WIBOWO", "RAHMAT SANTOSO")
EMPTY = Paslon("bupati", 2, KOLOM_KOSONG, "")


def test_the_chart_labels_the_empty_column(qapp: QApplication) -> None:
    chart = VoteShareChart()
    chart.show_votes([PaslonVotes(PAIR, 240), PaslonVotes(EMPTY, 180)], 420, 2)
    texts = [label.toPlainText() for label in chart._labels]
    assert texts[:2] == ["1.  Lukman Wibowo – Rahmat Santoso", "2.  Kolom kosong"]
    chart.deleteLater()


def test_the_grid_labels_the_empty_column_and_its_section(qapp: QApplication) -> None:
    spec = load_template("pilkada-kwk").form((1, 2))
    grid = FormGrid(spec, [PAIR, EMPTY])
    texts = [w.text() for w in grid.findChildren(QLabel)]
    assert any("2.  KOLOM KOSONG" in t for t in texts), texts
    assert not any("KOLOM KOSONG /" in t for t in texts)
    titles = [getattr(w, "full_text", lambda: "")() for w in grid.findChildren(QLabel)]
    assert any("PASANGAN CALON DAN KOLOM KOSONG" in (t or "") for t in titles + texts), titles
    grid.deleteLater()
