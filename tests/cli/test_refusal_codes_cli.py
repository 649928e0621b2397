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


class FullDemo(Protocol):
    path: Path

    def password(self, name: str) -> str: ...


# (the command, the user whose password is given, the code expected): a few commands of each
# group, each refused for a reason of its own (the services', the workspace's, core's, the
# command line's), once with --json (the code object on stdout) and once without (the sentence
# on stderr only).
CASES: list[tuple[list[str], str | None, str]] = [
    (["users", "list", "{ws}", "--user", "admin"], "wrong", "LOGIN_REFUSED"),
    (["users", "list", "{ws}", "--user", "operator1"], "operator1", "WRONG_ROLE"),
    (["users", "add", "{ws}", "--user", "admin", "--name", "x1", "--role", "operator"],
     "admin", "CLI_NO_PASSWORD"),
    (["users", "deactivate", "{ws}", "--user", "admin", "--name", "admin"], "admin",
     "OWN_ACCOUNT"),
    (["entry", "show", "{ws}", "--tps", "9999999999999", "--contest", "gubernur", "--user",
      "supervisor1"], "supervisor1", "UNKNOWN_TPS"),
    (["entry", "release", "{ws}", "--tps", "9999999999999", "--contest", "gubernur",
      "--user", "supervisor1"], "supervisor1", "NOBODY_HOLDS"),
    (["status", "{tmp}/nothing-here", "--json"], None, "NOT_A_WORKSPACE"),
    (["audit", "list", "{ws}", "--user", "admin", "--limit", "0"], "admin", "CLI_LIMIT"),
    (["audit", "list", "{ws}", "--user", "admin", "--since", "yesterday"], "admin",
     "CLI_NOT_A_TIME"),
    (["images", "list", "{ws}", "--tps", "9999999999999"], None, "UNKNOWN_TPS"),
    (["backup", "{ws}"], None, "CLI_NEEDS_USER"),
    (["restore", "{tmp}/none.sqlite", "{tmp}/restored"], None, "CLI_NEEDS_ADMIN"),
    (["demo", "{ws}"], None, "CLI_DEMO_NOT_EMPTY"),
    (["keys", "status", "{tmp}/nothing-here"], None, "NOT_A_WORKSPACE"),
    (["bundle", "export", "{ws}", "--out", "{tmp}", "--user", "operator1"], "operator1",
     "WRONG_ROLE"),
    (["province", "list", "{ws}"], None, "NOT_PROVINCE_WORKSPACE"),
    (["province", "crl", "{tmp}"], None, "NO_FILE"),
    (["region", "finalize", "{ws}", "--contest", "gubernur", "--region", "99", "--user",
      "supervisor1"], "supervisor1", "BAD_REGION_CODE"),
    (["quality", "sample", "{ws}", "--contest", "gubernur", "--seed", "1 2 3", "--user",
      "supervisor1"], "supervisor1", "CLI_FORMS_OR_TARGET"),
    (["quality", "pairing", "{ws}", "on", "--user", "operator1"], "operator1", "WRONG_ROLE"),
    (["repeat", "mark", "{ws}", "--tps", "9999999999999", "--contest", "gubernur", "--kind",
      "PSX", "--reason", "r", "--reference", "n", "--user", "supervisor1"], "supervisor1",
     "NOT_ONE_OF"),
    (["room", "stop", "{ws}"], None, "CLI_NEEDS_ADMIN"),
    (["room", "code", "{ws}", "--user", "supervisor1"], "supervisor1", "NOT_A_ROOM_HOST"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "user", "expected"), CASES, ids=[" ".join(c[0][:2]) for c in CASES]
)
def test_every_group_refuses_with_its_code_in_json_and_its_sentence_without(
    demo: FullDemo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    user: str | None,
    expected: str,
) -> None:
    monkeypatch.setenv("KAMARHITUNG_CA_PASSPHRASE", "a passphrase long enough")
    monkeypatch.setenv("KAMARHITUNG_KEY_PASSPHRASE", "a passphrase long enough")
    if user is None:
        monkeypatch.delenv("KAMARHITUNG_PASSWORD", raising=False)
    else:
        password = "not the password 1" if user == "wrong" else demo.password(user)
        monkeypatch.setenv("KAMARHITUNG_PASSWORD", password)
    words = [a.format(ws=demo.path, tmp=tmp_path) for a in argv]
    plain = [w for w in words if w != "--json"]

    code, out, err = run(capsys, *plain)
    assert code == 2, (code, out, err)
    assert out == "" and err.startswith("kamarhitung: ") and err.count("\n") == 1, (out, err)
    sentence = err.removeprefix("kamarhitung: ").strip()

    code, out, err = run(capsys, *plain, "--json")
    assert code == 2, (code, out, err)
    got = json.loads(out)
    assert got["refused"] is True and got["code"] == expected, got
    assert got["reason"] == sentence == err.removeprefix("kamarhitung: ").strip()
    assert isinstance(got["params"], dict)


def test_every_command_that_can_be_refused_takes_json() -> None:
    """``--json`` is accepted by every command but the long-running ``room serve`` and the two
    that write their result as JSON already with ``--format json`` (``recap``,
    ``province recap``)."""
    without = {c.name for c in cli.COMMANDS if not any("--json" in a.flags for a in c.args)}
    assert without == {"room serve", "recap", "province recap"}


def test_entry_submit_refused_whole_prints_a_list_of_one_result(
    demo: FullDemo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``entry submit --json`` prints a list of results (INTERFACES.md), also when the whole
    command is refused: one result naming the code."""
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("operator1"))
    bad = tmp_path / "bad.json"
    bad.write_text('{"tps": "x", "tps": "y"}', encoding="utf-8")
    argv = ["entry", "submit", str(demo.path), str(bad), "--user", "operator1"]
    code, out, err = run(capsys, *argv, "--json")
    assert code == 2
    assert json.loads(out) == [
        {
            "tps": None,
            "contest": None,
            "error": "the JSON names the key 'tps' twice in one object",
            "code": "CLI_JSON_KEY_TWICE",
        }
    ]
    assert err == "kamarhitung: the JSON names the key 'tps' twice in one object\n"


def test_a_master_refusal_in_json_lists_every_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    master = tmp_path / "master.xlsx"
    code, out, _ = run(capsys, "master-template", str(master), "--json")
    assert code == 0 and json.loads(out) == {"file": str(master)}
    master.write_text("not a workbook", encoding="utf-8")
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "admin-password-1")
    code, out, err = run(
        capsys, "init", str(tmp_path / "ws"), "--master", str(master), "--admin", "admin", "--json"
    )
    assert code == 2
    got = json.loads(out)
    assert got["refused"] is True and got["code"] == "MASTER_PROBLEMS"
    assert got["params"]["count"] == len(got["problems"]) >= 1
    first = got["problems"][0]
    assert set(first) == {"sheet", "row", "column", "code", "text"}
    assert first["text"] in err and "no workspace was created" in err
    assert not (tmp_path / "ws" / "kamarhitung.sqlite").exists()


def test_a_command_that_succeeds_with_json_prints_its_result_as_json(
    demo: FullDemo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("supervisor1"))
    code, out, err = run(
        capsys, "quality", "pairing", str(demo.path), "off", "--user", "supervisor1", "--json"
    )
    assert code == 0, err
    assert json.loads(out) == {"pairing": False}
    code, out, err = run(capsys, "backup", str(demo.path), "--user", "supervisor1", "--json")
    assert code == 0, err
    got = json.loads(out)
    assert Path(got["path"]).is_file() and got["size"] > 0 and got["events"] >= 1
