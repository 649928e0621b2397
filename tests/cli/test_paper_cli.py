"""The paper check from the command line (issue 15): ``province import --paper`` and ``bundle
verify --paper`` read two groups of the fingerprint printed on the kabupaten's real D.HASIL
report. Wrong groups exit 2 and import nothing; right groups import; ``--json`` carries the
code of every refusal."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Protocol

import pytest

from kamarhitung import cli
from kamarhitung.core.paper import PaperGroupsError, parse_paper_groups
from kamarhitung.core.report import fingerprint_groups, fingerprint_of
from kamarhitung.services import reports
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace

C = "gubernur"


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, *argv: str, **env: str
) -> tuple[int, str, str]:
    for name in ("KAMARHITUNG_PASSWORD", "KAMARHITUNG_KEY_PASSPHRASE", "KAMARHITUNG_CA_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def dump(pdir: Path) -> list[str]:
    con = sqlite3.connect(pdir / "kamarhitung.sqlite")
    try:
        return list(con.iterdump())
    finally:
        con.close()


def wrong(group: str) -> str:
    return f"{(int(group, 16) + 1) % 0x10000:04x}"


def test_parse_paper_groups() -> None:
    assert parse_paper_groups("7f3a,91c2") == ((1, 2), ("7f3a", "91c2"))
    assert parse_paper_groups(" 5:7F3A , 12: 91 c2") == ((5, 12), ("7f3a", "91c2"))
    for bad in ("7f3a", "7f3a,91c2,0000", "7f3g,91c2", "0:7f3a,91c2", "17:7f3a,1:91c2", "x:7f3a,1"):
        with pytest.raises(PaperGroupsError):
            parse_paper_groups(bad)
    with pytest.raises(PaperGroupsError):
        parse_paper_groups("2:7f3a,2:91c2")


def test_province_import_and_bundle_verify_with_the_paper(
    mixed: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    d = mixed
    out = tmp_path / "out"
    out.mkdir()
    khb = out / "b.khb"
    code, _, err = run(
        capsys, monkeypatch, "bundle", "export", str(d.path), "--out", str(khb), "--user", "supervisor1",
        KAMARHITUNG_PASSWORD=d.password("supervisor1"), KAMARHITUNG_KEY_PASSPHRASE=str(d.credentials["key_passphrase"]),
    )  # fmt: skip
    assert code == 0, err
    req = reports.make_request(d.ws, "recap", C, "kabupaten")
    printed = fingerprint_groups(
        fingerprint_of(reports.build_report(d.ws, d.login("supervisor1"), req))
    )
    right = f"{printed[0]},{printed[1].upper()}"
    at = f"5:{printed[4]},12:{printed[11]}"
    bad = f"{printed[0]},{wrong(printed[1])}"

    pdir = d.path / "demo-province"
    keys = ("--identity", str(pdir / "identity.age"), "--trust", str(pdir / "ca.pem"))
    verify = ("bundle", "verify", str(khb), *keys)
    code, out_, err = run(capsys, monkeypatch, *verify, "--paper", bad, "--json")
    assert code == 2 and f"{khb.name}: groups 1 and 2 typed from the paper do not match" in err
    assert json.loads(out_)["code"] == "PAPER_MISMATCH"
    code, out_, err = run(capsys, monkeypatch, *verify, "--paper", right)
    assert code == 0, err
    assert "valid" in out_ and f"the paper matches the D.HASIL report fingerprint of {C}" in out_
    code, out_, err = run(
        capsys, monkeypatch, *verify, "--paper", at, "--paper-contest", C, "--json"
    )
    assert code == 0, err
    assert json.loads(out_)["paper"] == {"contest": C, "fingerprint": "report"}
    code, out_, err = run(capsys, monkeypatch, *verify, "--paper", at, "--paper-contest", "bupati")
    assert code == 2 and "do not match" in err  # the other contest's fingerprint differs
    code, out_, err = run(capsys, monkeypatch, *verify, "--paper", "7f3a")
    assert code == 2 and "--paper 7f3a: give two groups" in err

    prov = tmp_path / "prov"
    code, _, err = run(
        capsys, monkeypatch, "province", "init", str(prov), "--admin", "padmin", "--ca", str(pdir / "ca.pem"),
        "--identity", str(pdir / "identity.age"), KAMARHITUNG_PASSWORD="province-admin-1",
    )  # fmt: skip
    assert code == 0, err
    before = dump(prov)
    code, out_, err = run(
        capsys, monkeypatch, "province", "import", str(prov), str(khb), "--paper", bad, "--json"
    )
    assert code == 2 and "nothing was imported" in err
    refusal = json.loads(out_)
    assert refusal == {
        "refused": True,
        "code": "PAPER_MISMATCH",
        "reason": err.removeprefix("kamarhitung: ").strip(),
        "params": refusal["params"],
    }
    assert refusal["params"]["file"] == "b.khb" and (
        refusal["params"]["a"],
        refusal["params"]["b"],
    ) == (1, 2)
    assert dump(prov) == before  # nothing imported, nothing audited
    code, out_, err = run(
        capsys, monkeypatch, "province", "import", str(prov), str(khb), str(khb), "--paper", right
    )
    assert code == 2 and "give one file, not 2" in err and dump(prov) == before
    code, out_, err = run(
        capsys, monkeypatch, "province", "import", str(prov), str(khb), "--paper", right, "--json"
    )
    assert code == 0, err
    (res,) = json.loads(out_)
    assert res["imported"] is True
    assert res["paper"] == {"contest": C, "fingerprint": "report", "imported_matches": True}
    code, out_, err = run(capsys, monkeypatch, "province", "list", str(prov), "--json")
    assert code == 0 and len(json.loads(out_)) == 1
