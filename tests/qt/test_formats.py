"""One time format and the interface's number format on every screen (qt/i18n.py)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Protocol

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.i18n import clock_text, number_text, time_text
from kamarhitung.qt.screens.operators import OperatorStatsWidget
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace


@pytest.fixture
def english(qtbot: QtBot) -> Iterator[None]:
    assert i18n.set_language("en")
    try:
        yield
    finally:
        i18n.set_language("id")


def test_time_text_is_indonesian_style(qtbot: QtBot) -> None:
    i18n.set_language("id")
    assert time_text(datetime(2026, 12, 14, 9, 10, 5)) == "14 Des 2026 09.10"
    assert time_text(datetime(2026, 8, 1, 23, 5, 7), seconds=True) == "1 Agu 2026 23.05.07"
    assert time_text("2026-05-03T07:08:09") == "3 Mei 2026 07.08"
    assert time_text(None) == "—"
    # A stamp with its offset is shown in local time, in the same format.
    local = datetime.fromisoformat("2026-12-14T02:10:00+00:00").astimezone()
    assert time_text("2026-12-14T02:10:00+00:00") == time_text(local.replace(tzinfo=None))


def test_time_text_in_english(english: None) -> None:
    assert time_text(datetime(2026, 12, 14, 9, 10)) == "14 Dec 2026 09.10"


def test_number_text_follows_the_language(qtbot: QtBot) -> None:
    i18n.set_language("id")
    assert number_text(12345) == "12.345"
    assert number_text(12.5, 1) == "12,5"
    i18n.set_language("en")
    try:
        assert number_text(12345) == "12,345"
        assert number_text(12.5, 1) == "12.5"
    finally:
        i18n.set_language("id")


class Demo(Protocol):
    ws: Workspace

    def login(self, name: str) -> Actor: ...


def test_operator_statistics_in_indonesian_number_format(qtbot: QtBot, mixed: Demo) -> None:
    i18n.set_language("id")
    w = OperatorStatsWidget(AppContext(mixed.ws, mixed.login("supervisor1")))
    qtbot.addWidget(w)
    w.refresh()
    stats = w.stats
    assert stats, "the mixed demo has finished forms"
    table = w.findChild(QTableWidget, "operatorStats")
    assert table is not None
    for row, s in enumerate(stats):
        rate = table.item(row, 2)
        assert rate is not None
        # 12,5 forms an hour, not 12.5
        assert rate.text() == QLocale(QLocale.Language.Indonesian).toString(
            s.forms_per_hour, "f", 1
        )
        assert "," in rate.text()


def test_clock_text_is_one_format_in_both_languages(qtbot: QtBot) -> None:
    i18n.set_language("id")
    assert clock_text(datetime(2026, 1, 2, 9, 5, 7)) == "09.05"
    assert clock_text(datetime(2026, 1, 2, 9, 5, 7), seconds=True) == "09.05.07"
    i18n.set_language("en")
    try:
        assert clock_text(datetime(2026, 1, 2, 9, 5, 7)) == "09.05"
    finally:
        i18n.set_language("id")
