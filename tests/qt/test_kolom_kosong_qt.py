"""Kolom kosong on screen: the vote-share chart and the keying grid name the empty column, and
the Selisih screen imports SIREKAP's files with a candidate file that maps KOLOM KOSONG."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kamarhitung.core.model import KOLOM_KOSONG, Paslon, Role
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


def test_the_selisih_screen_imports_sirekap_files_with_their_candidate_file(
    qapp: QApplication, qtbot: QtBot, tmp_path: Path
) -> None:
    """Several files at once (SIREKAP TPS files and the candidate file, KOLOM KOSONG included):
    the screen shows the differences, the coverage and SIREKAP's flags."""
    from kamarhitung.core.master import read_master
    from kamarhitung.qt.context import AppContext
    from kamarhitung.qt.screens.selisih import SelisihScreen
    from kamarhitung.services import accounts, entry
    from kamarhitung.services.workspace import create_workspace

    folder = tmp_path / "master"
    folder.mkdir()
    (folder / "TPS.csv").write_text(
        "kode_desa,provinsi,kabupaten,kecamatan,desa,nomor_tps,dpt_l,dpt_p\n"
        "3578011001,JAWA TIMUR,KOTA X,KEC A,DESA A,1,200,210\n"
    )
    (folder / "PASLON.csv").write_text(
        "pemilihan,nomor_urut,nama_calon,nama_wakil\nbupati,1,A,B\nbupati,2,KOLOM KOSONG,\n"
    )
    ws = create_workspace(tmp_path / "ws", read_master(folder), election="test")
    try:
        admin = accounts.create_first_admin(ws, "admin", "admin-rahasia-1")
        for name, role in (("op1", "operator"), ("op2", "operator"), ("sup", "supervisor")):
            accounts.add_user(ws, admin, name, Role(role), f"sandi-{name}-1234")
        v = {f: 0 for f in ws.form_spec("bupati").field_ids}
        v.update({"IV.1": 5, "IV.2": 3, "V.A": 8, "V.C": 8, "I.B.1.J": 8, "I.B.1.L": 8})
        v.update({"I.B.4.J": 8, "I.B.4.L": 8, "II.1": 8, "II.2": 8})
        v.update({"I.A.1.L": 200, "I.A.1.P": 210, "I.A.1.J": 410})
        v.update({"I.A.4.L": 200, "I.A.4.P": 210, "I.A.4.J": 410})
        for user in ("op1", "op2"):
            op = accounts.authenticate(ws, user, f"sandi-{user}-1234")
            entry.submit_entry(ws, op, {"tps": "3578011001001", "contest": "bupati", "values": v})
        doc = {
            "psu": None,
            "status_suara": False,
            "status_adm": True,
            "images": ["x"],
            "tungsura": {"chart": {"71": 5, "72": 4}, "administrasi": {"suara_sah": 9}},
        }
        files = [tmp_path / "3578011001001.json", tmp_path / "paslon.json"]
        files[0].write_text(json.dumps(doc))
        files[1].write_text(json.dumps({"71": {"nomor_urut": 1}, "72": {"nama": "KOLOM KOSONG"}}))
        sup = accounts.authenticate(ws, "sup", "sandi-sup-1234")
        screen = SelisihScreen(AppContext(ws, sup))
        qtbot.addWidget(screen)
        screen.show()
        screen.import_files(files)
        qtbot.waitUntil(lambda: bool(screen.differences()), timeout=15_000)
        got = sorted((f, off, ours) for _t, f, off, ours in screen.differences())
        assert got == [("IV.2", 4, 3), ("V.A", 9, 8)]
        text = screen.summary_label.text()
        assert "Cakupan angka resmi: 1 dari 1 TPS" in text and "1 suara" in text
        screen.wait_idle()
    finally:
        ws.close()
