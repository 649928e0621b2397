"""``kamarhitung report``, ``report-set``, ``verify-pdf`` and ``region`` as INTERFACES.md writes
them: exit codes (0 done or valid, 1 not valid, 2 refused), roles, passphrases, --json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Protocol

import pytest
from sqlalchemy import select

from kamarhitung import cli
from kamarhitung.core import keys as k
from kamarhitung.core.entry import State
from kamarhitung.services import entry
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import SyntheticImageRow

C = "gubernur"


class Demo(Protocol):
    """The ``demo`` fixture of conftest.py."""

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
    monkeypatch.setenv("KAMARHITUNG_KEY_PASSPHRASE", str(d.credentials["key_passphrase"]))
    return name


def province(d: Demo, name: str) -> Path:
    return d.path / "demo-province" / name


def first_kecamatan(d: Demo) -> str:
    with d.ws.store.reading() as s:
        tps = s.execute(
            select(SyntheticImageRow.tps_id).order_by(SyntheticImageRow.tps_id)
        ).scalars()
        return next(iter(tps))[:6]


def test_report_sign_and_verify(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = as_user(demo, monkeypatch, "supervisor1")
    out = tmp_path / "rekap.pdf"
    code, stdout, err = run(
        capsys,
        "report",
        demo.path,
        "--contest",
        C,
        "--level",
        "kabupaten",
        "--out",
        out,
        "--sign",
        "--paper",
        "f4",
        "--user",
        user,
    )
    assert code == 0, err
    assert "signed by KAB-" in stdout and "DRAF" in stdout
    code, stdout, err = run(
        capsys,
        "verify-pdf",
        out,
        "--trust",
        province(demo, "ca.pem"),
        "--crl",
        province(demo, "crl.pem"),
    )
    assert code == 0, err
    assert "signed by: KAB-" in stdout and "signed at:" in stdout
    assert "file changed since signing: no" in stdout
    assert "intact: yes  valid: yes  trusted: yes" in stdout and "VALID" in stdout
    code, stdout, _ = run(capsys, "verify-pdf", out, "--trust", province(demo, "ca.pem"), "--json")
    result = json.loads(stdout)
    assert code == 0 and result["valid"] and result["signatures"][0]["trusted"]

    data = bytearray(out.read_bytes())
    data[300] ^= 0x01
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(bytes(data))
    code, _, err = run(capsys, "verify-pdf", broken, "--trust", province(demo, "ca.pem"))
    assert code == 1 and "NOT VALID" in err

    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf at all")
    code, _, err = run(capsys, "verify-pdf", junk, "--trust", province(demo, "ca.pem"))
    assert code == 1 and "NOT VALID" in err
    code, _, err = run(capsys, "verify-pdf", out, "--trust", tmp_path / "missing.pem")
    assert code == 2


def test_verify_refuses_a_revoked_or_foreign_certificate(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = as_user(demo, monkeypatch, "supervisor1")
    out = tmp_path / "rekap.pdf"
    assert (
        run(capsys, "report", demo.path, "--contest", C, "--out", out, "--sign", "--user", user)[0]
        == 0
    )
    now = dt.datetime.now(dt.UTC)
    ca = k.load_certificate(province(demo, "ca.pem").read_bytes(), what="ca")
    ca_key = k.load_private_key(
        k.unwrap_secret(
            province(demo, "ca-key.age").read_bytes(),
            str(demo.credentials["province_ca_passphrase"]),
            what="ca-key.age",
        ),
        what="ca-key.age",
    )
    cert = k.load_certificate((demo.path / "keys" / "cert.pem").read_bytes(), what="cert")
    crl = tmp_path / "revoked.pem"
    crl.write_bytes(k.pem(k.make_crl(ca, ca_key, now, 7, [(cert.serial_number, now)])))
    code, stdout, err = run(
        capsys, "verify-pdf", out, "--trust", province(demo, "ca.pem"), "--crl", crl
    )
    assert code == 1 and "REVOKED" in stdout and "revoked" in err

    other_ca = tmp_path / "other-ca.pem"
    other_ca.write_bytes(k.pem(k.make_ca(k.generate_signing_key(), "PROVINSI LAIN", now)))
    code, stdout, err = run(capsys, "verify-pdf", out, "--trust", other_ca)
    assert code == 1 and "trusted: NO" in stdout and "not issued by the trusted CA" in err


def test_report_refuses_operators_and_wrong_passphrases(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = as_user(demo, monkeypatch, "operator1")
    code, _, err = run(
        capsys, "report", demo.path, "--contest", C, "--out", tmp_path / "x.pdf", "--user", user
    )
    assert code == 2 and "may not" in err
    user = as_user(demo, monkeypatch, "supervisor1")
    monkeypatch.setenv("KAMARHITUNG_KEY_PASSPHRASE", "bukan-kuncinya-123")
    code, _, err = run(
        capsys,
        "report",
        demo.path,
        "--contest",
        C,
        "--out",
        tmp_path / "x.pdf",
        "--sign",
        "--user",
        user,
    )
    assert code == 2 and "passphrase" in err
    assert not (tmp_path / "x.pdf").exists()
    code, _, err = run(capsys, "report", demo.path, "--contest", C, "--out", tmp_path / "x.pdf")
    assert code == 2 and "--user" in err


def test_every_kecamatan_into_a_folder_and_the_kinds(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = as_user(demo, monkeypatch, "supervisor1")
    folder = tmp_path / "kec"
    code, stdout, err = run(
        capsys,
        "report",
        demo.path,
        "--contest",
        C,
        "--level",
        "kecamatan",
        "--out",
        folder,
        "--user",
        user,
        "--json",
    )
    assert code == 0, err
    made = json.loads(stdout)
    assert len(made) == len(list(folder.glob("*.pdf"))) >= 2
    assert all(m["level"] == "kecamatan" and m["draft"] for m in made)
    code, _, err = run(
        capsys,
        "report",
        demo.path,
        "--contest",
        C,
        "--level",
        "kecamatan",
        "--out",
        tmp_path / "one.pdf",
        "--user",
        user,
    )
    assert code == 2 and "folder" in err
    kec = first_kecamatan(demo)
    for kind in ("annex", "anomalies", "progress"):
        out = tmp_path / f"{kind}.pdf"
        code, _, err = run(
            capsys,
            "report",
            demo.path,
            "--contest",
            C,
            "--level",
            "kecamatan",
            "--region",
            f"{kec[:2]}.{kec[2:4]}.{kec[4:]}",
            "--kind",
            kind,
            "--out",
            out,
            "--user",
            user,
        )
        assert code == 0, err
        assert out.read_bytes().startswith(b"%PDF")


def test_report_set_signed(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = as_user(demo, monkeypatch, "supervisor1")
    code, stdout, err = run(
        capsys,
        "report-set",
        demo.path,
        "--contest",
        C,
        "--out",
        tmp_path / "set",
        "--sign",
        "--user",
        user,
    )
    assert code == 0, err
    assert "and signed" in stdout
    files = sorted((tmp_path / "set").glob("*.pdf"))
    assert any("lampiran-tps-kabupaten" in f.name for f in files)
    for f in files:
        assert run(capsys, "verify-pdf", f, "--trust", province(demo, "ca.pem"))[0] == 0


def test_region_finalise_and_reopen(
    demo: Demo, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    kec = first_kecamatan(demo)
    user = as_user(demo, monkeypatch, "supervisor1")
    code, _, err = run(
        capsys, "region", "finalize", demo.path, "--contest", C, "--region", kec, "--user", user
    )
    assert code == 2 and "not final" in err
    with demo.ws.store.reading() as s:
        rows = s.execute(
            select(SyntheticImageRow.tps_id, SyntheticImageRow.values_json).where(
                SyntheticImageRow.contest_id == C, SyntheticImageRow.tps_id.startswith(kec)
            )
        ).all()
    op1, op2, sup = demo.login("operator1"), demo.login("operator2"), demo.login("supervisor1")
    for tps, values in rows:
        item = {"tps": tps, "contest": C, "values": json.loads(values)}
        entry.submit_entry(demo.ws, op1, item)
        if entry.submit_entry(demo.ws, op2, item).state == State.JANGGAL:
            entry.accept_janggal(demo.ws, sup, tps, C, "kertas tidak konsisten")
    code, stdout, err = run(
        capsys,
        "region",
        "finalise",
        demo.path,
        "--contest",
        C,
        "--region",
        kec,
        "--user",
        user,
        "--json",
    )
    assert code == 0, err
    assert json.loads(stdout)["finalised"]["by"] == "supervisor1"
    code, stdout, _ = run(capsys, "region", "status", demo.path, "--contest", C)
    assert code == 0 and f"{kec}\tkecamatan" in stdout and "FINAL (supervisor1" in stdout
    out = tmp_path / "final.pdf"
    code, stdout, _ = run(
        capsys,
        "report",
        demo.path,
        "--contest",
        C,
        "--level",
        "kecamatan",
        "--region",
        kec,
        "--out",
        out,
        "--user",
        user,
    )
    assert code == 0 and ", FINAL," in stdout
    code, _, err = run(
        capsys, "region", "reopen", demo.path, "--contest", C, "--region", kec, "--user", user
    )
    assert code == 2 and "reason" in err
    code, _, _ = run(
        capsys,
        "region",
        "reopen",
        demo.path,
        "--contest",
        C,
        "--region",
        kec,
        "--reason",
        "koreksi pleno",
        "--user",
        user,
    )
    assert code == 0
