"""The recap tree model against the pure recap, in both directions, under QAbstractItemModelTester.

Direction one: every row of the model at every level is the row of ``Recap.table(level)`` (codes,
coverage, state counts, votes). Direction two: a change in the data (a new final form, keyed
through the services) reaches the model through the recap cache, as ``dataChanged`` on the rows
that changed, without a reset.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import numpy as np
import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester
from pytestqt.qtbot import QtBot

from kamarhitung.core.model import Level, dotted
from kamarhitung.core.recap import EMPTY, FINAL, STATES, Recap
from kamarhitung.qt.models.recap_model import (
    COL_CODE,
    COL_COVERAGE,
    COL_FIRST_PASLON,
    COL_NAME,
    LEVELS,
    CodeRole,
    CoverageRole,
    LevelRole,
    RecapTreeModel,
    ValueRole,
    diff_recaps,
    prepare,
    state_column,
)
from kamarhitung.services import entry
from kamarhitung.services.common import Actor
from kamarhitung.services.recap import RecapCache
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import SyntheticImageRow

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


class Demo(Protocol):
    """The ``mixed`` fixture of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def truth(ws: Workspace, tps: str, contest: str) -> dict[str, int]:
    """The true values of a demo form (what its synthetic photo shows)."""
    with ws.store.reading() as s:
        row = s.get(SyntheticImageRow, (tps, contest))
        assert row is not None
        values: dict[str, int] = json.loads(row.values_json)
    return values


def finish_pair(demo: Demo, tps: str, contest: str, values: dict[str, int] | None = None) -> None:
    """Two operators key the same values: the form becomes final (or janggal)."""
    vals = values if values is not None else truth(demo.ws, tps, contest)
    for name in ("operator1", "operator2"):
        entry.submit_entry(
            demo.ws, demo.login(name), {"tps": tps, "contest": contest, "values": vals}
        )


def an_empty_tps(recap: Recap) -> str:
    empty = np.flatnonzero(recap.states == EMPTY)
    assert len(empty), "the mixed demo has untouched forms"
    return recap.tree.tps_ids[int(empty[0])]


def walk(model: RecapTreeModel) -> dict[Level, list[QModelIndex]]:
    """Every row index of the model, by level, in tree (= code) order."""
    out: dict[Level, list[QModelIndex]] = {lv: [] for lv in LEVELS}

    def visit(parent: QModelIndex, depth: int) -> None:
        for r in range(model.rowCount(parent)):
            idx = model.index(r, 0, parent)
            out[LEVELS[depth]].append(idx)
            visit(idx, depth + 1)

    visit(QModelIndex(), 0)
    return out


@pytest.fixture
def cache(mixed: Demo) -> RecapCache:
    return RecapCache(mixed.ws)


def test_model_tester_through_reset_and_updates(
    mixed: Demo, cache: RecapCache, qtbot: QtBot
) -> None:
    model = RecapTreeModel()
    tester = QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    contests = mixed.ws.contests()
    model.set_recap(cache.recap(contests[0].id), contests[0].paslon)
    assert model.rowCount() == 1
    # Another contest: other candidate pairs, so other columns: a reset.
    assert model.set_recap(cache.recap(contests[1].id), contests[1].paslon) is True
    # A new final form: only dataChanged.
    old = cache.recap(contests[1].id)
    finish_pair(mixed, an_empty_tps(old), contests[1].id)
    cache.refresh()
    assert model.set_recap(cache.recap(contests[1].id), contests[1].paslon) is False
    model.set_recap(None)
    assert model.rowCount() == 0
    del tester


@pytest.mark.parametrize("contest_index", [0, 1])
def test_rows_equal_the_pure_recap_at_every_level(
    mixed: Demo, cache: RecapCache, qtbot: QtBot, contest_index: int
) -> None:
    contest = mixed.ws.contests()[contest_index]
    recap = cache.recap(contest.id)
    model = RecapTreeModel()
    model.set_recap(recap, contest.paslon)
    rows = walk(model)
    for level in LEVELS:
        table = recap.table(level)
        got = rows[level]
        assert [model.data(i, CodeRole) for i in got] == list(table.codes), level
        assert len(got) == len(table)
        for pos, idx in enumerate(got):
            assert model.data(idx, LevelRole) == level
            assert model.node(idx) == (level, pos)
            assert model.data(idx, CoverageRole) == (
                int(table.tps_final[pos]),
                int(table.tps_total[pos]),
            )
            for k, st in enumerate(STATES):
                cell = idx.siblingAtColumn(state_column(st))
                assert model.data(cell, ValueRole) == int(table.states[pos, k])
            for p in contest.paslon:
                col = model.paslon_column(p.nomor_urut)
                assert col >= COL_FIRST_PASLON
                want = int(table.values[pos, recap.fields.index(f"IV.{p.nomor_urut}")])
                assert model.data(idx.siblingAtColumn(col), ValueRole) == want
            assert model.data(idx.siblingAtColumn(COL_CODE)) == dotted(table.codes[pos])
            # The same row found by its code, and its parent by the code's prefix.
            assert model.index_for_code(table.codes[pos]) == idx
    total = recap.total()
    root = model.index(0, 0)
    assert model.data(root, Qt.ItemDataRole.DisplayRole) == total.name.title()
    assert model.counts(root) == (total.tps_final, total.tps_total)
    assert model.data(root.siblingAtColumn(COL_COVERAGE), ValueRole) == pytest.approx(
        total.tps_final / total.tps_total
    )


def test_a_new_final_form_reaches_the_model_as_data_changed(
    mixed: Demo, cache: RecapCache, qtbot: QtBot
) -> None:
    contest = mixed.ws.contests()[0]
    before = cache.recap(contest.id)
    model = RecapTreeModel()
    model.set_recap(before, contest.paslon)
    tps = an_empty_tps(before)
    pos = before.tree.tps_index[tps]
    root = model.index(0, 0)
    final_col = state_column(STATES[FINAL])
    final_before = model.data(root.siblingAtColumn(final_col), ValueRole)
    assert isinstance(final_before, int)
    changed: list[tuple[QPersistentModelIndex, QPersistentModelIndex]] = []
    resets: list[int] = []
    model.dataChanged.connect(
        lambda a, b, _roles: changed.append((QPersistentModelIndex(a), QPersistentModelIndex(b)))
    )
    model.modelReset.connect(lambda: resets.append(1))

    finish_pair(mixed, tps, contest.id)
    assert cache.refresh() == frozenset({contest.id})
    after = prepare(cache.recap(contest.id))
    diff = diff_recaps(before, after)
    assert not diff.structural
    assert diff.changed[Level.TPS].tolist() == [pos]
    assert model.set_recap(after, contest.paslon, diff) is False

    assert resets == []
    # The TPS's row and each of its ancestors were announced, each under its own parent.
    tps_index = model.index_of(Level.TPS, pos)
    announced = set()
    for a, b in changed:
        assert a.parent() == b.parent()
        for r in range(a.row(), b.row() + 1):
            announced.add(model.code(model.index(r, 0, QModelIndex(a.parent()))))
    assert {tps, tps[:10], tps[:6], tps[:4]} <= announced
    # The new numbers are shown.
    assert model.data(root.siblingAtColumn(final_col), ValueRole) == final_before + 1
    values = truth(mixed.ws, tps, contest.id)
    col = model.paslon_column(contest.paslon[0].nomor_urut)
    assert model.data(tps_index.siblingAtColumn(col), ValueRole) == values["IV.1"]
    assert model.data(tps_index.siblingAtColumn(COL_NAME)) == f"TPS {tps[10:]}"
    kab_votes = model.data(root.siblingAtColumn(col), ValueRole)
    assert kab_votes == after.total().values["IV.1"]
    assert kab_votes == before.total().values["IV.1"] + values["IV.1"]


def test_diff_of_the_same_recap_is_empty_and_of_another_contest_structural(
    mixed: Demo, cache: RecapCache
) -> None:
    a, b = (cache.recap(c.id) for c in mixed.ws.contests())
    assert diff_recaps(a, a).empty
    assert diff_recaps(a, b).structural
    assert diff_recaps(None, a).structural


def test_unknown_codes_and_empty_model(qtbot: QtBot, mixed: Demo, cache: RecapCache) -> None:
    model = RecapTreeModel()
    assert model.rowCount() == 0 and model.columnCount() == 0
    assert not model.index_for_code("3578011001").isValid()
    contest = mixed.ws.contests()[0]
    model.set_recap(cache.recap(contest.id), contest.paslon)
    assert not model.index_for_code("0000000000").isValid()
    assert not model.index_for_code("12").isValid()
    assert not model.index(1, 0).isValid()
    assert model.node(QModelIndex()) is None
