"""Registration by the plano's four corner squares (where they are visible)."""

from __future__ import annotations

import random

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kamarhitung.core.c1image import C1Header, photo_corners, render_c1
from kamarhitung.core.model import Paslon
from kamarhitung.core.synth import synth_result
from kamarhitung.core.template import load_template
from kamarhitung.qt.imageload import find_corner_squares, find_page_quad

HEADER = C1Header("JAWA TIMUR", "KOTA SURABAYA", "GENTENG", "KETABANG", 1, "3578011001001", "X")
PASLON = [Paslon("presiden", n, f"CALON {n}", f"WAKIL {n}") for n in (1, 2, 3)]
SIZE = (900, 1200)


def test_the_squares_give_the_sheet_more_exactly_than_its_edges(qapp: QApplication) -> None:
    form = load_template("pemilu2024-c-hasil-ppwp").form((1, 2, 3))
    v = synth_result(form, 200, 210, random.Random(4), 0).values
    err_squares = err_edges = 0.0
    for seed in (3, 8, 13):
        for n in (1, 2, 3):
            data = render_c1(form.page_form("plano", n), HEADER, PASLON, v, seed, size=SIZE)
            img = QImage.fromData(data)
            truth = photo_corners(seed, SIZE)
            quad = find_corner_squares(img)
            edges = find_page_quad(img)
            assert quad is not None and edges is not None
            for (x, y), (tx, ty) in zip(quad, truth, strict=True):
                assert abs(x - tx) < 0.006 and abs(y - ty) < 0.006, (seed, n, quad, truth)
                err_squares += abs(x - tx) + abs(y - ty)
            for (x, y), (tx, ty) in zip(edges, truth, strict=True):
                err_edges += abs(x - tx) + abs(y - ty)
    assert err_squares < err_edges


def test_no_squares_no_quad(qapp: QApplication) -> None:
    """The Pilkada page the demo renders has no corner squares: the edges are used instead."""
    form = load_template("pilkada-kwk").form((1, 2))
    v = synth_result(form, 200, 210, random.Random(4), 0).values
    paslon = [Paslon("bupati", n, "A", "B") for n in (1, 2)]
    img = QImage.fromData(render_c1(form, HEADER, paslon, v, 5, size=SIZE))
    assert find_corner_squares(img) is None
    assert find_page_quad(img) is not None
