"""Tests of ``kamarhitung images assign`` and ``kamarhitung entry release`` through ``cli.main``."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pytest
from PIL import Image
from sqlalchemy import select

from kamarhitung.cli import main
from kamarhitung.core.entry import State
from kamarhitung.core.model import dotted
from kamarhitung.services import entry, images
from kamarhitung.services.common import Actor
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import TpsRow


class Demo(Protocol):
    """The ``demo`` fixture of conftest: a copied demo workspace and its users."""

    path: Path
    ws: Workspace

    def password(self, name: str) -> str: ...

    def login(self, name: str) -> Actor: ...


def first_tps(demo: Demo) -> str:
    with demo.ws.store.reading() as s:
        return str(s.execute(select(TpsRow.id).order_by(TpsRow.id).limit(1)).scalar_one())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_images_assign(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tps = first_tps(demo)
    photo = tmp_path / "IMG_0001.png"
    Image.new("L", (16, 12), 5).save(photo, "PNG")
    rep = images.import_images(demo.ws, demo.login("operator1"), [photo])
    (unmatched,) = rep.unmatched
    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("operator1"))
    image_id = str(unmatched.form_image_id)

    code, _out, err = run(
        capsys, "images", "assign", str(demo.path), image_id, "--tps", "99.99.99.9999.999",
        "--user", "operator1",
    )  # fmt: skip
    assert code == 2
    assert "unknown TPS" in err
    assert images.unmatched_images(demo.ws) != []

    code, out, err = run(
        capsys, "images", "assign", str(demo.path), image_id, "--tps", dotted(tps),
        "--user", "operator1",
    )  # fmt: skip
    assert code == 0, err
    assert f"TPS {tps}" in out
    assert images.unmatched_images(demo.ws) == []
    assert [im.id for im in images.tps_images(demo.ws, tps)] == [unmatched.form_image_id]


def test_entry_release(
    demo: Demo, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    tps = first_tps(demo)
    contest = demo.ws.contests()[0].id
    entry.claim_form(demo.ws, demo.login("operator1"), tps, contest)
    argv = ("entry", "release", str(demo.path), "--tps", dotted(tps), "--contest", contest)

    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("operator1"))
    code, _out, err = run(capsys, *argv, "--user", "operator1")
    assert code == 2, err
    supervisor = demo.login("supervisor1")
    assert [
        q.tps_id for q in entry.queue(demo.ws, supervisor, contest, [State.FIRST_IN_PROGRESS])
    ] == [tps]

    monkeypatch.setenv("KAMARHITUNG_PASSWORD", demo.password("supervisor1"))
    code, out, err = run(capsys, *argv, "--user", "supervisor1")
    assert code == 0, err
    assert "released" in out
    assert entry.queue(demo.ws, supervisor, contest, [State.FIRST_IN_PROGRESS]) == []
    assert tps in [q.tps_id for q in entry.queue(demo.ws, supervisor, contest, [State.EMPTY])]
