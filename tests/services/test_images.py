"""Tests of form image intake, matching, arrangement and the demo's lazily rendered photos."""

from __future__ import annotations

import io
import json
import shutil
import struct
import zlib
from pathlib import Path
from typing import Protocol

import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from kamarhitung.core.imagecheck import ImageRefused
from kamarhitung.services import images
from kamarhitung.services.audit import verify_chain
from kamarhitung.services.common import (
    Actor,
    ConflictError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
)
from kamarhitung.services.workspace import Workspace
from kamarhitung.store.models import AuditEventRow, FormImageRow, ImageRow, TpsRow
from kamarhitung.store.workspace import ReadOnlyWorkspaceError, WorkspaceStore


class Demo(Protocol):
    """The ``demo`` fixture of conftest: a copied demo workspace and its users."""

    path: Path
    ws: Workspace

    def login(self, name: str) -> Actor: ...


# --- files made on the fly -------------------------------------------------------------------------


def jpeg_bytes(size: tuple[int, int] = (60, 40), shade: int = 0, exif: bool = False) -> bytes:
    img = Image.linear_gradient("L").resize(size).point(lambda v: (v + shade) % 256)
    out = io.BytesIO()
    if exif:
        ex = Image.Exif()
        ex[0x0112] = 6
        ex[0x010F] = "samsung"
        ex[0x0110] = "SM-A515F"
        ex.get_ifd(0x8769)[0x9003] = "2024:11:27 14:30:12"
        img.convert("RGB").save(out, "JPEG", quality=85, exif=ex)
    else:
        img.convert("RGB").save(out, "JPEG", quality=85)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def make_png(path: Path, size: tuple[int, int] = (30, 20), shade: int = 90) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", size, shade).save(path, "PNG")
    return path


def make_tiff(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (24, 32), 77).save(path, "TIFF")
    return path


def make_pdf(path: Path, pages: int = 2, encrypt: str | None = None) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for i in range(pages):
        c.drawString(72, 720, f"C.HASIL-KWK halaman {i + 1}")
        c.showPage()
    c.save()
    return path


def bomb_png(width: int = 50_000, height: int = 50_000) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (1 + (width + 7) // 8) * 4)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def tps_ids(demo: Demo, n: int = 3) -> list[str]:
    with demo.ws.store.reading() as s:
        return list(s.execute(select(TpsRow.id).order_by(TpsRow.id).limit(n)).scalars())


def local_contest(demo: Demo) -> str:
    return demo.ws.contests()[1].id  # bupati or walikota


def dotted(tid: str) -> str:
    return f"{tid[:2]}.{tid[2:4]}.{tid[4:6]}.{tid[6:10]}.{tid[10:]}"


def events(demo: Demo, action: str) -> list[AuditEventRow]:
    with demo.ws.store.reading() as s:
        return list(
            s.execute(
                select(AuditEventRow)
                .where(AuditEventRow.action == action)
                .order_by(AuditEventRow.seq)
            ).scalars()
        )


def count(demo: Demo, model: type[FormImageRow] | type[ImageRow]) -> int:
    with demo.ws.store.reading() as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


# --- import ----------------------------------------------------------------------------------------


def test_jpeg_with_exif_is_stored_as_is_with_provenance(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    data = jpeg_bytes((60, 40), exif=True)
    f = write(tmp_path / "in" / f"C1-{t1}.jpg", data)
    rep = images.import_images(demo.ws, demo.login("operator1"), [f])
    assert rep.ok
    assert [(i.tps, i.contest, i.page) for i in rep.imported] == [(t1, None, 0)]
    (img,) = images.tps_images(demo.ws, t1)
    assert (img.width, img.height) == (40, 60)  # after orientation 6
    assert img.exif_time == "2024-11-27T14:30:12"
    assert img.exif_device == "samsung SM-A515F"
    assert img.file_name == f"C1-{t1}.jpg"
    assert img.imported_by == "operator1"
    assert img.ext == "jpg"
    assert img.path == demo.path / "images" / img.sha256[:2] / f"{img.sha256}.jpg"
    assert img.path.read_bytes() == data  # the evidence, byte for byte
    assert not list(img.path.parent.glob(".tmp-*"))
    (ev,) = events(demo, "image.import")
    assert ev.user_name == "operator1"
    assert ev.target == t1
    details = json.loads(ev.details_json)
    assert details["sha256"] == img.sha256
    assert details["tps"] == t1
    assert details["file"] == f.name
    assert details["outcome"] == "imported"


def test_png_tiff_and_pdf_pages(demo: Demo, tmp_path: Path) -> None:
    t1, t2, t3 = tps_ids(demo)
    folder = tmp_path / "batch"
    make_png(folder / f"{t1}.png")
    make_tiff(folder / f"{dotted(t2)}.tif")
    make_png(folder / "sub" / dotted(t2), shade=44)  # no extension: the dots are not one
    pdf = make_pdf(folder / f"scan {t3}.pdf", pages=2)
    rep = images.import_images(demo.ws, demo.login("supervisor1"), [folder])
    assert rep.files == 4
    assert rep.ok and not rep.unmatched and not rep.duplicates
    assert sorted((i.tps, i.page) for i in rep.imported) == sorted(
        [(t1, 0), (t2, 0), (t2, 0), (t3, 0), (t3, 1)]
    )
    assert [i.ext for i in images.tps_images(demo.ws, t1)] == ["png"]
    assert [(i.ext, i.width, i.height) for i in images.tps_images(demo.ws, t2)] == [
        ("tif", 24, 32),
        ("png", 30, 20),
    ]
    pages = images.tps_images(demo.ws, t3)
    assert [(p.page, p.position, p.ext, p.file_name) for p in pages] == [
        (0, 0, "jpg", pdf.name),
        (1, 1, "jpg", pdf.name),
    ]
    # A PDF's pages are the form's pages 1 and 2; a single photo's page is not known.
    assert [p.form_page for p in pages] == [1, 2]
    assert [i.form_page for i in images.tps_images(demo.ws, t1)] == [None]
    for p in pages:
        with Image.open(p.path) as im:
            assert im.size == (1654, 2339)
    # The original PDF is kept too, by its own hash.
    with demo.ws.store.reading() as s:
        kept = s.execute(select(ImageRow).where(ImageRow.ext == "pdf")).scalar_one()
    assert (demo.path / "images" / kept.sha256[:2] / f"{kept.sha256}.pdf").read_bytes() == (
        pdf.read_bytes()
    )
    (ev,) = [e for e in events(demo, "image.import") if e.target == t3]
    assert [p["page"] for p in json.loads(ev.details_json)["pages"]] == [0, 1]


def test_names_dotted_undotted_contest_unknown_and_none(demo: Demo, tmp_path: Path) -> None:
    t1, t2, _ = tps_ids(demo)
    local = local_contest(demo)
    folder = tmp_path / "in"
    make_png(folder / f"C1-{t1}-{local}.png", shade=1)
    make_png(folder / f"C1_{dotted(t2)}_gubernur.png", shade=2)
    make_png(folder / "C1-9999999999999.png", shade=3)
    make_png(folder / "IMG_20241127_143012.png", shade=4)
    rep = images.import_images(demo.ws, demo.login("operator2"), [folder])
    assert sorted((i.tps, i.contest) for i in rep.imported) == sorted(
        [(t1, local), (t2, "gubernur")]
    )
    reasons = {Path(u.file).name: u.reason for u in rep.unmatched}
    assert "not in this workspace" in reasons["C1-9999999999999.png"]
    assert "9999999999999" in reasons["C1-9999999999999.png"]
    assert reasons["IMG_20241127_143012.png"] == "no TPS id in the file name"
    listed = images.unmatched_images(demo.ws)
    assert sorted(i.file_name for i in listed) == sorted(reasons)
    assert all(i.tps_id is None for i in listed)


def test_folder_name_gives_the_tps_and_hidden_files_are_skipped(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    folder = tmp_path / "upload" / f"TPS {dotted(t1)}"
    make_png(folder / "IMG_0001.png", shade=10)
    make_png(folder / "IMG_0002.png", shade=11)
    write(folder / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(folder / "._IMG_0001.png", b"\x00\x05\x16\x07")
    rep = images.import_images(demo.ws, demo.login("operator1"), [tmp_path / "upload"])
    assert rep.files == 2
    assert [(Path(i.file).name, i.tps) for i in rep.imported] == [
        ("IMG_0001.png", t1),
        ("IMG_0002.png", t1),
    ]
    assert [i.position for i in images.tps_images(demo.ws, t1)] == [0, 1]


def test_explicit_contest_applies_to_every_file(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    f = make_png(tmp_path / f"{t1}.png")
    rep = images.import_images(demo.ws, demo.login("operator1"), [f], contest_id="gubernur")
    assert rep.imported[0].contest == "gubernur"
    with pytest.raises(NotFoundError):
        images.import_images(demo.ws, demo.login("operator1"), [f], contest_id="presiden")


def test_duplicate_is_stored_once(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    f = make_png(tmp_path / f"{t1}.png")
    copy = tmp_path / "again" / f"{dotted(t1)} copy.png"
    copy.parent.mkdir()
    shutil.copy(f, copy)
    op = demo.login("operator1")
    first = images.import_images(demo.ws, op, [f])
    second = images.import_images(demo.ws, op, [f, copy])
    assert len(first.imported) == 1
    assert not second.imported
    assert [(d.tps, d.form_image_id) for d in second.duplicates] == [
        (t1, first.imported[0].form_image_id)
    ] * 2
    assert count(demo, FormImageRow) == 1
    assert count(demo, ImageRow) == 1
    assert len(list((demo.path / "images").rglob("*.png"))) == 1
    outcomes = [json.loads(e.details_json)["outcome"] for e in events(demo, "image.import")]
    assert outcomes == ["imported", "duplicate", "duplicate"]


def test_same_bytes_for_two_tps_are_shared_and_reported(demo: Demo, tmp_path: Path) -> None:
    t1, t2, _ = tps_ids(demo)
    data = jpeg_bytes(shade=33)
    a = write(tmp_path / f"{t1}.jpg", data)
    b = write(tmp_path / f"{t2}.jpg", data)
    rep = images.import_images(demo.ws, demo.login("operator1"), [a, b])
    assert [(i.tps, i.shared_with) for i in rep.imported] == [(t1, ()), (t2, (t1,))]
    assert count(demo, FormImageRow) == 2
    assert count(demo, ImageRow) == 1


def test_unmatched_image_is_placed_when_it_comes_again_with_a_name(
    demo: Demo, tmp_path: Path
) -> None:
    t1, _, _ = tps_ids(demo)
    data = jpeg_bytes(shade=51)
    op = demo.login("operator1")
    images.import_images(demo.ws, op, [write(tmp_path / "IMG_0007.jpg", data)])
    again = images.import_images(demo.ws, op, [write(tmp_path / "IMG_0007.jpg", data)])
    assert [d.tps for d in again.duplicates] == [None]
    renamed = images.import_images(demo.ws, op, [write(tmp_path / f"{t1}.jpg", data)])
    assert [i.tps for i in renamed.imported] == [t1]
    assert renamed.imported[0].note is not None
    assert images.unmatched_images(demo.ws) == []
    assert count(demo, FormImageRow) == 1
    assert images.tps_images(demo.ws, t1)[0].file_name == "IMG_0007.jpg"  # first provenance


def test_refused_files_do_not_stop_the_batch(
    demo: Demo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    t1, t2, _ = tps_ids(demo)
    folder = tmp_path / "mixed"
    real = jpeg_bytes((200, 150), shade=7)
    bad = {
        "random.jpg": bytes(range(256)) * 8,
        "corrupt.jpg": b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8,
        "truncated.jpg": real[: len(real) // 2],
        "notes.png": b"this is a text file, not a photo\n",
        "empty.jpg": b"",
        "bomb.png": bomb_png(),
        "photo.heic": b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64,
        "unreadable.jpg": jpeg_bytes(shade=99),
    }
    for name, data in bad.items():
        write(folder / name, data)
    make_pdf(folder / "locked.pdf", pages=1, encrypt="rahasia")
    big = folder / "huge.tif"
    with big.open("wb") as f:
        f.truncate(61 * 1024 * 1024)  # sparse: large on paper, nothing on disk
    write(folder / f"{t1}.jpg", real)
    make_png(folder / f"{t2}.png")
    real_read = images._read_bytes

    def read_bytes(path: Path) -> bytes:
        if path.name == "unreadable.jpg":
            raise ImageRefused("unreadable", "the file cannot be read (Permission denied)")
        return real_read(path)

    monkeypatch.setattr(images, "_read_bytes", read_bytes)
    rep = images.import_images(
        demo.ws, demo.login("operator3"), [folder, tmp_path / "no-such-file.jpg"]
    )
    codes = {Path(r.file).name: r.code for r in rep.refused}
    assert codes == {
        "random.jpg": "not_image",
        "corrupt.jpg": "corrupt",
        "truncated.jpg": "truncated",
        "notes.png": "not_image",
        "empty.jpg": "empty",
        "bomb.png": "bomb",
        "photo.heic": "unsupported",
        "unreadable.jpg": "unreadable",
        "locked.pdf": "pdf_encrypted",
        "huge.tif": "too_large",
        "no-such-file.jpg": "not_found",
    }
    assert all(r.reason for r in rep.refused)
    assert sorted(i.tps for i in rep.imported) == sorted([t1, t2])
    assert not rep.ok
    evs = events(demo, "image.import")
    assert len(evs) == rep.files == 13
    refused = [json.loads(e.details_json) for e in evs if e.outcome == "refused"]
    assert {d["file"]: d["code"] for d in refused} == codes
    with demo.ws.store.reading() as s:
        assert verify_chain(s).intact
    assert count(demo, FormImageRow) == 2


def test_progress_and_cancel(demo: Demo, tmp_path: Path) -> None:
    t1, t2, t3 = tps_ids(demo)
    files = [make_png(tmp_path / f"{t}.png", shade=i) for i, t in enumerate((t1, t2, t3))]
    seen: list[tuple[int, int]] = []
    rep = images.import_images(
        demo.ws,
        demo.login("operator1"),
        files,
        progress=lambda done, total: seen.append((done, total)),
        cancelled=lambda: len(seen) > 2,
    )
    assert rep.cancelled
    assert rep.files == 2
    assert seen == [(0, 3), (1, 3), (2, 3)]
    assert len(rep.imported) == 2


def test_several_images_per_tps_keep_their_order(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    op = demo.login("operator1")
    for i in range(3):
        images.import_images(demo.ws, op, [make_png(tmp_path / f"{t1}-{i}.png", shade=i)])
    got = images.tps_images(demo.ws, t1)
    assert [i.file_name for i in got] == [f"{t1}-{n}.png" for n in range(3)]
    assert [i.position for i in got] == [0, 1, 2]


# --- arranging -------------------------------------------------------------------------------------


def test_assign_unmatched_and_move_with_roles_and_audit(demo: Demo, tmp_path: Path) -> None:
    t1, t2, _ = tps_ids(demo)
    op = demo.login("operator1")
    sup = demo.login("supervisor1")
    rep = images.import_images(demo.ws, op, [make_png(tmp_path / "IMG_1.png")])
    fid = rep.unmatched[0].form_image_id
    placed = images.assign_image(demo.ws, op, fid, dotted(t1), "gubernur")
    assert (placed.tps_id, placed.contest_id) == (t1, "gubernur")
    assert images.unmatched_images(demo.ws) == []
    with pytest.raises(PermissionDeniedError):
        images.assign_image(demo.ws, op, fid, t2)
    with pytest.raises(PermissionDeniedError):
        images.assign_image(demo.ws, demo.login("admin"), fid, t2)
    moved = images.assign_image(demo.ws, sup, fid, t2)
    assert (moved.tps_id, moved.contest_id) == (t2, None)
    assert images.tps_images(demo.ws, t1) == []
    with pytest.raises(NotFoundError):
        images.assign_image(demo.ws, sup, fid, "9999999999999")
    with pytest.raises(NotFoundError):
        images.assign_image(demo.ws, sup, fid, t1, "presiden")
    with pytest.raises(NotFoundError):
        images.assign_image(demo.ws, sup, 999_999, t1)
    back = images.assign_image(demo.ws, sup, fid, None)
    assert back.tps_id is None
    evs = [json.loads(e.details_json) for e in events(demo, "image.assign")]
    assert [(d["from"], d["to"]) for d in evs] == [
        ({"tps": None, "contest": None}, {"tps": t1, "contest": "gubernur"}),
        ({"tps": t1, "contest": "gubernur"}, {"tps": t2, "contest": None}),
        ({"tps": t2, "contest": None}, {"tps": None, "contest": None}),
    ]
    assert [e.user_name for e in events(demo, "image.assign")] == [
        "operator1",
        "supervisor1",
        "supervisor1",
    ]


def test_assign_refuses_a_second_copy_at_the_same_tps(demo: Demo, tmp_path: Path) -> None:
    t1, t2, _ = tps_ids(demo)
    data = jpeg_bytes(shade=70)
    op = demo.login("operator1")
    rep = images.import_images(
        demo.ws, op, [write(tmp_path / f"{t1}.jpg", data), write(tmp_path / f"{t2}.jpg", data)]
    )
    with pytest.raises(ConflictError):
        images.assign_image(demo.ws, demo.login("supervisor1"), rep.imported[1].form_image_id, t1)


def test_reorder(demo: Demo, tmp_path: Path) -> None:
    t1, t2, _ = tps_ids(demo)
    op = demo.login("operator2")
    files = [make_png(tmp_path / f"{t1}-{i}.png", shade=i) for i in range(3)]
    ids = [i.form_image_id for i in images.import_images(demo.ws, op, files).imported]
    images.reorder_images(demo.ws, op, t1, [ids[2], ids[0], ids[1]])
    assert [i.id for i in images.tps_images(demo.ws, t1)] == [ids[2], ids[0], ids[1]]
    # A subset keeps the places it held between them.
    images.reorder_images(demo.ws, op, t1, [ids[1], ids[2]])
    assert [i.id for i in images.tps_images(demo.ws, t1)] == [ids[1], ids[0], ids[2]]
    (ev, _) = events(demo, "image.reorder")
    assert json.loads(ev.details_json) == {"from": ids, "to": [ids[2], ids[0], ids[1]]}
    with pytest.raises(InputError):
        images.reorder_images(demo.ws, op, t2, ids)
    with pytest.raises(InputError):
        images.reorder_images(demo.ws, op, t1, [ids[0], ids[0]])


# --- reading, the demo's photos, faults ------------------------------------------------------------


def test_images_for_renders_the_demo_photo_once(demo: Demo) -> None:
    t1, _, _ = tps_ids(demo)
    local = local_contest(demo)
    (img,) = images.images_for(demo.ws, t1, local)
    assert img.imported_by == images.DEMO_USER
    assert (img.tps_id, img.contest_id, img.ext) == (t1, local, "jpg")
    with Image.open(img.path) as photo:
        photo.load()
        assert photo.size == (3000, 4000)
    assert (img.width, img.height) == (3000, 4000)
    (again,) = images.images_for(demo.ws, t1, local)
    assert again.id == img.id
    assert count(demo, FormImageRow) == 1
    # Rendering the demo's photo is not a user's import: its own action, no "image.import".
    assert events(demo, "image.import") == []
    (ev,) = events(demo, "image.demo_render")
    assert ev.user_name == images.DEMO_USER
    assert json.loads(ev.details_json)["synthetic"] is True


def test_images_for_includes_images_for_any_contest(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    local = local_contest(demo)
    op = demo.login("operator1")
    images.import_images(demo.ws, op, [make_png(tmp_path / f"{t1}-{local}.png", shade=1)])
    images.import_images(demo.ws, op, [make_png(tmp_path / f"{t1}-gubernur.png", shade=2)])
    images.import_images(demo.ws, op, [make_png(tmp_path / f"{t1}-lampiran.png", shade=3)])
    got = images.images_for(demo.ws, t1, local)  # its own image exists: nothing rendered
    assert [i.file_name for i in got] == [f"{t1}-{local}.png", f"{t1}-lampiran.png"]


@pytest.mark.sqlite_only
def test_read_only_workspace_neither_renders_nor_imports(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    op = demo.login("operator1")
    ro = Workspace(WorkspaceStore.open(demo.path, read_only=True))
    try:
        assert images.images_for(ro, t1, "gubernur") == []
        with pytest.raises(ReadOnlyWorkspaceError):
            images.import_images(ro, op, [make_png(tmp_path / f"{t1}.png")])
    finally:
        ro.close()


def test_render_pending_in_a_process_pool(demo: Demo) -> None:
    t1, t2, _ = tps_ids(demo)
    seen: list[tuple[int, int]] = []
    n = images.render_pending(
        demo.ws, [t1, dotted(t2)], workers=2, progress=lambda d, t: seen.append((d, t))
    )
    assert n == 4  # two TPS × two contests
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    assert len(images.tps_images(demo.ws, t1)) == 2
    assert images.render_pending(demo.ws, [t1, t2], workers=1) == 0


def test_missing_file_is_reported_not_fatal(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    images.import_images(demo.ws, demo.login("operator1"), [make_png(tmp_path / f"{t1}.png")])
    (img,) = images.tps_images(demo.ws, t1)
    assert images.missing_image_files(demo.ws) == []
    img.path.unlink()
    (gone,) = images.missing_image_files(demo.ws)
    assert gone.id == img.id and gone.missing
    shown = {i.id: i for i in images.images_for(demo.ws, t1, "gubernur")}
    assert shown[img.id].missing
    # Importing the same bytes again repairs the store.
    images.import_images(demo.ws, demo.login("operator1"), [tmp_path / f"{t1}.png"])
    assert images.missing_image_files(demo.ws) == []


def test_get_image_and_json(demo: Demo, tmp_path: Path) -> None:
    t1, _, _ = tps_ids(demo)
    rep = images.import_images(demo.ws, demo.login("operator1"), [make_png(tmp_path / f"{t1}.png")])
    img = images.get_image(demo.ws, rep.imported[0].form_image_id)
    assert img.to_json()["tps"] == t1
    assert json.loads(json.dumps(rep.to_json()))["imported"][0]["tps"] == t1
    with pytest.raises(NotFoundError):
        images.get_image(demo.ws, 424242)
