"""With ``--json``, a refused command prints its refusal's code (issue 15): the services' codes
and the command line's own (``Refused``), exit code 2, the sentence on stderr."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import pytest

from kamarhitung import cli


class Demo(Protocol):
    path: Path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_refusals_carry_their_code_in_json(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "province", "list", str(demo.path), "--json")
    assert code == 2 and "not a province workspace" in err
    got = json.loads(out)
    assert got["refused"] is True and got["code"] == "NOT_PROVINCE_WORKSPACE"
    assert got["reason"] == err.removeprefix("kamarhitung: ").strip()

    csr, out_file = tmp_path / "req.csr", tmp_path / "cert.pem"
    csr.write_bytes(b"not read further")
    out_file.write_bytes(b"kept")
    code, out, err = run(
        capsys, "province", "issue", str(tmp_path), str(csr), "--out", str(out_file), "--json"
    )
    assert code == 2 and err == f"kamarhitung: {out_file} already exists\n"
    assert json.loads(out)["code"] == "CLI_FILE_EXISTS"
    assert out_file.read_bytes() == b"kept"

    code, out, err = run(capsys, "province", "list", str(demo.path))  # no --json: stderr only
    assert code == 2 and out == "" and "not a province workspace" in err
