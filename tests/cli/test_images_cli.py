"""Tests of ``kamarhitung images import|unmatched|missing|render`` through ``cli.main``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Protocol

import pytest
from PIL import Image
from sqlalchemy import select

from kamarhitung.cli import main
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import TpsRow


class Demo(Protocol):
    """The ``demo`` fixture of conftest: a copied demo workspace and its users."""

    path: Path
    ws: Workspace

    def password(self, name: str) -> str: ...


def tps_ids(demo: Demo, n: int = 2) -> list[str]:
    with demo.ws.store.reading() as s:
        return list(s.execute(select(TpsRow.id).order_by(TpsRow.id).limit(n)).scalars())


def png(path: Path, shade: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (16, 12), shade).save(path, "PNG")
    return path


@pytest.fixture
def as_operator(demo: Demo, monkeypatch: pytest.MonkeyPatch) -> Demo:
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("operator1"))
    return demo


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_json_exit_0_with_unmatched(
    as_operator: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    t1, t2 = tps_ids(as_operator)
    folder = tmp_path / "in"
    png(folder / f"C1-{t1}-gubernur.png", 1)
    png(folder / f"{t2[:2]}.{t2[2:4]}.{t2[4:6]}.{t2[6:10]}.{t2[10:]}.png", 2)
    png(folder / "IMG_0001.png", 3)
    code, out, err = run(
        capsys,
        "images",
        "import",
        str(as_operator.path),
        str(folder),
        "--user",
        "operator1",
        "--json",
    )
    assert code == 0, err
    assert err == ""
    rep = json.loads(out)
    assert rep["files"] == 3
    assert sorted((i["tps"], i["contest"]) for i in rep["imported"]) == sorted(
        [(t1, "gubernur"), (t2, None)]
    )
    assert [Path(u["file"]).name for u in rep["unmatched"]] == ["IMG_0001.png"]
    assert rep["refused"] == []

    code, out, _ = run(capsys, "images", "unmatched", str(as_operator.path), "--json")
    assert code == 0
    assert [i["file_name"] for i in json.loads(out)] == ["IMG_0001.png"]

    # Again: everything is a duplicate, still exit 0; the text report says so.
    code, out, _ = run(
        capsys, "images", "import", str(as_operator.path), str(folder), "--user", "operator1"
    )
    assert code == 0
    assert out.count("duplicate\t") == 3
    assert "3 files: 0 images imported, 3 duplicates, 0 unmatched, 0 refused" in out


def test_refused_files_exit_2_and_are_named_on_stderr(
    as_operator: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    t1, _ = tps_ids(as_operator)
    good = png(tmp_path / f"{t1}.png", 5)
    bad = tmp_path / "scan.jpg"
    bad.write_bytes(b"not a photo at all")
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    code, out, err = run(
        capsys,
        "images",
        "import",
        str(as_operator.path),
        str(good),
        str(bad),
        str(empty),
        "--user",
        "operator1",
        "--json",
    )
    assert code == 2
    rep = json.loads(out)
    assert [i["tps"] for i in rep["imported"]] == [t1]  # the rest still imported
    assert {r["code"] for r in rep["refused"]} == {"not_image", "empty"}
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{bad}: refused (not_image): ")
    assert lines[1].startswith(f"{empty}: refused (empty): ")


def test_import_needs_a_user_and_the_right_password(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    f = png(tmp_path / "IMG_0001.png", 9)
    code, _, err = run(capsys, "images", "import", str(demo.path), str(f))
    assert code == 2
    assert "--user" in err
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", "wrong")
    code, _, err = run(capsys, "images", "import", str(demo.path), str(f), "--user", "operator1")
    assert code == 2
    assert "password" in err


def test_unknown_contest_is_refused(
    as_operator: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = png(tmp_path / "IMG_0001.png", 9)
    code, _, err = run(
        capsys,
        "images",
        "import",
        str(as_operator.path),
        str(f),
        "--user",
        "operator1",
        "--contest",
        "presiden",
    )
    assert code == 2
    assert "presiden" in err


def test_render_and_missing(
    as_operator: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    t1, _ = tps_ids(as_operator)
    code, out, _ = run(
        capsys, "images", "render", str(as_operator.path), "--tps", t1, "--workers", "1"
    )
    assert code == 0
    assert out.startswith("2 synthetic form photos rendered")
    code, out, _ = run(capsys, "images", "missing", str(as_operator.path), "--json")
    assert (code, json.loads(out)) == (0, [])
    for f in (as_operator.path / "images").rglob("*.jpg"):
        f.unlink()
    code, out, err = run(capsys, "images", "missing", str(as_operator.path), "--json")
    assert code == 1
    assert len(json.loads(out)) == 2
    assert err.count("is missing") == 2


def test_pages_of_one_tps_and_a_corrected_form(
    as_operator: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three photos of one TPS are pages 1 to 3 of its contest; a later corrected page 2 is kept
    beside the original; ``images list`` gives them in page order (INTERFACES.md)."""
    (t1,) = tps_ids(as_operator, 1)
    folder = tmp_path / "in"
    png(folder / f"{t1}_gubernur_p3.png", 30)
    png(folder / f"{t1}-hal1-gubernur.png", 10)
    png(folder / f"{t1}_gubernur_p2.png", 20)
    png(folder / f"{t1}_gubernur_p2_koreksi.png", 25)
    png(folder / f"{t1}_bupati_p1.png", 40)
    code, _, err = run(
        capsys, "images", "import", str(as_operator.path), str(folder), "--user", "operator1"
    )
    assert code == 0, err
    code, out, err = run(capsys, "images", "list", str(as_operator.path), "--tps", t1, "--json")
    assert code == 0, err
    listed = json.loads(out)
    assert [(x["contest"], x["page"], x["corrected"]) for x in listed] == [
        ("bupati", 1, False),
        ("gubernur", 1, False),
        ("gubernur", 2, False),
        ("gubernur", 2, True),
        ("gubernur", 3, False),
    ]
    assert all(len(str(x["sha256"])) == 64 for x in listed)
    # Dotted ids are accepted; an unknown TPS is refused with exit 2.
    dotted = f"{t1[:2]}.{t1[2:4]}.{t1[4:6]}.{t1[6:10]}.{t1[10:]}"
    code, out, _ = run(capsys, "images", "list", str(as_operator.path), "--tps", dotted)
    assert code == 0 and "halaman 2 ... " not in out and "(koreksi)" in out
    code, _, err = run(capsys, "images", "list", str(as_operator.path), "--tps", "9999999999999")
    assert code == 2 and "9999999999999" in err
