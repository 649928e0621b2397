"""An operator keys a real 2024 presidential form row by row as printed; its arithmetic is checked.

A workspace made by ``init`` from a master with a ``presiden`` contest uses the printed Model
C.HASIL-PPWP: the entries name its rows (INTERFACES.md), a field the form does not print is
refused (exit 2), and two agreeing entries become final, or janggal when the paper's own
arithmetic fails.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Protocol

import pytest

from kamarhitung import cli


class FormsKit(Protocol):
    """The ``forms_kit`` fixture of conftest.py."""

    def workspace(
        self, paslon: list[tuple[str, int, str, str]], provinsi: tuple[str, str] = ...
    ) -> Path: ...


PASLON = [
    ("presiden", 1, "ANIES", "MUHAIMIN"),
    ("presiden", 2, "PRABOWO", "GIBRAN"),
    ("presiden", 3, "GANJAR", "MAHFUD"),
]

# One TPS's form as the annex prints it: DPT 411 (201 L, 210 P); 319 voters.
FORM = {
    "I.A.1.L": 201, "I.A.1.P": 210, "I.A.1.J": 411,
    "I.B.1.L": 150, "I.B.1.P": 160, "I.B.1.J": 310,
    "I.B.2.L": 3, "I.B.2.P": 4, "I.B.2.J": 7,
    "I.B.3.L": 1, "I.B.3.P": 1, "I.B.3.J": 2,
    "I.B.4.L": 154, "I.B.4.P": 165, "I.B.4.J": 319,
    "II.1": 420, "II.2": 319, "II.3": 2, "II.4": 99,
    "III.1.L": 2, "III.1.P": 1, "III.1.J": 3,
    "IV.1": 150, "IV.2": 100, "IV.3": 60,
    "V.A": 310, "V.B": 9, "V.C": 319,
}  # fmt: skip


def _users(ws: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, role in (("op1", "operator"), ("op2", "operator")):
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
        monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", f"sandi-{name}-1234")
        argv = ["users", "add", str(ws), "--user", "ketua", "--name", name, "--role", role]
        assert cli.main(argv) == 0


def _submit(
    ws: Path, user: str, entries: list[dict[str, Any]], tmp: Path,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> tuple[int, list[dict[str, Any]], str]:  # fmt: skip
    f = tmp / f"{user}.json"
    f.write_text(json.dumps(entries))
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", f"sandi-{user}-1234")
    capsys.readouterr()
    code = cli.main(["entry", "submit", str(ws), str(f), "--user", user, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


def test_keying_the_printed_presidential_form(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    forms_kit: FormsKit,
) -> None:
    ws = forms_kit.workspace(PASLON)
    _users(ws, monkeypatch)
    t1, t2 = "3578011001001", "3578011001002"
    paper_error = dict(FORM, **{"V.A": 311})  # the KPPS added the votes wrongly
    entries: list[dict[str, Any]] = [
        {"tps": t1, "contest": "presiden", "values": FORM},
        {"tps": t2, "contest": "presiden", "values": paper_error},
    ]
    code, res, err = _submit(ws, "op1", entries, tmp_path, monkeypatch, capsys)
    assert code == 0, err
    assert [r["state"] for r in res] == ["first_done", "first_done"]
    assert res[0]["findings"] == []
    assert {f["code"] for f in res[1]["findings"]} == {"SAH-SUM", "TOTAL-SUM"}
    code, res, err = _submit(ws, "op2", entries, tmp_path, monkeypatch, capsys)
    assert code == 0, err
    assert [r["state"] for r in res] == ["final", "janggal"]

    # Rows the printed form does not have are refused, naming the field and the form.
    for field in ("I.A.2.L", "I.A.4.J", "III.2.J", "IV.4"):
        bad: dict[str, Any] = {"tps": "3578011002001", "contest": "presiden", "values": {field: 1}}
        code, res, err = _submit(ws, "op1", [bad], tmp_path, monkeypatch, capsys)
        assert code == 2
        assert f"field '{field}' is not printed on MODEL C.HASIL-PPWP" in str(res[0]["error"])

    # The recap carries the printed form's fields and nothing else.
    out = tmp_path / "recap.json"
    argv = ["recap", str(ws), "--contest", "presiden", "--level", "tps", "--format", "json"]
    assert cli.main([*argv, "--out", str(out)]) == 0
    rows = json.loads(out.read_text())["rows"]
    (row,) = [r for r in rows if r["code"] == t1]
    assert row["values"] == FORM
