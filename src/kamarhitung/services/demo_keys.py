"""The demo's keys (``kamarhitung demo``): a province CA and identity beside the workspace and the
workspace's key with a certificate from that CA. Here, not in services/keys.py, because it uses
the province's CA (services/province_ca.py), which itself uses services/keys.py."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path

from kamarhitung.core import keys as k
from kamarhitung.services import keys, province_ca
from kamarhitung.services.workspace import Workspace


def _demo_passphrase() -> str:
    return "-".join(secrets.token_hex(3) for _ in range(4))


def create_demo_keys(ws: Workspace, path: Path) -> dict[str, str]:
    """The demo's keys: the province's CA and identity in ``path/demo-province/`` and this
    workspace's key with a certificate from that CA, installed. Returns the passphrases for
    ``demo-credentials.json`` (``key_passphrase``, ``province_ca_passphrase``).

    The province identity is written unencrypted and marked as a demo key (BUNDLE.md allows it);
    scrypt runs at :data:`~kamarhitung.core.keys.DEMO_WORK_FACTOR` since the passphrases are
    stored beside the keys anyway."""
    key_pw = _demo_passphrase()
    ca_pw = _demo_passphrase()
    meta = ws.meta()
    pdir = path / "demo-province"
    if pdir.exists():
        shutil.rmtree(pdir)
    province_ca.ca_init(
        pdir,
        name=f"PROVINSI {meta.get('provinsi_name', '')} (DEMO)".replace("  ", " "),
        ca_passphrase=ca_pw,
        identity_passphrase=None,
        now=ws.clock.now(),
        work_factor=k.DEMO_WORK_FACTOR,
    )
    req = keys.generate_key(ws, None, key_pw, work_factor=k.DEMO_WORK_FACTOR)
    issued = province_ca.issue(pdir, req.csr_path.read_bytes(), ca_pw, now=ws.clock.now())
    keys.install_certificate(
        ws,
        None,
        cert_pem=issued.pem,
        ca_pem=(pdir / province_ca.CA_CERT).read_bytes(),
        crl_pem=(pdir / province_ca.CRL).read_bytes(),
        recipient_text=(pdir / province_ca.RECIPIENT).read_text(encoding="ascii"),
    )
    return {"key_passphrase": key_pw, "province_ca_passphrase": ca_pw}
