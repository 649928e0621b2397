"""The command line of keys, bundles and the province (INTERFACES.md), exit codes included:
0 done or valid, 1 a bundle refused, 2 the request refused (wrong passphrase, role...)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Protocol

import pytest

from kamarhitung import cli
from kamarhitung.core import keys as k
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace


class Demo(Protocol):
    path: Path
    credentials: dict[str, object]
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *argv: str,
    **env: str,
) -> tuple[int, str, str]:
    for name in ("KAMARHITUNG_PASSWORD", "KAMARHITUNG_KEY_PASSPHRASE", "KAMARHITUNG_CA_PASSPHRASE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_whole_key_ceremony_and_a_bundle_through_the_command_line(
    demo: Demo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The production scrypt work factor costs ~2 s a wrap and ~1.4 s an unwrap here; this test
    # wraps and unwraps a dozen times, so it lowers it (tests/core/test_keys.py covers the
    # real one). Nothing else is changed: every command goes through cli.main.
    real_wrap = k.wrap_secret
    monkeypatch.setattr(
        k,
        "wrap_secret",
        lambda data, pw, *, work_factor=None: real_wrap(data, pw, work_factor=work_factor or 10),
    )
    ws = str(demo.path)
    ca = tmp_path / "ca"
    sup = {"KAMARHITUNG_PASSWORD": demo.password("supervisor1")}
    ca_pw = {"KAMARHITUNG_CA_PASSPHRASE": "province ca passphrase"}
    id_pw = {"KAMARHITUNG_KEY_PASSPHRASE": "province identity passphrase"}
    kab_pw = {"KAMARHITUNG_KEY_PASSPHRASE": "kabupaten key passphrase"}

    code, out, err = run(
        capsys, monkeypatch, "province", "ca-init", str(ca), "--name", "PROVINSI X", "--json",
        **ca_pw, **id_pw,
    )  # fmt: skip
    assert code == 0, err
    info = json.loads(out)
    assert info["identity_wrapped"] and (ca / "identity.age").read_bytes().startswith(k.AGE_MAGIC)
    assert (ca / "recipient.txt").read_text().strip() == info["recipient"]

    code, out, err = run(
        capsys, monkeypatch, "keys", "generate", ws, "--user", "supervisor1", **sup, **kab_pw
    )
    assert code == 2 and "already exists" in err  # the demo has a key
    code, out, err = run(
        capsys,
        monkeypatch,
        "keys",
        "generate",
        ws,
        "--user",
        "supervisor1",
        "--replace",
        **sup,
        **kab_pw,
    )
    assert code == 0, err
    csr = demo.path / "keys/request.csr"
    assert str(csr) in out

    cert = tmp_path / "cert.pem"
    code, out, err = run(
        capsys,
        monkeypatch,
        "province",
        "issue",
        str(ca),
        str(csr),
        "--out",
        str(cert),
        **{"KAMARHITUNG_CA_PASSPHRASE": "wrong passphrase!"},
    )
    assert code == 2 and "wrong passphrase" in err and not cert.exists()
    code, out, err = run(
        capsys, monkeypatch, "province", "issue", str(ca), str(csr), "--out", str(cert), **ca_pw
    )
    assert code == 0, err
    assert "KAB-" + demo.ws.meta()["kabupaten_code"] in out

    code, out, err = run(
        capsys, monkeypatch, "keys", "install", ws, "--cert", str(cert), "--ca", str(ca / "ca.pem"),
        "--crl", str(ca / "crl.pem"), "--recipient", str(ca / "recipient.txt"),
        "--user", "operator1", KAMARHITUNG_PASSWORD=demo.password("operator1"),
    )  # fmt: skip
    assert code == 2 and "needs supervisor or admin" in err
    code, out, err = run(
        capsys, monkeypatch, "keys", "install", ws, "--cert", str(cert), "--ca", str(ca / "ca.pem"),
        "--crl", str(ca / "crl.pem"), "--recipient", str(ca / "recipient.txt"),
        "--user", "supervisor1", **sup,
    )  # fmt: skip
    assert code == 0, err

    out_dir = tmp_path / "usb"
    out_dir.mkdir()
    code, out, err = run(
        capsys,
        monkeypatch,
        "bundle",
        "export",
        ws,
        "--out",
        str(out_dir),
        "--user",
        "supervisor1",
        "--json",
        **sup,
        **kab_pw,
    )
    assert code == 0, err
    khb = Path(json.loads(out)["path"])
    assert khb.parent == out_dir and khb.suffix == ".khb"

    verify = (
        "bundle",
        "verify",
        str(khb),
        "--identity",
        str(ca / "identity.age"),
        "--trust",
        str(ca / "ca.pem"),
    )
    code, out, err = run(capsys, monkeypatch, *verify, "--crl", str(ca / "crl.pem"), **id_pw)
    assert code == 0, err
    assert "valid" in out and "revocation checked" in out
    code, out, err = run(
        capsys, monkeypatch, *verify, KAMARHITUNG_KEY_PASSPHRASE="wrong passphrase!"
    )
    assert code == 2 and "wrong passphrase" in err

    prov = tmp_path / "prov"
    code, out, err = run(
        capsys, monkeypatch, "province", "init", str(prov), "--admin", "padmin", "--ca", str(ca / "ca.pem"),
        "--identity", str(ca / "identity.age"), KAMARHITUNG_PASSWORD="province-admin-1", **id_pw,
    )  # fmt: skip
    assert code == 0, err
    assert "revocation list installed" in out  # crl.pem beside ca.pem
    code, out, err = run(
        capsys, monkeypatch, "province", "import", str(prov), str(khb), "--json", **id_pw
    )
    assert code == 0, err
    (imported,) = json.loads(out)
    assert imported["imported"] and imported["revocation_checked"]

    rec = tmp_path / "rekap.json"
    code, out, err = run(
        capsys,
        monkeypatch,
        "province",
        "recap",
        str(prov),
        "--contest",
        "gubernur",
        "--level",
        "kabupaten",
        "--format",
        "json",
        "--out",
        str(rec),
    )
    assert code == 0, err
    assert json.loads(rec.read_text())["rows"][0]["code"] == demo.ws.meta()["kabupaten_code"]

    code, out, err = run(capsys, monkeypatch, "province", "revoke", str(ca), str(cert), **ca_pw)
    assert code == 0, err
    code, out, err = run(capsys, monkeypatch, *verify, "--crl", str(ca / "crl.pem"), **id_pw)
    assert code == 1
    assert err.count("\n") == 1 and "is revoked" in err and str(khb) in err
    code, out, err = run(capsys, monkeypatch, "province", "list", str(prov), "--json")
    assert code == 0 and json.loads(out)[0]["bundle_id"] == imported["bundle_id"]


@pytest.fixture
def exported(
    mixed: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run(
        capsys, monkeypatch, "bundle", "export", str(mixed.path), "--out", str(out / "b.khb"), "--user", "supervisor1",
        KAMARHITUNG_PASSWORD=mixed.password("supervisor1"), KAMARHITUNG_KEY_PASSPHRASE=str(mixed.credentials["key_passphrase"]),
    )  # fmt: skip
    assert code == 0, err
    return out / "b.khb"


def test_verify_and_import_exit_codes(
    mixed: Demo,
    exported: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdir = mixed.path / "demo-province"
    bad = tmp_path / "bad.khb"
    data = bytearray(exported.read_bytes())
    data[len(data) // 2] ^= 1
    bad.write_bytes(bytes(data))
    args = ("--identity", str(pdir / "identity.age"), "--trust", str(pdir / "ca.pem"))
    code, out, err = run(capsys, monkeypatch, "bundle", "verify", str(bad), *args, "--json")
    assert code == 1
    got = json.loads(out)
    assert got["valid"] is False
    assert (got["code"], got["kind"]) == ("BUNDLE_DAMAGED", "damaged")
    assert err == (
        f"kamarhitung: {bad}: the bundle file is truncated or damaged, or was changed after it "
        "was made\n"
    )
    code, out, err = run(capsys, monkeypatch, "bundle", "verify", str(exported), *args, "--json")
    assert code == 0 and json.loads(out)["revocation_checked"] is False

    prov = tmp_path / "prov"
    code, _, err = run(
        capsys, monkeypatch, "province", "init", str(prov), "--admin", "padmin", "--ca", str(pdir / "ca.pem"),
        "--identity", str(pdir / "identity.age"), KAMARHITUNG_PASSWORD="province-admin-1",
    )  # fmt: skip
    assert code == 0, err
    code, out, err = run(
        capsys, monkeypatch, "province", "import", str(prov), str(bad), str(exported)
    )
    assert code == 1  # one refused, the other imported
    assert err.startswith(f"kamarhitung: {bad}: refused: ") and err.count("\n") == 1
    assert f"{exported}: imported KAB-" in out
    code, out, err = run(capsys, monkeypatch, "province", "import", str(mixed.path), str(exported))
    assert code == 2 and "not a province workspace" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        "province",
        "recap",
        str(prov),
        "--contest",
        "gubernur",
        "--level",
        "kecamatan",
        "--format",
        "csv",
        "--out",
        "-",
    )
    assert code == 0 and out.startswith("code,name,kabupaten,tps_total,tps_final,coverage,")


def test_the_installed_program_refuses_a_truncated_bundle(
    mixed: Demo, exported: Path, tmp_path: Path
) -> None:
    """The real process (``python -m kamarhitung``): exit code 1 and one sentence."""
    pdir = mixed.path / "demo-province"
    short = tmp_path / "short.khb"
    short.write_bytes(exported.read_bytes()[:5000])
    argv = [sys.executable, "-m", "kamarhitung", "bundle", "verify", str(short)]
    argv += ["--identity", str(pdir / "identity.age"), "--trust", str(pdir / "ca.pem")]
    bad = subprocess.run(argv, capture_output=True, text=True, check=False)
    assert bad.returncode == 1
    assert (
        bad.stderr
        == f"kamarhitung: {short}: the bundle file is truncated or damaged, or was changed after it was made\n"
    )
