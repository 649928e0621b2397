"""Translations: the committed .ts is complete and current, codes have words, the language switches
at runtime without a restart."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Protocol

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

import kamarhitung.core.master
from kamarhitung.core.entry import Problem, State
from kamarhitung.core.master import MasterProblem
from kamarhitung.core.model import Role
from kamarhitung.core.template import load_template
from kamarhitung.core.validation import Finding, validate
from kamarhitung.qt import i18n
from kamarhitung.qt.context import AppContext
from kamarhitung.qt.main_window import MainWindow
from kamarhitung.qt.screens.status import StatusScreen
from kamarhitung.qt.settings import Settings
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
]


class Demo(Protocol):
    """The ``demo`` fixture of conftest.py."""

    path: Path
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def _tools() -> ModuleType:
    spec = importlib.util.spec_from_file_location("kamarhitung_tools_i18n", ROOT / "tools/i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tools = _tools()


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed English translation compiled afresh (independent of ``tools/i18n.py build``)."""
    out = tmp_path_factory.mktemp("qm")
    subprocess.run(
        [
            tools.tool("pyside6-lrelease"),
            "-silent",
            str(tools.ts_path("en")),
            "-qm",
            str(out / "kamarhitung_en.qm"),
        ],
        check=True,
    )
    return out


@pytest.fixture(autouse=True)
def _indonesian_after(tmp_path: Path) -> Iterator[None]:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "user-settings"))
    yield
    if QApplication.instance() is not None:
        i18n.remove_translators()


# ------------------------------------------------------------------------------ the .ts file


def test_ts_is_current_and_complete() -> None:
    """Run ``python tools/i18n.py update``, translate what it lists, then commit the .ts."""
    problems = tools.check("en")
    assert not problems, "\n".join(problems)


def test_ts_collects_every_file_under_qt() -> None:
    files = {p.relative_to(ROOT) for p in tools.source_files()}
    for p in (ROOT / "src/kamarhitung/qt").rglob("*.py"):
        if "__pycache__" not in p.parts:
            assert p.relative_to(ROOT) in files


def test_build_writes_the_qm_where_the_app_loads_it() -> None:
    assert tools.qm_path("en") == i18n.qm_path("en")
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools/i18n.py"), "build"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert i18n.qm_path("en").is_file()


# -------------------------------------------------------------------------- codes into words


def test_every_known_code_has_words(qapp: QApplication) -> None:
    for code in i18n.FINDING_CODES:
        assert i18n.finding_title(code) != code
    for st in State:
        assert i18n.state_name(st) != st.value
        assert i18n.state_help(st)
    for p in Problem:
        assert i18n.problem_name(p) != p.value
    for r in Role:
        assert i18n.role_name(r)
    for code in i18n.MASTER_PROBLEM_CODES:
        assert i18n.master_problem_reason(code) != code
    # Codes from a newer version are shown as themselves rather than failing.
    assert i18n.finding_title("NEW-RULE") == "NEW-RULE"
    assert i18n.state_name("archived") == "archived"
    assert i18n.master_problem_reason("new_code") == "new_code"


def _master_codes() -> set[str]:
    """Every problem code written in core/master.py (the MasterProblem / _CellError / add calls)."""
    tree = ast.parse(Path(kamarhitung.core.master.__file__).read_text(encoding="utf-8"))
    positions = {"MasterProblem": 3, "_CellError": 0, "add": 3, "cell": 4}
    codes: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        f = node.func
        name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
        i = positions.get(name)
        if i is not None and len(node.args) > i:
            arg = node.args[i]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
    return codes


def test_master_problem_codes_are_all_known() -> None:
    found = _master_codes()
    assert found, "the scan of core/master.py found no codes"
    assert found <= set(i18n.MASTER_PROBLEM_CODES)


def test_finding_codes_of_the_templates_are_all_known() -> None:
    for template in ("pilkada-kwk", "pemilu2024-c-hasil-ppwp"):
        form = load_template(template).form((1, 2, 3))
        for rule in form.rules:
            assert rule.code in i18n.FINDING_CODES


def test_describe_finding_example(qapp: QApplication) -> None:
    f = Finding("SAH-SUM", "E", ("V.A", "IV.1", "IV.2"), (("left", 120), ("right", 118)))
    assert i18n.describe_finding(f) == (
        "SAH-SUM: suara sah (V.A = 120) ≠ jumlah perolehan paslon (118)"
    )


def _consistent() -> dict[str, int | None]:
    """A plausible, consistent form of 200 voters (pilkada-kwk, two candidate pairs)."""
    v: dict[str, int | None] = {}
    for row, (lk, pr) in {
        "I.A.1": (100, 100),
        "I.A.2": (0, 0),
        "I.A.3": (0, 0),
        "I.A.4": (100, 100),
        "I.B.1": (80, 70),
        "I.B.2": (0, 0),
        "I.B.3": (0, 0),
        "I.B.4": (80, 70),
        "III.1": (2, 1),
        "III.2": (1, 1),
    }.items():
        v[f"{row}.L"], v[f"{row}.P"], v[f"{row}.J"] = lk, pr, lk + pr
    v.update({"II.1": 205, "II.2": 150, "II.3": 1, "II.4": 54})
    v.update({"IV.1": 90, "IV.2": 58, "V.A": 148, "V.B": 2, "V.C": 150})
    return v


@pytest.mark.parametrize(
    ("code", "changes"),
    [
        ("J-SUM", {"I.A.2.J": 1}),
        ("A-TOTAL", {"I.A.4.L": 101, "I.A.4.J": 201}),
        ("B-TOTAL", {"I.B.4.P": 71, "I.B.4.J": 151}),
        ("B-LE-A", {"I.B.2.L": 3, "I.B.2.J": 3}),
        ("BALLOT-BALANCE", {"II.4": 50}),
        ("BALLOT-USED", {"II.2": 151, "II.4": 53}),
        ("SAH-SUM", {"IV.1": 91}),
        ("TOTAL-SUM", {"V.C": 151}),
        ("TOTAL-VOTERS", {"V.C": 152, "V.B": 4}),
        ("DISAB-LE", {"III.2.L": 3, "III.2.J": 4}),
        ("RANGE", {"IV.1": 5000}),
        ("TURNOUT", {"IV.1": 200, "V.A": 258}),
        ("RESERVE", {"II.1": 400}),
        ("INVALID-SHARE", {"V.B": 10, "V.C": 158}),
    ],
)
def test_every_form_finding_reads_as_a_sentence(
    qapp: QApplication, code: str, changes: dict[str, int]
) -> None:
    form = load_template("pilkada-kwk").form((1, 2))
    assert [f.code for f in validate(form, _consistent())] == []
    values = {**_consistent(), **changes}
    findings = [f for f in validate(form, values) if f.code == code]
    assert findings, f"the change did not raise {code}"
    for f in findings:
        text = i18n.describe_finding(f)
        assert text.startswith(f"{code}: ")
        assert "left" not in text and "right" not in text
        assert any(ch.isdigit() for ch in text.removeprefix(code))


def test_describe_unknown_or_anomaly_findings(qapp: QApplication) -> None:
    f = Finding("OUTLIER", "W", ("IV.1",), (("z", 5),))
    assert i18n.describe_finding(f) == "OUTLIER: Jauh dari median kecamatan (IV.1, z = 5)"
    assert i18n.describe_finding(Finding("X-NEW", "W", ())) == "X-NEW: X-NEW"


def test_master_problem_text(qapp: QApplication) -> None:
    p = MasterProblem("TPS", 7, "kode_desa", "bad_desa_code", "TPS sheet, row 7, ...")
    assert i18n.master_problem_text(p) == (
        "Sheet TPS, baris 7, kolom kode_desa: bukan kode desa 10 digit yang sah"
    )


# ------------------------------------------------------------------------------ the switch


def test_language_switch_at_runtime(qtbot: QtBot, demo: Demo, qm_dir: Path, tmp_path: Path) -> None:
    i18n.set_language("id")
    settings = Settings.at(tmp_path / "s.ini")
    ctx = AppContext(demo.ws, demo.login("supervisor1"))
    w = MainWindow(ctx, settings=settings)
    qtbot.addWidget(w)
    w.show()
    status = StatusScreen(ctx)
    qtbot.addWidget(status)
    nav = [w.nav.item(i).text() for i in range(w.nav.count())]
    assert "Rekap" in nav
    assert w.action_map["quit"].text() == "&Keluar"
    assert w.action_map["about"].text() == "&Tentang kamarhitung"
    assert w.menuBar().actions()[0].text() == "&Berkas"
    assert status.model.headerData(0, Qt.Orientation.Horizontal) == "Status"

    assert i18n.set_language("en", qm_dir)
    qtbot.waitUntil(lambda: w.action_map["quit"].text() == "&Quit")
    assert w.action_map["about"].text() == "&About kamarhitung"
    assert w.menuBar().actions()[0].text() == "&File"
    assert [w.nav.item(i).text() for i in range(w.nav.count())] == [
        "Entry",
        "Images",
        "Reconciliation",
        "Recap",
        "Reports",
        "Export",
        "Audit",
        "Status",
        "Data quality",
    ]
    assert w._status_user.text() == "User: supervisor1 (Supervisor)"
    qtbot.waitUntil(lambda: status._title.text() == "Entry status")
    assert status.model.index(list(State).index(State.DIFFERENT), 0).data() == "Different"
    box = w.show_about()
    assert box.windowTitle() == "About kamarhitung"
    box.close()

    assert i18n.set_language("id", qm_dir)
    qtbot.waitUntil(lambda: w.action_map["quit"].text() == "&Keluar")
    assert w.nav.item(3).text() == "Rekap"


def test_menu_switch_is_remembered(qtbot: QtBot, demo: Demo, tmp_path: Path) -> None:
    settings = Settings.at(tmp_path / "s.ini")
    w = MainWindow(AppContext(demo.ws, demo.login("operator1")), settings=settings)
    qtbot.addWidget(w)
    w.action_map["lang_en"].trigger()
    assert settings.language() == "en"
    assert i18n.current_language() == "en"
    assert w.action_map["lang_en"].isChecked()
    w.action_map["lang_id"].trigger()
    assert settings.language() == "id"


def test_missing_qm_keeps_indonesian(qtbot: QtBot, tmp_path: Path) -> None:
    assert not i18n.set_language("en", tmp_path)  # nothing there: not fatal
    assert i18n.current_language() == "en"
    assert i18n.state_name(State.FINAL) == "Final"
    assert i18n.state_name(State.EMPTY) == "Belum dientri"


def test_qt_buttons_speak_indonesian(qtbot: QtBot) -> None:
    i18n.set_language("id")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    qtbot.addWidget(box)
    texts = {b.text() for b in box.buttons()}
    assert texts == {"OK", "Batal"}


def test_every_refusal_code_has_indonesian_words(qapp: QApplication) -> None:
    from kamarhitung.core.refusal import ENGLISH, Refusal

    assert set(i18n.REFUSAL_WORDS) == set(ENGLISH)
    e = Refusal("WRONG_ROLE", user="operator1", role="operator", needs="supervisor,admin")
    assert i18n.refusal_text(e) == (
        "Pengguna operator1 (Operator) tidak boleh melakukan ini: perlu peran Supervisor atau "
        "Admin."
    )
    i18n.set_language("en")
    try:
        assert i18n.refusal_text(e) == (
            "User operator1 (Operator) may not do this: it needs the role Supervisor or Admin."
        )
    finally:
        i18n.set_language("id")
