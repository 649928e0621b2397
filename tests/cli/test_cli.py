"""The command line as INTERFACES.md writes it: exit codes, --json shapes, roles, passwords."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, Protocol

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from kamarhitung import cli
from kamarhitung.core.master import MasterError, read_master
from kamarhitung.services import accounts
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace, open_workspace
from kamarhitung.store.models import RecordRow, SyntheticImageRow

STATES = [
    "empty",
    "first_in_progress",
    "first_done",
    "second_in_progress",
    "different",
    "janggal",
    "final",
]
C = "gubernur"


class Demo(Protocol):
    """The ``demo`` and ``mixed`` fixtures of conftest.py."""

    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def as_user(d: Demo, monkeypatch: pytest.MonkeyPatch, name: str) -> str:
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", d.password(name))
    return name


def truths(d: Demo) -> list[tuple[str, dict[str, int]]]:
    with d.ws.store.reading() as s:
        rows = s.execute(
            select(SyntheticImageRow)
            .where(SyntheticImageRow.contest_id == C)
            .order_by(SyntheticImageRow.tps_id)
        ).scalars()
        return [(r.tps_id, json.loads(r.values_json)) for r in rows]


def state_of(d: Demo, tps: str) -> str:
    with d.ws.store.reading() as s:
        rec = s.get(RecordRow, (tps, C))
        assert rec is not None
        return rec.state


def check_status_shape(data: Any, contests: dict[str, int]) -> None:
    """``{"contests": {"<id>": {"tps_total": n, "states": {every state}}}}``, exactly."""
    assert isinstance(data, dict) and list(data) == ["contests"]
    assert list(data["contests"]) == list(contests)
    for cid, total in contests.items():
        c = data["contests"][cid]
        assert set(c) == {"tps_total", "states"}
        assert c["tps_total"] == total
        assert list(c["states"]) == STATES
        assert all(isinstance(n, int) and n >= 0 for n in c["states"].values())
        assert sum(c["states"].values()) == total


# --- master-template, init, status -----------------------------------------------------------


@pytest.mark.sqlite_only
def test_master_template_then_init_then_status(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "master.xlsx"
    code, out, _ = run(capsys, "master-template", book)
    assert code == 0 and book.is_file()
    wb = load_workbook(book)
    assert wb.sheetnames == ["TPS", "PASLON"]
    ws_path = tmp_path / "ws"
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
    code, out, err = run(capsys, "init", ws_path, "--master", book, "--admin", "ketua")
    assert code == 0, err
    assert "KOTA SURABAYA" in out and "1 TPS" in out
    assert (ws_path / "kamarhitung.sqlite").is_file()
    # The admin can log in; the workspace is empty.
    ws = open_workspace(ws_path)
    try:
        assert accounts.authenticate(ws, "ketua", "admin-rahasia-1").role.value == "admin"
    finally:
        ws.close()
    code, out, _ = run(capsys, "status", ws_path, "--json")
    assert code == 0
    data = json.loads(out)
    check_status_shape(data, {"walikota": 1})
    assert data["contests"]["walikota"]["states"]["empty"] == 1
    # With --user, the password is checked.
    code, out, _ = run(capsys, "status", ws_path, "--json", "--user", "ketua")
    assert code == 0 and json.loads(out) == data
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "salah-sandi-1")
    code, _, err = run(capsys, "status", ws_path, "--json", "--user", "ketua")
    assert code == 2 and "wrong user name or password" in err
    # A second init into the same folder is refused.
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
    code, _, err = run(capsys, "init", ws_path, "--master", book, "--admin", "ketua")
    assert code == 2 and "already holds a workspace" in err


def test_status_json_on_the_mixed_demo(mixed: Demo, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", mixed.path, "--json")
    assert code == 0
    data = json.loads(out)
    check_status_shape(data, {"gubernur": 60, "bupati": 60})
    assert data["contests"]["gubernur"]["states"]["final"] > 0
    code, out, _ = run(capsys, "status", mixed.path)
    assert code == 0 and out.startswith("gubernur: 60 TPS: empty ")


def test_init_with_a_bad_workbook_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "master.xlsx"
    assert cli.main(["master-template", str(book)]) == 0
    wb = load_workbook(book)
    tps = wb["TPS"]
    tps.append(["35780110", "JAWA TIMUR", "KOTA SURABAYA", "KARANG PILANG", "X", 2, 10, 10])
    tps.append(
        [
            "3578011001",
            "JAWA TIMUR",
            "KOTA SURABAYA",
            "KARANG PILANG",
            "WARU GUNUNG",
            0,
            10,
            "sepuluh",
        ]
    )
    wb.save(book)
    with pytest.raises(MasterError) as ei:
        read_master(book)
    problems = [p.text for p in ei.value.problems]
    assert len(problems) >= 3
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-rahasia-1")
    ws_path = tmp_path / "ws"
    code, _, err = run(capsys, "init", ws_path, "--master", book, "--admin", "ketua")
    assert code == 2
    for text in problems:
        assert text in err
    assert f"{len(problems)} problems; no workspace was created" in err
    assert not ws_path.exists()
    # Not a workbook at all: one sentence naming the file.
    bogus = tmp_path / "master.csv"
    bogus.write_text("kode_desa;provinsi\n", encoding="utf-8")
    code, _, err = run(capsys, "init", ws_path, "--master", bogus, "--admin", "ketua")
    assert code == 2 and "master.csv" in err
    assert not ws_path.exists()
    # A weak admin password is refused before anything is created.
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "pendek")
    assert cli.main(["master-template", str(book)]) == 0
    code, _, err = run(capsys, "init", ws_path, "--master", book, "--admin", "ketua")
    assert code == 2 and "at least 8 characters" in err
    assert not (ws_path / "kamarhitung.sqlite").exists()


def test_init_without_a_password_in_a_pipe_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "master.xlsx"
    cli.main(["master-template", str(book)])
    monkeypatch.delenv("KAMARHITUNG_PASSWORD", raising=False)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = run(capsys, "init", tmp_path / "ws", "--master", book, "--admin", "ketua")
    assert code == 2 and "KAMARHITUNG_PASSWORD" in err


# --- users -----------------------------------------------------------------------------------


def test_users_add(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", "sandi-baru-42")
    user = as_user(demo, monkeypatch, "admin")
    code, out, err = run(
        capsys,
        "users",
        "add",
        demo.path,
        "--user",
        user,
        "--name",
        "operator5",
        "--role",
        "operator",
    )
    assert code == 0, err
    assert "operator5" in out
    assert accounts.authenticate(demo.ws, "operator5", "sandi-baru-42").role.value == "operator"
    # Refused: an operator or a supervisor adding users; a duplicate; a weak password; a bad role.
    for who in ("operator1", "supervisor1"):
        user = as_user(demo, monkeypatch, who)
        code, _, err = run(
            capsys, "users", "add", demo.path, "--user", user, "--name", "x9", "--role", "admin"
        )
        assert code == 2 and f"user {who}" in err and "needs admin" in err
    user = as_user(demo, monkeypatch, "admin")
    code, _, err = run(
        capsys,
        "users",
        "add",
        demo.path,
        "--user",
        user,
        "--name",
        "operator5",
        "--role",
        "operator",
    )
    assert code == 2 and "already exists" in err
    monkeypatch.setenv("KAMARHITUNG_NEW_PASSWORD", "lemah")
    code, _, err = run(
        capsys,
        "users",
        "add",
        demo.path,
        "--user",
        user,
        "--name",
        "operator6",
        "--role",
        "operator",
    )
    assert code == 2 and "at least 8" in err
    code, _, _ = run(
        capsys, "users", "add", demo.path, "--user", user, "--name", "x", "--role", "root"
    )
    assert code == 2
    assert {u.name for u in accounts.list_users(demo.ws)} == {
        "admin",
        "supervisor1",
        "supervisor2",
        "operator1",
        "operator2",
        "operator3",
        "operator4",
        "operator5",
    }


def test_wrong_password_and_missing_user(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "bukan-sandinya-1")
    monkeypatch.setattr(sys, "stdin", io.StringIO("[]"))
    code, out, err = run(capsys, "entry", "submit", demo.path, "-", "--user", "operator1")
    assert code == 2 and out == ""
    assert "wrong user name or password" in err
    code, _, err = run(capsys, "users", "list", demo.path, "--user", "nobody")
    assert code == 2 and "wrong user name or password" in err
    # No --user where it is required: a usage error, exit 2.
    code, _, _ = run(capsys, "entry", "submit", demo.path, "-")
    assert code == 2


# --- entry submit ----------------------------------------------------------------------------


def entry_json(tps: str, values: dict[str, int]) -> dict[str, object]:
    return {"tps": tps, "contest": C, "values": values, "problems": []}


def check_result_shape(r: dict[str, Any]) -> None:
    if "error" in r:
        assert set(r) == {"tps", "contest", "error", "code"}
        assert isinstance(r["error"], str) and r["error"]
        assert isinstance(r["code"], str) and r["code"].isupper()
        return
    assert set(r) == {"tps", "contest", "slot", "state", "findings"}
    assert r["slot"] in (1, 2) and r["state"] in STATES
    for f in r["findings"]:
        # INTERFACES.md names code, level and fields; "params" (left/right...) is an addition.
        assert {"code", "level", "fields"} <= set(f) <= {"code", "level", "fields", "params"}
        assert f["level"] in ("E", "W") and all(isinstance(x, str) for x in f["fields"])


def test_entry_submit_one_entry_from_a_file(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tps, v), *_ = truths(demo)
    file = tmp_path / "one.json"
    file.write_text(json.dumps(entry_json(tps, v)), encoding="utf-8")
    user = as_user(demo, monkeypatch, "operator1")
    code, out, err = run(capsys, "entry", "submit", demo.path, file, "--user", user, "--json")
    assert code == 0, err
    (r,) = json.loads(out)
    check_result_shape(r)
    assert (r["tps"], r["contest"], r["slot"], r["state"]) == (tps, C, 1, "first_done")
    # The second entry, with one slip that breaks SAH-SUM: different, findings of its own values.
    slip = dict(v, **{"IV.1": v["IV.1"] + 1})
    file.write_text(json.dumps(entry_json(tps, slip)), encoding="utf-8")
    user = as_user(demo, monkeypatch, "operator2")
    code, out, _ = run(capsys, "entry", "submit", demo.path, file, "--user", user, "--json")
    assert code == 0
    (r,) = json.loads(out)
    check_result_shape(r)
    assert (r["slot"], r["state"]) == (2, "different")
    sah = [f for f in r["findings"] if f["code"] == "SAH-SUM"]
    assert len(sah) == 1 and sah[0]["level"] == "E" and "IV.1" in sah[0]["fields"]
    # Without --json: one line per entry.
    (tps2, v2) = truths(demo)[1]
    file.write_text(json.dumps(entry_json(tps2, v2)), encoding="utf-8")
    code, out, _ = run(capsys, "entry", "submit", demo.path, file, "--user", user)
    assert code == 0 and out.startswith(f"{tps2}\t{C}\tslot 1\tfirst_done")


def test_entry_submit_a_list_from_stdin(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    forms = truths(demo)[:4]
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps([entry_json(t, v) for t, v in forms])))
    user = as_user(demo, monkeypatch, "operator3")
    code, out, err = run(capsys, "entry", "submit", demo.path, "-", "--user", user, "--json")
    assert code == 0, err
    results = json.loads(out)
    assert [r["tps"] for r in results] == [t for t, _ in forms]
    for r in results:
        check_result_shape(r)
        assert (r["slot"], r["state"]) == (1, "first_done")
    # The same list by another operator: the forms whose paper is consistent become final.
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps([entry_json(t, v) for t, v in forms])))
    user = as_user(demo, monkeypatch, "operator4")
    code, out, _ = run(capsys, "entry", "submit", demo.path, "-", "--user", user, "--json")
    assert code == 0
    for r in json.loads(out):
        check_result_shape(r)
        errors = [f for f in r["findings"] if f["level"] == "E"]
        assert r["state"] == ("janggal" if errors else "final")
        assert r["slot"] == 2


def test_entry_submit_a_list_with_refused_entries(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    forms = truths(demo)
    (a, va), (b, vb), (c, vc), (d, vd) = forms[:4]
    # operator1 keyed the first entry of A already.
    user = as_user(demo, monkeypatch, "operator1")
    file = tmp_path / "entries.json"
    file.write_text(json.dumps(entry_json(a, va)), encoding="utf-8")
    assert cli.main(["entry", "submit", str(demo.path), str(file), "--user", user]) == 0
    capsys.readouterr()
    entries: list[object] = [
        entry_json(b, vb),
        entry_json(a, va),  # the same user as the other entry
        entry_json("9999999999999", vc),  # unknown TPS
        {"tps": c, "contest": C, "values": dict(vc, **{"IV.9": 1})},  # a field not on the form
        {"tps": c, "contest": C, "values": dict(vc, **{"V.A": "seratus"})},  # not a number
        {"tps": c, "contest": C, "values": vc, "problems": ["kotor"]},  # not a problem kind
        {"tps": c, "contest": "presiden", "values": vc},  # not a contest here
        {"tps": c, "contest": C, "values": {"V.A": 1}},  # incomplete, no problem raised
        42,  # not an entry
        entry_json(d, vd),
    ]
    file.write_text(json.dumps(entries), encoding="utf-8")
    code, out, err = run(capsys, "entry", "submit", demo.path, file, "--user", user, "--json")
    assert code == 2
    results = json.loads(out)
    assert len(results) == len(entries)
    for r in results:
        check_result_shape(r)
    ok = [i for i, r in enumerate(results) if "error" not in r]
    assert ok == [0, 9]
    assert [(results[i]["tps"], results[i]["state"]) for i in ok] == [
        (b, "first_done"),
        (d, "first_done"),
    ]
    reasons = [str(r.get("error")) for r in results]
    assert "first entry" in reasons[1] and results[1]["tps"] == a
    assert "unknown TPS 9999999999999" in reasons[2]
    assert "IV.9" in reasons[3]
    assert "V.A" in reasons[4]
    assert "kotor" in reasons[5]
    assert "presiden" in reasons[6]
    assert "not keyed" in reasons[7]
    assert (results[8]["tps"], results[8]["contest"]) == (None, None)
    # The refused ones changed nothing.
    assert [state_of(demo, t) for t in (a, b, c, d)] == [
        "first_done",
        "first_done",
        "empty",
        "first_done",
    ]
    # Without --json, each refusal is one sentence on stderr naming the entry and its TPS.
    file.write_text(json.dumps([entry_json(a, va), entry_json(c, vc)]), encoding="utf-8")
    code, out, err = run(capsys, "entry", "submit", demo.path, file, "--user", user)
    assert code == 2
    assert f"entry 1 (TPS {a}, {C})" in err and "first entry" in err
    assert out.startswith(f"{c}\t{C}\tslot 1\tfirst_done")


@pytest.mark.parametrize("who", ["supervisor1", "admin"])
def test_entry_submit_by_a_role_that_may_not_key(
    demo: Demo,
    who: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (a, va), (b, vb) = truths(demo)[:2]
    file = tmp_path / "entries.json"
    file.write_text(json.dumps([entry_json(a, va), entry_json(b, vb)]), encoding="utf-8")
    user = as_user(demo, monkeypatch, who)
    code, out, _ = run(capsys, "entry", "submit", demo.path, file, "--user", user, "--json")
    assert code == 2
    results = json.loads(out)
    assert [set(r) for r in results] == [{"tps", "contest", "error", "code"}] * 2
    assert all("needs operator" in r["error"] for r in results)
    assert all(r["code"] == "WRONG_ROLE" for r in results)
    assert state_of(demo, a) == state_of(demo, b) == "empty"


def test_entry_submit_unreadable_input(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    user = as_user(demo, monkeypatch, "operator1")
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    code, _, err = run(capsys, "entry", "submit", demo.path, bad, "--user", user)
    assert code == 2 and "bad.json: not valid JSON (line 1" in err
    code, _, err = run(capsys, "entry", "submit", demo.path, tmp_path / "nope.json", "--user", user)
    assert code == 2 and "nope.json: cannot read" in err
    code, _, err = run(capsys, "entry", "submit", tmp_path / "nowhere", bad, "--user", user)
    assert code == 2


def test_entry_show_is_for_supervisors_only(
    demo: Demo,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (a, va), *_ = truths(demo)
    file = tmp_path / "e.json"
    file.write_text(json.dumps(entry_json(a, dict(va, **{"V.B": 86421}))), encoding="utf-8")
    user = as_user(demo, monkeypatch, "operator1")
    assert cli.main(["entry", "submit", str(demo.path), str(file), "--user", user]) == 0
    capsys.readouterr()
    for who in ("operator2", "operator1", "admin"):
        user = as_user(demo, monkeypatch, who)
        code, out, err = run(
            capsys, "entry", "show", demo.path, "--tps", a, "--contest", C, "--user", user
        )
        assert code == 2, who
        assert out == "" and "86421" not in err
        assert "may not do this" in err
    user = as_user(demo, monkeypatch, "supervisor2")
    code, out, _ = run(
        capsys, "entry", "show", demo.path, "--tps", a, "--contest", C, "--user", user
    )
    assert code == 0
    shown = json.loads(out)
    assert (shown["tps"], shown["state"]) == (a, "first_done")
    assert shown["entries"][0]["values"]["V.B"] == 86421


def test_audit_verify_accepts_user(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    user = as_user(demo, monkeypatch, "supervisor1")
    code, out, _ = run(capsys, "audit", "verify", demo.path, "--user", user)
    assert code == 0 and "audit chain intact" in out
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "salah-sandi-1")
    code, _, _ = run(capsys, "audit", "verify", demo.path, "--user", user)
    assert code == 2


# --- demo and the installed program ----------------------------------------------------------


def test_demo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo"
    code, out, _ = run(capsys, "demo", path, "--tps", "12", "--seed", "5", "--entries", "mixed")
    assert code == 0 and "12 TPS" in out
    creds = json.loads((path / "demo-credentials.json").read_text(encoding="utf-8"))
    users = creds["users"]
    roles = [u["role"] for u in users]
    assert roles.count("admin") >= 1
    assert roles.count("supervisor") >= 2
    assert roles.count("operator") >= 4
    assert all(set(u) >= {"name", "role", "password"} and u["password"] for u in users)
    ws = open_workspace(path)
    try:
        for u in users:
            assert accounts.authenticate(ws, u["name"], u["password"]).role.value == u["role"]
    finally:
        ws.close()
    # Not into a folder that holds something.
    code, _, err = run(capsys, "demo", path)
    assert code == 2 and "not empty" in err


def test_the_installed_program_runs(mixed: Demo) -> None:
    """One real process (each costs ~2 s of imports): the console script, else python -m."""
    env = {**os.environ, "KAMARHITUNG_PASSWORD": mixed.password("admin")}
    program = Path(sys.executable).with_name("kamarhitung")
    command = [str(program)] if program.exists() else [sys.executable, "-m", "kamarhitung"]
    done = subprocess.run(
        [*command, "status", str(mixed.path), "--json", "--user", "admin"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    check_status_shape(json.loads(done.stdout), {"gubernur": 60, "bupati": 60})


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["status"], ["entry"], ["no-such-command"], ["status", "x", "--bogus"]):
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert "usage" in err


def test_help_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("demo", "master-template", "init", "users", "entry", "status", "audit"):
        assert command in out
