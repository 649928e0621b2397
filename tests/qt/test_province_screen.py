"""The province screen (pytest-qt, offscreen): a bundle exported through the export screen, then
imported through the province screen with the paper check (the two groups typed from the real
D.HASIL report import it; wrong groups refuse it and leave the province workspace unchanged), the
importer's own refusals, a wrapped identity, the recap table against the service, the recap
files, the CA panel, and the main window of a province workspace."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import tarfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pyrage  # type: ignore[import-untyped]  # pyrage ships no type information
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QMessageBox, QPushButton, QTableWidget
from pytestqt.qtbot import QtBot

from kamarhitung.core import bundle as b
from kamarhitung.core import keys as k
from kamarhitung.core.paper import paper_match
from kamarhitung.core.report import fingerprint_groups, fingerprint_of, recap_fingerprint
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.main_window import MainWindow
from kamarhitung.qt.screens.export import ExportOutcome, ExportScreen
from kamarhitung.qt.screens.province import ProvinceScreen, recap_columns
from kamarhitung.qt.settings import Settings
from kamarhitung.services import accounts, province, reports
from kamarhitung.services.changes import Changes
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace, open_workspace

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]
ADMIN, PASSWORD = "padmin", "province-pass-1"
C = "gubernur"


class Demo(Protocol):
    """The ``mixed`` fixture of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Routine steps and errors are shown inline: a message box is a failure."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a message box was opened")

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, refuse)


def export_through_the_screen(qtbot: QtBot, d: Demo, out: Path) -> Path:
    screen = ExportScreen(AppContext(d.ws, d.login("supervisor1")))
    qtbot.addWidget(screen)
    screen.show()
    out.mkdir(exist_ok=True)
    with qtbot.waitSignal(screen.sig_export_finished, timeout=30_000) as blocker:
        assert screen.export_to(out, str(d.credentials["key_passphrase"]))
    outcome = blocker.args[0]
    assert isinstance(outcome, ExportOutcome), outcome
    screen.wait_idle()
    screen.close()
    return outcome.result.path


def init_province(
    d: Demo, pdir: Path, identity: bytes | None = None, pw: str | None = None
) -> None:
    src = d.path / "demo-province"
    province.init_province(
        pdir,
        admin=ADMIN,
        password=PASSWORD,
        ca_pem=(src / "ca.pem").read_bytes(),
        identity_data=identity if identity is not None else (src / "identity.age").read_bytes(),
        identity_passphrase=pw,
        crl_pem=(src / "crl.pem").read_bytes(),
    )


@dataclass
class Setup:
    d: Demo
    khb: Path
    pdir: Path
    pws: Workspace
    screen: ProvinceScreen


def make_screen(qtbot: QtBot, pws: Workspace) -> ProvinceScreen:
    screen = ProvinceScreen(AppContext(pws, accounts.authenticate(pws, ADMIN, PASSWORD)))
    qtbot.addWidget(screen)
    screen.resize(1500, 950)
    screen.show()
    screen.activateWindow()
    qtbot.waitExposed(screen)
    qtbot.waitActive(screen)
    screen.wait_idle()
    return screen


@pytest.fixture
def setup(mixed: Demo, qtbot: QtBot, tmp_path: Path) -> Iterator[Setup]:
    khb = export_through_the_screen(qtbot, mixed, tmp_path / "usb")
    pdir = tmp_path / "province"
    init_province(mixed, pdir)
    pws = open_workspace(pdir)
    screen = make_screen(qtbot, pws)
    try:
        yield Setup(mixed, khb, pdir, pws, screen)
    finally:
        qtbot.waitUntil(lambda: not screen.import_running() or screen.waiting_for_paper())
        screen.wait_idle()
        pws.close()


def paper_fingerprint(d: Demo, contest: str) -> str:
    """The fingerprint printed on the kabupaten's D.HASIL recap: the real report's."""
    req = reports.make_request(d.ws, "recap", contest, "kabupaten")
    return fingerprint_of(reports.build_report(d.ws, d.login("supervisor1"), req))


def dump(pdir: Path) -> list[str]:
    con = sqlite3.connect(pdir / "kamarhitung.sqlite")
    try:
        return list(con.iterdump())
    finally:
        con.close()


def folder(pdir: Path) -> list[str]:
    return sorted(
        str(p.relative_to(pdir)) for p in pdir.rglob("*") if not p.name.startswith("kamarhitung.")
    )


def type_groups(qtbot: QtBot, screen: ProvinceScreen, groups: tuple[str, str]) -> None:
    contest = screen.findChild(QComboBox, "provincePaperContest")
    assert contest is not None and contest.currentData() == C  # the kabupaten's first contest
    first = screen.findChild(QLineEdit, "provincePaperGroup1")
    second = screen.findChild(QLineEdit, "provincePaperGroup2")
    assert first is not None and second is not None
    assert first.isVisible()
    qtbot.waitUntil(first.hasFocus)  # the panel asks with the focus in place
    QTest.keyClicks(first, groups[0].upper())
    assert second.hasFocus()  # four characters move on by themselves
    QTest.keyClicks(second, groups[1])
    QTest.keyClick(second, Qt.Key.Key_Return)


def wait_done(qtbot: QtBot, screen: ProvinceScreen) -> None:
    qtbot.waitUntil(lambda: not screen.import_running(), timeout=30_000)
    screen.wait_idle()


def test_paper_binding_refuses_wrong_groups_and_imports_with_the_right_ones(
    setup: Setup, qtbot: QtBot
) -> None:
    s, screen = setup, setup.screen
    paper = fingerprint_groups(paper_fingerprint(s.d, C))
    before, files_before = dump(s.pdir), folder(s.pdir)

    # Wrong groups: refused, and the province workspace is exactly as it was.
    assert screen.import_files([s.khb], paper=True)
    qtbot.waitUntil(screen.waiting_for_paper, timeout=30_000)
    preview = screen.paper_preview()
    assert preview is not None and preview.manifest.kabupaten == s.d.ws.meta()["kabupaten_code"]
    a, b = screen.paper_positions()
    assert 1 <= a < b <= 16
    text = screen.findChild(type(screen._paper_text), "provincePaperText")
    assert text is not None and f"kelompok {a} dan {b}" in text.text()
    wrong = (paper[b - 1], paper[a - 1]) if paper[a - 1] != paper[b - 1] else ("0000", "ffff")
    type_groups(qtbot, screen, wrong)
    wait_done(qtbot, screen)
    assert "DITOLAK" in screen.outcome_text()
    assert province.list_imports(s.pws) == []
    assert dump(s.pdir) == before and folder(s.pdir) == files_before

    # The right groups, read from the paper: imported.
    assert screen.import_files([s.khb], paper=True)
    qtbot.waitUntil(screen.waiting_for_paper, timeout=30_000)
    a, b = screen.paper_positions()
    type_groups(qtbot, screen, (paper[a - 1], paper[b - 1]))
    wait_done(qtbot, screen)
    assert "diimpor: KAB-" in screen.outcome_text()
    assert "PERHATIAN" not in screen.outcome_text()  # the imported totals give the paper's
    rows = province.list_imports(s.pws)
    assert len(rows) == 1 and rows[0]["current"] and rows[0]["sequence"] == 1
    table = screen.findChild(QTableWidget, "provinceImports")
    assert table is not None
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=10_000)
    status = table.item(0, 4)
    assert status is not None and status.text() == "berlaku"


def test_the_manifest_fingerprint_is_accepted_too_and_the_contest_matters(setup: Setup) -> None:
    s = setup
    keys = province.load_province_keys(s.pws, None)
    from kamarhitung.services.paper import preview_bundle

    p = preview_bundle(s.khb, keys, s.pws.clock.now())
    fps = p.contest(C)
    assert fps is not None and fps.report == paper_fingerprint(s.d, C)
    other = p.contest("bupati")
    assert other is not None
    g = fingerprint_groups(fps.manifest)
    assert paper_match(fps, (2, 9), (g[1], g[8].upper())) == "manifest"
    r = fingerprint_groups(fps.report)
    assert paper_match(fps, (2, 9), (r[1], r[8])) == "report"
    assert paper_match(other, (2, 9), (r[1], r[8])) is None
    assert paper_match(fps, (2, 9), (r[1], "xyz1")) is None
    assert province.list_imports(s.pws) == []  # a preview writes nothing


def test_closing_the_window_while_the_paper_is_awaited_imports_nothing(
    setup: Setup, qtbot: QtBot
) -> None:
    s, screen = setup, setup.screen
    assert screen.import_files([s.khb], paper=True)
    qtbot.waitUntil(screen.waiting_for_paper, timeout=30_000)
    screen.about_to_close()
    assert not screen.import_running() and not screen.waiting_for_paper()
    assert "tidak diproses" in screen.outcome_text()
    assert province.list_imports(s.pws) == []


def test_the_importers_refusal_is_its_one_sentence(setup: Setup, qtbot: QtBot) -> None:
    s, screen = setup, setup.screen
    assert screen.import_files([s.khb], paper=False)
    assert not screen.waiting_for_paper()
    wait_done(qtbot, screen)
    assert "1 dari 1 bundel diimpor" in screen.outcome_text()
    # The same bundle again: the importer refuses it as already imported.
    assert screen.import_files([s.khb], paper=False)
    wait_done(qtbot, screen)
    assert "Bundel ditolak: Bundel " in screen.outcome_text()
    assert "sudah diimpor pada" in screen.outcome_text()
    assert "already imported" not in screen.outcome_text()
    assert len(province.list_imports(s.pws)) == 1


def test_the_recap_table_is_the_services_recap_and_exports(
    setup: Setup, qtbot: QtBot, tmp_path: Path
) -> None:
    s, screen = setup, setup.screen
    assert screen.import_files([s.khb], paper=False)
    wait_done(qtbot, screen)
    qtbot.waitUntil(lambda: screen.recap() is not None, timeout=10_000)
    screen.set_recap_contest(C)
    qtbot.waitUntil(lambda: (r := screen.recap()) is not None and r["contest"] == C)
    expected = province.province_recap(s.pws, C, "kabupaten")
    fields = recap_columns(expected["fields"])
    assert fields[:3] == ["IV.1", "IV.2", "IV.3"] and fields[-3:] == ["V.A", "V.B", "V.C"]
    want = [
        [
            r["code"],
            r["name"],
            r["tps_final"],
            r["tps_total"],
            r["coverage"],
            *(r["values"][f] for f in fields),
        ]
        for r in expected["rows"]
    ]
    t = expected["total"]
    want.append(
        [
            "",
            "JUMLAH PROVINSI",
            t["tps_final"],
            t["tps_total"],
            t["coverage"],
            *(t["values"][f] for f in fields),
        ]
    )
    assert screen.recap_table_values() == want
    assert len(want) == 2  # one kabupaten and the total
    for fmt in ("xlsx", "csv", "json"):
        out = tmp_path / f"recap.{fmt}"
        screen.export_recap(out, fmt)
        screen.wait_idle()
        assert out.is_file() and out.stat().st_size > 0, screen.recap_message_text()
    assert expected["fingerprint"][:16] in screen.recap_message_text()


def test_a_wrapped_identity_asks_for_its_passphrase(
    mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    khb = export_through_the_screen(qtbot, mixed, tmp_path / "usb")
    wrapped = k.wrap_secret(
        (mixed.path / "demo-province" / "identity.age").read_bytes(),
        "identity passphrase",
        work_factor=k.DEMO_WORK_FACTOR,
    )
    pdir = tmp_path / "province"
    init_province(mixed, pdir, wrapped, "identity passphrase")
    pws = open_workspace(pdir)
    try:
        screen = make_screen(qtbot, pws)
        field = screen.findChild(QLineEdit, "provinceIdentityPassphrase")
        assert field is not None and field.isVisible()
        assert not screen.import_files([khb], None, paper=False)
        assert "frasa sandi identitas" in screen.outcome_text()
        assert screen.import_files([khb], "wrong passphrase", paper=False)
        wait_done(qtbot, screen)
        assert "Frasa sandi salah" in screen.outcome_text()
        assert screen.import_files([khb], "identity passphrase", paper=False)
        wait_done(qtbot, screen)
        assert len(province.list_imports(pws)) == 1
    finally:
        pws.close()


def test_the_ca_panel_creates_issues_and_revokes(
    setup: Setup, qtbot: QtBot, tmp_path: Path
) -> None:
    panel = setup.screen.ca_panel
    panel.work_factor = k.DEMO_WORK_FACTOR
    changes: list[Changes] = []
    setup.screen._ctx.sig_data_changed.connect(changes.append)
    ca = tmp_path / "ca"
    assert not panel.create_ca(ca, "PROVINSI UJI", "ca passphrase 1", "ca passphrase 1", "x", "x")
    assert "minimal" in panel.message_text()
    assert panel.create_ca(
        ca, "PROVINSI UJI", "ca passphrase 1", "ca passphrase 1", "id passphrase", "id passphrase"
    )
    qtbot.waitUntil(lambda: "dibuat" in panel.message_text(), timeout=20_000)
    assert "PROVINSI UJI" in panel.status_text()
    assert k.is_wrapped((ca / "identity.age").read_bytes())
    out = tmp_path / "for-kab" / "cert.pem"
    out.parent.mkdir()
    csr = setup.d.path / "keys" / "request.csr"
    assert panel.issue_certificate(csr, out, "wrong ca passphrase", 30)
    qtbot.waitUntil(lambda: "Frasa sandi salah" in panel.message_text(), timeout=20_000)
    assert not out.exists()
    assert panel.issue_certificate(csr, out, "ca passphrase 1", 30)
    qtbot.waitUntil(lambda: "diterbitkan" in panel.message_text(), timeout=20_000)
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "ca.pem",
        "cert.pem",
        "crl.pem",
        "recipient.txt",
    ]
    cert = k.load_certificate(out.read_bytes(), what="cert")
    assert panel.revoke(out, "ca passphrase 1")
    qtbot.waitUntil(lambda: "dicabut" in panel.message_text(), timeout=20_000)
    crl = k.load_crl((ca / "crl.pem").read_bytes(), what="crl")
    assert k.is_revoked(cert, crl)
    assert "1 sertifikat dicabut" in panel.status_text()
    # Created, issued, revoked: each announced as KEYS by the runner (the refusal nothing).
    assert changes == [Changes.KEYS] * 3


def test_a_province_workspace_gets_the_province_screens(
    mixed: Demo, qtbot: QtBot, tmp_path: Path
) -> None:
    pdir = tmp_path / "province"
    init_province(mixed, pdir)
    pws = open_workspace(pdir)
    try:
        ctx = AppContext(pws, accounts.authenticate(pws, ADMIN, PASSWORD))
        w = MainWindow(ctx, settings=Settings.at(tmp_path / "settings.ini"))
        qtbot.addWidget(w)
        assert [s.key for s in w.specs] == ["province", "audit"]
        assert w.current_key == "province"
        assert isinstance(w.screen_widget("province"), ProvinceScreen)
        screen = w.screen_widget("province")
        assert isinstance(screen, ProvinceScreen)
        screen.wait_idle()
        w.close()
    finally:
        pws.close()


def test_several_bundles_in_one_go_the_newer_supersedes(
    setup: Setup, qtbot: QtBot, tmp_path: Path
) -> None:
    s, screen = setup, setup.screen
    second = export_through_the_screen(qtbot, s.d, tmp_path / "usb2")
    assert screen.import_files([s.khb, second], paper=False)
    wait_done(qtbot, screen)
    assert "2 dari 2 bundel diimpor" in screen.outcome_text()
    assert "menggantikan urutan 1" in screen.outcome_text()
    table = screen.findChild(QTableWidget, "provinceImports")
    assert table is not None
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=10_000)
    states = [table.item(r, 4).text() for r in range(2)]  # type: ignore[union-attr]
    assert states == ["berlaku", "digantikan"]  # newest first


def forge_recap_rows(d: Demo, khb: Path, out: Path) -> str:
    """The bundle re-signed with the kabupaten's own key, its ``recap-gubernur.json`` rows
    changed (a kecamatan renamed) but its top-level fingerprint kept: what the importer checks
    still holds. Returns the fingerprint a paper printed from the changed rows would carry."""
    pdir = d.path / "demo-province"
    key_pw = str(d.credentials["key_passphrase"])
    key = k.load_private_key(
        k.unwrap_secret((d.path / "keys/key.age").read_bytes(), key_pw, what="k"), what="k"
    )
    cert = k.load_certificate((d.path / "keys/cert.pem").read_bytes(), what="cert")
    ident = k.parse_identities((pdir / "identity.age").read_text(), what="id")[0]
    plain = bytes(pyrage.decrypt(khb.read_bytes(), [ident.raw]))
    with tarfile.open(fileobj=io.BytesIO(plain)) as tar:
        members = []
        for m in tar.getmembers():
            f = tar.extractfile(m)
            assert f is not None
            members.append((m.name, f.read()))
    manifest = b.parse_manifest(members[0][1])
    name = f"data/recap-{C}.json"
    payload = dict(members[2:])
    doc = json.loads(payload[name])
    doc["levels"]["kecamatan"]["rows"][0]["name"] = "KECAMATAN PALSU"
    payload[name] = json.dumps(doc).encode()
    files = [
        b.FileEntry(p, len(data), hashlib.sha256(data).hexdigest()) for p, data in payload.items()
    ]
    forged = b.build_manifest(
        sequence=manifest.sequence,
        kabupaten=manifest.kabupaten,
        kabupaten_name=manifest.kabupaten_name,
        election=manifest.election,
        created_at=manifest.created_at,
        software=manifest.software,
        recipient=manifest.recipient,
        summary=manifest.summary,
        files=files,
        bundle_id=manifest.bundle_id,
    ).to_bytes()
    entries = [(b.MANIFEST_NAME, forged), (b.SIGNATURE_NAME, b.sign_manifest(forged, key, cert))]
    buf = bytearray()
    for member, data in [*entries, *payload.items()]:
        ti = tarfile.TarInfo(member)
        ti.size = len(data)
        buf += ti.tobuf(tarfile.USTAR_FORMAT) + data + b"\0" * (-len(data) % 512)
    buf += b"\0" * 1024
    buf += b"\0" * (-len(buf) % 10240)
    recipient = pyrage.x25519.Recipient.from_str(manifest.recipient)
    out.write_bytes(bytes(pyrage.encrypt(bytes(buf), [recipient])))
    kec, kab = doc["levels"]["kecamatan"]["rows"], doc["levels"]["kabupaten"]["rows"][0]
    return recap_fingerprint(C, "kabupaten", manifest.kabupaten, kec, kab)


def test_recap_rows_that_disagree_with_the_results_are_refused(
    setup: Setup, qtbot: QtBot, tmp_path: Path
) -> None:
    s, screen = setup, setup.screen
    forged = tmp_path / "forged.khb"
    fp = forge_recap_rows(s.d, s.khb, forged)
    assert fp != paper_fingerprint(s.d, C)
    assert screen.import_files([forged], paper=True)
    qtbot.waitUntil(screen.waiting_for_paper, timeout=30_000)
    a, b_ = screen.paper_positions()
    g = fingerprint_groups(fp)
    assert screen.confirm_paper(g[a - 1], g[b_ - 1], C)  # the forged paper matches the file
    wait_done(qtbot, screen)
    # The importer checks every level's rows against its own recomputation: refused, nothing
    # written, whatever the paper says.
    assert len(province.list_imports(s.pws)) == 0
    assert "baris tingkat kecamatan tidak cocok dengan hasilnya" in screen.outcome_text()
    assert "do not match" not in screen.outcome_text()
    assert "0 dari 1 bundel diimpor" in screen.outcome_text()


def test_an_import_keeps_the_window_live_and_stops_between_files(
    setup: Setup, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each file is imported through the runner: while one runs a timer ticks and the import
    button is disabled; "Berhenti" stops after the file (never within it); the file imported is
    announced as Changes.IMPORTS, the one left is said."""
    s, screen = setup, setup.screen
    second = export_through_the_screen(qtbot, s.d, tmp_path / "usb2")
    changes: list[Changes] = []
    screen._ctx.sig_data_changed.connect(changes.append)
    gate = threading.Event()
    started = threading.Event()
    real = province.import_bundle

    def slow(*args: Any, **kwargs: Any) -> Any:
        started.set()
        assert gate.wait(20)
        return real(*args, **kwargs)

    monkeypatch.setattr(province, "import_bundle", slow)
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(10)
    button = screen.findChild(QPushButton, "provinceImport")
    assert button is not None
    assert screen.import_files([s.khb, second], paper=False)
    qtbot.waitUntil(started.is_set, timeout=20_000)
    assert screen.import_running() and not button.isEnabled()
    n = len(ticks)
    qtbot.waitUntil(lambda: len(ticks) >= n + 5)
    assert changes == []
    screen._on_cancel()  # "Berhenti": the file under way is finished, the next not started
    gate.set()
    wait_done(qtbot, screen)
    assert button.isEnabled()
    assert changes == [Changes.IMPORTS]
    text = screen.outcome_text()
    assert "1 dari 2 bundel diimpor" in text and "impor dihentikan" in text
    assert len(province.list_imports(s.pws)) == 1
    timer.stop()
